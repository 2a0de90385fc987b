#include "audit/audit_log.h"

#include "core/log.h"

namespace guanxi::audit {

void AuditLog::record(db::Connection& connection, const AuditEvent& e) {
  connection.query(
      "INSERT INTO audit_events (occurred_at, actor_id, actor_name, action, target, ip, user_agent, detail)"
      " VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {clock_.now_ms(), e.actor_id ? db::Value(*e.actor_id) : db::Value(db::Null{}), e.actor_name, e.action, e.target,
       e.ip, e.user_agent, e.detail});
  log::info("audit", {{"action", e.action}, {"actor", e.actor_name}, {"target", e.target}, {"ip", e.ip}});
}

void AuditLog::append(const AuditEvent& event) {
  auto connection = database_.acquire();
  record(*connection, event);
}

std::vector<StoredAuditEvent> AuditLog::recent(int limit) {
  auto connection = database_.acquire();
  std::vector<StoredAuditEvent> out;
  const auto rows = connection->query(
      "SELECT id, occurred_at, actor_id, actor_name, action, target, ip, user_agent, detail"
      " FROM audit_events ORDER BY id DESC LIMIT ?",
      {int64_t{limit}});
  for (const auto& r : rows.rows) {
    out.push_back({r.integer(0), r.integer(1),
                   AuditEvent{r.optional_integer(2), r.optional_text(3).value_or(""), r.text(4),
                              r.optional_text(5).value_or(""), r.optional_text(6).value_or(""),
                              r.optional_text(7).value_or(""), r.optional_text(8).value_or("")}});
  }
  return out;
}

std::vector<db::Migration> migrations() {
  return {{2, "audit_events", R"SQL(
CREATE TABLE audit_events (
  id {{id}},
  occurred_at BIGINT NOT NULL,
  actor_id BIGINT,
  actor_name TEXT,
  action TEXT NOT NULL,
  target TEXT,
  ip TEXT,
  user_agent TEXT,
  detail TEXT
);
CREATE INDEX audit_events_occurred_at ON audit_events (occurred_at);
CREATE INDEX audit_events_actor ON audit_events (actor_id, occurred_at);
)SQL",
           "",
           ""}};
}

}  // namespace guanxi::audit
