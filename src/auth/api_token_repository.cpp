#include "auth/api_token_repository.h"

#include <sstream>

namespace guanxi::auth::api_token_repository {
namespace {

constexpr const char* kColumns =
    "SELECT id, user_id, name, prefix, permissions, created_at, expires_at, last_used_at, revoked_at FROM api_tokens ";

// Permission keys hold no spaces, so a space-separated list needs no escaping.
std::string join(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& i : items) out += (out.empty() ? "" : " ") + i;
  return out;
}

std::vector<std::string> split(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string item; in >> item;) out.push_back(item);
  return out;
}

ApiToken from_row(const db::Row& r) {
  return ApiToken{r.integer(0), r.integer(1), r.text(2),           r.text(3),
                  split(r.text(4)), r.integer(5), r.integer(6), r.optional_integer(7), r.optional_integer(8)};
}

}  // namespace

int64_t insert(db::Connection& c, const ApiToken& t, const std::string& token_hash) {
  return c
      .query(
          "INSERT INTO api_tokens (user_id, name, prefix, token_hash, permissions, created_at, expires_at)"
          " VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
          {t.user_id, t.name, t.prefix, token_hash, join(t.permissions), t.created_at, t.expires_at})
      .rows.front()
      .integer(0);
}

std::optional<ApiToken> find_live_by_hash(db::Connection& c, const std::string& token_hash, int64_t now_ms) {
  auto rows = c.query(std::string(kColumns) + "WHERE token_hash = ? AND revoked_at IS NULL AND expires_at > ?",
                      {token_hash, now_ms});
  if (rows.empty()) return std::nullopt;
  return from_row(rows.rows.front());
}

std::vector<ApiToken> list_for_user(db::Connection& c, int64_t user_id) {
  std::vector<ApiToken> out;
  for (const auto& r : c.query(std::string(kColumns) + "WHERE user_id = ? ORDER BY id DESC", {user_id}).rows) {
    out.push_back(from_row(r));
  }
  return out;
}

bool revoke(db::Connection& c, int64_t user_id, int64_t token_id, int64_t now_ms) {
  return c.query("UPDATE api_tokens SET revoked_at = ? WHERE id = ? AND user_id = ? AND revoked_at IS NULL",
                 {now_ms, token_id, user_id})
             .affected_rows == 1;
}

int64_t revoke_all_for_user(db::Connection& c, int64_t user_id, int64_t now_ms) {
  return c.query("UPDATE api_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL", {now_ms, user_id})
      .affected_rows;
}

void touch(db::Connection& c, int64_t token_id, int64_t now_ms) {
  c.query("UPDATE api_tokens SET last_used_at = ? WHERE id = ?", {now_ms, token_id});
}

}  // namespace guanxi::auth::api_token_repository
