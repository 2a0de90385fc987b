#pragma once
// The approval engine (issue 5 point 1, ADR 0016): requests of registered
// types go through ordered steps, each decided by a role, a named user or the
// requester's manager, with deadlines in working days. Other modules submit
// requests inside their own transaction and get their effect run in the
// transaction of the final approval.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "approvals/approval.h"
#include "approvals/approval_repository.h"
#include "audit/audit_log.h"
#include "auth/access_service.h"
#include "auth/role_service.h"
#include "auth/user_service.h"
#include "calendar/calendar_service.h"
#include "core/clock.h"

namespace guanxi::approvals {

// A request as one user sees it.
struct RequestView {
  ApprovalRequest request;
  std::string requester_name;
  std::vector<std::string> approver_names;  // per step: a user's display name, or a role's key for the API to name
  std::vector<bool> approver_is_role;
  bool can_decide = false;
  bool can_withdraw = false;
  bool can_resubmit = false;
  bool overdue = false;
  std::optional<std::vector<ApprovalAction>> history;
};

struct RequestPage {
  std::vector<RequestView> items;
  std::optional<int64_t> next_before_id;
};

struct FlowView {
  const ApprovalType* type = nullptr;
  std::vector<FlowStep> steps;
  bool customized = false;
  int64_t version = 1;
  std::optional<int64_t> updated_at;
};

struct ListQuery {
  approval_repository::ListFilter::Selector selector;
  std::optional<std::string> status;
  std::optional<int64_t> before_id;
  int64_t limit = 20;
};

class ApprovalService {
 public:
  ApprovalService(db::Database& database, const Clock& clock, audit::AuditLog& audit, auth::AccessService& access,
                  auth::UserService& users, auth::RoleService& roles, calendar::CalendarService& calendar);

  // At start-up, before requests: a module's kind of request.
  void register_type(ApprovalType type);
  const ApprovalType* find_type(std::string_view key) const;

  // For modules, inside their write transaction on `c`. Errors: validation_failed
  // (the type's payload check), approver_missing (422).
  Result<ApprovalRequest> submit(db::Connection& c, const auth::Principal& requester, const std::string& type,
                                 std::string target, std::string title, boost::json::object payload,
                                 const auth::ClientInfo& client);
  // POST /api/v1/approvals: only submittable types. Errors as above.
  Result<RequestView> submit(const auth::Principal& requester, const std::string& type, std::string title,
                             boost::json::object payload, const auth::ClientInfo& client);

  // Errors: not_found (absent or not visible to `actor`).
  Result<RequestView> get(const auth::Principal& actor, int64_t id);
  RequestPage list(const auth::Principal& actor, const ListQuery& query);
  // {waiting for the actor, of which overdue}.
  std::pair<int64_t, int64_t> count(const auth::Principal& actor);

  // Errors: not_found, self_approval (403), forbidden, approval_not_pending (409),
  // version_conflict (409), validation_failed (comment), and the type's on_approved errors.
  Result<RequestView> approve(const auth::Principal& actor, int64_t id, std::string comment,
                              std::optional<int64_t> expected_version, const auth::ClientInfo& client);
  Result<RequestView> reject(const auth::Principal& actor, int64_t id, std::string comment,
                             std::optional<int64_t> expected_version, const auth::ClientInfo& client);
  // The requester, while pending.
  Result<RequestView> withdraw(const auth::Principal& actor, int64_t id, std::optional<int64_t> expected_version,
                               const auth::ClientInfo& client);
  // The requester, after a rejection or withdrawal: back to the first step of the flow in force.
  Result<RequestView> resubmit(const auth::Principal& actor, int64_t id, std::optional<std::string> title,
                               std::optional<boost::json::object> payload, std::optional<int64_t> expected_version,
                               const auth::ClientInfo& client);

  std::vector<FlowView> flows();
  // Errors: not_found (unknown type), validation_failed (with `input_errors`,
  // what the caller found reading the steps, so every bad field is named at once),
  // version_conflict.
  Result<FlowView> set_flow(const auth::Principal& actor, const std::string& type, std::vector<FlowStep> steps,
                            int64_t expected_version, const auth::ClientInfo& client,
                            std::vector<FieldError> input_errors = {});

 private:
  enum class Decision { approve, reject };
  Result<RequestView> decide(const auth::Principal& actor, int64_t id, Decision decision, std::string comment,
                             std::optional<int64_t> expected_version, const auth::ClientInfo& client);
  // The request, if `actor` may see it (404 otherwise), checked against `expected_version`.
  Result<ApprovalRequest> load_visible(db::Connection& c, const auth::Principal& actor, int64_t id,
                                       std::optional<int64_t> expected_version);
  // load_visible, and only for the requester (forbidden otherwise).
  Result<ApprovalRequest> load_own(db::Connection& c, const auth::Principal& actor, int64_t id,
                                   std::optional<int64_t> expected_version);
  // Writes the changed request (version_conflict when it moved meanwhile) and records `action`.
  Result<void> store(db::Connection& c, const auth::Principal& actor, ApprovalRequest& request,
                     const std::string& action, const std::string& comment, const auth::ClientInfo& client,
                     std::optional<int> step);
  RequestView view_with_history(db::Connection& c, const auth::Principal& actor, const ApprovalRequest& request);
  bool may_decide(db::Connection& c, const auth::Principal& actor, const ApprovalRequest& request);
  approval_repository::Assignment assignment_of(db::Connection& c, const auth::Principal& actor);
  std::vector<FlowStep> flow_steps(db::Connection& c, const ApprovalType& type);
  // The flow's steps with their approvers resolved for `requester_id`; approver_missing otherwise.
  Result<std::vector<RequestStep>> resolve_steps(db::Connection& c, const ApprovalType& type, int64_t requester_id);
  void enter_step(ApprovalRequest& request, int index, const WorkCalendar& calendar);
  void record(db::Connection& c, const auth::Principal& actor, const ApprovalRequest& request, const std::string& action,
              const std::string& comment, const auth::ClientInfo& client, std::optional<int> step);
  std::vector<RequestView> views(db::Connection& c, const auth::Principal& actor, std::vector<ApprovalRequest> requests);
  std::vector<FieldError> check_flow(db::Connection& c, const std::vector<FlowStep>& steps);

  db::Database& database_;
  const Clock& clock_;
  audit::AuditLog& audit_;
  auth::AccessService& access_;
  auth::UserService& users_;
  auth::RoleService& roles_;
  calendar::CalendarService& calendar_;
  std::map<std::string, ApprovalType, std::less<>> types_;
};

// 通用审批: a free-form request with a title and a text, decided by the requester's manager by default.
ApprovalType general_request_type();

}  // namespace guanxi::approvals
