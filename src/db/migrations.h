#pragma once
// Versioned, forward-only schema migrations. Each runs in its own transaction
// and is recorded in schema_migrations; a database newer than the binary is
// refused rather than guessed at.
//
// SQL is shared between dialects; a migration may add a per-dialect script
// that runs after the shared SQL (triggers, functions), and these tokens are
// expanded in shared SQL:
//   {{id}}     an auto-increment 64-bit primary key column type
//   {{without_rowid}}  after a CREATE TABLE whose primary key is the whole point (SQLite)
//   {{bytes}}  text that sorts and compares byte-wise (COLLATE "C" on PostgreSQL)
#include <string>
#include <vector>

#include "db/database.h"

namespace guanxi::db {

struct Migration {
  int version;
  std::string name;
  std::string sql;           // shared SQL, runs first on both engines
  std::string sqlite_sql;    // optional, runs after `sql` on SQLite
  std::string postgres_sql;  // optional, runs after `sql` on PostgreSQL
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
