// HTTP shape of /api/v1/customers (DESIGN.md contract; docs/openapi.yaml).
#include "customers/customer_api.h"

#include <algorithm>
#include <boost/json.hpp>

#include "audit/audit_api.h"
#include "customers/sub_record.h"
#include "http/context.h"
#include "search/regions.h"

namespace guanxi::customers {
namespace {

namespace json = boost::json;
namespace perm = auth::perm;

// Filters that are plain equality on a catalogue column.
constexpr std::string_view kEqualityFilters[] = {"kind",     "status",        "grade",      "industry",
                                                 "customer_type", "source",   "nature",     "list_status",
                                                 "verification_status", "value_tier", "settlement",
                                                 "customer_class"};

void append_view_json(std::string& out, const Customer& customer, const Unmasking& unmasking,
                      const std::map<int64_t, std::string>& names) {
  CustomerView view = customer_view(unmasking);
  if (auto it = names.find(customer.owner_id()); it != names.end()) view.owner_name = it->second;
  if (auto region = customer.text("region_code")) view.region_name = search::region_full_name(*region);
  append_customer_json(out, customer, view);
}

Result<http::Response> customer_response(CustomerService& service, const http::RequestContext& ctx,
                                         Result<Customer> customer, int status = 200) {
  if (!customer) return fail(customer.error());
  auto names = service.owner_names({*customer});
  http::Response response;
  response.status = status;
  append_view_json(response.body, *customer, service.unmasking(ctx.user(), *customer), names);
  response.set_header("ETag", "\"" + std::to_string(customer->version()) + "\"");
  return response;
}



// Body (optional) and version of a POST action on one customer.
struct ActionRequest {
  int64_t id = 0;
  json::object body;
  int64_t version = 0;
};
Result<ActionRequest> read_action(const http::RequestContext& ctx) {
  ActionRequest action;
  auto id = http::path_id(ctx);
  if (!id) return fail(id.error());
  action.id = *id;
  if (!ctx.request.body.empty()) {
    auto parsed = http::parse_json_object(ctx.request);
    if (!parsed) return fail(parsed.error());
    action.body = std::move(*parsed);
  }
  auto version = http::expected_version(ctx.request, action.body);
  if (!version) return fail(version.error());
  action.version = *version;
  return action;
}

json::object history_json(const customer_repository::HistoryEntry& e, const MaskPatterns* masking) {
  auto text = [](const std::optional<std::string>& s) { return s ? json::value(*s) : json::value(nullptr); };
  json::value old_value = text(e.old_value), new_value = text(e.new_value);
  const FieldSpec* spec = e.field ? history_field_spec(*e.field) : nullptr;
  if (masking && spec && spec->sensitive) {
    if (e.old_value) old_value = masking->mask(spec->key, *e.old_value);
    if (e.new_value) new_value = masking->mask(spec->key, *e.new_value);
  }
  return {{"id", e.id},          {"at", e.at},         {"user_id", e.user_id ? json::value(*e.user_id) : nullptr},
          {"user_name", e.user_name}, {"action", e.action}, {"field", text(e.field)},
          {"old", old_value},    {"new", new_value}};
}

}  // namespace

Result<SearchRequest> read_search(const http::Request& request) {
  SearchRequest search;
  std::vector<FieldError> errors;
  auto param = [&](const std::string& name) { return http::query_text(request, name); };
  if (auto q = param("q")) search.q = q->substr(0, 200);
  for (auto key : kEqualityFilters) {
    auto value = param(std::string(key));
    if (!value) continue;
    const FieldSpec& spec = field_spec(key);
    if (spec.type == FieldType::choice && !is_choice(spec.choices, *value)) {
      errors.push_back({std::string(key), "unknown_value"});
      continue;
    }
    search.filter.equals.emplace_back(std::string(key), *value);
  }
  if (auto region = param("region_code")) {
    // 440000 (province) → "44", 440300 (city) → "4403": everything below it.
    std::string prefix = *region;
    if (prefix.size() != 6 || !search::is_valid_region(prefix)) {
      errors.push_back({"region_code", "invalid_region"});
    } else {
      while (prefix.size() > 2 && prefix.ends_with("00")) prefix.resize(prefix.size() - 2);
      search.filter.region_prefix = prefix;
    }
  }
  // CUS-6: custom.<key>=value, exact (one option code of a multiple choice).
  for (const auto& [name, value] : request.query) {
    if (!name.starts_with("custom.") || value.empty()) continue;
    const std::string key = name.substr(7);
    const bool valid_key = !key.empty() && key.size() <= 40 && std::all_of(key.begin(), key.end(), [](char ch) {
      return (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9') || ch == '_';
    });
    if (!valid_key || search.filter.custom_equals.size() >= 10) {
      errors.push_back({name, "unknown_field"});
      continue;
    }
    search.filter.custom_equals.emplace_back(key, value.substr(0, 500));
  }
  if (auto sort = param("sort")) {
    if (*sort != "updated_desc" && *sort != "created_desc" && *sort != "name" && *sort != "grade") {
      errors.push_back({"sort", "unknown_value"});
    }
    search.filter.sort = *sort;
  }
  auto owner = http::query_integer(request, "owner_id", 1, INT64_MAX);
  if (!owner) return fail(owner.error());
  search.filter.owner_id = *owner;
  auto limit = http::query_integer(request, "limit", 1, 200);
  if (!limit) return fail(limit.error());
  search.filter.limit = limit->value_or(50);
  if (auto cursor = param("cursor")) search.filter.cursor = cursor->substr(0, 1000);
  if (!errors.empty()) return fail(Error::validation(std::move(errors)));
  return search;
}

void register_customer_routes(http::Router& router, CustomerService& service) {
  router.add("GET", "/api/v1/customers", {perm::customer_read},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto search = read_search(ctx.request);
               if (!search) return fail(search.error());
               auto page = service.list(ctx.user(), *search, ctx.client());
               if (!page) return fail(page.error());
               auto names = service.owner_names(page->items);
               http::Response response;
               std::string& body = response.body;
               body.reserve(page->items.size() * 2048 + 64);
               body += "{\"items\":[";
               // SEC-3: lists are masked for everyone; a permitted role reveals one record at a time.
               const Unmasking shown_as = service.list_unmasking(ctx.user());
               for (size_t i = 0; i < page->items.size(); ++i) {
                 if (i > 0) body += ',';
                 append_view_json(body, page->items[i], shown_as, names);
               }
               body += "],\"next_cursor\":";
               if (page->next_cursor) {
                 append_json_string(body, *page->next_cursor);
               } else {
                 body += "null";
               }
               body += '}';
               return response;
             });

  router.add("POST", "/api/v1/customers", {perm::customer_create},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               auto input = read_customer_input(*body, InputMode::create);
               if (!input) return fail(input.error());
               return customer_response(service, ctx, service.create(ctx.user(), *input, ctx.client()), 201);
             });

  router.add("POST", "/api/v1/customers/verification", {perm::customer_verify},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               std::vector<int64_t> ids;
               const auto* list = body->if_contains("ids");
               std::vector<FieldError> errors;
               if (!list || !list->is_array() || list->as_array().empty() || list->as_array().size() > 500) {
                 errors.push_back({"ids", list ? "out_of_range" : "required"});
               } else {
                 for (const auto& v : list->as_array()) {
                   if (!v.is_int64() || v.as_int64() <= 0) {
                     errors.push_back({"ids", "must_be_integer"});
                     break;
                   }
                   ids.push_back(v.as_int64());
                 }
               }
               http::FieldReader fields(*body);
               const std::string status = fields.required_string("status", 20);
               if (!status.empty() && !is_choice(choices::verification_status, status)) {
                 errors.push_back({"status", "unknown_value"});
               }
               if (auto invalid = fields.finish()) return fail(*invalid);
               if (!errors.empty()) return fail(Error::validation(std::move(errors)));
               json::array items;
               for (const auto& outcome : service.set_verification_batch(ctx.user(), ids, status, ctx.client())) {
                 json::object item{{"id", outcome.id}, {"ok", !outcome.error}};
                 if (outcome.error) item["code"] = outcome.error->code;
                 items.push_back(std::move(item));
               }
               return http::json_response(200, {{"items", std::move(items)}});
             });

  router.add("GET", "/api/v1/customers/{id}", {perm::customer_read},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               return customer_response(service, ctx, service.view(ctx.user(), *id, ctx.client()));
             });

  router.add("POST", "/api/v1/customers/{id}/reveal", {perm::customer_sensitive_read},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               auto reason = read_reason(*body);
               if (!reason) return fail(reason.error());
               return customer_response(service, ctx, service.reveal(ctx.user(), *id, *reason, ctx.client()));
             });

  router.add("GET", "/api/v1/customers/{id}/access-log", {perm::customer_access_log_read},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto query = audit::read_access_query(ctx.request);
               if (!query) return fail(query.error());
               auto entries = service.access_history(ctx.user(), *id, *query);
               if (!entries) return fail(entries.error());
               return http::json_response(200, audit::access_page_json(std::move(*entries), query->limit - 1));
             });

  router.add("PATCH", "/api/v1/customers/{id}", {perm::customer_update},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto patch = http::read_patch(ctx);
               if (!patch) return fail(patch.error());
               auto input = read_customer_input(patch->body, InputMode::update);
               if (!input) return fail(input.error());
               return customer_response(service, ctx,
                                        service.update(ctx.user(), patch->id, *input, patch->version, ctx.client()));
             });

  router.add("GET", "/api/v1/customers/{id}/history", {perm::customer_read},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto limit = http::query_integer(ctx.request, "limit", 1, 200);
               if (!limit) return fail(limit.error());
               auto cursor = http::query_integer(ctx.request, "cursor", 1, INT64_MAX);
               if (!cursor) return fail(cursor.error());
               const int64_t n = limit->value_or(50);
               auto entries = service.history(ctx.user(), *id, *cursor, n + 1, ctx.client());
               if (!entries) return fail(entries.error());
               json::value next = nullptr;
               if (static_cast<int64_t>(entries->size()) > n) {
                 entries->resize(static_cast<size_t>(n));
                 next = std::to_string(entries->back().id);
               }
               auto customer = service.get(ctx.user(), *id);
               if (!customer) return fail(customer.error());
               const Unmasking unmasking = service.unmasking(ctx.user(), *customer);
               json::array items;
               for (const auto& e : *entries) items.push_back(history_json(e, unmasking.masking()));
               return http::json_response(200, {{"items", std::move(items)}, {"next_cursor", next}});
             });

  router.add("POST", "/api/v1/customers/{id}/deregister", {perm::customer_delete},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto action = read_action(ctx);
               if (!action) return fail(action.error());
               auto reason = read_reason(action->body);
               if (!reason) return fail(reason.error());
               return customer_response(
                   service, ctx, service.deregister(ctx.user(), action->id, *reason, action->version, ctx.client()));
             });

  router.add("POST", "/api/v1/customers/{id}/restore", {perm::customer_delete},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto action = read_action(ctx);
               if (!action) return fail(action.error());
               return customer_response(service, ctx,
                                        service.restore(ctx.user(), action->id, action->version, ctx.client()));
             });

  router.add("POST", "/api/v1/customers/{id}/verification", {perm::customer_verify},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               http::FieldReader fields(*body);
               const std::string status = fields.required_string("status", 20);
               if (auto invalid = fields.finish()) return fail(*invalid);
               if (!is_choice(choices::verification_status, status)) {
                 return fail(Error::validation({{"status", "unknown_value"}}));
               }
               return customer_response(service, ctx, service.set_verification(ctx.user(), *id, status, ctx.client()));
             });

  router.add("POST", "/api/v1/customers/{id}/list-status", {perm::customer_verify},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto action = read_action(ctx);
               if (!action) return fail(action.error());
               http::FieldReader fields(action->body);
               const std::string list_status = fields.required_string("list_status", 10);
               const std::string reason = fields.optional_string("reason", 1500).value_or("");
               if (auto invalid = fields.finish()) return fail(*invalid);
               std::vector<FieldError> errors;
               if (!is_choice(choices::list_status, list_status)) errors.push_back({"list_status", "unknown_value"});
               // CUS-21: putting a customer on a list needs a reason; taking it off does not.
               if (list_status != "none" && reason.empty()) errors.push_back({"reason", "required"});
               if (utf8_length(reason) > 500) errors.push_back({"reason", "too_long"});
               if (!errors.empty()) return fail(Error::validation(std::move(errors)));
               return customer_response(service, ctx,
                                        service.set_list_status(ctx.user(), action->id, list_status, reason,
                                                                action->version, ctx.client()));
             });

  router.add("POST", "/api/v1/customers/{id}/replace", {perm::customer_update},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               auto reason = read_reason(*body);
               if (!reason) return fail(reason.error());
               body->erase("reason");
               for (const auto& [key, value] : *body) {
                 auto index = field_index(key);
                 if (key != "identity_override" && (!index || !customer_fields()[*index].identity)) {
                   return fail(Error::validation({{std::string(key), "unknown_field"}}));
                 }
               }
               auto input = read_customer_input(*body, InputMode::update);
               if (!input) return fail(input.error());
               return customer_response(service, ctx, service.replace(ctx.user(), *id, *input, *reason, ctx.client()),
                                        201);
             });
}

}  // namespace guanxi::customers
