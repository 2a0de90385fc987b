#pragma once
// A savepoint inside a transaction. After a statement fails (a unique
// violation), PostgreSQL refuses every further statement of the transaction;
// rolling back to a savepoint taken before it makes the transaction usable
// again, so the caller can still look up what it clashed with.
#include <string>

#include "db/database.h"

namespace guanxi::db {

class Savepoint {
 public:
  Savepoint(Connection& connection, std::string name) : connection_(connection), name_(std::move(name)) {
    connection_.execute_script("SAVEPOINT " + name_);
  }
  Savepoint(const Savepoint&) = delete;
  Savepoint& operator=(const Savepoint&) = delete;

  // Keeps what was done since the savepoint.
  void release() { connection_.execute_script("RELEASE SAVEPOINT " + name_); }
  // Undoes what was done since the savepoint; the transaction goes on.
  void roll_back() { connection_.execute_script("ROLLBACK TO SAVEPOINT " + name_ + "; RELEASE SAVEPOINT " + name_); }

 private:
  Connection& connection_;
  std::string name_;
};

}  // namespace guanxi::db
