#include "auth/account_api.h"

#include <boost/json.hpp>

#include "auth/permissions.h"
#include "http/context.h"

namespace guanxi::auth {
namespace {

boost::json::value optional_ms(const std::optional<int64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::object token_json(const ApiToken& t) {
  boost::json::array permissions;
  for (const auto& p : t.permissions) permissions.push_back(boost::json::string(p));
  return {{"id", t.id},
          {"name", t.name},
          {"prefix", t.prefix},
          {"permissions", std::move(permissions)},
          {"created_at", t.created_at},
          {"expires_at", t.expires_at},
          {"last_used_at", optional_ms(t.last_used_at)},
          {"revoked_at", optional_ms(t.revoked_at)}};
}

Result<http::Response> done(Result<void> result) {
  if (!result) return fail(result.error());
  return http::no_content();
}

http::Response sessions_response(const std::vector<SessionInfo>& sessions, int64_t current_session_id) {
  boost::json::array items;
  for (const auto& s : sessions) {
    items.push_back({{"id", s.id},
                     {"created_at", s.created_at},
                     {"last_seen_at", s.last_seen_at},
                     {"expires_at", s.expires_at},
                     {"ip", s.ip},
                     {"user_agent", s.user_agent},
                     {"current", s.id == current_session_id}});
  }
  return http::json_response(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
}

http::Response tokens_response(const std::vector<ApiToken>& tokens) {
  boost::json::array items;
  for (const auto& t : tokens) items.push_back(token_json(t));
  return http::json_response(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
}

}  // namespace

void register_account_routes(http::Router& router, AccountService& service) {
  // Seeing and ending one's own sessions and tokens stays open while a password
  // change or a second-factor enrolment is pending; creating a token does not.
  router.add("GET", "/api/v1/auth/sessions", http::Access::account_self,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               return sessions_response(service.sessions(ctx.user()), ctx.user().session_id);
             });

  router.add("DELETE", "/api/v1/auth/sessions/{id}", http::Access::account_self,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               return done(service.end_session(ctx.user(), *id, ctx.client()));
             });

  router.add("GET", "/api/v1/auth/tokens", http::Access::account_self,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               return tokens_response(service.tokens(ctx.user()));
             });

  router.add("POST", "/api/v1/auth/tokens", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               http::FieldReader fields(*body);
               NewApiToken input;
               input.name = fields.required_string("name", 300);
               input.permissions = fields.optional_string_list("permissions", 50).value_or(std::vector<std::string>{});
               input.expires_in_days = fields.optional_integer("expires_in_days").value_or(90);
               if (auto invalid = fields.finish()) return fail(*invalid);
               auto issued = service.create_token(ctx.user(), input, ctx.client());
               if (!issued) return fail(issued.error());
               auto body_json = token_json(issued->stored);
               body_json["token"] = issued->token;
               auto response = http::json_response(201, body_json);
               response.set_header("Cache-Control", "no-store");
               return response;
             });

  router.add("DELETE", "/api/v1/auth/tokens/{id}", http::Access::account_self,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               return done(service.revoke_token(ctx.user(), *id, ctx.client()));
             });

  // An administrator looking after another user's access (issue 4 point 7).
  router.add("GET", "/api/v1/users/{id}/sessions", {perm::user_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto sessions = service.sessions_of(Actor(ctx.user(), ctx.client()), *id);
               if (!sessions) return fail(sessions.error());
               return sessions_response(*sessions, ctx.user().session_id);
             });

  router.add("DELETE", "/api/v1/users/{id}/sessions/{session_id}", {perm::user_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto session = http::path_id(ctx, "session_id");
               if (!session) return fail(session.error());
               return done(service.end_session_of(Actor(ctx.user(), ctx.client()), *id, *session));
             });

  router.add("GET", "/api/v1/users/{id}/tokens", {perm::user_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto tokens = service.tokens_of(Actor(ctx.user(), ctx.client()), *id);
               if (!tokens) return fail(tokens.error());
               return tokens_response(*tokens);
             });

  router.add("DELETE", "/api/v1/users/{id}/totp", {perm::user_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               return done(service.reset_second_factor_of(Actor(ctx.user(), ctx.client()), *id));
             });

  router.add("DELETE", "/api/v1/users/{id}/tokens/{token_id}", {perm::user_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto token = http::path_id(ctx, "token_id");
               if (!token) return fail(token.error());
               return done(service.revoke_token_of(Actor(ctx.user(), ctx.client()), *id, *token));
             });
}

}  // namespace guanxi::auth
