#pragma once
// DOC-6, CUS-9: the customer code rule and the suggested-grade rules. An
// administrator (settings.manage) sets them on the settings page; they are
// kept in the database so every server sharing it applies the same rules.
// Whatever is not set there comes from the server's configuration
// (GUANXI_CUSTOMER_CODE_RULE, GUANXI_GRADE_RULES_FILE) or the built-in defaults.
#include <optional>
#include <string>

#include "audit/audit_log.h"
#include "auth/user.h"
#include "core/clock.h"
#include "core/error.h"
#include "customers/customer_code.h"
#include "customers/grade_rules.h"
#include "db/database.h"
#include "db/watched_cache.h"

namespace guanxi::customers {

struct CustomerRules {
  CodeRule code_rule;
  GradeRules grade_rules;
};

struct CustomerRulesView {
  CustomerRules effective;
  CustomerRules configured;  // what applies to a rule not set by an administrator
  bool code_rule_stored = false;
  bool grade_rules_stored = false;
  std::string next_code;  // what the next new customer would get today
  int64_t version = 1;
  std::optional<int64_t> updated_at;
  std::string updated_by;
};

// Each member: absent leaves the rule alone; nullopt inside goes back to the
// configuration; a text sets it (the code rule, or the grade rules as JSON).
struct CustomerRulesChange {
  std::optional<std::optional<std::string>> code_rule;
  std::optional<std::optional<std::string>> grade_rules_json;
};

class CustomerRulesService {
 public:
  CustomerRulesService(db::Database& database, const Clock& clock, audit::AuditLog& audit, CustomerRules configured)
      : database_(database),
        clock_(clock),
        audit_(audit),
        configured_(std::move(configured)),
        cache_(database.changes(), std::chrono::seconds(1), 1) {
    database.changes().watch({"customer_settings"});
  }

  // The rules in force, read on the caller's connection when not cached.
  CustomerRules current(db::Connection& c);
  CustomerRulesView view();
  // What is wrong with a change (code_rule invalid_format; grade_rules[i].…).
  std::vector<FieldError> validate(const CustomerRulesChange& change) const;
  // Errors: validation_failed (see validate), version_conflict (409).
  Result<CustomerRulesView> update(const auth::Principal& actor, const CustomerRulesChange& change,
                                   int64_t expected_version, const auth::ClientInfo& client);

 private:
  CustomerRulesView load(db::Connection& c);

  db::Database& database_;
  const Clock& clock_;
  audit::AuditLog& audit_;
  CustomerRules configured_;
  db::WatchedCache<int, CustomerRules> cache_;
};

}  // namespace guanxi::customers
