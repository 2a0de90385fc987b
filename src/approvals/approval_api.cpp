#include "approvals/approval_api.h"

#include <boost/json.hpp>

#include "auth/permissions.h"
#include "http/context.h"

namespace guanxi::approvals {
namespace json = boost::json;
using Selector = approval_repository::ListFilter::Selector;
namespace {

json::value optional_ms(const std::optional<int64_t>& ms) { return ms ? json::value(*ms) : json::value(nullptr); }

std::string role_name(const std::string& key, const std::string& stored, Locale locale) {
  if (const auto* builtin = auth::find_builtin_role(key)) {
    return locale == Locale::en ? builtin->en_name : builtin->zh_name;
  }
  return stored.empty() ? key : stored;
}

json::object flow_step_json(const FlowStep& step) {
  return {{"name", step.name},
          {"approver", step.approver},
          {"role_key", step.role_key.empty() ? json::value(nullptr) : json::value(step.role_key)},
          {"user_id", step.user_id ? json::value(*step.user_id) : json::value(nullptr)},
          {"days", step.days}};
}

json::object request_json(const RequestView& view, Locale locale, const ApprovalService& service) {
  const ApprovalRequest& r = view.request;
  const ApprovalType* type = service.find_type(r.type);
  json::array steps;
  for (size_t i = 0; i < r.steps.size(); ++i) {
    json::object step = flow_step_json(r.steps[i]);
    step["approver_name"] = view.approver_is_role[i] ? role_name(r.steps[i].role_key, view.approver_names[i], locale)
                                                     : view.approver_names[i];
    step["state"] = r.steps[i].state;
    step["due_on"] = r.steps[i].due_on.empty() ? json::value(nullptr) : json::value(r.steps[i].due_on);
    steps.push_back(std::move(step));
  }
  const RequestStep* current = r.status == "pending" ? r.current() : nullptr;
  json::object out{
      {"id", r.id},
      {"type", r.type},
      {"type_name", type ? (locale == Locale::en ? type->en_name : type->zh_name) : r.type},
      {"target", r.target},
      {"title", r.title},
      {"payload", r.payload},
      {"status", r.status},
      {"round", r.round},
      {"current_step", current ? json::value(*r.current_step) : json::value(nullptr)},
      {"steps", std::move(steps)},
      {"due_on", current && !current->due_on.empty() ? json::value(current->due_on) : json::value(nullptr)},
      {"overdue", view.overdue},
      {"requester", {{"id", r.requester_id}, {"name", view.requester_name}}},
      {"can_decide", view.can_decide},
      {"can_withdraw", view.can_withdraw},
      {"can_resubmit", view.can_resubmit},
      {"version", r.version},
      {"created_at", r.created_at},
      {"updated_at", r.updated_at},
      {"decided_at", optional_ms(r.decided_at)},
  };
  if (view.history) {
    json::array history;
    for (const auto& a : *view.history) {
      history.push_back({{"round", a.round},
                         {"step", a.step ? json::value(*a.step) : json::value(nullptr)},
                         {"step_name", a.step ? json::value(a.step_name) : json::value(nullptr)},
                         {"action", a.action},
                         {"actor", {{"id", a.actor_id}, {"name", a.actor_name}}},
                         {"comment", a.comment},
                         {"at", a.at}});
    }
    out["history"] = std::move(history);
  }
  return out;
}

Result<http::Response> request_response(Result<RequestView> view, const http::RequestContext& ctx,
                                        const ApprovalService& service, int status = 200) {
  if (!view) return fail(view.error());
  auto response = http::json_response(status, request_json(*view, ctx.locale, service));
  response.set_header("ETag", "\"" + std::to_string(view->request.version) + "\"");
  return response;
}

json::object flow_json(const FlowView& flow, Locale locale) {
  json::array steps;
  for (const auto& step : flow.steps) steps.push_back(flow_step_json(step));
  return {{"type", flow.type->key},
          {"name", locale == Locale::en ? flow.type->en_name : flow.type->zh_name},
          {"submittable", flow.type->submittable},
          {"steps", std::move(steps)},
          {"customized", flow.customized},
          {"version", flow.version},
          {"updated_at", optional_ms(flow.updated_at)}};
}

// The version an action expects: If-Match, else "version" in the body, else none (any).
Result<std::optional<int64_t>> optional_version(const http::Request& request, const json::object& body) {
  const bool given = !request.header("if-match").empty() || body.contains("version");
  if (!given) return std::optional<int64_t>{};
  auto version = http::expected_version(request, body);
  if (!version) return fail(version.error());
  return std::optional<int64_t>{*version};
}

// {"comment"?, "version"?}: the body of approve and reject; an empty body is allowed.
struct ActionBody {
  json::object body;
  std::string comment;
  std::optional<int64_t> version;
};
Result<ActionBody> read_action(const http::RequestContext& ctx, std::initializer_list<std::string_view> allowed) {
  ActionBody action;
  if (!ctx.request.body.empty()) {
    auto body = http::parse_json_object(ctx.request);
    if (!body) return fail(body.error());
    action.body = std::move(*body);
  }
  http::FieldReader reader(action.body);
  for (const auto& [member, value] : action.body) {
    if (member != "version" && std::find(allowed.begin(), allowed.end(), member) == allowed.end()) {
      reader.add_error(std::string(member), "unknown_field");
    }
  }
  if (std::find(allowed.begin(), allowed.end(), "comment") != allowed.end()) {
    action.comment = reader.optional_string("comment", 10'000).value_or("");
  }
  if (auto error = reader.finish()) return fail(*error);
  auto version = optional_version(ctx.request, action.body);
  if (!version) return fail(version.error());
  action.version = *version;
  return action;
}

Result<FlowStep> read_flow_step(const json::value& value, size_t index, std::vector<FieldError>& errors) {
  const std::string at = "steps[" + std::to_string(index) + "].";
  FlowStep step;
  const auto* object = value.if_object();
  if (!object) {
    errors.push_back({at.substr(0, at.size() - 1), "must_be_object"});
    return step;
  }
  for (const auto& [member, v] : *object) {
    if (member == "name" || member == "approver" || member == "role_key" || member == "user_id" || member == "days") {
      continue;
    }
    errors.push_back({at + std::string(member), "unknown_field"});
  }
  auto text = [&](const char* key) {
    const auto* v = object->if_contains(key);
    if (v && !v->is_string() && !v->is_null()) errors.push_back({at + key, "must_be_string"});
    return v && v->is_string() ? std::string(v->as_string()) : std::string();
  };
  step.name = text("name");
  step.approver = text("approver");
  if (step.approver.empty()) errors.push_back({at + "approver", "required"});
  step.role_key = text("role_key");
  if (const auto* v = object->if_contains("user_id"); v && !v->is_null()) {
    if (v->is_int64()) step.user_id = v->as_int64();
    else errors.push_back({at + "user_id", "must_be_integer"});
  }
  if (const auto* v = object->if_contains("days"); v && !v->is_null()) {
    if (v->is_int64() && v->as_int64() >= 0 && v->as_int64() <= 60) step.days = static_cast<int>(v->as_int64());
    else errors.push_back({at + "days", v->is_int64() ? "out_of_range" : "must_be_integer"});
  }
  return step;
}

}  // namespace

void register_approval_routes(http::Router& router, ApprovalService& service) {
  router.add("GET", "/api/v1/approvals", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               std::vector<FieldError> errors;
               std::optional<Selector> selector;
               int given = 0;
               for (auto [name, value] : {std::pair{"assigned_to", Selector::assigned_to},
                                          std::pair{"requested_by", Selector::requested_by},
                                          std::pair{"decided_by", Selector::decided_by}}) {
                 auto text = http::query_text(ctx.request, name);
                 if (!text) continue;
                 ++given;
                 if (*text != "me") errors.push_back({name, "unknown_value"});
                 selector = value;
               }
               if (given == 0) errors.push_back({"assigned_to", "required"});
               if (given > 1) errors.push_back({"assigned_to", "conflicting_parameters"});
               ListQuery query{selector.value_or(Selector::requested_by)};
               if (auto status = http::query_text(ctx.request, "status")) {
                 if (*status != "pending" && *status != "approved" && *status != "rejected" && *status != "withdrawn") {
                   errors.push_back({"status", "unknown_value"});
                 }
                 query.status = *status;
               }
               auto limit = http::query_integer(ctx.request, "limit", 1, 100);
               if (!limit) errors.push_back(limit.error().errors.front());
               auto cursor = http::query_integer(ctx.request, "cursor", 1, INT64_MAX);
               if (!cursor) errors.push_back({"cursor", "invalid_format"});
               if (!errors.empty()) return fail(Error::validation(std::move(errors)));
               query.limit = limit->value_or(20);
               query.before_id = *cursor;
               auto page = service.list(ctx.user(), query);
               json::array items;
               for (const auto& view : page.items) items.push_back(request_json(view, ctx.locale, service));
               return http::json_response(
                   200, {{"items", std::move(items)},
                         {"next_cursor", page.next_before_id ? json::value(std::to_string(*page.next_before_id))
                                                             : json::value(nullptr)}});
             });

  router.add("GET", "/api/v1/approvals/count", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto [waiting, overdue] = service.count(ctx.user());
               return http::json_response(200, {{"assigned_to_me", waiting}, {"overdue", overdue}});
             });

  router.add("POST", "/api/v1/approvals", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               http::FieldReader reader(*body);
               for (const auto& [member, value] : *body) {
                 if (member != "type" && member != "title" && member != "payload") {
                   reader.add_error(std::string(member), "unknown_field");
                 }
               }
               const std::string type = reader.required_string("type", 64);
               const std::string title = reader.required_string("title", 10'000);
               json::object payload;
               if (const auto* p = body->if_contains("payload")) {
                 if (p->is_object()) payload = p->as_object();
                 else reader.add_error("payload", "must_be_object");
               }
               if (auto error = reader.finish()) return fail(*error);
               return request_response(service.submit(ctx.user(), type, title, std::move(payload), ctx.client()), ctx,
                                       service, 201);
             });

  router.add("GET", "/api/v1/approvals/{id}", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               return request_response(service.get(ctx.user(), *id), ctx, service);
             });

  for (auto [path, decision] : {std::pair{"/api/v1/approvals/{id}/approve", &ApprovalService::approve},
                                 std::pair{"/api/v1/approvals/{id}/reject", &ApprovalService::reject}}) {
    router.add("POST", path, http::Access::signed_in,
               [&service, decision](http::RequestContext& ctx) -> Result<http::Response> {
                 auto id = http::path_id(ctx);
                 if (!id) return fail(id.error());
                 auto action = read_action(ctx, {"comment"});
                 if (!action) return fail(action.error());
                 return request_response(
                     (service.*decision)(ctx.user(), *id, std::move(action->comment), action->version, ctx.client()),
                     ctx, service);
               });
  }

  router.add("POST", "/api/v1/approvals/{id}/withdraw", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto action = read_action(ctx, {});
               if (!action) return fail(action.error());
               return request_response(service.withdraw(ctx.user(), *id, action->version, ctx.client()), ctx, service);
             });

  router.add("POST", "/api/v1/approvals/{id}/resubmit", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto action = read_action(ctx, {"title", "payload"});
               if (!action) return fail(action.error());
               http::FieldReader reader(action->body);
               auto title = reader.optional_string("title", 10'000);
               std::optional<json::object> payload;
               if (const auto* p = action->body.if_contains("payload")) {
                 if (p->is_object()) payload = p->as_object();
                 else reader.add_error("payload", "must_be_object");
               }
               if (auto error = reader.finish()) return fail(*error);
               return request_response(service.resubmit(ctx.user(), *id, std::move(title), std::move(payload),
                                                        action->version, ctx.client()),
                                       ctx, service);
             });

  router.add("GET", "/api/v1/approval-flows", {auth::perm::approval_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               json::array items;
               for (const auto& flow : service.flows()) items.push_back(flow_json(flow, ctx.locale));
               return http::json_response(200, {{"items", std::move(items)}});
             });

  router.add("PUT", "/api/v1/approval-flows/{type}", {auth::perm::approval_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               const std::string type = ctx.request.path_params.at("type");
               if (!service.find_type(type)) return fail(Error::not_found());
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               auto version = http::expected_version(ctx.request, *body);
               if (!version) return fail(version.error());
               std::vector<FieldError> errors;
               for (const auto& [member, value] : *body) {
                 if (member != "steps" && member != "version") errors.push_back({std::string(member), "unknown_field"});
               }
               std::vector<FlowStep> steps;
               const auto* list = body->if_contains("steps");
               if (!list) errors.push_back({"steps", "required"});
               else if (!list->is_array()) errors.push_back({"steps", "must_be_array"});
               else if (list->as_array().empty() || list->as_array().size() > 10) errors.push_back({"steps", "out_of_range"});
               else {
                 for (size_t i = 0; i < list->as_array().size(); ++i) {
                   steps.push_back(*read_flow_step(list->as_array()[i], i, errors));
                 }
               }
               // Steps that could be read are checked further by the service, which
               // names every bad field in one answer.
               if (steps.empty() && !errors.empty()) return fail(Error::validation(std::move(errors)));
               auto flow = service.set_flow(ctx.user(), type, std::move(steps), *version, ctx.client(), std::move(errors));
               if (!flow) return fail(flow.error());
               auto response = http::json_response(200, flow_json(*flow, ctx.locale));
               response.set_header("ETag", "\"" + std::to_string(flow->version) + "\"");
               return response;
             });
}

json::object approval_request_json(const RequestView& view, Locale locale, const ApprovalService& service) {
  return request_json(view, locale, service);
}

}  // namespace guanxi::approvals
