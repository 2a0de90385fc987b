#pragma once
#include <cstdint>
#include <string>
#include <vector>

#include "auth/field_rules.h"
#include "auth/permissions.h"

namespace guanxi::auth {

struct Role {
  int64_t id = 0;
  std::string key;   // stable identifier, e.g. "salesperson"
  std::string name;  // display name (built-in roles are named by the UI in its language)
  DataScope scope = DataScope::own;
  bool builtin = false;
  std::vector<std::string> permissions;  // sorted
  int64_t version = 1;
  int64_t holders = 0;  // users holding the role
  bool require_second_factor = false;  // holders must sign in with a TOTP code (ADR 0013)
  FieldRuleMap field_rules;  // hidden or read-only fields (ADR 0015); a built-in role takes them too
};

}  // namespace guanxi::auth
