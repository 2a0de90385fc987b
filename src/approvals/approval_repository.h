#pragma once
// SQL of the approval engine: requests, their actions, and the flows.
#include <optional>
#include <string>
#include <vector>

#include "approvals/approval.h"
#include "db/database.h"
#include "db/migrations.h"

namespace guanxi::approvals::approval_repository {

std::string steps_json(const std::vector<RequestStep>& steps);
std::vector<RequestStep> parse_steps(const std::string& json);
std::string flow_steps_json(const std::vector<FlowStep>& steps);
std::vector<FlowStep> parse_flow_steps(const std::string& json);

int64_t insert(db::Connection& c, const ApprovalRequest& request);
std::optional<ApprovalRequest> find(db::Connection& c, int64_t id);
// Writes everything but id and created_at, version + 1, only if the stored
// version is still `request.version`; false when it moved on.
bool update(db::Connection& c, const ApprovalRequest& request);

void add_action(db::Connection& c, const ApprovalAction& action);
std::vector<ApprovalAction> actions(db::Connection& c, int64_t request_id);
bool has_acted(db::Connection& c, int64_t request_id, int64_t user_id);

// The requests whose current step a user may decide: named for it, or a role
// step of one of `roles` from a requester in `requesters` (all when unset).
struct Assignment {
  int64_t user_id = 0;
  std::vector<std::string> roles;
  bool all_requesters = false;
  std::vector<int64_t> requesters;
};

struct ListFilter {
  enum class Selector { assigned_to, requested_by, decided_by } selector = Selector::requested_by;
  Assignment assignment;  // assigned_to; requested_by and decided_by use assignment.user_id
  std::optional<std::string> status;
  std::optional<int64_t> before_id;  // keyset cursor
  int64_t limit = 20;
};
std::vector<ApprovalRequest> list(db::Connection& c, const ListFilter& filter);
// Pending requests assigned as above: {all, with a due date before `today`}.
std::pair<int64_t, int64_t> count_assigned(db::Connection& c, const Assignment& assignment, const std::string& today);

struct StoredFlow {
  std::vector<FlowStep> steps;
  int64_t version = 1;
  int64_t updated_at = 0;
};
std::optional<StoredFlow> find_flow(db::Connection& c, const std::string& type);
// Inserts (expected_version 1, the version of a flow never saved) or updates
// the flow if its version is still `expected_version`; false otherwise.
bool save_flow(db::Connection& c, const std::string& type, const std::vector<FlowStep>& steps, int64_t expected_version,
               int64_t now, int64_t user_id);

std::vector<db::Migration> migrations();

}  // namespace guanxi::approvals::approval_repository
