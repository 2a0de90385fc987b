#include "auth/session_repository.h"

namespace guanxi::auth::session_repository {

int64_t insert(db::Connection& c, const std::string& token_hash, int64_t user_id, const std::string& csrf_token,
               int64_t now_ms, int64_t expires_at, const std::string& ip, const std::string& user_agent) {
  return c
      .query(
          "INSERT INTO sessions (token_hash, user_id, csrf_token, created_at, last_seen_at, expires_at, ip,"
          " user_agent) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {token_hash, user_id, csrf_token, now_ms, now_ms, expires_at, ip, user_agent})
      .rows.front()
      .integer(0);
}

std::optional<SessionRow> find_live_by_token_hash(db::Connection& c, const std::string& token_hash) {
  auto rows = c.query(
      "SELECT id, user_id, csrf_token, created_at, last_seen_at, expires_at FROM sessions"
      " WHERE token_hash = ? AND ended_at IS NULL",
      {token_hash});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows.rows.front();
  return SessionRow{r.integer(0), r.integer(1), r.text(2), r.integer(3), r.integer(4), r.integer(5)};
}

void touch(db::Connection& c, int64_t session_id, int64_t now_ms) {
  c.query("UPDATE sessions SET last_seen_at = ? WHERE id = ?", {now_ms, session_id});
}

void end(db::Connection& c, int64_t session_id, int64_t now_ms, const std::string& reason) {
  c.query("UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND ended_at IS NULL",
          {now_ms, reason, session_id});
}

int64_t end_all_for_user(db::Connection& c, int64_t user_id, int64_t now_ms, const std::string& reason) {
  return c
      .query("UPDATE sessions SET ended_at = ?, end_reason = ? WHERE user_id = ? AND ended_at IS NULL",
             {now_ms, reason, user_id})
      .affected_rows;
}

std::vector<SessionInfo> list_live_for_user(db::Connection& c, int64_t user_id, int64_t now_ms) {
  std::vector<SessionInfo> out;
  for (const auto& r : c.query("SELECT id, created_at, last_seen_at, expires_at, ip, user_agent FROM sessions"
                               " WHERE user_id = ? AND ended_at IS NULL AND expires_at > ? ORDER BY id DESC",
                               {user_id, now_ms})
                           .rows) {
    out.push_back({r.integer(0), r.integer(1), r.integer(2), r.integer(3), r.optional_text(4).value_or(""),
                   r.optional_text(5).value_or("")});
  }
  return out;
}

bool end_for_user(db::Connection& c, int64_t user_id, int64_t session_id, int64_t now_ms, const std::string& reason) {
  return c.query("UPDATE sessions SET ended_at = ?, end_reason = ? WHERE id = ? AND user_id = ? AND ended_at IS NULL",
                 {now_ms, reason, session_id, user_id})
             .affected_rows == 1;
}

int64_t end_all_for_user_except(db::Connection& c, int64_t user_id, int64_t keep_session_id, int64_t now_ms,
                                const std::string& reason) {
  return c
      .query("UPDATE sessions SET ended_at = ?, end_reason = ? WHERE user_id = ? AND id <> ? AND ended_at IS NULL",
             {now_ms, reason, user_id, keep_session_id})
      .affected_rows;
}

}  // namespace guanxi::auth::session_repository
