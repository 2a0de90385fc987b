#include "auth/user_repository.h"

namespace guanxi::auth::user_repository {
namespace {

constexpr const char* kColumns =
    "SELECT id, username, display_name, password_hash, status, must_change_password, failed_logins,"
    " locked_until, created_at, updated_at, version FROM users ";

User from_row(const db::Row& r) {
  User u;
  u.id = r.integer(0);
  u.username = r.text(1);
  u.display_name = r.text(2);
  u.password_hash = r.text(3);
  u.status = r.text(4);
  u.must_change_password = r.integer(5) != 0;
  u.failed_logins = static_cast<int>(r.integer(6));
  u.locked_until = r.optional_integer(7);
  u.created_at = r.integer(8);
  u.updated_at = r.integer(9);
  u.version = r.integer(10);
  return u;
}

std::vector<std::string> roles_of(db::Connection& c, int64_t user_id) {
  std::vector<std::string> roles;
  for (const auto& r : c.query("SELECT role_key FROM user_roles WHERE user_id = ? ORDER BY role_key", {user_id}).rows) {
    roles.push_back(r.text(0));
  }
  return roles;
}

std::optional<User> first_with_roles(db::Connection& c, db::ResultSet rows) {
  if (rows.empty()) return std::nullopt;
  User u = from_row(rows.rows.front());
  u.roles = roles_of(c, u.id);
  return u;
}

}  // namespace

std::optional<User> find_by_username(db::Connection& c, const std::string& username) {
  return first_with_roles(c, c.query(std::string(kColumns) + "WHERE username = ?", {username}));
}

std::optional<User> find_by_id(db::Connection& c, int64_t id) {
  return first_with_roles(c, c.query(std::string(kColumns) + "WHERE id = ?", {id}));
}

std::vector<User> list(db::Connection& c) {
  std::vector<User> users;
  for (const auto& r : c.query(std::string(kColumns) + "ORDER BY username").rows) {
    users.push_back(from_row(r));
    users.back().roles = roles_of(c, users.back().id);
  }
  return users;
}

int64_t count(db::Connection& c) { return c.query("SELECT COUNT(*) FROM users").rows.front().integer(0); }

int64_t insert(db::Connection& c, const User& u, int64_t now_ms) {
  auto rows = c.query(
      "INSERT INTO users (username, display_name, password_hash, status, must_change_password, failed_logins,"
      " created_at, updated_at, version) VALUES (?, ?, ?, ?, ?, 0, ?, ?, 1) RETURNING id",
      {u.username, u.display_name, u.password_hash, u.status, int64_t{u.must_change_password}, now_ms, now_ms});
  return rows.rows.front().integer(0);
}

void add_role(db::Connection& c, int64_t user_id, const std::string& role_key) {
  c.query("INSERT INTO user_roles (user_id, role_key) VALUES (?, ?)", {user_id, role_key});
}

void set_password(db::Connection& c, int64_t user_id, const std::string& hash, bool must_change, int64_t now_ms) {
  c.query(
      "UPDATE users SET password_hash = ?, must_change_password = ?, failed_logins = 0, locked_until = NULL,"
      " updated_at = ?, version = version + 1 WHERE id = ?",
      {hash, int64_t{must_change}, now_ms, user_id});
}

void set_status(db::Connection& c, int64_t user_id, const std::string& status, int64_t now_ms) {
  c.query("UPDATE users SET status = ?, updated_at = ?, version = version + 1 WHERE id = ?",
          {status, now_ms, user_id});
}

int record_failed_login(db::Connection& c, int64_t user_id) {
  auto rows = c.query("UPDATE users SET failed_logins = failed_logins + 1 WHERE id = ? RETURNING failed_logins",
                      {user_id});
  return static_cast<int>(rows.rows.front().integer(0));
}

void lock_until(db::Connection& c, int64_t user_id, int64_t until_ms) {
  c.query("UPDATE users SET locked_until = ?, failed_logins = 0 WHERE id = ?", {until_ms, user_id});
}

void clear_failed_logins(db::Connection& c, int64_t user_id) {
  c.query("UPDATE users SET failed_logins = 0, locked_until = NULL WHERE id = ? AND (failed_logins <> 0 OR locked_until IS NOT NULL)",
          {user_id});
}

}  // namespace guanxi::auth::user_repository
