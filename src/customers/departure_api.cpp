// POST /api/v1/users/{id}/depart (DESIGN.md contract; docs/openapi.yaml):
// routed by the customer module, which owns the hand-over.
#include <boost/json.hpp>

#include "auth/permissions.h"
#include "customers/customer_api.h"
#include "http/context.h"

namespace guanxi::customers {

void register_departure_routes(http::Router& router, DepartureService& service) {
  router.add("POST", "/api/v1/users/{id}/depart", {auth::perm::user_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               std::optional<int64_t> successor;
               if (const auto* v = body->if_contains("successor_id"); v && !v->is_null()) {
                 if (!v->is_int64() || v->as_int64() <= 0) {
                   return fail(Error::validation({{"successor_id", "must_be_integer"}}));
                 }
                 successor = v->as_int64();
               }
               for (const auto& [key, value] : *body) {
                 if (key != "successor_id") return fail(Error::validation({{std::string(key), "unknown_field"}}));
               }
               auto result = service.depart(auth::Actor(ctx.user(), ctx.client()), *id, successor);
               if (!result) return fail(result.error());
               return http::json_response(200, {{"user_id", result->user.id},
                                                {"username", result->user.username},
                                                {"status", "disabled"},
                                                {"successor_id", result->successor_id},
                                                {"customers_handed_over", result->customers_handed_over},
                                                {"reminders_handed_over", result->reminders_handed_over},
                                                {"sessions_ended", result->sessions_ended},
                                                {"tokens_revoked", result->tokens_revoked}});
             });
}

}  // namespace guanxi::customers
