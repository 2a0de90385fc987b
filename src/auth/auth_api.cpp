#include "auth/auth_api.h"

#include <boost/json.hpp>

#include "http/context.h"

namespace guanxi::auth {
namespace {

boost::json::object user_json(const Principal& p) {
  boost::json::array roles;
  for (const auto& r : p.roles) roles.push_back(boost::json::string(r));
  // The UI shows only what the user may use; the server checks again anyway.
  boost::json::object permissions;
  for (const auto& key : p.grants.permissions()) permissions[key] = scope_name(*p.grants.scope_of(key));
  boost::json::object field_rules;  // ADR 0015: forms and column choosers leave these out or read-only
  for (const auto& [field, access] : p.field_rules.rules()) field_rules[field] = field_access_name(access);
  return {{"id", p.user_id},
          {"username", p.username},
          {"display_name", p.display_name},
          {"roles", std::move(roles)},
          {"permissions", std::move(permissions)},
          {"unit_id", p.unit_id ? boost::json::value(*p.unit_id) : boost::json::value(nullptr)},
          {"must_change_password", p.must_change_password},
          {"second_factor_enrolled", p.second_factor_enrolled},
          {"second_factor_setup_required", p.second_factor_setup_required},
          {"field_rules", std::move(field_rules)}};
}

bool wants_secure_cookie(const http::Request& request, CookieSettings settings) {
  return settings.always_secure || request.header("x-forwarded-proto") == "https";
}

std::string session_cookie(const std::string& value, const http::Request& request, CookieSettings settings,
                           long max_age_seconds) {
  std::string cookie = std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Lax";
  cookie += "; Max-Age=" + std::to_string(max_age_seconds);
  if (wants_secure_cookie(request, settings)) cookie += "; Secure";
  return cookie;
}

// The answer to a finished login: the user, the CSRF token and the cookie.
http::Response signed_in(http::RequestContext& ctx, const LoginResult& result, const AuthService& service,
                         CookieSettings cookies) {
  ctx.principal = result.principal;
  auto response =
      http::json_response(200, {{"user", user_json(result.principal)}, {"csrf_token", result.principal.csrf_token}});
  response.set_header("Set-Cookie", session_cookie(result.session_token, ctx.request, cookies,
                                                   static_cast<long>(service.settings().absolute_timeout.count())));
  response.set_header("Cache-Control", "no-store");
  return response;
}

}  // namespace

void register_auth_routes(http::Router& router, AuthService& service, CookieSettings cookies) {
  router.add("POST", "/api/v1/auth/login", http::Access::public_route,
             [&service, cookies](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               http::FieldReader fields(*body);
               const std::string username = fields.required_string("username", 64);
               const std::string password = fields.required_string("password", 1024);
               if (auto invalid = fields.finish()) return fail(*invalid);
               auto result = service.login(username, password, ctx.client());
               if (!result) return fail(result.error());
               if (result->challenge) {
                 // ADR 0013: no session until the second step.
                 auto response = http::json_response(
                     200, {{"second_factor_required", true}, {"challenge", *result->challenge}});
                 response.set_header("Cache-Control", "no-store");
                 return response;
               }
               return signed_in(ctx, *result, service, cookies);
             });

  router.add("POST", "/api/v1/auth/login/totp", http::Access::public_route,
             [&service, cookies](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               http::FieldReader fields(*body);
               const std::string challenge = fields.required_string("challenge", 100);
               const std::string code = fields.optional_string("code", 20).value_or("");
               const std::string recovery_code = fields.optional_string("recovery_code", 40).value_or("");
               if (code.empty() == recovery_code.empty()) fields.add_error("code", "required");
               if (auto invalid = fields.finish()) return fail(*invalid);
               auto result = service.login_second_factor(challenge, code, recovery_code, ctx.client());
               if (!result) return fail(result.error());
               return signed_in(ctx, *result, service, cookies);
             });

  router.add("POST", "/api/v1/auth/logout", http::Access::account_self,
             [&service, cookies](http::RequestContext& ctx) -> Result<http::Response> {
               service.logout(ctx.user(), ctx.client());
               auto response = http::no_content();
               response.set_header("Set-Cookie", session_cookie("", ctx.request, cookies, 0));
               return response;
             });

  router.add("GET", "/api/v1/auth/me", http::Access::account_self,
             [](http::RequestContext& ctx) -> Result<http::Response> {
               auto response =
                   http::json_response(200, {{"user", user_json(ctx.user())}, {"csrf_token", ctx.user().csrf_token}});
               response.set_header("Cache-Control", "no-store");
               return response;
             });
}

}  // namespace guanxi::auth
