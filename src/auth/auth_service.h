#pragma once
// Login, sessions and lockout (SEC-1). Runs on worker threads: every method
// may block on the database or on argon2id.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.h"
#include "auth/password.h"
#include "auth/second_factor_service.h"
#include "auth/user.h"
#include "core/clock.h"
#include "core/error.h"
#include "db/database.h"
#include "db/migrations.h"
#include "db/watched_cache.h"

namespace guanxi::auth {

struct SessionSettings {
  std::chrono::seconds idle_timeout{30 * 60};
  std::chrono::seconds absolute_timeout{12 * 60 * 60};
  int lockout_threshold = 5;
  std::chrono::seconds lockout_duration{15 * 60};
  std::chrono::seconds password_max_age{0};  // 0: passwords do not expire
};

// A user with the grants of their roles, as a session's principal is built from.
struct CachedUser {
  User user;
  Grants grants;
  bool second_factor_required = false;
  FieldRules field_rules;
};

struct LoginResult {
  std::string session_token;  // goes into the cookie; never stored
  Principal principal;
  // Instead of a session, for a user with a second factor: the client sends
  // it back with a code to /auth/login/totp (ADR 0013).
  std::optional<std::string> challenge;
};

class AuthService {
 public:
  AuthService(db::Database& database, const Clock& clock, PasswordHasher& hasher, audit::AuditLog& audit,
              SecondFactorService& second_factor, SessionSettings settings)
      : database_(database),
        clock_(clock),
        hasher_(hasher),
        audit_(audit),
        second_factor_(second_factor),
        settings_(settings),
        users_(database.changes(), std::chrono::seconds(1)) {
    database.changes().watch(
        {"users", "user_roles", "roles", "role_permissions", "second_factors", "role_field_rules"});
  }

  // A session, or for a user with a second factor a challenge (no session yet).
  // Errors: invalid_credentials (401), account_locked (423), account_disabled (403).
  Result<LoginResult> login(const std::string& username, const std::string& password, const ClientInfo& client);
  // The second step: a challenge from login() with a TOTP code or a recovery
  // code. Errors: login_challenge_expired (401: start again), invalid_second_factor
  // (401; counts towards the lockout), account_locked (423), account_disabled (403).
  Result<LoginResult> login_second_factor(const std::string& challenge, const std::string& code,
                                          const std::string& recovery_code, const ClientInfo& client);
  // The principal of a live session, or nullopt when the token is unknown,
  // ended, idle too long or past its absolute limit.
  std::optional<Principal> authenticate(std::string_view session_token);
  // The principal behind `Authorization: Bearer <token>`: the token's user,
  // limited to the permissions the token lists. nullopt when the token is
  // unknown, revoked or expired, or its user is disabled.
  std::optional<Principal> authenticate_token(std::string_view token);
  void logout(const Principal& principal, const ClientInfo& client);

  const SessionSettings& settings() const { return settings_; }

 private:
  Result<LoginResult> fail_login(const User& user, const ClientInfo& client);
  // Counts a failed attempt (and locks the account at the threshold); the
  // error to answer with.
  Error record_failure(db::Connection& c, const User& user, const ClientInfo& client, const char* reason);
  LoginResult open_session(db::Connection& c, const User& user, const ClientInfo& client, std::string audit_detail);
  Principal to_principal(db::Connection& c, const User& user, int64_t session_id, std::string csrf_token);
  Principal to_principal(const CachedUser& user, int64_t session_id, std::string csrf_token);
  static CachedUser load_cached(db::Connection& c, const User& user);
  // The user with their grants, from the cache when it is fresh; nullopt
  // when the user does not exist or is not active.
  std::optional<CachedUser> active_user(db::Connection& c, int64_t user_id);

  db::Database& database_;
  const Clock& clock_;
  PasswordHasher& hasher_;
  audit::AuditLog& audit_;
  SecondFactorService& second_factor_;
  SessionSettings settings_;
  // Sessions and tokens are looked up on every request (ending one takes
  // effect at once); the user and grants behind them are cached (ADR 0014).
  db::WatchedCache<int64_t, CachedUser> users_;
};

std::vector<db::Migration> migrations();

}  // namespace guanxi::auth
