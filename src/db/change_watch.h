#pragma once
// Counts committed writes to a chosen set of tables. An in-process cache of
// rows from those tables (users and their grants, ADR 0014) remembers the
// count it read under and is stale once the count has moved on.
#include <atomic>
#include <cstdint>
#include <initializer_list>
#include <string>
#include <string_view>
#include <vector>

namespace guanxi::db {

class ChangeWatch {
 public:
  // Adds tables to the watched set. Call before the server takes requests:
  // the set is read without a lock.
  void watch(std::initializer_list<std::string_view> tables);
  // Whether one statement inserts into, updates or deletes from a watched table.
  bool writes_watched(std::string_view sql) const;
  uint64_t generation() const { return generation_.load(std::memory_order_acquire); }
  void bump() { generation_.fetch_add(1, std::memory_order_acq_rel); }

 private:
  std::vector<std::string> tables_;
  std::atomic<uint64_t> generation_{0};
};

}  // namespace guanxi::db
