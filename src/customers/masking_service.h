#pragma once
// The masking patterns in force (issue 4 point 4): set by the security
// administrator (role.manage) and kept in the database, so every server
// sharing it masks alike; the defaults where none is set.
#include <optional>
#include <string>

#include "audit/audit_log.h"
#include "auth/user.h"
#include "core/clock.h"
#include "core/error.h"
#include "customers/masking.h"
#include "db/database.h"
#include "db/watched_cache.h"

namespace guanxi::customers {

struct MaskingView {
  SharedMaskPatterns patterns;
  int64_t version = 1;
  std::optional<int64_t> updated_at;
  std::string updated_by;
};

class MaskingService {
 public:
  MaskingService(db::Database& database, const Clock& clock, audit::AuditLog& audit)
      : database_(database), clock_(clock), audit_(audit), cache_(database.changes(), std::chrono::seconds(1), 1) {
    database.changes().watch({"masking_settings"});
  }

  // The patterns in force, read on the caller's connection when not cached.
  SharedMaskPatterns current(db::Connection& c);
  // The same on a connection of its own: never call it while holding one.
  SharedMaskPatterns current();
  MaskingView view();
  // `patterns_json`: the fields to change ({field: {keep_start, keep_end,
  // stars}}); nullopt goes back to the defaults for every field.
  // Errors: validation_failed, version_conflict (409).
  Result<MaskingView> update(const auth::Principal& actor, const std::optional<std::string>& patterns_json,
                             int64_t expected_version, const auth::ClientInfo& client);

 private:
  MaskingView load(db::Connection& c);

  db::Database& database_;
  const Clock& clock_;
  audit::AuditLog& audit_;
  db::WatchedCache<int, SharedMaskPatterns> cache_;
};

}  // namespace guanxi::customers
