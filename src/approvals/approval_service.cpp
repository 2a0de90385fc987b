#include "approvals/approval_service.h"

#include <boost/json.hpp>

#include <algorithm>

#include "auth/permissions.h"
#include "core/utf8.h"

namespace guanxi::approvals {
namespace repo = approval_repository;
using Selector = repo::ListFilter::Selector;

namespace {
constexpr size_t kMaxComment = 500;
constexpr size_t kMaxTitle = 100;
constexpr size_t kMaxPayloadBytes = 16 * 1024;

Error not_pending() { return Error::make(409, "approval_not_pending"); }
}  // namespace

ApprovalType general_request_type() {
  ApprovalType type;
  type.key = "general";
  type.zh_name = "通用审批";
  type.en_name = "General request";
  type.default_steps = {{"直属上级审批", "manager", "", std::nullopt, 2}};
  type.submittable = true;
  type.check_payload = [](const boost::json::object& payload) -> std::optional<Error> {
    std::vector<FieldError> errors;
    for (const auto& [member, value] : payload) {
      if (member != "content") errors.push_back({"payload." + std::string(member), "unknown_field"});
    }
    const auto* content = payload.if_contains("content");
    if (!content || !content->is_string() || content->as_string().empty()) {
      errors.push_back({"payload.content", "required"});
    } else if (utf8_length(content->as_string()) > 2000) {
      errors.push_back({"payload.content", "too_long"});
    }
    if (errors.empty()) return std::nullopt;
    return Error::validation(std::move(errors));
  };
  return type;
}

ApprovalService::ApprovalService(db::Database& database, const Clock& clock, audit::AuditLog& audit,
                                 auth::AccessService& access, auth::UserService& users, auth::RoleService& roles,
                                 calendar::CalendarService& calendar)
    : database_(database),
      clock_(clock),
      audit_(audit),
      access_(access),
      users_(users),
      roles_(roles),
      calendar_(calendar) {
  register_type(general_request_type());
}

void ApprovalService::register_type(ApprovalType type) {
  std::string key = type.key;
  types_.insert_or_assign(std::move(key), std::move(type));
}

const ApprovalType* ApprovalService::find_type(std::string_view key) const {
  auto it = types_.find(key);
  return it == types_.end() ? nullptr : &it->second;
}

std::vector<FlowStep> ApprovalService::flow_steps(db::Connection& c, const ApprovalType& type) {
  if (auto stored = repo::find_flow(c, type.key)) return stored->steps;
  return type.default_steps;
}

Result<std::vector<RequestStep>> ApprovalService::resolve_steps(db::Connection& c, const ApprovalType& type,
                                                                int64_t requester_id) {
  std::vector<RequestStep> steps;
  const auto requester = users_.find(c, requester_id);
  for (const auto& flow_step : flow_steps(c, type)) {
    RequestStep step;
    static_cast<FlowStep&>(step) = flow_step;
    if (step.approver == "manager") {
      // Never let a step pass by itself: without a manager there is nobody to ask.
      std::optional<auth::User> manager;
      if (requester && requester->manager_id) manager = users_.find(c, *requester->manager_id);
      if (!manager || manager->status != "active") return fail(Error::make(422, "approver_missing", {step.name}));
      step.user_id = manager->id;
    } else if (step.approver == "user") {
      const auto user = step.user_id ? users_.find(c, *step.user_id) : std::nullopt;
      if (!user || user->status != "active") return fail(Error::make(422, "approver_missing", {step.name}));
    }
    steps.push_back(std::move(step));
  }
  return steps;
}

void ApprovalService::enter_step(ApprovalRequest& request, int index, const WorkCalendar& calendar) {
  request.current_step = index;
  RequestStep& step = request.steps.at(static_cast<size_t>(index));
  step.state = "pending";
  // COL-3 style deadlines: counted in working days from the day the step is reached.
  step.due_on = step.days > 0
                    ? format_iso_date(calendar.add_working_days(business_day(clock_.now_ms()), step.days))
                    : std::string();
}

void ApprovalService::record(db::Connection& c, const auth::Principal& actor, const ApprovalRequest& request,
                             const std::string& action, const std::string& comment, const auth::ClientInfo& client,
                             std::optional<int> step) {
  const std::string step_name = step ? request.steps.at(static_cast<size_t>(*step)).name : std::string();
  repo::add_action(c, {request.id, request.round, step, step_name, action, actor.user_id, actor.display_name, comment,
                       clock_.now_ms()});
  boost::json::object detail{{"type", request.type}, {"round", request.round}, {"status", request.status}};
  if (!request.target.empty()) detail["target"] = request.target;
  if (step) detail["step"] = step_name;
  if (!comment.empty()) detail["comment"] = comment;
  audit_.record(c, {actor.user_id, actor.username, "approval." + action, "approval:" + std::to_string(request.id),
                    client.ip, client.user_agent, boost::json::serialize(detail)});
}

Result<ApprovalRequest> ApprovalService::submit(db::Connection& c, const auth::Principal& requester,
                                                const std::string& type_key, std::string target, std::string title,
                                                boost::json::object payload, const auth::ClientInfo& client) {
  const ApprovalType* type = find_type(type_key);
  if (!type) return fail(Error::validation({{"type", "unknown_value"}}));
  std::vector<FieldError> errors;
  if (title.empty()) errors.push_back({"title", "required"});
  else if (utf8_length(title) > kMaxTitle) errors.push_back({"title", "too_long"});
  if (boost::json::serialize(payload).size() > kMaxPayloadBytes) errors.push_back({"payload", "too_long"});
  if (!errors.empty()) return fail(Error::validation(std::move(errors)));
  if (type->check_payload) {
    if (auto error = type->check_payload(payload)) return fail(*error);
  }
  auto steps = resolve_steps(c, *type, requester.user_id);
  if (!steps) return fail(steps.error());
  ApprovalRequest request;
  request.type = type->key;
  request.target = std::move(target);
  request.title = std::move(title);
  request.payload = std::move(payload);
  request.requester_id = requester.user_id;
  request.steps = std::move(*steps);
  request.created_at = request.updated_at = clock_.now_ms();
  enter_step(request, 0, *calendar_.current(c));
  request.id = repo::insert(c, request);
  record(c, requester, request, "submitted", "", client, std::nullopt);
  return request;
}

Result<RequestView> ApprovalService::submit(const auth::Principal& requester, const std::string& type_key,
                                            std::string title, boost::json::object payload,
                                            const auth::ClientInfo& client) {
  const ApprovalType* type = find_type(type_key);
  if (!type) return fail(Error::validation({{"type", "unknown_value"}}));
  if (!type->submittable) return fail(Error::validation({{"type", "not_submittable"}}));
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto request = submit(*c, requester, type_key, "", std::move(title), std::move(payload), client);
  if (!request) return fail(request.error());
  auto view = view_with_history(*c, requester, *request);
  tx.commit();
  return view;
}

repo::Assignment ApprovalService::assignment_of(db::Connection& c, const auth::Principal& actor) {
  repo::Assignment a;
  a.user_id = actor.user_id;
  if (!actor.can(auth::perm::approval_decide)) return a;
  const auto scope = access_.owner_scope(c, actor, auth::perm::approval_decide);
  a.roles = actor.roles;
  a.all_requesters = scope.all;
  a.requesters = scope.owner_ids;
  return a;
}

bool ApprovalService::may_decide(db::Connection& c, const auth::Principal& actor, const ApprovalRequest& request) {
  const RequestStep* step = request.status == "pending" ? request.current() : nullptr;
  if (!step || actor.user_id == request.requester_id) return false;
  if (step->approver != "role") return step->user_id == actor.user_id;
  if (std::find(actor.roles.begin(), actor.roles.end(), step->role_key) == actor.roles.end()) return false;
  if (!actor.can(auth::perm::approval_decide)) return false;
  return access_.owner_scope(c, actor, auth::perm::approval_decide).covers(request.requester_id);
}

Result<ApprovalRequest> ApprovalService::load_visible(db::Connection& c, const auth::Principal& actor, int64_t id,
                                                      std::optional<int64_t> expected_version) {
  auto request = repo::find(c, id);
  if (!request) return fail(Error::not_found());
  // ADR 0016: the requester, whoever acted on it, and whoever may decide it now.
  const bool visible = request->requester_id == actor.user_id || repo::has_acted(c, id, actor.user_id) ||
                       may_decide(c, actor, *request);
  if (!visible) return fail(Error::not_found());
  if (expected_version && *expected_version != request->version) return fail(Error::make(409, "version_conflict"));
  return *request;
}

std::vector<RequestView> ApprovalService::views(db::Connection& c, const auth::Principal& actor,
                                                std::vector<ApprovalRequest> requests) {
  std::vector<int64_t> user_ids;
  bool any_role = false;
  for (const auto& r : requests) {
    user_ids.push_back(r.requester_id);
    for (const auto& step : r.steps) {
      if (step.user_id) user_ids.push_back(*step.user_id);
      any_role = any_role || step.approver == "role";
    }
  }
  const auto names = users_.display_names(c, user_ids);
  const auto role_names = any_role ? roles_.names(c) : std::map<std::string, std::string>{};
  auto name_of = [&](const auto& map, const auto& key) {
    auto it = map.find(key);
    return it == map.end() ? std::string() : it->second;
  };
  const std::string today = format_iso_date(business_day(clock_.now_ms()));
  std::vector<RequestView> out;
  for (auto& r : requests) {
    RequestView view;
    view.requester_name = name_of(names, r.requester_id);
    for (const auto& step : r.steps) {
      const bool role = step.approver == "role";
      view.approver_is_role.push_back(role);
      view.approver_names.push_back(role ? name_of(role_names, step.role_key)
                                         : (step.user_id ? name_of(names, *step.user_id) : std::string()));
    }
    const bool own = r.requester_id == actor.user_id;
    view.can_decide = may_decide(c, actor, r);
    view.can_withdraw = own && r.status == "pending";
    view.can_resubmit = own && (r.status == "rejected" || r.status == "withdrawn");
    const RequestStep* step = r.status == "pending" ? r.current() : nullptr;
    view.overdue = step && !step->due_on.empty() && step->due_on < today;
    view.request = std::move(r);
    out.push_back(std::move(view));
  }
  return out;
}

Result<RequestView> ApprovalService::get(const auth::Principal& actor, int64_t id) {
  auto c = database_.acquire();
  auto request = load_visible(*c, actor, id, std::nullopt);
  if (!request) return fail(request.error());
  return view_with_history(*c, actor, *request);
}

RequestPage ApprovalService::list(const auth::Principal& actor, const ListQuery& query) {
  auto c = database_.acquire();
  repo::ListFilter filter;
  filter.selector = query.selector;
  filter.assignment = query.selector == Selector::assigned_to ? assignment_of(*c, actor) : repo::Assignment{actor.user_id};
  filter.status = query.status;
  filter.before_id = query.before_id;
  filter.limit = query.limit + 1;
  auto rows = repo::list(*c, filter);
  RequestPage page;
  if (static_cast<int64_t>(rows.size()) > query.limit) {
    rows.resize(static_cast<size_t>(query.limit));
    page.next_before_id = rows.back().id;
  }
  page.items = views(*c, actor, std::move(rows));
  return page;
}

std::pair<int64_t, int64_t> ApprovalService::count(const auth::Principal& actor) {
  auto c = database_.acquire();
  return repo::count_assigned(*c, assignment_of(*c, actor), format_iso_date(business_day(clock_.now_ms())));
}

Result<RequestView> ApprovalService::approve(const auth::Principal& actor, int64_t id, std::string comment,
                                             std::optional<int64_t> expected_version, const auth::ClientInfo& client) {
  return decide(actor, id, Decision::approve, std::move(comment), expected_version, client);
}

Result<RequestView> ApprovalService::reject(const auth::Principal& actor, int64_t id, std::string comment,
                                            std::optional<int64_t> expected_version, const auth::ClientInfo& client) {
  return decide(actor, id, Decision::reject, std::move(comment), expected_version, client);
}

Result<RequestView> ApprovalService::decide(const auth::Principal& actor, int64_t id, Decision decision,
                                            std::string comment, std::optional<int64_t> expected_version,
                                            const auth::ClientInfo& client) {
  if (utf8_length(comment) > kMaxComment) return fail(Error::validation({{"comment", "too_long"}}));
  if (decision == Decision::reject && comment.empty()) return fail(Error::validation({{"comment", "required"}}));
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto loaded = load_visible(*c, actor, id, expected_version);
  if (!loaded) return fail(loaded.error());
  ApprovalRequest request = std::move(*loaded);
  if (request.status != "pending") return fail(not_pending());
  if (actor.user_id == request.requester_id) return fail(Error::make(403, "self_approval"));
  if (!may_decide(*c, actor, request)) return fail(Error::forbidden());
  const ApprovalType* type = find_type(request.type);
  const int step = *request.current_step;
  const ApprovalRequest before = request;
  const int64_t now = clock_.now_ms();
  request.updated_at = now;
  if (decision == Decision::approve) {
    request.steps.at(static_cast<size_t>(step)).state = "approved";
    if (step + 1 < static_cast<int>(request.steps.size())) {
      enter_step(request, step + 1, *calendar_.current(*c));
    } else {
      request.status = "approved";
      request.current_step.reset();
      request.decided_at = now;
    }
  } else {
    request.steps.at(static_cast<size_t>(step)).state = "rejected";
    request.status = "rejected";
    request.current_step.reset();
    request.decided_at = now;
  }
  if (auto stored = store(*c, actor, request, decision == Decision::approve ? "approved" : "rejected", comment, client,
                         step);
      !stored) {
    return fail(stored.error());
  }
  if (type && request.status == "approved" && type->on_approved) {
    auto applied = type->on_approved(*c, request);
    if (!applied) return fail(applied.error());  // the transaction rolls back: still pending
  }
  if (type && request.status == "rejected" && type->on_closed) type->on_closed(*c, request);
  auto view = view_with_history(*c, actor, request);
  tx.commit();
  return view;
}

Result<ApprovalRequest> ApprovalService::load_own(db::Connection& c, const auth::Principal& actor, int64_t id,
                                                  std::optional<int64_t> expected_version) {
  auto request = load_visible(c, actor, id, expected_version);
  if (request && request->requester_id != actor.user_id) return fail(Error::forbidden());
  return request;
}

Result<void> ApprovalService::store(db::Connection& c, const auth::Principal& actor, ApprovalRequest& request,
                                    const std::string& action, const std::string& comment,
                                    const auth::ClientInfo& client, std::optional<int> step) {
  if (!repo::update(c, request)) return fail(Error::make(409, "version_conflict"));
  ++request.version;
  record(c, actor, request, action, comment, client, step);
  return {};
}

RequestView ApprovalService::view_with_history(db::Connection& c, const auth::Principal& actor,
                                               const ApprovalRequest& request) {
  auto view = std::move(views(c, actor, {request}).front());
  view.history = repo::actions(c, request.id);
  return view;
}

Result<RequestView> ApprovalService::withdraw(const auth::Principal& actor, int64_t id,
                                              std::optional<int64_t> expected_version, const auth::ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto loaded = load_own(*c, actor, id, expected_version);
  if (!loaded) return fail(loaded.error());
  ApprovalRequest request = std::move(*loaded);
  if (request.status != "pending") return fail(not_pending());
  const int step = *request.current_step;
  request.steps.at(static_cast<size_t>(step)).state = "withdrawn";
  request.status = "withdrawn";
  request.current_step.reset();
  request.updated_at = clock_.now_ms();
  request.decided_at = request.updated_at;
  if (auto stored = store(*c, actor, request, "withdrawn", "", client, step); !stored) return fail(stored.error());
  if (const ApprovalType* type = find_type(request.type); type && type->on_closed) type->on_closed(*c, request);
  auto view = view_with_history(*c, actor, request);
  tx.commit();
  return view;
}

Result<RequestView> ApprovalService::resubmit(const auth::Principal& actor, int64_t id, std::optional<std::string> title,
                                              std::optional<boost::json::object> payload,
                                              std::optional<int64_t> expected_version,
                                              const auth::ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto loaded = load_own(*c, actor, id, expected_version);
  if (!loaded) return fail(loaded.error());
  ApprovalRequest request = std::move(*loaded);
  if (request.status != "rejected" && request.status != "withdrawn") return fail(not_pending());
  const ApprovalType* type = find_type(request.type);
  if (!type) return fail(not_pending());  // a type no longer registered cannot run again
  if (title) {
    if (title->empty()) return fail(Error::validation({{"title", "required"}}));
    if (utf8_length(*title) > kMaxTitle) return fail(Error::validation({{"title", "too_long"}}));
    request.title = std::move(*title);
  }
  if (payload) {
    if (boost::json::serialize(*payload).size() > kMaxPayloadBytes) {
      return fail(Error::validation({{"payload", "too_long"}}));
    }
    request.payload = std::move(*payload);
  }
  if (type->check_payload) {
    if (auto error = type->check_payload(request.payload)) return fail(*error);
  }
  auto steps = resolve_steps(*c, *type, request.requester_id);
  if (!steps) return fail(steps.error());
  request.steps = std::move(*steps);
  request.status = "pending";
  ++request.round;
  request.decided_at.reset();
  request.updated_at = clock_.now_ms();
  enter_step(request, 0, *calendar_.current(*c));
  if (auto stored = store(*c, actor, request, "resubmitted", "", client, std::nullopt); !stored) {
    return fail(stored.error());
  }
  auto view = view_with_history(*c, actor, request);
  tx.commit();
  return view;
}

std::vector<FlowView> ApprovalService::flows() {
  auto c = database_.acquire();
  std::vector<FlowView> out;
  for (const auto& [key, type] : types_) {
    FlowView view{&type, type.default_steps};
    if (auto stored = repo::find_flow(*c, key)) {
      view.steps = stored->steps;
      view.customized = true;
      view.version = stored->version;
      view.updated_at = stored->updated_at;
    }
    out.push_back(std::move(view));
  }
  return out;
}

std::vector<FieldError> ApprovalService::check_flow(db::Connection& c, const std::vector<FlowStep>& steps) {
  std::vector<FieldError> errors;
  if (steps.empty() || steps.size() > 10) errors.push_back({"steps", "out_of_range"});
  const auto role_names = roles_.names(c);
  for (size_t i = 0; i < steps.size(); ++i) {
    const FlowStep& step = steps[i];
    const std::string at = "steps[" + std::to_string(i) + "].";
    if (step.name.empty()) errors.push_back({at + "name", "required"});
    else if (utf8_length(step.name) > 30) errors.push_back({at + "name", "too_long"});
    if (step.days < 0 || step.days > 60) errors.push_back({at + "days", "out_of_range"});
    if (step.approver == "role") {
      if (step.role_key.empty()) errors.push_back({at + "role_key", "required"});
      else if (!role_names.contains(step.role_key)) errors.push_back({at + "role_key", "unknown_value"});
    } else if (step.approver == "user") {
      if (!step.user_id) {
        errors.push_back({at + "user_id", "required"});
      } else {
        auto user = users_.find(c, *step.user_id);
        if (!user || user->status != "active") errors.push_back({at + "user_id", "unknown_value"});
      }
    } else if (step.approver != "manager") {
      errors.push_back({at + "approver", "unknown_value"});
    }
  }
  return errors;
}

Result<FlowView> ApprovalService::set_flow(const auth::Principal& actor, const std::string& type_key,
                                           std::vector<FlowStep> steps, int64_t expected_version,
                                           const auth::ClientInfo& client, std::vector<FieldError> input_errors) {
  const ApprovalType* type = find_type(type_key);
  if (!type) return fail(Error::not_found());
  for (auto& step : steps) {
    // Only what the approver kind uses is kept, so a stored flow never carries a stray approver.
    if (step.approver != "role") step.role_key.clear();
    if (step.approver != "user") step.user_id.reset();
  }
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  for (auto& error : check_flow(*c, steps)) {
    const bool known = std::any_of(input_errors.begin(), input_errors.end(),
                                   [&](const FieldError& e) { return error.field.starts_with(e.field); });
    if (!known) input_errors.push_back(std::move(error));
  }
  if (!input_errors.empty()) return fail(Error::validation(std::move(input_errors)));
  const auto before = repo::find_flow(*c, type_key);
  const int64_t now = clock_.now_ms();
  if (!repo::save_flow(*c, type_key, steps, expected_version, now, actor.user_id)) {
    return fail(Error::make(409, "version_conflict"));
  }
  audit_.record(*c, {actor.user_id, actor.username, "settings.approval_flow_changed", "approval_flow:" + type_key,
                     client.ip, client.user_agent,
                     boost::json::serialize(boost::json::object{
                         {"before", boost::json::parse(repo::flow_steps_json(before ? before->steps : type->default_steps))},
                         {"after", boost::json::parse(repo::flow_steps_json(steps))}})});
  const auto stored = repo::find_flow(*c, type_key);
  tx.commit();
  return FlowView{type, stored->steps, true, stored->version, stored->updated_at};
}

}  // namespace guanxi::approvals
