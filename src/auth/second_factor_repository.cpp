#include "auth/second_factor_repository.h"

namespace guanxi::auth::second_factor_repository {

std::optional<SecondFactor> find(db::Connection& c, int64_t user_id) {
  auto rows = c.query("SELECT user_id, sealed_secret, confirmed_at, last_used_step FROM second_factors WHERE user_id = ?",
                      {user_id});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows.rows.front();
  return SecondFactor{r.integer(0), r.text(1), r.optional_integer(2), r.integer(3)};
}

void put_pending(db::Connection& c, int64_t user_id, const std::string& sealed_secret, int64_t now_ms) {
  c.query("DELETE FROM second_factors WHERE user_id = ?", {user_id});
  c.query("INSERT INTO second_factors (user_id, sealed_secret, confirmed_at, last_used_step, created_at)"
          " VALUES (?, ?, NULL, 0, ?)",
          {user_id, sealed_secret, now_ms});
}

void confirm(db::Connection& c, int64_t user_id, int64_t step, int64_t now_ms) {
  c.query("UPDATE second_factors SET confirmed_at = ?, last_used_step = ? WHERE user_id = ?", {now_ms, step, user_id});
}

bool use_step(db::Connection& c, int64_t user_id, int64_t step) {
  return c.query("UPDATE second_factors SET last_used_step = ? WHERE user_id = ? AND last_used_step < ?",
                 {step, user_id, step})
             .affected_rows == 1;
}

bool remove(db::Connection& c, int64_t user_id) {
  c.query("DELETE FROM recovery_codes WHERE user_id = ?", {user_id});
  return c.query("DELETE FROM second_factors WHERE user_id = ?", {user_id}).affected_rows == 1;
}

void replace_recovery_codes(db::Connection& c, int64_t user_id, const std::vector<std::string>& code_hashes) {
  c.query("DELETE FROM recovery_codes WHERE user_id = ?", {user_id});
  for (const auto& hash : code_hashes) {
    c.query("INSERT INTO recovery_codes (user_id, code_hash) VALUES (?, ?)", {user_id, hash});
  }
}

bool use_recovery_code(db::Connection& c, int64_t user_id, const std::string& code_hash, int64_t now_ms) {
  return c.query("UPDATE recovery_codes SET used_at = ? WHERE user_id = ? AND code_hash = ? AND used_at IS NULL",
                 {now_ms, user_id, code_hash})
             .affected_rows >= 1;
}

int64_t recovery_codes_left(db::Connection& c, int64_t user_id) {
  return c.query("SELECT COUNT(*) FROM recovery_codes WHERE user_id = ? AND used_at IS NULL", {user_id})
      .rows.front()
      .integer(0);
}

void insert_challenge(db::Connection& c, const std::string& token_hash, int64_t user_id, int64_t now_ms,
                      int64_t expires_at) {
  c.query("INSERT INTO login_challenges (token_hash, user_id, created_at, expires_at, attempts)"
          " VALUES (?, ?, ?, ?, 0)",
          {token_hash, user_id, now_ms, expires_at});
}

std::optional<Challenge> find_open_challenge(db::Connection& c, const std::string& token_hash) {
  auto rows = c.query(
      "SELECT id, user_id, expires_at, attempts FROM login_challenges WHERE token_hash = ? AND used_at IS NULL",
      {token_hash});
  if (rows.empty()) return std::nullopt;
  const auto& r = rows.rows.front();
  return Challenge{r.integer(0), r.integer(1), r.integer(2), static_cast<int>(r.integer(3))};
}

void count_attempt(db::Connection& c, int64_t challenge_id) {
  c.query("UPDATE login_challenges SET attempts = attempts + 1 WHERE id = ?", {challenge_id});
}

bool close_challenge(db::Connection& c, int64_t challenge_id, int64_t now_ms) {
  return c.query("UPDATE login_challenges SET used_at = ? WHERE id = ? AND used_at IS NULL", {now_ms, challenge_id})
             .affected_rows == 1;
}

int64_t purge_challenges(db::Connection& c, int64_t before_ms) {
  return c.query("DELETE FROM login_challenges WHERE expires_at < ? OR used_at < ?", {before_ms, before_ms})
      .affected_rows;
}

}  // namespace guanxi::auth::second_factor_repository
