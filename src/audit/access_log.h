#pragma once
// SEC-7: who consulted which customer archives, when, from where, and why.
// Every detail view, reveal, list or search page (a bulk read) and history
// read is one entry naming the customers it showed. A reveal also says until
// when its caller sees the record unmasked (the reveal window), which is how
// CustomerService decides masking.
//
// Unlike the audit log this is not hash-chained: it is high-volume, and the
// security-relevant part of it (reveals) also goes to the audit chain.
//
// Reads are logged off the request path (ADR 0012): append() queues the
// entry and a writer thread stores the queue every kFlushInterval in one
// transaction, so SQLite's single writer is taken once per batch instead of
// once per page served. A reveal is stored at once, with anything queued
// before it; a query stores the queue first, so a log read always sees every
// read logged before it in this process.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <mutex>
#include <optional>
#include <string>
#include <thread>
#include <vector>

#include "core/clock.h"
#include "db/database.h"
#include "db/migrations.h"

namespace guanxi::audit {

struct AccessedCustomer {
  int64_t id = 0;
  std::string code;  // 客户编号 at the time, so the log reads without the customer tables
};

struct AccessEntry {
  int64_t user_id = 0;
  std::string user_name;
  std::string action;  // view | reveal | list | history
  std::vector<AccessedCustomer> customers;
  std::string reason;                  // reveals
  std::optional<int64_t> until_ms;     // reveals: end of the window
  std::string ip;
  std::string user_agent;
  std::string detail;  // JSON text, e.g. the search of a list
  int64_t at_ms = 0;   // when it was read; 0: when it is stored
};

struct StoredAccessEntry {
  int64_t id = 0;
  int64_t at = 0;
  AccessEntry entry;
  int64_t customer_count = 0;
};

struct AccessQuery {
  std::optional<int64_t> user_id;
  std::optional<int64_t> customer_id;
  std::string action;
  std::optional<int64_t> since_ms;
  std::optional<int64_t> until_ms;
  std::optional<int64_t> before_id;  // keyset cursor: newest first
  int64_t limit = 50;
};

class AccessLog {
 public:
  static constexpr std::chrono::milliseconds kFlushInterval{50};

  AccessLog(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}
  // Stores what is still queued. REQUIRES: the database outlives this log.
  ~AccessLog();

  // Inside the caller's transaction (a reveal and its audit event commit
  // together), after the entries queued before it.
  void record(db::Connection& c, const AccessEntry& entry);
  // Queued for the writer thread (started on first use), after a read has been served.
  void append(AccessEntry entry);
  // Stores every queued entry now, in a transaction of its own.
  void flush();
  // The end of this user's latest reveal of the customer, if any.
  std::optional<int64_t> revealed_until(db::Connection& c, int64_t user_id, int64_t customer_id);
  std::vector<StoredAccessEntry> query(const AccessQuery& query);
  // Retention: deletes the entries read before `before_ms` with their
  // customers, some thousands to a transaction so the writer is never held
  // long. Returns how many entries went.
  int64_t purge_before(int64_t before_ms);

 private:
  void insert(db::Connection& c, const AccessEntry& entry);
  std::vector<AccessEntry> take_queued();
  void run_writer();

  db::Database& database_;
  const Clock& clock_;
  std::mutex mutex_;  // guards queued_, stopping_, writer_
  // Serializes flush(): never taken by record(), which runs inside its caller's
  // write transaction (a flush waiting for that transaction's lock would deadlock).
  std::mutex store_mutex_;
  std::condition_variable wake_;
  std::vector<AccessEntry> queued_;
  bool stopping_ = false;
  std::thread writer_;
};

std::vector<db::Migration> access_log_migrations();

}  // namespace guanxi::audit
