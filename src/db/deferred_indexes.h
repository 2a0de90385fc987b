#pragma once
// A bulk load into an empty table (guanxi demo-data): its secondary indexes
// are dropped first and built once at the end, from sorted data, instead of
// growing row by row at random places, which is what slows a load of a
// million customers down most (bench/results/). Unique indexes stay: the
// load's own checks look records up through them.
#include <string>
#include <vector>

#include "db/database.h"

namespace guanxi::db {

class DeferredIndexes {
 public:
  // Drops the non-unique indexes of `table` (SQLite or PostgreSQL).
  DeferredIndexes(Connection& c, const std::string& table);
  // Builds them again if rebuild() was not called (an error on the way).
  ~DeferredIndexes();
  DeferredIndexes(const DeferredIndexes&) = delete;
  DeferredIndexes& operator=(const DeferredIndexes&) = delete;

  // Creates every dropped index again with its original definition.
  void rebuild();
  size_t count() const { return definitions_.size(); }

 private:
  Connection& c_;
  std::vector<std::string> definitions_;  // CREATE INDEX … as the schema had it
};

}  // namespace guanxi::db
