// HTTP shape of /api/v1/custom-fields (CUS-6; docs/openapi.yaml).
#include <boost/json.hpp>

#include "customers/customer_api.h"
#include "http/context.h"

namespace guanxi::customers {
namespace {

Result<http::Response> field_response(Result<CustomField> field, int status = 200) {
  if (!field) return fail(field.error());
  auto response = http::json_response(status, custom_field_json(*field));
  response.set_header("ETag", "\"" + std::to_string(field->version) + "\"");
  return response;
}

}  // namespace

void register_custom_field_routes(http::Router& router, CustomFieldService& service) {
  // Every signed-in user fills in forms and reads lists that show these fields.
  router.add("GET", "/api/v1/custom-fields", http::Access::signed_in,
             [&service](http::RequestContext&) -> Result<http::Response> {
               boost::json::array items;
               for (const auto& field : service.list()) items.push_back(custom_field_json(field));
               return http::json_response(200, {{"items", std::move(items)}});
             });

  router.add("POST", "/api/v1/custom-fields", {auth::perm::dictionary_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               return field_response(service.create(ctx.user(), *body, ctx.client()), 201);
             });

  router.add("PATCH", "/api/v1/custom-fields/{id}", {auth::perm::dictionary_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto patch = http::read_patch(ctx);
               if (!patch) return fail(patch.error());
               return field_response(service.update(ctx.user(), patch->id, patch->body, patch->version, ctx.client()));
             });
}

}  // namespace guanxi::customers
