#include "auth/role_service.h"

#include <algorithm>
#include <boost/json.hpp>

#include "auth/role_repository.h"
#include "auth/user_repository.h"

namespace guanxi::auth {
namespace {

bool valid_role_key(const std::string& key) {
  if (key.size() < 2 || key.size() > 40 || !std::islower(static_cast<unsigned char>(key.front()))) return false;
  return std::all_of(key.begin(), key.end(), [](unsigned char c) { return std::islower(c) || std::isdigit(c) || c == '_'; });
}

std::vector<std::string> sorted_unique(std::vector<std::string> v) {
  std::sort(v.begin(), v.end());
  v.erase(std::unique(v.begin(), v.end()), v.end());
  return v;
}

std::string role_detail(const Role& role) {
  boost::json::array permissions;
  for (const auto& p : role.permissions) permissions.push_back(boost::json::string(p));
  boost::json::object field_rules;
  for (const auto& [field, access] : role.field_rules) field_rules[field] = field_access_name(access);
  return boost::json::serialize(boost::json::object{{"key", role.key},
                                                    {"name", role.name},
                                                    {"data_scope", scope_name(role.scope)},
                                                    {"permissions", std::move(permissions)},
                                                    {"require_second_factor", role.require_second_factor},
                                                    {"field_rules", std::move(field_rules)}});
}

FieldRuleMap without_defaults(FieldRuleMap rules) {
  std::erase_if(rules, [](const auto& rule) { return rule.second == FieldAccess::write; });
  return rules;
}

}  // namespace

void RoleService::sync_builtin_roles() {
  auto c = database_.acquire();
  auto differs = [&](const BuiltinRole& def) {
    auto stored = role_repository::find_by_key(*c, def.key);
    return !stored || !stored->builtin || stored->scope != def.scope ||
           stored->permissions != sorted_unique(def.permissions) || stored->name != def.zh_name;
  };
  if (std::none_of(builtin_roles().begin(), builtin_roles().end(), differs)) return;
  db::Transaction tx(*c, true);
  const int64_t now = clock_.now_ms();
  for (const auto& def : builtin_roles()) {
    if (!differs(def)) continue;
    Role role{0, def.key, def.zh_name, def.scope, true, sorted_unique(def.permissions), 1, 0};
    if (auto stored = role_repository::find_by_key(*c, def.key)) {
      role.id = stored->id;
      role.require_second_factor = stored->require_second_factor;  // the administrator's choices stay
      role.field_rules = stored->field_rules;
      role_repository::update(*c, role, stored->version, now);
      c->query("UPDATE roles SET builtin = 1 WHERE id = ?", {stored->id});
      role_repository::replace_permissions(*c, role.key, role.permissions);
    } else {
      role_repository::insert(*c, role, now);
    }
    audit_.record(*c, {std::nullopt, "system", "role.builtin_synced", "role:" + role.key, "", "", role_detail(role)});
  }
  tx.commit();
}

std::vector<Role> RoleService::list() {
  auto c = database_.acquire();
  return role_repository::list(*c);
}

std::map<std::string, std::string> RoleService::names(db::Connection& c) {
  std::map<std::string, std::string> out;
  for (const auto& role : role_repository::list(c)) out[role.key] = role.name;
  return out;
}

std::optional<Error> RoleService::check_permissions(const std::vector<std::string>& permissions) const {
  for (const auto& p : permissions) {
    if (!is_known_permission(p)) return Error::validation({{"permissions", "unknown_value"}});
  }
  if (strict_duty_separation_ && admin_duties_of(permissions).size() > 1) return Error::make(409, "duty_conflict");
  return std::nullopt;
}

std::optional<Error> RoleService::check_field_rules(const FieldRuleMap& rules) const {
  if (rules.empty()) return std::nullopt;
  const auto known = rulable_fields();
  std::vector<FieldError> errors;
  for (const auto& [field, access] : rules) {
    auto it = std::find_if(known.begin(), known.end(), [&](const RulableField& f) { return f.key == field; });
    if (it == known.end()) {
      errors.push_back({"field_rules." + field, "unknown_field"});
    } else if (it->server_set && access == FieldAccess::read) {
      errors.push_back({"field_rules." + field, "unknown_value"});  // users never write it anyway
    }
  }
  if (errors.empty()) return std::nullopt;
  return Error::validation(std::move(errors));
}

std::optional<Error> RoleService::check_assignable(db::Connection& c, const std::vector<std::string>& role_keys) const {
  for (const auto& key : role_keys) {
    if (!role_repository::find_by_key(c, key)) return Error::validation({{"roles", "unknown_value"}});
  }
  if (strict_duty_separation_ && admin_duties_of(role_repository::permissions_of_roles(c, role_keys)).size() > 1) {
    return Error::make(409, "duty_conflict");
  }
  return std::nullopt;
}

Result<Role> RoleService::create(const Principal& actor, const RoleInput& input, const ClientInfo& client) {
  std::vector<FieldError> errors;
  if (!input.key) errors.push_back({"key", "required"});
  else if (!valid_role_key(*input.key)) errors.push_back({"key", "invalid_format"});
  if (!input.name || input.name->empty()) errors.push_back({"name", "required"});
  else if (input.name->size() > 300) errors.push_back({"name", "too_long"});
  if (!input.scope) errors.push_back({"data_scope", "required"});
  if (!errors.empty()) return fail(Error::validation(std::move(errors)));
  Role role;
  role.key = *input.key;
  role.name = *input.name;
  role.scope = *input.scope;
  role.permissions = sorted_unique(input.permissions.value_or(std::vector<std::string>{}));
  role.require_second_factor = input.require_second_factor.value_or(false);
  role.field_rules = without_defaults(input.field_rules.value_or(FieldRuleMap{}));
  if (auto invalid = check_permissions(role.permissions)) return fail(*invalid);
  if (auto invalid = check_field_rules(role.field_rules)) return fail(*invalid);  // before taking a connection
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  try {
    role.id = role_repository::insert(*c, role, clock_.now_ms());
  } catch (const db::UniqueViolation&) {
    return fail(Error::make(409, "duplicate_role", {role.key}));
  }
  audit_.record(*c, {actor.user_id, actor.username, "role.created", "role:" + role.key, client.ip, client.user_agent,
                     role_detail(role)});
  auto created = *role_repository::find(*c, role.id);
  tx.commit();
  return created;
}

Result<Role> RoleService::update(const Principal& actor, int64_t id, const RoleInput& input, int64_t expected_version,
                                 const ClientInfo& client) {
  // The field list comes from another module's reads: taken before this transaction.
  if (input.field_rules) {
    if (auto invalid = check_field_rules(without_defaults(*input.field_rules))) return fail(*invalid);
  }
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto current = role_repository::find(*c, id);
  if (!current) return fail(Error::not_found());
  // A built-in role's permissions are the binary's; whether it needs a second
  // factor (ADR 0013) and which fields it sees (ADR 0015) are the organization's policy.
  if (current->builtin && (input.name || input.scope || input.permissions)) {
    return fail(Error::make(409, "builtin_role"));
  }
  if (current->version != expected_version) return fail(Error::make(409, "version_conflict"));
  Role next = *current;
  if (input.require_second_factor) next.require_second_factor = *input.require_second_factor;
  if (input.name) next.name = *input.name;
  if (input.scope) next.scope = *input.scope;
  if (input.permissions) next.permissions = sorted_unique(*input.permissions);
  if (input.field_rules) next.field_rules = without_defaults(*input.field_rules);
  if (next.name.empty() || next.name.size() > 300) return fail(Error::validation({{"name", "invalid_format"}}));
  if (auto invalid = check_permissions(next.permissions)) return fail(*invalid);
  if (!role_repository::update(*c, next, expected_version, clock_.now_ms())) {
    return fail(Error::make(409, "version_conflict"));
  }
  role_repository::replace_permissions(*c, next.key, next.permissions);
  if (input.field_rules) role_repository::replace_field_rules(*c, next.key, next.field_rules);
  boost::json::object detail{{"before", boost::json::parse(role_detail(*current))},
                             {"after", boost::json::parse(role_detail(next))}};
  audit_.record(*c, {actor.user_id, actor.username, "role.updated", "role:" + next.key, client.ip, client.user_agent,
                     boost::json::serialize(detail)});
  auto updated = *role_repository::find(*c, id);
  tx.commit();
  return updated;
}

Result<void> RoleService::remove(const Principal& actor, int64_t id, const ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto role = role_repository::find(*c, id);
  if (!role) return fail(Error::not_found());
  if (role->builtin) return fail(Error::make(409, "builtin_role"));
  if (role->holders > 0) return fail(Error::make(409, "role_in_use", {std::to_string(role->holders)}));
  role_repository::remove(*c, role->key);
  audit_.record(*c, {actor.user_id, actor.username, "role.deleted", "role:" + role->key, client.ip, client.user_agent,
                     role_detail(*role)});
  tx.commit();
  return {};
}

}  // namespace guanxi::auth
