// GET/PATCH /api/v1/settings/customer-rules (DOC-6, CUS-9): the code rule and
// the suggested-grade rules, for the settings page (settings.manage).
#include <boost/json.hpp>

#include "auth/permissions.h"
#include "customers/customer_api.h"
#include "http/context.h"

namespace guanxi::customers {
namespace {

// The fields a grade rule may test, with the operator each takes.
boost::json::array rule_fields() {
  boost::json::array out;
  for (const auto& [spec, op] : GradeRules::testable_fields()) {
    boost::json::object field{{"key", spec->key}, {"op", op}};
    if (!spec->dictionary.empty()) field["dictionary"] = spec->dictionary;
    if (!spec->choices.empty()) {
      boost::json::array choices;
      for (auto choice : spec->choices) choices.push_back(boost::json::string(choice));
      field["choices"] = std::move(choices);
    }
    out.push_back(std::move(field));
  }
  return out;
}

boost::json::object rules_json(const CustomerRules& rules) {
  return {{"code_rule", rules.code_rule.text()}, {"grade_rules", boost::json::parse(rules.grade_rules.to_json())}};
}

http::Response view_response(const CustomerRulesView& view) {
  boost::json::object body = rules_json(view.effective);
  body["code_rule_source"] = view.code_rule_stored ? "settings" : "configuration";
  body["grade_rules_source"] = view.grade_rules_stored ? "settings" : "configuration";
  body["configured"] = rules_json(view.configured);
  body["next_code"] = view.next_code;
  body["rule_fields"] = rule_fields();
  body["version"] = view.version;
  body["updated_at"] = view.updated_at ? boost::json::value(*view.updated_at) : boost::json::value(nullptr);
  body["updated_by"] = view.updated_by;
  auto response = http::json_response(200, std::move(body));
  response.set_header("ETag", "\"" + std::to_string(view.version) + "\"");
  return response;
}

}  // namespace

void register_customer_rules_routes(http::Router& router, CustomerRulesService& service) {
  router.add("GET", "/api/v1/settings/customer-rules", {auth::perm::settings_manage},
             [&service](http::RequestContext&) -> Result<http::Response> { return view_response(service.view()); });

  router.add("PATCH", "/api/v1/settings/customer-rules", {auth::perm::settings_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               auto version = http::expected_version(ctx.request, *body);
               if (!version) return fail(version.error());
               CustomerRulesChange change;
               std::vector<FieldError> errors;
               for (const auto& [key, value] : *body) {
                 if (key == "version") continue;
                 if (key == "code_rule") {
                   if (value.is_null()) change.code_rule = std::optional<std::string>();
                   else if (value.is_string()) change.code_rule = std::string(value.as_string());
                   else errors.push_back({"code_rule", "must_be_string"});
                 } else if (key == "grade_rules") {
                   if (value.is_null()) change.grade_rules_json = std::optional<std::string>();
                   else if (value.is_array() && value.as_array().size() <= 100) change.grade_rules_json = boost::json::serialize(value);
                   else errors.push_back({"grade_rules", value.is_array() ? "too_long" : "must_be_array"});
                 } else {
                   errors.push_back({std::string(key), "unknown_field"});
                 }
               }
               for (auto& e : service.validate(change)) errors.push_back(std::move(e));
               if (!errors.empty()) return fail(Error::validation(std::move(errors)));
               auto updated = service.update(ctx.user(), change, *version, ctx.client());
               if (!updated) return fail(updated.error());
               return view_response(*updated);
             });
}

}  // namespace guanxi::customers
