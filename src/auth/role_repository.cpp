#include "auth/role_repository.h"

#include <algorithm>

namespace guanxi::auth::role_repository {
namespace {

constexpr const char* kColumns =
    "SELECT r.id, r.role_key, r.name, r.data_scope, r.builtin, r.version,"
    " (SELECT COUNT(*) FROM user_roles ur WHERE ur.role_key = r.role_key), r.require_second_factor FROM roles r ";

std::vector<std::string> permissions_of(db::Connection& c, const std::string& key) {
  std::vector<std::string> out;
  for (const auto& r :
       c.query("SELECT permission FROM role_permissions WHERE role_key = ? ORDER BY permission", {key}).rows) {
    out.push_back(r.text(0));
  }
  return out;
}

FieldRuleMap field_rules_of(db::Connection& c, const std::string& key) {
  FieldRuleMap out;
  for (const auto& r : c.query("SELECT field, access FROM role_field_rules WHERE role_key = ?", {key}).rows) {
    if (auto access = parse_field_access(r.text(1))) out.emplace(r.text(0), *access);
  }
  return out;
}

Role from_row(db::Connection& c, const db::Row& r) {
  Role role;
  role.id = r.integer(0);
  role.key = r.text(1);
  role.name = r.text(2);
  role.scope = parse_scope(r.text(3)).value_or(DataScope::own);
  role.builtin = r.integer(4) != 0;
  role.version = r.integer(5);
  role.holders = r.integer(6);
  role.require_second_factor = r.integer(7) != 0;
  role.permissions = permissions_of(c, role.key);
  role.field_rules = field_rules_of(c, role.key);
  return role;
}

std::optional<Role> first(db::Connection& c, const db::ResultSet& rows) {
  if (rows.empty()) return std::nullopt;
  return from_row(c, rows.rows.front());
}

}  // namespace

std::vector<Role> list(db::Connection& c) {
  std::vector<Role> roles;
  for (const auto& r : c.query(std::string(kColumns) + "ORDER BY r.builtin DESC, r.id").rows) {
    roles.push_back(from_row(c, r));
  }
  return roles;
}

std::optional<Role> find(db::Connection& c, int64_t id) {
  return first(c, c.query(std::string(kColumns) + "WHERE r.id = ?", {id}));
}

std::optional<Role> find_by_key(db::Connection& c, const std::string& key) {
  return first(c, c.query(std::string(kColumns) + "WHERE r.role_key = ?", {key}));
}

int64_t insert(db::Connection& c, const Role& role, int64_t now_ms) {
  const int64_t id = c.query(
                          "INSERT INTO roles (role_key, name, data_scope, builtin, require_second_factor, created_at,"
                          " updated_at, version) VALUES (?, ?, ?, ?, ?, ?, ?, 1) RETURNING id",
                          {role.key, role.name, std::string(scope_name(role.scope)), int64_t{role.builtin},
                           int64_t{role.require_second_factor}, now_ms, now_ms})
                         .rows.front()
                         .integer(0);
  replace_permissions(c, role.key, role.permissions);
  replace_field_rules(c, role.key, role.field_rules);
  return id;
}

bool update(db::Connection& c, const Role& role, int64_t expected_version, int64_t now_ms) {
  return c.query(
              "UPDATE roles SET name = ?, data_scope = ?, require_second_factor = ?, updated_at = ?,"
              " version = version + 1 WHERE id = ? AND version = ?",
              {role.name, std::string(scope_name(role.scope)), int64_t{role.require_second_factor}, now_ms, role.id,
               expected_version})
             .affected_rows == 1;
}

void replace_permissions(db::Connection& c, const std::string& key, const std::vector<std::string>& permissions) {
  c.query("DELETE FROM role_permissions WHERE role_key = ?", {key});
  for (const auto& p : permissions) {
    c.query("INSERT INTO role_permissions (role_key, permission) VALUES (?, ?)", {key, p});
  }
}

void replace_field_rules(db::Connection& c, const std::string& key, const FieldRuleMap& rules) {
  c.query("DELETE FROM role_field_rules WHERE role_key = ?", {key});
  for (const auto& [field, access] : rules) {
    if (access == FieldAccess::write) continue;  // the default, not stored
    c.query("INSERT INTO role_field_rules (role_key, field, access) VALUES (?, ?, ?)",
            {key, field, std::string(field_access_name(access))});
  }
}

void remove(db::Connection& c, const std::string& key) {
  c.query("DELETE FROM role_field_rules WHERE role_key = ?", {key});
  c.query("DELETE FROM role_permissions WHERE role_key = ?", {key});
  c.query("DELETE FROM roles WHERE role_key = ?", {key});
}

Grants grants_for_user(db::Connection& c, int64_t user_id) {
  Grants grants;
  for (const auto& r : c.query("SELECT rp.permission, r.data_scope FROM user_roles ur"
                               " JOIN roles r ON r.role_key = ur.role_key"
                               " JOIN role_permissions rp ON rp.role_key = r.role_key WHERE ur.user_id = ?",
                               {user_id})
                           .rows) {
    grants.add(r.text(0), parse_scope(r.text(1)).value_or(DataScope::own));
  }
  return grants;
}

FieldRules field_rules_for_user(db::Connection& c, int64_t user_id) {
  std::map<std::string, FieldRuleMap> by_role;
  for (const auto& r : c.query("SELECT ur.role_key, f.field, f.access FROM user_roles ur"
                               " JOIN role_permissions rp ON rp.role_key = ur.role_key AND rp.permission = ?"
                               " LEFT JOIN role_field_rules f ON f.role_key = ur.role_key WHERE ur.user_id = ?",
                               {std::string(perm::customer_read), user_id})
                           .rows) {
    auto& rules = by_role[r.text(0)];  // a reading role without rules still counts: it sees everything
    if (r.is_null(1)) continue;
    if (auto access = parse_field_access(r.text(2))) rules.emplace(r.text(1), *access);
  }
  std::vector<FieldRuleMap> roles;
  for (auto& [key, rules] : by_role) roles.push_back(std::move(rules));
  return FieldRules::resolve(roles);
}

bool requires_second_factor(db::Connection& c, int64_t user_id) {
  return !c.query("SELECT 1 FROM user_roles ur JOIN roles r ON r.role_key = ur.role_key"
                  " WHERE ur.user_id = ? AND r.require_second_factor = 1",
                  {user_id})
              .empty();
}

std::vector<std::string> permissions_of_roles(db::Connection& c, const std::vector<std::string>& role_keys) {
  std::vector<std::string> out;
  for (const auto& key : role_keys) {
    for (auto& p : permissions_of(c, key)) out.push_back(std::move(p));
  }
  std::sort(out.begin(), out.end());
  out.erase(std::unique(out.begin(), out.end()), out.end());
  return out;
}

}  // namespace guanxi::auth::role_repository
