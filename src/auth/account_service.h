#pragma once
// What a signed-in user manages about their own account: live sessions and
// personal API tokens (issue 4 point 7).
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "auth/api_token.h"
#include "auth/user.h"
#include "core/clock.h"
#include "core/error.h"
#include "db/database.h"

namespace guanxi::auth {

struct NewApiToken {
  std::string name;
  std::vector<std::string> permissions;
  int64_t expires_in_days = 90;
};

struct IssuedToken {
  std::string token;  // shown once; only its hash is kept
  ApiToken stored;
};

class AccountService {
 public:
  AccountService(db::Database& database, const Clock& clock, audit::AuditLog& audit)
      : database_(database), clock_(clock), audit_(audit) {}

  std::vector<SessionInfo> sessions(const Principal& principal);
  // Errors: not_found (not the caller's live session).
  Result<void> end_session(const Principal& principal, int64_t session_id, const ClientInfo& client);

  std::vector<ApiToken> tokens(const Principal& principal);
  // Errors: forbidden (called with a token: tokens do not mint tokens),
  // validation_failed (name, a permission the user lacks, expiry 1–365 days).
  Result<IssuedToken> create_token(const Principal& principal, const NewApiToken& input, const ClientInfo& client);
  Result<void> revoke_token(const Principal& principal, int64_t token_id, const ClientInfo& client);

  // An administrator (user.manage) on another user's sessions and tokens.
  // Errors: not_found (no such user; or not that user's live session, or
  // token not yet revoked), forbidden (三员分立: a duty the actor lacks).
  Result<std::vector<SessionInfo>> sessions_of(const Actor& actor, int64_t user_id);
  Result<void> end_session_of(const Actor& actor, int64_t user_id, int64_t session_id);
  Result<std::vector<ApiToken>> tokens_of(const Actor& actor, int64_t user_id);
  Result<void> revoke_token_of(const Actor& actor, int64_t user_id, int64_t token_id);
  // Removes a user's second factor (lost phone, ADR 0013); they enrol again.
  // Errors: not_found (no such user, or no factor to reset), forbidden (三员分立).
  Result<void> reset_second_factor_of(const Actor& actor, int64_t user_id);

 private:
  db::Database& database_;
  const Clock& clock_;
  audit::AuditLog& audit_;
};

}  // namespace guanxi::auth
