#pragma once
#include <string>

#include "db/connection_pool.h"
#include "db/database.h"

namespace guanxi::db {

// PostgreSQL through libpq with a bounded connection pool. Statements are
// prepared per connection (PQprepare) and cached by their SQL text.
class PostgresDatabase final : public Database {
 public:
  PostgresDatabase(std::string url, int pool_size);
  ~PostgresDatabase() override;
  Dialect dialect() const override { return Dialect::postgres; }
  PooledConnection acquire() override { return pool_.acquire(); }
  void close() override { pool_.close(); }
  ChangeWatch& changes() override { return changes_; }

 private:
  std::string url_;
  ChangeWatch changes_;
  ConnectionPool pool_;
};

}  // namespace guanxi::db
