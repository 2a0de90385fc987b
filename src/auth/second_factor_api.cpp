#include "auth/second_factor_api.h"

#include <boost/json.hpp>

#include "http/context.h"

namespace guanxi::auth {
namespace {

Result<http::Response> codes_response(Result<std::vector<std::string>> codes) {
  if (!codes) return fail(codes.error());
  boost::json::array items;
  for (const auto& code : *codes) items.push_back(boost::json::string(code));
  auto response = http::json_response(200, {{"recovery_codes", std::move(items)}});
  response.set_header("Cache-Control", "no-store");
  return response;
}

// The `code` of a request body, or the error to answer with.
Result<std::string> read_code(http::RequestContext& ctx) {
  auto body = http::parse_json_object(ctx.request);
  if (!body) return fail(body.error());
  http::FieldReader fields(*body);
  std::string code = fields.required_string("code", 20);
  if (auto invalid = fields.finish()) return fail(*invalid);
  return code;
}

}  // namespace

void register_second_factor_routes(http::Router& router, SecondFactorService& service) {
  router.add("GET", "/api/v1/auth/totp", http::Access::account_self,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               const auto status = service.status(ctx.user());
               return http::json_response(
                   200, {{"enrolled", status.enrolled},
                         {"required", status.required},
                         {"confirmed_at", status.confirmed_at ? boost::json::value(*status.confirmed_at)
                                                              : boost::json::value(nullptr)},
                         {"recovery_codes_left", status.recovery_codes_left}});
             });

  router.add("POST", "/api/v1/auth/totp/enrol", http::Access::account_self,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto enrolment = service.enrol(ctx.user(), ctx.client());
               if (!enrolment) return fail(enrolment.error());
               auto response =
                   http::json_response(200, {{"secret", enrolment->secret}, {"uri", enrolment->uri}});
               response.set_header("Cache-Control", "no-store");
               return response;
             });

  router.add("POST", "/api/v1/auth/totp/confirm", http::Access::account_self,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto code = read_code(ctx);
               if (!code) return fail(code.error());
               return codes_response(service.confirm(ctx.user(), *code, ctx.client()));
             });

  router.add("POST", "/api/v1/auth/totp/recovery-codes", http::Access::account_self,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto code = read_code(ctx);
               if (!code) return fail(code.error());
               return codes_response(service.renew_recovery_codes(ctx.user(), *code, ctx.client()));
             });

  router.add("POST", "/api/v1/auth/totp/disable", http::Access::account_self,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               http::FieldReader fields(*body);
               const std::string password = fields.required_string("password", 1024);
               const std::string code = fields.required_string("code", 20);
               if (auto invalid = fields.finish()) return fail(*invalid);
               auto done = service.disable(ctx.user(), password, code, ctx.client());
               if (!done) return fail(done.error());
               return http::no_content();
             });
}

}  // namespace guanxi::auth
