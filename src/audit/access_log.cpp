#include "audit/access_log.h"

#include <map>
#include <utility>

#include "core/log.h"

namespace guanxi::audit {
namespace {

db::Value optional_value(const std::optional<int64_t>& v) { return v ? db::Value(*v) : db::Value(db::Null{}); }

}  // namespace

AccessLog::~AccessLog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (writer_.joinable()) writer_.join();
  try {
    flush();
  } catch (const std::exception& e) {
    log::error("access log entries lost at shutdown", {{"error", e.what()}});
  }
}

std::vector<AccessEntry> AccessLog::take_queued() {
  std::lock_guard lock(mutex_);
  return std::exchange(queued_, {});
}

void AccessLog::append(AccessEntry entry) {
  if (entry.at_ms == 0) entry.at_ms = clock_.now_ms();
  {
    std::lock_guard lock(mutex_);
    queued_.push_back(std::move(entry));
    if (!writer_.joinable() && !stopping_) writer_ = std::thread([this] { run_writer(); });
  }
  wake_.notify_one();
}

void AccessLog::flush() {
  // Held from taking the queue to the commit: a query's flush waits for a
  // batch the writer thread took and has not committed yet, so it sees it.
  std::lock_guard storing(store_mutex_);
  auto batch = take_queued();
  if (batch.empty()) return;
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  for (const auto& entry : batch) insert(*c, entry);
  tx.commit();
}

void AccessLog::run_writer() {
  std::unique_lock lock(mutex_);
  while (true) {
    wake_.wait(lock, [this] { return stopping_ || !queued_.empty(); });
    if (stopping_) return;  // the destructor stores the rest
    // Let a batch gather: one write transaction for every read in the interval.
    if (wake_.wait_for(lock, kFlushInterval, [this] { return stopping_; })) return;
    lock.unlock();
    try {
      flush();
    } catch (const std::exception& e) {
      // The batch is lost; the server goes on serving (the reads happened).
      log::error("access log batch not stored", {{"error", e.what()}});
    }
    lock.lock();
  }
}

void AccessLog::record(db::Connection& c, const AccessEntry& entry) {
  // What was read before this entry is stored before it, in the same transaction.
  for (const auto& queued : take_queued()) insert(c, queued);
  insert(c, entry);
}

int64_t AccessLog::purge_before(int64_t before_ms) {
  // The oldest ids first (at grows with id): the same subquery picks the
  // entries whose customers go first, then the entries.
  static constexpr const char* kOldest = "SELECT id FROM access_log WHERE at < ? ORDER BY id LIMIT 5000";
  int64_t removed = 0;
  for (;;) {
    auto c = database_.acquire();
    db::Transaction tx(*c, true);
    c->query(std::string("DELETE FROM access_log_customers WHERE entry_id IN (") + kOldest + ")", {before_ms});
    const int64_t n = c->query(std::string("DELETE FROM access_log WHERE id IN (") + kOldest + ")", {before_ms}).affected_rows;
    tx.commit();
    removed += n;
    if (n == 0) return removed;
  }
}

void AccessLog::insert(db::Connection& c, const AccessEntry& e) {
  const bool single = e.customers.size() == 1;
  const auto inserted = c.query(
      "INSERT INTO access_log (at, user_id, user_name, action, customer_id, customer_count, reason, until_at, ip,"
      " user_agent, detail) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
      {e.at_ms ? e.at_ms : clock_.now_ms(), e.user_id, e.user_name, e.action,
       single ? db::Value(e.customers.front().id) : db::Value(db::Null{}),
       static_cast<int64_t>(e.customers.size()), e.reason, optional_value(e.until_ms), e.ip, e.user_agent, e.detail});
  const int64_t entry_id = inserted.rows.front().integer(0);
  // One statement per page of customers (a list shows at most 200).
  std::string sql = "INSERT INTO access_log_customers (customer_id, entry_id, code) VALUES ";
  std::vector<db::Value> params;
  std::map<int64_t, std::string> unique;  // a page never repeats a customer, but the key must hold
  for (const auto& customer : e.customers) unique.emplace(customer.id, customer.code);
  for (const auto& [id, code] : unique) {
    sql += params.empty() ? "(?, ?, ?)" : ", (?, ?, ?)";
    params.insert(params.end(), {id, entry_id, code});
  }
  if (!params.empty()) c.execute(sql, params);
}


std::optional<int64_t> AccessLog::revealed_until(db::Connection& c, int64_t user_id, int64_t customer_id) {
  const auto rows = c.query(
      "SELECT MAX(until_at) FROM access_log WHERE user_id = ? AND customer_id = ? AND action = 'reveal'",
      {user_id, customer_id});
  return rows.rows.front().optional_integer(0);
}

std::vector<StoredAccessEntry> AccessLog::query(const AccessQuery& q) {
  flush();
  auto c = database_.acquire();
  const auto rows = c->query(
      "SELECT id, at, user_id, user_name, action, customer_count, reason, until_at, ip, user_agent, detail"
      " FROM access_log WHERE (CAST(? AS BIGINT) IS NULL OR user_id = ?)"
      " AND (CAST(? AS BIGINT) IS NULL OR id IN (SELECT entry_id FROM access_log_customers WHERE customer_id = ?))"
      " AND (? = '' OR action = ?) AND (CAST(? AS BIGINT) IS NULL OR at >= ?) AND (CAST(? AS BIGINT) IS NULL OR at < ?)"
      " AND (CAST(? AS BIGINT) IS NULL OR id < ?) ORDER BY id DESC LIMIT ?",
      {optional_value(q.user_id), optional_value(q.user_id), optional_value(q.customer_id),
       optional_value(q.customer_id), q.action, q.action, optional_value(q.since_ms), optional_value(q.since_ms),
       optional_value(q.until_ms), optional_value(q.until_ms), optional_value(q.before_id),
       optional_value(q.before_id), q.limit});
  std::vector<StoredAccessEntry> out;
  std::map<int64_t, size_t> position;
  for (const auto& r : rows.rows) {
    StoredAccessEntry s;
    s.id = r.integer(0);
    s.at = r.integer(1);
    s.entry.user_id = r.integer(2);
    s.entry.user_name = r.text(3);
    s.entry.action = r.text(4);
    s.customer_count = r.integer(5);
    s.entry.reason = r.optional_text(6).value_or("");
    s.entry.until_ms = r.optional_integer(7);
    s.entry.ip = r.optional_text(8).value_or("");
    s.entry.user_agent = r.optional_text(9).value_or("");
    s.entry.detail = r.optional_text(10).value_or("");
    position[s.id] = out.size();
    out.push_back(std::move(s));
  }
  if (out.empty()) return out;
  std::string in;
  std::vector<db::Value> ids;
  for (const auto& s : out) {
    in += in.empty() ? "?" : ", ?";
    ids.emplace_back(s.id);
  }
  const auto customers = c->execute(
      "SELECT entry_id, customer_id, code FROM access_log_customers WHERE entry_id IN (" + in +
          ") ORDER BY entry_id, customer_id",
      ids);
  for (const auto& r : customers.rows) {
    out[position.at(r.integer(0))].entry.customers.push_back({r.integer(1), r.optional_text(2).value_or("")});
  }
  return out;
}

std::vector<db::Migration> access_log_migrations() {
  return {{8, "access_log", R"SQL(
-- SEC-7: every consultation of a customer archive.
CREATE TABLE access_log (
  id {{id}},
  at BIGINT NOT NULL,
  user_id BIGINT NOT NULL,
  user_name TEXT NOT NULL,
  action TEXT NOT NULL,
  customer_id BIGINT,
  customer_count BIGINT NOT NULL,
  reason TEXT,
  until_at BIGINT,
  ip TEXT,
  user_agent TEXT,
  detail TEXT
);
CREATE INDEX access_log_at ON access_log (at);
CREATE INDEX access_log_user ON access_log (user_id, id);
CREATE INDEX access_log_reveal ON access_log (user_id, customer_id, action, until_at);
CREATE TABLE access_log_customers (
  customer_id BIGINT NOT NULL,
  entry_id BIGINT NOT NULL,
  code TEXT,
  PRIMARY KEY (customer_id, entry_id)
){{without_rowid}};
CREATE INDEX access_log_customers_entry ON access_log_customers (entry_id);
)SQL",
           // Entries are never edited; deleting stays possible for the retention purge.
           R"SQL(
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log
BEGIN SELECT RAISE(ABORT, 'access_log is append-only'); END;
)SQL",
           R"SQL(
CREATE FUNCTION access_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN RAISE EXCEPTION 'access_log is append-only'; END $$;
CREATE TRIGGER access_log_no_update BEFORE UPDATE ON access_log FOR EACH ROW
EXECUTE FUNCTION access_log_append_only();
)SQL"}};
}

}  // namespace guanxi::audit
