#pragma once
// Roles: the built-in set kept in step with the code, custom roles created by
// the security administrator, and the checks applied when roles are given to
// users (known roles, 三员分立).
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "auth/role.h"
#include "auth/user.h"
#include "core/clock.h"
#include "core/error.h"
#include "db/database.h"

namespace guanxi::auth {

struct RoleInput {
  std::optional<std::string> key;  // create only
  std::optional<std::string> name;
  std::optional<DataScope> scope;
  std::optional<std::vector<std::string>> permissions;
  std::optional<bool> require_second_factor;  // a built-in role accepts this …
  std::optional<FieldRuleMap> field_rules;    // … and this (ADR 0015): the whole map, replacing the old
};

// The fields a role may rule, supplied by the customer module (ADR 0015).
using RulableFieldList = std::function<std::vector<RulableField>()>;

class RoleService {
 public:
  RoleService(db::Database& database, const Clock& clock, audit::AuditLog& audit, bool strict_duty_separation)
      : database_(database), clock_(clock), audit_(audit), strict_duty_separation_(strict_duty_separation) {}

  // Writes the built-in roles of this binary into the database (start-up).
  void sync_builtin_roles();

  std::vector<Role> list();
  // Every role's display name by key, on the caller's connection (for other
  // modules inside their transaction).
  std::map<std::string, std::string> names(db::Connection& c);
  // Errors: validation_failed, duplicate_role (409), duty_conflict (409).
  Result<Role> create(const Principal& actor, const RoleInput& input, const ClientInfo& client);
  // Errors: not_found, builtin_role (409), version_conflict, validation_failed, duty_conflict.
  Result<Role> update(const Principal& actor, int64_t id, const RoleInput& input, int64_t expected_version,
                      const ClientInfo& client);
  // Errors: not_found, builtin_role, role_in_use (409).
  Result<void> remove(const Principal& actor, int64_t id, const ClientInfo& client);

  // For the user service, inside its transaction: every key names a role, and
  // under strict separation the set does not combine administrator duties.
  std::optional<Error> check_assignable(db::Connection& c, const std::vector<std::string>& role_keys) const;
  bool strict_duty_separation() const { return strict_duty_separation_; }

  // Set once at start-up, before serving.
  void set_rulable_fields(RulableFieldList list) { rulable_fields_ = std::move(list); }
  std::vector<RulableField> rulable_fields() const { return rulable_fields_ ? rulable_fields_() : std::vector<RulableField>{}; }

 private:
  std::optional<Error> check_permissions(const std::vector<std::string>& permissions) const;
  // validation_failed naming field_rules.<field>: unknown_field, or unknown_value
  // (read-only asked for a field only the server sets).
  std::optional<Error> check_field_rules(const FieldRuleMap& rules) const;

  db::Database& database_;
  const Clock& clock_;
  audit::AuditLog& audit_;
  bool strict_duty_separation_;
  RulableFieldList rulable_fields_;
};

}  // namespace guanxi::auth
