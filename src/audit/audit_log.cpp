#include "audit/audit_log.h"

#include <boost/json.hpp>

#include "core/log.h"
#include "core/random.h"

namespace guanxi::audit {
namespace {

constexpr const char* kColumns =
    "SELECT id, occurred_at, actor_id, actor_name, action, target, ip, user_agent, detail, seq, prev_hash, hash"
    " FROM audit_events ";

struct ChainedRow {
  StoredAuditEvent stored;
  std::string prev_hash;
  std::string hash;
};

ChainedRow from_row(const db::Row& r) {
  return {{r.integer(0), r.integer(1),
           AuditEvent{r.optional_integer(2), r.optional_text(3).value_or(""), r.text(4), r.optional_text(5).value_or(""),
                      r.optional_text(6).value_or(""), r.optional_text(7).value_or(""), r.optional_text(8).value_or("")},
           r.optional_integer(9).value_or(0)},
          r.optional_text(10).value_or(""),
          r.optional_text(11).value_or("")};
}

// The bytes an entry's HMAC covers: every column but the row id, in a JSON
// array so no two different entries serialize alike.
std::string canonical(int64_t seq, int64_t occurred_at, const AuditEvent& e, const std::string& prev_hash) {
  boost::json::array a{seq, occurred_at};
  a.push_back(e.actor_id ? boost::json::value(*e.actor_id) : boost::json::value(nullptr));
  for (const auto* text : {&e.actor_name, &e.action, &e.target, &e.ip, &e.user_agent, &e.detail, &prev_hash}) {
    a.push_back(boost::json::string(*text));
  }
  return boost::json::serialize(a);
}

std::string head_query(db::Dialect dialect) {
  // PostgreSQL: the row lock serializes appenders until commit. SQLite has
  // one writer already.
  return dialect == db::Dialect::postgres ? "SELECT seq, hash FROM audit_chain_head WHERE id = 1 FOR UPDATE"
                                          : "SELECT seq, hash FROM audit_chain_head WHERE id = 1";
}

}  // namespace

void AuditLog::record(db::Connection& c, const AuditEvent& e) {
  const auto head = c.query(head_query(c.dialect())).rows.front();
  const int64_t seq = head.integer(0) + 1;
  const std::string prev_hash = head.text(1);
  const int64_t now = clock_.now_ms();
  const std::string hash = hmac_sha256_hex(chain_key_, canonical(seq, now, e, prev_hash));
  c.query(
      "INSERT INTO audit_events (occurred_at, actor_id, actor_name, action, target, ip, user_agent, detail, seq,"
      " prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
      {now, e.actor_id ? db::Value(*e.actor_id) : db::Value(db::Null{}), e.actor_name, e.action, e.target, e.ip,
       e.user_agent, e.detail, seq, prev_hash, hash});
  c.query("UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1", {seq, hash});
  log::info("audit", {{"action", e.action}, {"actor", e.actor_name}, {"target", e.target}, {"ip", e.ip}, {"seq", seq}});
}

void AuditLog::append(const AuditEvent& event) {
  auto connection = database_.acquire();
  db::Transaction tx(*connection, true);
  record(*connection, event);
  tx.commit();
}

std::vector<StoredAuditEvent> AuditLog::recent(int limit) {
  AuditQuery q;
  q.limit = limit;
  return query(q);
}

std::vector<StoredAuditEvent> AuditLog::query(const AuditQuery& q) {
  auto connection = database_.acquire();
  auto opt = [](const std::optional<int64_t>& v) { return v ? db::Value(*v) : db::Value(db::Null{}); };
  const auto rows = connection->query(
      std::string(kColumns) +
          "WHERE seq IS NOT NULL AND (CAST(? AS BIGINT) IS NULL OR actor_id = ?) AND (? = '' OR substr(action, 1, ?) = ?)"
          " AND (? = '' OR target = ?) AND (CAST(? AS BIGINT) IS NULL OR occurred_at >= ?)"
          " AND (CAST(? AS BIGINT) IS NULL OR occurred_at < ?)"
          " AND (CAST(? AS BIGINT) IS NULL OR seq < ?) ORDER BY seq DESC LIMIT ?",
      {opt(q.actor_id), opt(q.actor_id), q.action_prefix, static_cast<int64_t>(q.action_prefix.size()), q.action_prefix,
       q.target, q.target, opt(q.since_ms), opt(q.since_ms), opt(q.until_ms), opt(q.until_ms), opt(q.before_seq),
       opt(q.before_seq), q.limit});
  std::vector<StoredAuditEvent> out;
  for (const auto& r : rows.rows) out.push_back(from_row(r).stored);
  return out;
}

std::string AuditLog::anchor_mac(int64_t seq, const std::string& hash) const {
  return hmac_sha256_hex(chain_key_, "guanxi audit anchor|" + std::to_string(seq) + "|" + hash);
}

PurgeResult AuditLog::purge_before(int64_t cutoff_ms) {
  PurgeResult result;
  int64_t through = 0;
  std::string through_hash;
  {
    auto c = database_.acquire();
    const auto head = c->query("SELECT anchor_seq FROM audit_chain_head WHERE id = 1").rows.front();
    result.purged_through = head.integer(0);
    const auto last_old = c->query(
        "SELECT seq, hash FROM audit_events WHERE seq > ? AND occurred_at < ? ORDER BY seq DESC LIMIT 1",
        {result.purged_through, cutoff_ms});
    if (last_old.empty()) return result;
    through = last_old.rows.front().integer(0);
    through_hash = last_old.rows.front().text(1);
  }
  const ChainReport report = verify();
  if (!report.intact) {
    log::error("audit purge skipped: the chain is broken", {{"problem", report.problem}});
    return result;
  }
  {
    auto c = database_.acquire();
    db::Transaction tx(*c, true);
    c->query("UPDATE audit_chain_head SET anchor_seq = ?, anchor_hash = ?, anchor_mac = ? WHERE id = 1 AND anchor_seq < ?",
             {through, through_hash, anchor_mac(through, through_hash), through});
    tx.commit();
  }
  // In batches, so the single SQLite writer is not held for long; rows left by
  // a crash in between are below the anchor and go with the next purge.
  for (;;) {
    auto c = database_.acquire();
    db::Transaction tx(*c, true);
    const int64_t removed =
        c->query("DELETE FROM audit_events WHERE seq IN (SELECT seq FROM audit_events WHERE seq <= ? ORDER BY seq LIMIT 5000)",
                 {through})
            .affected_rows;
    tx.commit();
    result.entries += removed;
    if (removed < 5000) break;
  }
  result.purged_through = through;
  append({std::nullopt, "system", "audit.purged", "audit_log", "", "",
          boost::json::serialize(boost::json::object{
              {"before", cutoff_ms}, {"entries", result.entries}, {"purged_through", through}, {"anchor_hash", through_hash}})});
  return result;
}

std::string AuditLog::key_fingerprint() const {
  return hmac_sha256_hex(chain_key_, "guanxi audit key fingerprint").substr(0, 16);
}

void AuditLog::prepare() {
  auto c = database_.acquire();
  const std::string mine = key_fingerprint();
  auto stored = c->query("SELECT key_id FROM audit_chain_head WHERE id = 1").rows.front().optional_text(0);
  if (!stored || stored->empty()) {
    db::Transaction tx(*c, true);
    c->query("UPDATE audit_chain_head SET key_id = ? WHERE id = 1 AND (key_id IS NULL OR key_id = '')", {mine});
    tx.commit();
    stored = c->query("SELECT key_id FROM audit_chain_head WHERE id = 1").rows.front().optional_text(0);
  }
  if (stored != mine) {
    throw std::runtime_error(
        "the audit log of this database is chained with another key (fingerprint " + stored.value_or("") +
        ", this server's is " + mine + "): give every server the same GUANXI_AUDIT_KEY (see docs/operations.md)");
  }
  seal_unchained();
}

void AuditLog::seal_unchained() {
  auto c = database_.acquire();
  if (c->query("SELECT 1 FROM audit_events WHERE seq IS NULL LIMIT 1").empty()) return;
  db::Transaction tx(*c, true);
  auto head = c->query(head_query(c->dialect())).rows.front();
  // Only rows from before the chain existed are sealed, once. After the
  // first chained entry, an unchained row was put there behind the
  // application's back: it stays unchained so that verify reports it.
  if (head.integer(0) != 0) return;
  int64_t seq = head.integer(0);
  std::string prev_hash = head.text(1);
  for (const auto& r : c->query(std::string(kColumns) + "WHERE seq IS NULL ORDER BY id").rows) {
    const auto row = from_row(r);
    ++seq;
    const std::string hash =
        hmac_sha256_hex(chain_key_, canonical(seq, row.stored.occurred_at, row.stored.event, prev_hash));
    c->query("UPDATE audit_events SET seq = ?, prev_hash = ?, hash = ? WHERE id = ?",
             {seq, prev_hash, hash, row.stored.id});
    prev_hash = hash;
  }
  c->query("UPDATE audit_chain_head SET seq = ?, hash = ? WHERE id = 1", {seq, prev_hash});
  tx.commit();
}

ChainReport AuditLog::verify() {
  ChainReport report;
  auto c = database_.acquire();
  auto broken = [&](int64_t seq, std::string problem) {
    report.intact = false;
    report.broken_seq = seq;
    report.problem = std::move(problem);
    return report;
  };
  const auto head =
      c->query("SELECT seq, hash, key_id, anchor_seq, anchor_hash, anchor_mac FROM audit_chain_head WHERE id = 1")
          .rows.front();
  report.head_seq = head.integer(0);
  report.head_hash = head.text(1);
  if (auto stored = head.optional_text(2); stored && !stored->empty() && *stored != key_fingerprint()) {
    report.intact = false;
    report.wrong_key = true;
    report.problem = "this key is not the one the chain is written with (database fingerprint " + *stored +
                     ", this key's " + key_fingerprint() + ")";
    return report;
  }
  if (auto stray = c->query("SELECT id FROM audit_events WHERE seq IS NULL ORDER BY id LIMIT 1"); !stray.empty()) {
    return broken(0, "entry id " + std::to_string(stray.rows.front().integer(0)) +
                         " was inserted outside the chain (no sequence number)");
  }
  // After a retention purge the chain starts at the anchor, which only the
  // key could have written.
  report.purged_through = head.integer(3);
  std::string prev_hash = head.text(4);
  if (report.purged_through > 0 &&
      !secure_equals(anchor_mac(report.purged_through, prev_hash), head.text(5))) {
    return broken(report.purged_through, "the retention anchor (entries purged up to " +
                                             std::to_string(report.purged_through) +
                                             ") was not written with this key: it was moved or forged");
  }
  int64_t expected_seq = report.purged_through + 1;
  // Pages keep memory flat on a log with millions of entries. The walk stops
  // at the head read above: entries a live server appends meanwhile belong
  // to the next run, not to a false alarm.
  for (;;) {
    const auto rows = c->query(std::string(kColumns) + "WHERE seq >= ? AND seq <= ? ORDER BY seq LIMIT 5000",
                               {expected_seq, report.head_seq});
    if (rows.empty()) break;
    for (const auto& r : rows.rows) {
      const auto row = from_row(r);
      const int64_t seq = row.stored.seq;
      if (seq != expected_seq) {
        return broken(expected_seq, "entry " + std::to_string(expected_seq) + " is missing (next is " +
                                        std::to_string(seq) + ")");
      }
      if (row.prev_hash != prev_hash) {
        return broken(seq, "entry " + std::to_string(seq) + " does not follow entry " + std::to_string(seq - 1) +
                               " (reordered, replaced or inserted)");
      }
      const std::string want =
          hmac_sha256_hex(chain_key_, canonical(seq, row.stored.occurred_at, row.stored.event, row.prev_hash));
      if (!secure_equals(want, row.hash)) return broken(seq, "entry " + std::to_string(seq) + " was altered");
      prev_hash = row.hash;
      ++expected_seq;
      ++report.entries;
    }
  }
  const int64_t last = report.purged_through + report.entries;
  if (report.head_seq != last || report.head_hash != prev_hash) {
    return broken(last + 1, "the chain ends at entry " + std::to_string(last) +
                                          " but the head says " + std::to_string(report.head_seq) +
                                          ": entries at the end were deleted");
  }
  return report;
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
           ""},
          {4, "audit_hash_chain", R"SQL(
ALTER TABLE audit_events ADD COLUMN seq BIGINT;
ALTER TABLE audit_events ADD COLUMN prev_hash TEXT;
ALTER TABLE audit_events ADD COLUMN hash TEXT;
CREATE UNIQUE INDEX audit_events_seq ON audit_events (seq);
CREATE INDEX audit_events_target ON audit_events (target, seq);
CREATE TABLE audit_chain_head (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  seq BIGINT NOT NULL,
  hash TEXT NOT NULL,
  key_id TEXT
);
INSERT INTO audit_chain_head (id, seq, hash, key_id) VALUES (1, 0, '', NULL);
)SQL",
           // Append-only in the database too: a stray UPDATE or DELETE from the
           // application fails. (An owner can drop the triggers; the chain
           // still tells.) Rows from before the chain may be sealed once.
           R"SQL(
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events WHEN OLD.seq IS NOT NULL
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
)SQL",
           R"SQL(
CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'audit_events is append-only'; END $$;
CREATE TRIGGER audit_events_no_update BEFORE UPDATE ON audit_events FOR EACH ROW WHEN (OLD.seq IS NOT NULL)
EXECUTE FUNCTION audit_events_append_only();
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events FOR EACH ROW
EXECUTE FUNCTION audit_events_append_only();
)SQL"},
          {15, "audit retention anchor", R"SQL(
-- 网络安全法: logs are kept at least 180 days, then may go. Entries up to
-- anchor_seq were purged; anchor_hash is the last one's hash, where the
-- chain now starts, and anchor_mac seals the pair with the audit key.
ALTER TABLE audit_chain_head ADD COLUMN anchor_seq BIGINT NOT NULL DEFAULT 0;
ALTER TABLE audit_chain_head ADD COLUMN anchor_hash TEXT NOT NULL DEFAULT '';
ALTER TABLE audit_chain_head ADD COLUMN anchor_mac TEXT NOT NULL DEFAULT '';
)SQL",
           // Only entries at or below the anchor may be deleted. Moving the
           // anchor without the key is what verify then reports.
           R"SQL(
DROP TRIGGER audit_events_no_delete;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events
WHEN OLD.seq IS NULL OR OLD.seq > (SELECT anchor_seq FROM audit_chain_head WHERE id = 1)
BEGIN SELECT RAISE(ABORT, 'audit_events is append-only'); END;
)SQL",
           R"SQL(
CREATE FUNCTION audit_events_purge_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF OLD.seq IS NULL OR OLD.seq > (SELECT anchor_seq FROM audit_chain_head WHERE id = 1) THEN
    RAISE EXCEPTION 'audit_events is append-only';
  END IF;
  RETURN OLD;
END $$;
DROP TRIGGER audit_events_no_delete ON audit_events;
CREATE TRIGGER audit_events_no_delete BEFORE DELETE ON audit_events FOR EACH ROW
EXECUTE FUNCTION audit_events_purge_only();
)SQL"}};
}

}  // namespace guanxi::audit
