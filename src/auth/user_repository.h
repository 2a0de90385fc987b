#pragma once
// SQL for the users and user_roles tables (owned by the auth module).
#include <optional>
#include <string>
#include <vector>

#include "auth/user.h"
#include "db/database.h"

namespace guanxi::auth::user_repository {

std::optional<User> find_by_username(db::Connection& c, const std::string& username);
std::optional<User> find_by_id(db::Connection& c, int64_t id);
std::vector<User> list(db::Connection& c);
int64_t count(db::Connection& c);
// Throws db::UniqueViolation when the user name is taken.
int64_t insert(db::Connection& c, const User& user, int64_t now_ms);
void add_role(db::Connection& c, int64_t user_id, const std::string& role_key);
void set_password(db::Connection& c, int64_t user_id, const std::string& hash, bool must_change, int64_t now_ms);
void set_status(db::Connection& c, int64_t user_id, const std::string& status, int64_t now_ms);
// Atomically counts one more failure and returns the new count.
int record_failed_login(db::Connection& c, int64_t user_id);
void lock_until(db::Connection& c, int64_t user_id, int64_t until_ms);
void clear_failed_logins(db::Connection& c, int64_t user_id);

}  // namespace guanxi::auth::user_repository
