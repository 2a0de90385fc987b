#pragma once
// The organization tree: create, rename, move, close and reopen units, and
// the subtree questions data scopes ask (SEC-4).
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "auth/org_unit.h"
#include "auth/user.h"
#include "core/clock.h"
#include "core/error.h"
#include "db/database.h"

namespace guanxi::auth {

struct NewOrgUnit {
  std::string name;
  std::string kind;
  std::optional<int64_t> parent_id;
  int64_t sort_order = 0;
};

struct OrgUnitChange {
  std::optional<std::string> name;
  std::optional<std::string> kind;
  std::optional<int64_t> parent_id;
  std::optional<int64_t> sort_order;
};

class OrgService {
 public:
  OrgService(db::Database& database, const Clock& clock, audit::AuditLog& audit)
      : database_(database), clock_(clock), audit_(audit) {}

  std::vector<OrgUnit> list();
  Result<OrgUnit> get(int64_t id);
  // Errors: validation_failed, duplicate_unit_name (409), unit_closed (409).
  Result<OrgUnit> create(const Principal& actor, const NewOrgUnit& unit, const ClientInfo& client);
  // Errors: as create, plus version_conflict, unit_cycle, root_unit (409).
  Result<OrgUnit> update(const Principal& actor, int64_t id, const OrgUnitChange& change, int64_t expected_version,
                         const ClientInfo& client);
  // Closing needs the unit empty of active sub-units and users (unit_not_empty).
  Result<OrgUnit> set_closed(const Principal& actor, int64_t id, bool closed, int64_t expected_version,
                             const ClientInfo& client);

  // A fresh install has one root unit (集团总部) so users always have a home.
  // Returns its id; creates it and files unit-less users under it when missing.
  int64_t ensure_root();

  // Validation helper for other services: the unit exists and is active.
  static std::optional<Error> check_assignable(db::Connection& c, int64_t unit_id, const char* field);
  // The unit's current name, for records that keep who wrote them and from where.
  static std::optional<std::string> unit_name(db::Connection& c, int64_t unit_id);

 private:
  db::Database& database_;
  const Clock& clock_;
  audit::AuditLog& audit_;
};

}  // namespace guanxi::auth
