#pragma once
// Creating and maintaining user accounts (CLI now; the admin API arrives with
// the access-control issue).
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "auth/password.h"
#include "auth/user.h"
#include "core/clock.h"
#include "core/error.h"
#include "db/database.h"

namespace guanxi::auth {

struct NewUser {
  std::string username;
  std::string display_name;
  std::string password;
  std::vector<std::string> roles;
  bool must_change_password = false;
};

class UserService {
 public:
  UserService(db::Database& database, const Clock& clock, PasswordHasher& hasher, audit::AuditLog& audit)
      : database_(database), clock_(clock), hasher_(hasher), audit_(audit) {}

  // Errors: validation_failed, weak_password, duplicate_username (409).
  Result<User> add(const NewUser& user, const std::string& actor);
  Result<User> set_password(const std::string& username, const std::string& password, bool must_change,
                            const std::string& actor);
  // Disables the account and ends its sessions at once.
  Result<User> disable(const std::string& username, const std::string& actor);
  std::vector<User> list();

  // First start on an empty database: creates `admin` (system + security
  // administrator) with `password`, or a generated one. Returns the password
  // when an admin was created, nullopt when users already exist.
  std::optional<std::string> ensure_initial_admin(const std::optional<std::string>& password);

 private:
  db::Database& database_;
  const Clock& clock_;
  PasswordHasher& hasher_;
  audit::AuditLog& audit_;
};

}  // namespace guanxi::auth
