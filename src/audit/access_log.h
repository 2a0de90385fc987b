#pragma once
// SEC-7: who consulted which customer archives, when, from where, and why.
// Every detail view, reveal, list or search page (a bulk read) and history
// read is one entry naming the customers it showed. A reveal also says until
// when its caller sees the record unmasked (the reveal window), which is how
// CustomerService decides masking.
//
// Unlike the audit log this is not hash-chained: it is high-volume, and the
// security-relevant part of it (reveals) also goes to the audit chain.
#include <cstdint>
#include <optional>
#include <string>
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
  AccessLog(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  // Inside the caller's transaction (a reveal and its audit event commit together).
  void record(db::Connection& c, const AccessEntry& entry);
  // In a transaction of its own, after a read has been served.
  void append(const AccessEntry& entry);
  // The end of this user's latest reveal of the customer, if any.
  std::optional<int64_t> revealed_until(db::Connection& c, int64_t user_id, int64_t customer_id);
  std::vector<StoredAccessEntry> query(const AccessQuery& query);

 private:
  db::Database& database_;
  const Clock& clock_;
};

std::vector<db::Migration> access_log_migrations();

}  // namespace guanxi::audit
