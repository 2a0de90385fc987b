#include "auth/second_factor_service.h"

#include <cctype>

#include "auth/second_factor_repository.h"
#include "auth/totp.h"
#include "auth/user_repository.h"
#include "core/random.h"
#include "core/secret_box.h"

namespace guanxi::auth {
namespace repo = second_factor_repository;
namespace {

constexpr int kRecoveryCodes = 10;
constexpr size_t kRecoveryCodeLength = 10;  // Base32: 50 bits each
constexpr size_t kSecretBytes = 20;         // RFC 4226 recommends 160 bits

std::string random_bytes(size_t n) { return *from_hex(random_hex(n)); }

}  // namespace

std::string normalize_recovery_code(const std::string& text) {
  std::string out;
  for (unsigned char c : text) {
    if (c == '-' || c == ' ') continue;
    out += static_cast<char>(std::toupper(c));
  }
  return out;
}

void SecondFactorService::record(db::Connection& c, const Principal& principal, const ClientInfo& client,
                                 const char* action) {
  audit_.record(c, {principal.user_id, principal.username, action, "user:" + principal.username, client.ip,
                    client.user_agent, ""});
}

SecondFactorStatus SecondFactorService::status(const Principal& principal) {
  auto c = database_.acquire();
  SecondFactorStatus status;
  status.required = principal.second_factor_required;
  if (auto factor = repo::find(*c, principal.user_id); factor && factor->confirmed_at) {
    status.enrolled = true;
    status.confirmed_at = factor->confirmed_at;
    status.recovery_codes_left = repo::recovery_codes_left(*c, principal.user_id);
  }
  return status;
}

Result<Enrolment> SecondFactorService::enrol(const Principal& principal, const ClientInfo& client) {
  if (principal.api_token_id) return fail(Error::forbidden());
  const std::string secret = random_bytes(kSecretBytes);
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  if (auto factor = repo::find(*c, principal.user_id); factor && factor->confirmed_at) {
    return fail(Error::make(409, "second_factor_enrolled"));
  }
  repo::put_pending(*c, principal.user_id, seal(secret_key_, secret), clock_.now_ms());
  record(*c, principal, client, "second_factor.enrolment_started");
  tx.commit();
  const std::string text = totp::base32_encode(secret);
  return Enrolment{text, totp::otpauth_uri("Guanxi", principal.username, text)};
}

Result<std::vector<std::string>> SecondFactorService::confirm(const Principal& principal, const std::string& code,
                                                              const ClientInfo& client) {
  if (principal.api_token_id) return fail(Error::forbidden());
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto factor = repo::find(*c, principal.user_id);
  if (!factor) return fail(Error::make(409, "second_factor_not_started"));
  if (factor->confirmed_at) return fail(Error::make(409, "second_factor_enrolled"));
  auto secret = unseal(secret_key_, factor->sealed_secret);
  if (!secret) return fail(Error::make(409, "second_factor_not_started"));
  auto step = totp::matching_step(*secret, code, totp::step_at(clock_.now_ms()), 0);
  if (!step) return fail(Error::make(422, "invalid_second_factor"));
  repo::confirm(*c, principal.user_id, *step, clock_.now_ms());
  auto codes = issue_recovery_codes(*c, principal.user_id);
  record(*c, principal, client, "second_factor.enrolled");
  tx.commit();
  return codes;
}

Result<std::vector<std::string>> SecondFactorService::renew_recovery_codes(const Principal& principal,
                                                                           const std::string& code,
                                                                           const ClientInfo& client) {
  if (principal.api_token_id) return fail(Error::forbidden());
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  if (!enrolled(*c, principal.user_id)) return fail(Error::make(409, "second_factor_not_started"));
  if (!accept_code(*c, principal.user_id, code)) return fail(Error::make(422, "invalid_second_factor"));
  auto codes = issue_recovery_codes(*c, principal.user_id);
  record(*c, principal, client, "second_factor.recovery_codes_renewed");
  tx.commit();
  return codes;
}

Result<void> SecondFactorService::disable(const Principal& principal, const std::string& password,
                                          const std::string& code, const ClientInfo& client) {
  if (principal.api_token_id) return fail(Error::forbidden());
  if (principal.second_factor_required) return fail(Error::make(409, "second_factor_required_by_role"));
  std::string password_hash;
  {
    auto c = database_.acquire();
    if (!enrolled(*c, principal.user_id)) return fail(Error::make(409, "second_factor_not_started"));
    password_hash = user_repository::find_by_id(*c, principal.user_id)->password_hash;
  }
  // argon2id runs without holding a pooled connection.
  const bool password_ok = hasher_.verify(password_hash, password);
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  std::vector<FieldError> errors;
  if (!password_ok) errors.push_back({"password", "incorrect"});
  else if (!accept_code(*c, principal.user_id, code)) errors.push_back({"code", "incorrect"});
  if (!errors.empty()) return fail(Error::validation(std::move(errors)));
  repo::remove(*c, principal.user_id);
  record(*c, principal, client, "second_factor.disabled");
  tx.commit();
  return {};
}

bool SecondFactorService::enrolled(db::Connection& c, int64_t user_id) {
  auto factor = repo::find(c, user_id);
  return factor && factor->confirmed_at;
}

SecondFactorProof SecondFactorService::check_login(db::Connection& c, int64_t user_id, const std::string& code,
                                                   const std::string& recovery_code) {
  if (!code.empty()) return accept_code(c, user_id, code) ? SecondFactorProof::code : SecondFactorProof::none;
  const std::string normalized = normalize_recovery_code(recovery_code);
  if (normalized.size() != kRecoveryCodeLength) return SecondFactorProof::none;
  return repo::use_recovery_code(c, user_id, sha256_hex(normalized), clock_.now_ms()) ? SecondFactorProof::recovery_code
                                                                                      : SecondFactorProof::none;
}

bool SecondFactorService::accept_code(db::Connection& c, int64_t user_id, const std::string& code) {
  auto factor = repo::find(c, user_id);
  if (!factor || !factor->confirmed_at) return false;
  auto secret = unseal(secret_key_, factor->sealed_secret);
  if (!secret) return false;  // sealed under another key: the user must be reset
  auto step = totp::matching_step(*secret, code, totp::step_at(clock_.now_ms()), factor->last_used_step);
  return step && repo::use_step(c, user_id, *step);
}

std::vector<std::string> SecondFactorService::issue_recovery_codes(db::Connection& c, int64_t user_id) {
  std::vector<std::string> shown;
  std::vector<std::string> hashes;
  for (int i = 0; i < kRecoveryCodes; ++i) {
    const std::string code = totp::base32_encode(random_bytes(7)).substr(0, kRecoveryCodeLength);
    hashes.push_back(sha256_hex(code));
    shown.push_back(code.substr(0, 5) + "-" + code.substr(5));
  }
  repo::replace_recovery_codes(c, user_id, hashes);
  return shown;
}

}  // namespace guanxi::auth
