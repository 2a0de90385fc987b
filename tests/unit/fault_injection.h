#pragma once
// A Database wrapper that fails on purpose, as LevelDB's fault-injecting Env
// does: the Nth statement, or the next commit, throws db::Error. Tests use it
// to show that a failure part-way through leaves nothing half-written.
#include <atomic>
#include <memory>
#include <mutex>
#include <string>

#include "db/database.h"

namespace guanxi::testing {

class FaultInjectingDatabase final : public db::Database {
 public:
  explicit FaultInjectingDatabase(db::Database& inner) : inner_(inner) {}

  // The n-th statement from now (1 = the next one) throws; 0 = never.
  void fail_statement(int n) { statements_until_failure_ = n; }
  void fail_next_commit() { fail_commit_ = true; }
  // The next statement whose SQL contains `needle` throws (once).
  void fail_statement_containing(std::string needle) {
    std::lock_guard lock(mutex_);
    needle_ = std::move(needle);
  }

  db::Dialect dialect() const override { return inner_.dialect(); }
  void close() override { inner_.close(); }
  db::ChangeWatch& changes() override { return inner_.changes(); }
  db::PooledConnection acquire() override;

 private:
  class FaultyConnection;
  db::Database& inner_;
  std::atomic<int> statements_until_failure_{0};
  std::atomic<bool> fail_commit_{false};
  std::mutex mutex_;
  std::string needle_;
};

}  // namespace guanxi::testing
