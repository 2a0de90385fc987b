#pragma once
// Append-only record of security-relevant events (logins, lockouts, user
// changes). The hash chain and the query API arrive with the access-control
// issue; the table is already append-only by convention of this module.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/clock.h"
#include "db/database.h"
#include "db/migrations.h"

namespace guanxi::audit {

struct AuditEvent {
  std::optional<int64_t> actor_id;
  std::string actor_name;
  std::string action;  // e.g. "login.succeeded", "login.failed", "account.locked"
  std::string target;
  std::string ip;
  std::string user_agent;
  std::string detail;  // JSON text
};

struct StoredAuditEvent {
  int64_t id;
  int64_t occurred_at;
  AuditEvent event;
};

class AuditLog {
 public:
  AuditLog(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}
  // Appends inside the caller's transaction, so the event and the change it
  // describes commit together.
  void record(db::Connection& connection, const AuditEvent& event);
  // Appends on its own connection (for events that must stay even when the
  // request fails, such as a failed login).
  void append(const AuditEvent& event);
  std::vector<StoredAuditEvent> recent(int limit);

 private:
  db::Database& database_;
  const Clock& clock_;
};

std::vector<db::Migration> migrations();

}  // namespace guanxi::audit
