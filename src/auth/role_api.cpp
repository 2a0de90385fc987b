#include "auth/role_api.h"

#include <boost/json.hpp>

#include "http/context.h"

namespace guanxi::auth {
namespace {

boost::json::object field_rules_json(const FieldRuleMap& rules) {
  boost::json::object out;
  for (const auto& [field, access] : rules) out[field] = field_access_name(access);
  return out;
}

// ADR 0015: {"field": "hidden" | "read" | "write"}, the whole map; "write" is the default.
std::optional<FieldRuleMap> read_field_rules(const boost::json::object& body, http::FieldReader& fields) {
  const auto* value = body.if_contains("field_rules");
  if (!value) return std::nullopt;
  FieldRuleMap rules;
  if (!value->is_object() || value->as_object().size() > 500) {
    fields.add_error("field_rules", "must_be_object");
    return rules;
  }
  for (const auto& [field, access] : value->as_object()) {
    const std::string name = "field_rules." + std::string(field);
    auto parsed = access.is_string() ? parse_field_access(access.as_string()) : std::nullopt;
    if (field.empty() || field.size() > 80) {
      fields.add_error(name.substr(0, 100), "unknown_field");
    } else if (!parsed) {
      fields.add_error(name, "unknown_value");
    } else {
      rules.emplace(std::string(field), *parsed);
    }
  }
  return rules;
}

boost::json::object role_json(const Role& role) {
  boost::json::array permissions;
  for (const auto& p : role.permissions) permissions.push_back(boost::json::string(p));
  boost::json::object o{{"id", role.id},
                        {"key", role.key},
                        {"name", role.name},
                        {"data_scope", scope_name(role.scope)},
                        {"builtin", role.builtin},
                        {"permissions", std::move(permissions)},
                        {"holders", role.holders},
                        {"require_second_factor", role.require_second_factor},
                        {"field_rules", field_rules_json(role.field_rules)},
                        {"version", role.version}};
  if (const auto* def = find_builtin_role(role.key); def && role.builtin) o["name_en"] = def->en_name;
  return o;
}

Result<RoleInput> read_role(const boost::json::object& body, http::FieldReader& fields) {
  RoleInput input;
  input.key = fields.optional_string("key", 40);
  input.name = fields.optional_string("name", 400);
  if (auto scope = fields.optional_string("data_scope", 20)) {
    input.scope = parse_scope(*scope);
    if (!input.scope) fields.add_error("data_scope", "unknown_value");
  }
  input.permissions = fields.optional_string_list("permissions", 200);
  input.require_second_factor = fields.optional_bool("require_second_factor");
  input.field_rules = read_field_rules(body, fields);
  if (auto invalid = fields.finish()) return fail(*invalid);
  return input;
}

Result<http::Response> role_response(Result<Role> role, int status = 200) {
  if (!role) return fail(role.error());
  auto response = http::json_response(status, role_json(*role));
  response.set_header("ETag", "\"" + std::to_string(role->version) + "\"");
  return response;
}

}  // namespace

void register_role_routes(http::Router& router, RoleService& service) {
  router.add("GET", "/api/v1/permissions", {perm::role_manage},
             [&service](http::RequestContext&) -> Result<http::Response> {
               boost::json::array items;
               for (const auto& p : permission_catalogue()) {
                 items.push_back({{"key", p.key}, {"name", p.zh_name}, {"name_en", p.en_name}});
               }
               boost::json::array scopes;
               for (auto s : {DataScope::own, DataScope::unit, DataScope::unit_tree, DataScope::segment, DataScope::all}) {
                 scopes.push_back(boost::json::string(scope_name(s)));
               }
               // ADR 0015: the fields a role may hide or make read-only.
               boost::json::array fields;
               for (const auto& f : service.rulable_fields()) {
                 boost::json::object field{{"key", f.key}, {"server_set", f.server_set}};
                 if (!f.label.empty()) field["label"] = f.label;
                 fields.push_back(std::move(field));
               }
               return http::json_response(
                   200, {{"items", std::move(items)}, {"data_scopes", std::move(scopes)}, {"fields", std::move(fields)}});
             });

  router.add("GET", "/api/v1/roles", {perm::role_manage, perm::user_manage},
             [&service](http::RequestContext&) -> Result<http::Response> {
               boost::json::array items;
               for (const auto& role : service.list()) items.push_back(role_json(role));
               return http::json_response(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
             });

  router.add("POST", "/api/v1/roles", {perm::role_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               http::FieldReader fields(*body);
               auto input = read_role(*body, fields);
               if (!input) return fail(input.error());
               return role_response(service.create(ctx.user(), *input, ctx.client()), 201);
             });

  router.add("PATCH", "/api/v1/roles/{id}", {perm::role_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto patch = http::read_patch(ctx);
               if (!patch) return fail(patch.error());
               http::FieldReader fields(patch->body);
               auto input = read_role(patch->body, fields);
               if (!input) return fail(input.error());
               if (input->key) return fail(Error::validation({{"key", "read_only"}}));
               return role_response(service.update(ctx.user(), patch->id, *input, patch->version, ctx.client()));
             });

  router.add("DELETE", "/api/v1/roles/{id}", {perm::role_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto removed = service.remove(ctx.user(), *id, ctx.client());
               if (!removed) return fail(removed.error());
               return http::no_content();
             });
}

}  // namespace guanxi::auth
