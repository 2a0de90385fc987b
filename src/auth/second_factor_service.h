#pragma once
// The second factor of a user's own account (ADR 0013, issue 4 point 7):
// enrolment with a TOTP secret, confirmation by a first code, recovery codes,
// turning it off, and checking a code or recovery code at login.
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

struct SecondFactorStatus {
  bool enrolled = false;  // confirmed by a first code
  bool required = false;  // one of the user's roles requires it
  std::optional<int64_t> confirmed_at;
  int64_t recovery_codes_left = 0;
};

struct Enrolment {
  std::string secret;  // Base32, for typing into an app
  std::string uri;     // otpauth://…, drawn as a QR code by the browser
};

// How a login's second step was passed.
enum class SecondFactorProof { none, code, recovery_code };

class SecondFactorService {
 public:
  // `secret_key`: 32 bytes sealing the TOTP secrets (GUANXI_SECRET_KEY / secret.key).
  SecondFactorService(db::Database& database, const Clock& clock, audit::AuditLog& audit, PasswordHasher& hasher,
                      std::string secret_key)
      : database_(database), clock_(clock), audit_(audit), hasher_(hasher), secret_key_(std::move(secret_key)) {}

  SecondFactorStatus status(const Principal& principal);
  // Errors: second_factor_enrolled (409).
  Result<Enrolment> enrol(const Principal& principal, const ClientInfo& client);
  // Returns the recovery codes, shown once. Errors: second_factor_not_started,
  // second_factor_enrolled (409), invalid_second_factor (422).
  Result<std::vector<std::string>> confirm(const Principal& principal, const std::string& code,
                                           const ClientInfo& client);
  // A new set of recovery codes; the old ones stop working.
  Result<std::vector<std::string>> renew_recovery_codes(const Principal& principal, const std::string& code,
                                                        const ClientInfo& client);
  // Errors: second_factor_required_by_role (409), validation_failed (wrong password or code).
  Result<void> disable(const Principal& principal, const std::string& password, const std::string& code,
                       const ClientInfo& client);

  // Whether the user has a confirmed factor (login asks for a code then).
  bool enrolled(db::Connection& c, int64_t user_id);
  // Checks a login's code or recovery code and uses it up (each works once).
  SecondFactorProof check_login(db::Connection& c, int64_t user_id, const std::string& code,
                                const std::string& recovery_code);

 private:
  // A confirmed factor's code, used up when it matches.
  bool accept_code(db::Connection& c, int64_t user_id, const std::string& code);
  std::vector<std::string> issue_recovery_codes(db::Connection& c, int64_t user_id);
  void record(db::Connection& c, const Principal& principal, const ClientInfo& client, const char* action);

  db::Database& database_;
  const Clock& clock_;
  audit::AuditLog& audit_;
  PasswordHasher& hasher_;
  std::string secret_key_;
};

// Upper case without spaces and dashes: how recovery codes are compared.
std::string normalize_recovery_code(const std::string& text);

}  // namespace guanxi::auth
