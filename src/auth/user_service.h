#pragma once
#include <map>
// User accounts: the admin API and the console (`guanxi user …`) share these
// rules — valid names, a home unit, known roles (三员分立 when strict), the
// password policy and its history (SEC-5).
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "auth/password.h"
#include "auth/role_service.h"
#include "auth/user.h"
#include "auth/user_repository.h"
#include "core/clock.h"
#include "core/error.h"
#include "db/database.h"
#include "db/watched_cache.h"

namespace guanxi::auth {

inline constexpr int kPasswordHistoryDepth = 5;  // SEC-5: no reuse of the last 5

struct NewUser {
  std::string username;
  std::string display_name;
  std::string password;
  std::vector<std::string> roles;
  bool must_change_password = false;
  std::optional<int64_t> unit_id;  // the root unit when absent
  std::optional<int64_t> manager_id;
};

struct UserChange {
  std::optional<std::string> display_name;
  std::optional<int64_t> unit_id;
  std::optional<std::optional<int64_t>> manager_id;  // set to nullopt-inside to clear
  std::optional<std::string> status;                 // active | disabled
  std::optional<std::vector<std::string>> roles;
};

class UserService {
 public:
  UserService(db::Database& database, const Clock& clock, PasswordHasher& hasher, audit::AuditLog& audit,
              RoleService& roles)
      : database_(database),
        clock_(clock),
        hasher_(hasher),
        audit_(audit),
        roles_(roles),
        display_names_(database.changes(), std::chrono::seconds(1)) {
    database.changes().watch({"users"});
  }

  // Errors: validation_failed, weak_password, duplicate_username (409),
  // forbidden (roles without role.manage), duty_conflict, unit_closed.
  Result<User> add(const NewUser& user, const Actor& actor);
  // Errors: not_found, version_conflict, validation_failed, forbidden,
  // duty_conflict, unit_closed, cannot_disable_self.
  Result<User> update(int64_t id, const UserChange& change, int64_t expected_version, const Actor& actor);
  // An administrator's reset: the user must choose a new password at next login.
  Result<User> reset_password(int64_t id, const std::string& password, const Actor& actor);
  // The console's passwd: `must_change` as asked.
  Result<User> set_password(const std::string& username, const std::string& password, bool must_change,
                            const Actor& actor);
  // A user changing their own password; other sessions end, this one stays.
  // Errors: validation_failed (current_password incorrect), weak_password, password_reused.
  Result<User> change_own_password(const Principal& principal, const std::string& current_password,
                                   const std::string& new_password, const ClientInfo& client);
  // Disables the account and ends its sessions at once.
  Result<User> disable(const std::string& username, const Actor& actor);

  // 三员分立: acting on the account of a user who holds an administrator duty
  // the actor lacks (resetting, disabling, ending sessions) is forbidden.
  static std::optional<Error> check_may_manage(db::Connection& c, const Actor& actor, const User& target);

  // SEC-6: the account side of a staff departure, inside the caller's
  // transaction: the user is disabled (if not already), every session ends
  // and every API token is revoked. Errors: not_found, cannot_disable_self,
  // forbidden (三员分立: a duty the actor lacks).
  struct Closed {
    User user;  // as it was before
    int64_t sessions_ended = 0;
    int64_t tokens_revoked = 0;
  };
  Result<Closed> close_for_departure(db::Connection& c, int64_t id, const Actor& actor);
  std::vector<User> list(const user_repository::UserFilter& filter = {});
  Result<User> get(int64_t id);

  // For other modules working inside their own transaction on `c` (a second
  // connection from the pool could wait forever when it runs dry).
  std::optional<User> find(db::Connection& c, int64_t id);
  // Whether one of the user's roles carries the permission (any scope).
  static bool holds(db::Connection& c, const User& user, std::string_view permission);
  // Display names of the given users (absent ids are left out). Every list
  // page names its owners, so the names are cached (ADR 0014).
  std::map<int64_t, std::string> display_names(db::Connection& c, const std::vector<int64_t>& ids);

  // First start on an empty database: creates `admin` (system + security
  // administrator) in `unit_id` with `password`, or a generated one. Returns
  // the password when an admin was created, nullopt when users already exist.
  std::optional<std::string> ensure_initial_admin(const std::optional<std::string>& password,
                                                  std::optional<int64_t> unit_id = std::nullopt);

 private:
  std::optional<Error> check_unit_and_manager(db::Connection& c, const std::optional<int64_t>& unit_id,
                                              const std::optional<int64_t>& manager_id, int64_t self_id);
  void store_password(db::Connection& c, int64_t user_id, const std::string& hash, bool must_change);

  db::Database& database_;
  const Clock& clock_;
  PasswordHasher& hasher_;
  audit::AuditLog& audit_;
  RoleService& roles_;
  db::WatchedCache<int64_t, std::string> display_names_;
};

}  // namespace guanxi::auth
