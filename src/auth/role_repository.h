#pragma once
// SQL for the roles, role_permissions and role_field_rules tables (owned by the auth module).
#include <optional>
#include <string>
#include <vector>

#include "auth/role.h"
#include "db/database.h"

namespace guanxi::auth::role_repository {

std::vector<Role> list(db::Connection& c);
std::optional<Role> find(db::Connection& c, int64_t id);
std::optional<Role> find_by_key(db::Connection& c, const std::string& key);
// Throws db::UniqueViolation when the key is taken.
int64_t insert(db::Connection& c, const Role& role, int64_t now_ms);
bool update(db::Connection& c, const Role& role, int64_t expected_version, int64_t now_ms);
void replace_permissions(db::Connection& c, const std::string& key, const std::vector<std::string>& permissions);
void remove(db::Connection& c, const std::string& key);
// Every permission a user holds through its roles, with the widest scope.
Grants grants_for_user(db::Connection& c, int64_t user_id);
// ADR 0015: the user's field rules, over its roles that grant customer.read.
FieldRules field_rules_for_user(db::Connection& c, int64_t user_id);
void replace_field_rules(db::Connection& c, const std::string& key, const FieldRuleMap& rules);
// Whether one of the user's roles requires the second factor (ADR 0013).
bool requires_second_factor(db::Connection& c, int64_t user_id);
// The permissions a set of roles would give (for the separation-of-duties check).
std::vector<std::string> permissions_of_roles(db::Connection& c, const std::vector<std::string>& role_keys);

}  // namespace guanxi::auth::role_repository
