#pragma once
// The records of the approval engine (issue 5 point 1, ADR 0016).
#include <boost/json/object.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "db/database.h"

namespace guanxi::approvals {

// One step of a flow as an administrator defines it.
struct FlowStep {
  std::string name;
  std::string approver;  // "role" | "user" | "manager"
  std::string role_key;  // approver "role"
  std::optional<int64_t> user_id;  // approver "user"; in a request also the resolved manager
  int days = 0;  // deadline in working days; 0 = none
};

// A step inside a request: its approver resolved when submitted, and where it stands.
struct RequestStep : FlowStep {
  std::string state = "waiting";  // waiting | pending | approved | rejected | withdrawn
  std::string due_on;             // YYYY-MM-DD once reached with a deadline
};

struct ApprovalRequest {
  int64_t id = 0;
  std::string type;
  std::string target;  // what it is about ("customer:42"); empty for a general request
  std::string title;
  boost::json::object payload;
  int64_t requester_id = 0;
  std::string status = "pending";  // pending | approved | rejected | withdrawn
  int round = 1;
  std::optional<int> current_step;
  std::vector<RequestStep> steps;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  std::optional<int64_t> decided_at;

  const RequestStep* current() const { return current_step ? &steps.at(static_cast<size_t>(*current_step)) : nullptr; }
};

struct ApprovalAction {
  int64_t request_id = 0;
  int round = 1;
  std::optional<int> step;
  std::string step_name;
  std::string action;  // submitted | approved | rejected | withdrawn | resubmitted
  int64_t actor_id = 0;
  std::string actor_name;
  std::string comment;
  int64_t at = 0;
};

// A kind of request, registered by the module that owns its effect.
struct ApprovalType {
  std::string key;
  std::string zh_name;
  std::string en_name;
  std::vector<FlowStep> default_steps;
  bool submittable = false;  // users may submit it directly (POST /api/v1/approvals)
  // The payload a submission or resubmission carries; nullopt when it is acceptable.
  std::function<std::optional<Error>(const boost::json::object& payload)> check_payload;
  // Runs in the transaction of the last approval: an error undoes the approval.
  std::function<Result<void>(db::Connection& c, const ApprovalRequest& request)> on_approved;
  // Runs in the transaction of a rejection or withdrawal.
  std::function<void(db::Connection& c, const ApprovalRequest& request)> on_closed;
};

}  // namespace guanxi::approvals
