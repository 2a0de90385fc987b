#include "auth/preference_api.h"

#include <boost/json.hpp>

#include "http/context.h"

namespace guanxi::auth {
namespace {

Result<http::Response> preference_response(Result<Preference> preference) {
  if (!preference) return fail(preference.error());
  boost::json::value value = nullptr;
  if (preference->value_json) value = boost::json::parse(*preference->value_json);
  return http::json_response(
      200, {{"key", preference->key},
            {"value", std::move(value)},
            {"updated_at", preference->updated_at ? boost::json::value(*preference->updated_at) : nullptr}});
}

}  // namespace

void register_preference_routes(http::Router& router, PreferenceService& service) {
  router.add("GET", "/api/v1/preferences/{key}", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               return preference_response(service.get(ctx.user(), ctx.request.path_params.at("key")));
             });

  router.add("PUT", "/api/v1/preferences/{key}", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               std::vector<FieldError> errors;
               for (const auto& [member, value] : *body) {
                 if (member != "value") errors.push_back({std::string(member), "unknown_field"});
               }
               const auto* value = body->if_contains("value");
               if (!value) errors.push_back({"value", "required"});
               if (!errors.empty()) return fail(Error::validation(std::move(errors)));
               return preference_response(
                   service.put(ctx.user(), ctx.request.path_params.at("key"), boost::json::serialize(*value)));
             });
}

}  // namespace guanxi::auth
