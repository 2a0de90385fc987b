#include "auth/user_repository.h"

namespace guanxi::auth::user_repository {
namespace {

constexpr const char* kColumns =
    "SELECT id, username, display_name, password_hash, status, must_change_password, failed_logins,"
    " locked_until, created_at, updated_at, version, unit_id, manager_id, password_changed_at,"
    " (SELECT COUNT(*) FROM second_factors f WHERE f.user_id = users.id AND f.confirmed_at IS NOT NULL)"
    " FROM users ";

db::Value nullable(const std::optional<int64_t>& v) { return v ? db::Value(*v) : db::Value(db::Null{}); }

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
  u.unit_id = r.optional_integer(11);
  u.manager_id = r.optional_integer(12);
  u.password_changed_at = r.optional_integer(13).value_or(u.created_at);
  u.second_factor_enrolled = r.integer(14) != 0;
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

std::vector<int64_t> ids(const db::ResultSet& rows) {
  std::vector<int64_t> out;
  out.reserve(rows.rows.size());
  for (const auto& r : rows.rows) out.push_back(r.integer(0));
  return out;
}

}  // namespace

std::optional<User> find_by_username(db::Connection& c, const std::string& username) {
  return first_with_roles(c, c.query(std::string(kColumns) + "WHERE username = ?", {username}));
}

std::optional<User> find_by_id(db::Connection& c, int64_t id) {
  return first_with_roles(c, c.query(std::string(kColumns) + "WHERE id = ?", {id}));
}

std::vector<User> list(db::Connection& c, const UserFilter& f) {
  // One statement for every filter combination: an absent filter is a NULL
  // parameter that switches its condition off.
  const std::string like = f.q.empty() ? std::string() : "%" + f.q + "%";
  auto rows = c.query(std::string(kColumns) +
                          "WHERE (? = '' OR username LIKE ? OR display_name LIKE ?)"
                          " AND (CAST(? AS BIGINT) IS NULL OR unit_id = ?) AND (CAST(? AS TEXT) IS NULL OR status = ?) AND id > ?"
                          " ORDER BY id LIMIT ?",
                      {like, like, like, nullable(f.unit_id), nullable(f.unit_id),
                       f.status ? db::Value(*f.status) : db::Value(db::Null{}),
                       f.status ? db::Value(*f.status) : db::Value(db::Null{}), f.after_id.value_or(0), f.limit});
  std::vector<User> users;
  for (const auto& r : rows.rows) {
    users.push_back(from_row(r));
    users.back().roles = roles_of(c, users.back().id);
  }
  return users;
}

std::map<int64_t, std::string> display_names(db::Connection& c, const std::vector<int64_t>& ids) {
  std::map<int64_t, std::string> names;
  if (ids.empty()) return names;
  std::string marks;
  std::vector<db::Value> params;
  for (int64_t id : ids) {
    marks += marks.empty() ? "?" : ", ?";
    params.emplace_back(id);
  }
  for (const auto& row : c.execute("SELECT id, display_name FROM users WHERE id IN (" + marks + ")", params).rows) {
    names.emplace(row.integer(0), row.text(1));
  }
  return names;
}

int64_t count(db::Connection& c) { return c.query("SELECT COUNT(*) FROM users").rows.front().integer(0); }

int64_t count_active_in_unit(db::Connection& c, int64_t unit_id) {
  return c.query("SELECT COUNT(*) FROM users WHERE unit_id = ? AND status = 'active'", {unit_id})
      .rows.front()
      .integer(0);
}

int64_t insert(db::Connection& c, const User& u, int64_t now_ms) {
  auto rows = c.query(
      "INSERT INTO users (username, display_name, password_hash, status, must_change_password, failed_logins,"
      " created_at, updated_at, version, unit_id, manager_id, password_changed_at)"
      " VALUES (?, ?, ?, ?, ?, 0, ?, ?, 1, ?, ?, ?) RETURNING id",
      {u.username, u.display_name, u.password_hash, u.status, int64_t{u.must_change_password}, now_ms, now_ms,
       nullable(u.unit_id), nullable(u.manager_id), now_ms});
  return rows.rows.front().integer(0);
}

bool update_profile(db::Connection& c, const User& u, int64_t expected_version, int64_t now_ms) {
  return c.query(
              "UPDATE users SET display_name = ?, unit_id = ?, manager_id = ?, status = ?, updated_at = ?,"
              " version = version + 1 WHERE id = ? AND version = ?",
              {u.display_name, nullable(u.unit_id), nullable(u.manager_id), u.status, now_ms, u.id, expected_version})
             .affected_rows == 1;
}

void add_role(db::Connection& c, int64_t user_id, const std::string& role_key) {
  c.query("INSERT INTO user_roles (user_id, role_key) VALUES (?, ?)", {user_id, role_key});
}

void replace_roles(db::Connection& c, int64_t user_id, const std::vector<std::string>& role_keys) {
  c.query("DELETE FROM user_roles WHERE user_id = ?", {user_id});
  for (const auto& key : role_keys) add_role(c, user_id, key);
}

int64_t count_holders(db::Connection& c, const std::string& role_key) {
  return c.query("SELECT COUNT(*) FROM user_roles WHERE role_key = ?", {role_key}).rows.front().integer(0);
}

void set_password(db::Connection& c, int64_t user_id, const std::string& hash, bool must_change, int64_t now_ms) {
  c.query(
      "UPDATE users SET password_hash = ?, must_change_password = ?, failed_logins = 0, locked_until = NULL,"
      " password_changed_at = ?, updated_at = ?, version = version + 1 WHERE id = ?",
      {hash, int64_t{must_change}, now_ms, now_ms, user_id});
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

void assign_unitless_users(db::Connection& c, int64_t unit_id) {
  c.query("UPDATE users SET unit_id = ? WHERE unit_id IS NULL", {unit_id});
}

std::vector<int64_t> ids_in_unit(db::Connection& c, int64_t unit_id) {
  return ids(c.query("SELECT id FROM users WHERE unit_id = ? ORDER BY id", {unit_id}));
}

std::vector<int64_t> ids_in_subtree(db::Connection& c, const std::string& path_prefix) {
  return ids(c.query(
      "SELECT u.id FROM users u JOIN org_units o ON o.id = u.unit_id WHERE substr(o.path, 1, ?) = ? ORDER BY u.id",
      {static_cast<int64_t>(path_prefix.size()), path_prefix}));
}

std::vector<std::string> recent_password_hashes(db::Connection& c, int64_t user_id, int limit) {
  std::vector<std::string> hashes;
  for (const auto& r : c.query("SELECT password_hash FROM password_history WHERE user_id = ?"
                               " ORDER BY created_at DESC, id DESC LIMIT ?",
                               {user_id, int64_t{limit}})
                           .rows) {
    hashes.push_back(r.text(0));
  }
  return hashes;
}

void remember_password(db::Connection& c, int64_t user_id, const std::string& hash, int64_t now_ms) {
  c.query("INSERT INTO password_history (user_id, password_hash, created_at) VALUES (?, ?, ?)",
          {user_id, hash, now_ms});
}

}  // namespace guanxi::auth::user_repository
