#pragma once
// A bounded pool of connections shared by both drivers: idle connections are
// reused, new ones are opened lazily up to `max_size`, callers wait beyond that.
// With a ChangeWatch, every connection reports its committed writes to it.
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <vector>

#include "db/change_watch.h"
#include "db/database.h"

namespace guanxi::db {

class ConnectionPool {
 public:
  using Factory = std::function<std::unique_ptr<Connection>()>;
  ConnectionPool(int max_size, Factory factory, ChangeWatch* watch = nullptr)
      : max_size_(max_size), factory_(std::move(factory)), watch_(watch) {}
  ~ConnectionPool() { *self_ = nullptr; }
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  PooledConnection acquire();
  void close();

 private:
  void release(std::unique_ptr<Connection> connection);

  std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int max_size_;
  int open_ = 0;
  bool closed_ = false;
  Factory factory_;
  ChangeWatch* watch_;
  // Lets a PooledConnection that outlives the pool drop its connection safely.
  std::shared_ptr<ConnectionPool*> self_ = std::make_shared<ConnectionPool*>(this);
};

}  // namespace guanxi::db
