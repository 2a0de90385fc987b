#include "db/connection_pool.h"

namespace guanxi::db {

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
