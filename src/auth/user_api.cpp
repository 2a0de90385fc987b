#include "auth/user_api.h"

#include <boost/json.hpp>

#include "http/context.h"

namespace guanxi::auth {
namespace {

boost::json::value optional_id(const std::optional<int64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::object user_json(const User& u, int64_t now_ms) {
  boost::json::array roles;
  for (const auto& r : u.roles) roles.push_back(boost::json::string(r));
  return {{"id", u.id},
          {"username", u.username},
          {"display_name", u.display_name},
          {"status", u.status},
          {"unit_id", optional_id(u.unit_id)},
          {"manager_id", optional_id(u.manager_id)},
          {"roles", std::move(roles)},
          {"must_change_password", u.must_change_password},
          {"second_factor_enrolled", u.second_factor_enrolled},
          {"locked", u.locked_until.has_value() && *u.locked_until > now_ms},
          {"password_changed_at", u.password_changed_at},
          {"created_at", u.created_at},
          {"updated_at", u.updated_at},
          {"version", u.version}};
}

Result<http::Response> user_response(Result<User> user, const Clock& clock, int status = 200) {
  if (!user) return fail(user.error());
  auto response = http::json_response(status, user_json(*user, clock.now_ms()));
  response.set_header("ETag", "\"" + std::to_string(user->version) + "\"");
  return response;
}

Result<user_repository::UserFilter> read_filter(const http::Request& request) {
  user_repository::UserFilter filter;
  if (auto it = request.query.find("q"); it != request.query.end()) filter.q = it->second.substr(0, 100);
  if (auto it = request.query.find("status"); it != request.query.end() && !it->second.empty()) {
    if (it->second != "active" && it->second != "disabled") return fail(Error::validation({{"status", "unknown_value"}}));
    filter.status = it->second;
  }
  auto unit = http::query_integer(request, "unit_id", 1, INT64_MAX);
  if (!unit) return fail(unit.error());
  filter.unit_id = *unit;
  auto limit = http::query_integer(request, "limit", 1, 200);
  if (!limit) return fail(limit.error());
  filter.limit = limit->value_or(50);
  auto cursor = http::query_integer(request, "cursor", 0, INT64_MAX);
  if (!cursor) return fail(cursor.error());
  filter.after_id = *cursor;
  return filter;
}

}  // namespace

void register_user_routes(http::Router& router, UserService& service, const Clock& clock) {
  router.add("GET", "/api/v1/users", {perm::user_manage, perm::role_manage},
             [&service, &clock](http::RequestContext& ctx) -> Result<http::Response> {
               auto filter = read_filter(ctx.request);
               if (!filter) return fail(filter.error());
               // One extra row tells whether there is a next page.
               const int64_t limit = filter->limit;
               filter->limit = limit + 1;
               auto users = service.list(*filter);
               boost::json::value next = nullptr;
               if (static_cast<int64_t>(users.size()) > limit) {
                 users.resize(static_cast<size_t>(limit));
                 next = std::to_string(users.back().id);
               }
               boost::json::array items;
               for (const auto& u : users) items.push_back(user_json(u, clock.now_ms()));
               return http::json_response(200, {{"items", std::move(items)}, {"next_cursor", next}});
             });

  router.add("GET", "/api/v1/users/{id}", {perm::user_manage, perm::role_manage},
             [&service, &clock](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               return user_response(service.get(*id), clock);
             });

  router.add("POST", "/api/v1/users", {perm::user_manage},
             [&service, &clock](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               http::FieldReader fields(*body);
               NewUser user;
               user.username = fields.required_string("username", 64);
               user.display_name = fields.required_string("display_name", 400);
               user.password = fields.required_string("password", 1024);
               user.unit_id = fields.optional_integer("unit_id");
               user.manager_id = fields.optional_integer("manager_id");
               user.roles = fields.optional_string_list("roles", 20).value_or(std::vector<std::string>{});
               // An account an administrator opens starts with a password only
               // the administrator knows: the user replaces it at first login.
               user.must_change_password = fields.optional_bool("must_change_password").value_or(true);
               if (auto invalid = fields.finish()) return fail(*invalid);
               return user_response(service.add(user, Actor(ctx.user(), ctx.client())), clock, 201);
             });

  router.add("PATCH", "/api/v1/users/{id}", {perm::user_manage, perm::role_manage},
             [&service, &clock](http::RequestContext& ctx) -> Result<http::Response> {
               auto patch = http::read_patch(ctx);
               if (!patch) return fail(patch.error());
               http::FieldReader fields(patch->body);
               UserChange change;
               change.display_name = fields.optional_string("display_name", 400);
               change.unit_id = fields.optional_integer("unit_id");
               if (fields.is_null("manager_id")) {
                 change.manager_id = std::optional<int64_t>{};
               } else if (auto manager = fields.optional_integer("manager_id")) {
                 change.manager_id = manager;
               }
               change.status = fields.optional_string("status", 20);
               change.roles = fields.optional_string_list("roles", 20);
               if (fields.has("username")) fields.add_error("username", "read_only");
               if (auto invalid = fields.finish()) return fail(*invalid);
               return user_response(service.update(patch->id, change, patch->version, Actor(ctx.user(), ctx.client())),
                                    clock);
             });

  router.add("POST", "/api/v1/users/{id}/reset-password", {perm::user_manage},
             [&service, &clock](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               http::FieldReader fields(*body);
               const std::string password = fields.required_string("password", 1024);
               if (auto invalid = fields.finish()) return fail(*invalid);
               return user_response(service.reset_password(*id, password, Actor(ctx.user(), ctx.client())), clock);
             });

  router.add("POST", "/api/v1/auth/password", http::Access::account_self,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               http::FieldReader fields(*body);
               const std::string current = fields.required_string("current_password", 1024);
               const std::string next = fields.required_string("new_password", 1024);
               if (auto invalid = fields.finish()) return fail(*invalid);
               auto changed = service.change_own_password(ctx.user(), current, next, ctx.client());
               if (!changed) return fail(changed.error());
               return http::no_content();
             });
}

}  // namespace guanxi::auth
