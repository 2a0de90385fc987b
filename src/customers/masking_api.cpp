// GET/PATCH /api/v1/settings/masking (SEC-3, issue 4 point 4): the masking
// patterns, for the security administrator's page (role.manage).
#include <boost/json.hpp>

#include "auth/permissions.h"
#include "customers/customer_api.h"
#include "http/context.h"

namespace guanxi::customers {
namespace {

// Made-up values the page shows each pattern on.
std::string sample(std::string_view field) {
  if (field == "id_number") return "11010519491231002X";
  if (field == "phone") return "010-12345678";
  if (field == "mobile") return "13812341234";
  if (field == "email") return "zhang.san@example.com";
  if (field == "wechat") return "nana_oy";
  if (field == "address") return "北京市朝阳区建国路88号";
  if (field == "birthday") return "1990-05-17";
  return "6222021001123456789";  // account_number
}

boost::json::object patterns_json(const MaskPatterns& patterns) {
  boost::json::object out;
  for (auto field : MaskPatterns::fields()) {
    const MaskPattern& p = patterns.pattern(field);
    out[field] = {{"keep_start", p.keep_start},
                  {"keep_end", p.keep_end},
                  {"stars", p.stars},
                  {"sample", sample(field)},
                  {"example", patterns.mask(field, sample(field))}};
  }
  return out;
}

http::Response view_response(const MaskingView& view) {
  boost::json::object body{{"fields", patterns_json(*view.patterns)},
                           {"defaults", patterns_json(MaskPatterns::defaults())},
                           {"version", view.version},
                           {"updated_at", view.updated_at ? boost::json::value(*view.updated_at) : nullptr},
                           {"updated_by", view.updated_by}};
  auto response = http::json_response(200, std::move(body));
  response.set_header("ETag", "\"" + std::to_string(view.version) + "\"");
  return response;
}

}  // namespace

void register_masking_routes(http::Router& router, MaskingService& service) {
  router.add("GET", "/api/v1/settings/masking", {auth::perm::role_manage},
             [&service](http::RequestContext&) -> Result<http::Response> { return view_response(service.view()); });

  router.add("PATCH", "/api/v1/settings/masking", {auth::perm::role_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               auto version = http::expected_version(ctx.request, *body);
               if (!version) return fail(version.error());
               std::vector<FieldError> errors;
               for (const auto& [key, value] : *body) {
                 if (key != "version" && key != "fields") errors.push_back({std::string(key), "unknown_field"});
               }
               const auto* fields = body->if_contains("fields");
               if (!fields) errors.push_back({"fields", "required"});
               else if (!fields->is_object() && !fields->is_null()) errors.push_back({"fields", "must_be_object"});
               if (!errors.empty()) return fail(Error::validation(std::move(errors)));
               std::optional<std::string> change;
               if (fields->is_object()) change = boost::json::serialize(*fields);
               auto updated = service.update(ctx.user(), change, *version, ctx.client());
               if (!updated) return fail(updated.error());
               return view_response(*updated);
             });
}

}  // namespace guanxi::customers
