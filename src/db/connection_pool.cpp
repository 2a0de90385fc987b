#include "db/connection_pool.h"

namespace guanxi::db {
namespace {

// Tells the watch about writes to its tables once they are committed (or at
// once outside a transaction), so a cache never outlives the data it copied.
class WatchedConnection final : public Connection {
 public:
  WatchedConnection(std::unique_ptr<Connection> inner, ChangeWatch& watch) : inner_(std::move(inner)), watch_(watch) {}
  Dialect dialect() const override { return inner_->dialect(); }
  ResultSet execute(std::string_view sql, const std::vector<Value>& params) override {
    auto result = inner_->execute(sql, params);
    if (watch_.writes_watched(sql)) {
      if (in_transaction_) {
        wrote_watched_ = true;
      } else {
        watch_.bump();
      }
    }
    return result;
  }
  void execute_script(std::string_view sql) override {
    inner_->execute_script(sql);
    watch_.bump();  // migrations and set-up: rare, and not worth parsing
  }
  void begin(bool for_write) override {
    inner_->begin(for_write);
    in_transaction_ = true;
    wrote_watched_ = false;
  }
  void commit() override {
    inner_->commit();
    in_transaction_ = false;
    if (wrote_watched_) watch_.bump();
    wrote_watched_ = false;
  }
  void rollback() override {
    in_transaction_ = false;
    wrote_watched_ = false;
    inner_->rollback();
  }

 private:
  std::unique_ptr<Connection> inner_;
  ChangeWatch& watch_;
  bool in_transaction_ = false;
  bool wrote_watched_ = false;
};

}  // namespace

PooledConnection ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (closed_) throw Error("database is closed");
    if (!idle_.empty()) {
      auto connection = std::move(idle_.back());
      idle_.pop_back();
      return PooledConnection(std::move(connection), [self = self_](std::unique_ptr<Connection> c) {
        if (*self) (*self)->release(std::move(c));
      });
    }
    if (open_ < max_size_) {
      ++open_;
      lock.unlock();
      std::unique_ptr<Connection> connection;
      try {
        connection = factory_();
        if (watch_) connection = std::make_unique<WatchedConnection>(std::move(connection), *watch_);
      } catch (...) {
        std::lock_guard relock(mutex_);
        --open_;
        available_.notify_one();
        throw;
      }
      return PooledConnection(std::move(connection), [self = self_](std::unique_ptr<Connection> c) {
        if (*self) (*self)->release(std::move(c));
      });
    }
    available_.wait(lock);
  }
}

void ConnectionPool::release(std::unique_ptr<Connection> connection) {
  std::lock_guard lock(mutex_);
  if (closed_) {
    --open_;
    connection.reset();
  } else {
    idle_.push_back(std::move(connection));
  }
  available_.notify_one();
}

void ConnectionPool::close() {
  std::unique_lock lock(mutex_);
  closed_ = true;
  open_ -= static_cast<int>(idle_.size());
  idle_.clear();
  available_.notify_all();
}

}  // namespace guanxi::db
