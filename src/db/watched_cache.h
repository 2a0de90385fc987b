#pragma once
// A small in-process cache of values read from watched tables (ADR 0014). An
// entry is stale once a write to any watched table has committed in this
// process (ChangeWatch), and after `max_age` in any case, which bounds how
// long a change made by another process (`guanxi user …`, a second server on
// the same PostgreSQL) can go unseen.
#include <chrono>
#include <cstdint>
#include <mutex>
#include <optional>
#include <shared_mutex>
#include <unordered_map>

#include "db/change_watch.h"

namespace guanxi::db {

template <class Key, class Value>
class WatchedCache {
 public:
  using Clock = std::chrono::steady_clock;

  WatchedCache(ChangeWatch& changes, std::chrono::milliseconds max_age, size_t max_entries = 20'000)
      : changes_(changes), max_age_(max_age), max_entries_(max_entries) {}

  // Read before loading a value, and passed to put(): a write committed while
  // the value was being read leaves the entry stale at once.
  uint64_t generation() const { return changes_.generation(); }

  std::optional<Value> find(const Key& key, Clock::time_point now = Clock::now()) const {
    std::shared_lock lock(mutex_);
    auto it = entries_.find(key);
    if (it == entries_.end()) return std::nullopt;
    const Entry& entry = it->second;
    if (entry.generation != changes_.generation() || now - entry.loaded_at >= max_age_) return std::nullopt;
    return entry.value;
  }

  // The cached value, else what `load()` reads, which is then cached.
  template <class Load>
  Value get_or_load(const Key& key, Load&& load) {
    if (auto cached = find(key)) return *cached;
    const uint64_t before = generation();
    Value value = load();
    put(key, value, before);
    return value;
  }

  void put(const Key& key, Value value, uint64_t generation, Clock::time_point now = Clock::now()) {
    std::unique_lock lock(mutex_);
    // Entries nobody asks for again are only dropped wholesale: the bound
    // keeps memory small without tracking use.
    if (entries_.size() >= max_entries_) entries_.clear();
    entries_.insert_or_assign(key, Entry{std::move(value), generation, now});
  }

 private:
  struct Entry {
    Value value;
    uint64_t generation;
    Clock::time_point loaded_at;
  };

  ChangeWatch& changes_;
  std::chrono::milliseconds max_age_;
  size_t max_entries_;
  mutable std::shared_mutex mutex_;
  std::unordered_map<Key, Entry> entries_;
};

}  // namespace guanxi::db
