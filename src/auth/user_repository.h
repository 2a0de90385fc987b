#pragma once
// SQL for the users, user_roles and password_history tables (owned by the
// auth module).
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "auth/user.h"
#include "db/database.h"

namespace guanxi::auth::user_repository {

std::optional<User> find_by_username(db::Connection& c, const std::string& username);
std::optional<User> find_by_id(db::Connection& c, int64_t id);

struct UserFilter {
  std::string q;  // part of the user name or display name
  std::optional<int64_t> unit_id;
  std::optional<std::string> status;
  std::optional<int64_t> after_id;  // keyset cursor
  int64_t limit = 50;
};
std::vector<User> list(db::Connection& c, const UserFilter& filter);
std::map<int64_t, std::string> display_names(db::Connection& c, const std::vector<int64_t>& ids);
int64_t count(db::Connection& c);
int64_t count_active_in_unit(db::Connection& c, int64_t unit_id);
// Throws db::UniqueViolation when the user name is taken.
int64_t insert(db::Connection& c, const User& user, int64_t now_ms);
// Writes display name, unit, manager and status when `expected_version`
// still matches; false otherwise.
bool update_profile(db::Connection& c, const User& user, int64_t expected_version, int64_t now_ms);
void add_role(db::Connection& c, int64_t user_id, const std::string& role_key);
void replace_roles(db::Connection& c, int64_t user_id, const std::vector<std::string>& role_keys);
int64_t count_holders(db::Connection& c, const std::string& role_key);
void set_password(db::Connection& c, int64_t user_id, const std::string& hash, bool must_change, int64_t now_ms);
void set_status(db::Connection& c, int64_t user_id, const std::string& status, int64_t now_ms);
// Atomically counts one more failure and returns the new count.
int record_failed_login(db::Connection& c, int64_t user_id);
void lock_until(db::Connection& c, int64_t user_id, int64_t until_ms);
void clear_failed_logins(db::Connection& c, int64_t user_id);

void assign_unitless_users(db::Connection& c, int64_t unit_id);
// Users (any status) in one unit, or in every unit under a path prefix.
std::vector<int64_t> ids_in_unit(db::Connection& c, int64_t unit_id);
std::vector<int64_t> ids_in_subtree(db::Connection& c, const std::string& path_prefix);

// The most recent password hashes of a user, newest first (SEC-5: no reuse).
std::vector<std::string> recent_password_hashes(db::Connection& c, int64_t user_id, int limit);
void remember_password(db::Connection& c, int64_t user_id, const std::string& hash, int64_t now_ms);

}  // namespace guanxi::auth::user_repository
