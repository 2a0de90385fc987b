#pragma once
// Versioned, forward-only schema migrations. Each runs in its own transaction
// and is recorded in schema_migrations; a database newer than the binary is
// refused rather than guessed at.
//
// SQL is shared between dialects; where they differ a migration carries a
// per-dialect script, and these tokens are expanded in shared SQL:
//   {{id}}  an auto-increment 64-bit primary key column type
#include <string>
#include <vector>

#include "db/database.h"

namespace guanxi::db {

struct Migration {
  int version;
  std::string name;
  std::string sql;           // shared SQL, used when the dialect has no script of its own
  std::string sqlite_sql;    // optional SQLite-only script
  std::string postgres_sql;  // optional PostgreSQL-only script
};

struct MigrationReport {
  std::vector<int> applied;  // versions applied by this run
  int current_version = 0;
};

std::string expand_dialect_tokens(const std::string& sql, Dialect dialect);

// Applies every migration not yet recorded, in version order. Safe to run from
// several processes at once on PostgreSQL (advisory lock).
// Throws db::Error when the database has a version this binary does not know.
MigrationReport migrate(Database& database, const std::vector<Migration>& migrations, int64_t now_ms);

// All migrations of the application, gathered from its modules.
const std::vector<Migration>& application_migrations();

}  // namespace guanxi::db
