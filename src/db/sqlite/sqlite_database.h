#pragma once
#include <memory>
#include <mutex>
#include <string>

#include "db/connection_pool.h"
#include "db/database.h"

namespace guanxi::db {

// SQLite file in WAL mode with foreign keys on and a busy timeout. Write
// transactions are serialized in-process (one writer at a time); readers run
// concurrently on their own connections.
class SqliteDatabase final : public Database {
 public:
  // `cache_mb`: the page cache of each connection (SQLite's default is 2 MiB,
  // which a million customers' indexes outgrow at once).
  SqliteDatabase(std::string path, int pool_size, int cache_mb = 16);
  ~SqliteDatabase() override;
  Dialect dialect() const override { return Dialect::sqlite; }
  PooledConnection acquire() override { return pool_.acquire(); }
  void close() override { pool_.close(); }
  ChangeWatch& changes() override { return changes_; }

 private:
  std::string path_;
  std::mutex write_mutex_;
  ChangeWatch changes_;
  ConnectionPool pool_;
};

}  // namespace guanxi::db
