#include "auth/account_service.h"

#include <algorithm>

#include "auth/api_token_repository.h"
#include "auth/second_factor_repository.h"
#include "auth/session_repository.h"
#include "auth/user_repository.h"
#include "auth/user_service.h"
#include "core/random.h"

#include <boost/json.hpp>

namespace guanxi::auth {
namespace {

constexpr int64_t kDayMs = 24LL * 60 * 60 * 1000;

void audit_as(audit::AuditLog& audit, db::Connection& c, const Principal& p, const ClientInfo& client,
              const char* action, const std::string& target) {
  audit.record(c, {p.user_id, p.username, action, target, client.ip, client.user_agent, ""});
}

}  // namespace

std::vector<SessionInfo> AccountService::sessions(const Principal& principal) {
  auto c = database_.acquire();
  return session_repository::list_live_for_user(*c, principal.user_id, clock_.now_ms());
}

Result<void> AccountService::end_session(const Principal& principal, int64_t session_id, const ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  if (!session_repository::end_for_user(*c, principal.user_id, session_id, clock_.now_ms(), "revoked")) {
    return fail(Error::not_found());
  }
  audit_as(audit_, *c, principal, client, "session.revoked", "session:" + std::to_string(session_id));
  tx.commit();
  return {};
}

std::vector<ApiToken> AccountService::tokens(const Principal& principal) {
  auto c = database_.acquire();
  return api_token_repository::list_for_user(*c, principal.user_id);
}

Result<IssuedToken> AccountService::create_token(const Principal& principal, const NewApiToken& input,
                                                 const ClientInfo& client) {
  if (principal.api_token_id) return fail(Error::forbidden());
  std::vector<FieldError> errors;
  if (input.name.empty() || input.name.size() > 300) errors.push_back({"name", "invalid_format"});
  if (input.permissions.empty()) errors.push_back({"permissions", "required"});
  // A token carries a subset of what its user holds today.
  if (std::any_of(input.permissions.begin(), input.permissions.end(),
                  [&](const std::string& p) { return !principal.can(p); })) {
    errors.push_back({"permissions", "unknown_value"});
  }
  if (input.expires_in_days < 1 || input.expires_in_days > 365) errors.push_back({"expires_in_days", "out_of_range"});
  if (!errors.empty()) return fail(Error::validation(std::move(errors)));

  IssuedToken issued;
  issued.token = "gx_" + random_token(32);
  auto& t = issued.stored;
  t.user_id = principal.user_id;
  t.name = input.name;
  t.prefix = issued.token.substr(0, 8);
  t.permissions = input.permissions;
  std::sort(t.permissions.begin(), t.permissions.end());
  t.permissions.erase(std::unique(t.permissions.begin(), t.permissions.end()), t.permissions.end());
  t.created_at = clock_.now_ms();
  t.expires_at = t.created_at + input.expires_in_days * kDayMs;
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  t.id = api_token_repository::insert(*c, t, sha256_hex(issued.token));
  audit_as(audit_, *c, principal, client, "api_token.created", "api_token:" + std::to_string(t.id));
  tx.commit();
  return issued;
}

Result<void> AccountService::revoke_token(const Principal& principal, int64_t token_id, const ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  if (!api_token_repository::revoke(*c, principal.user_id, token_id, clock_.now_ms())) return fail(Error::not_found());
  audit_as(audit_, *c, principal, client, "api_token.revoked", "api_token:" + std::to_string(token_id));
  tx.commit();
  return {};
}

namespace {

// The user an administrator acts on, if the actor may (三员分立).
Result<User> managed_user(db::Connection& c, const Actor& actor, int64_t user_id) {
  auto user = user_repository::find_by_id(c, user_id);
  if (!user) return fail(Error::not_found());
  if (auto denied = UserService::check_may_manage(c, actor, *user)) return fail(*denied);
  return *user;
}

void audit_admin(audit::AuditLog& audit, db::Connection& c, const Actor& actor, const char* action,
                 const std::string& target, const User& user) {
  audit.record(c, {actor.user_id, actor.name, action, target, actor.client.ip, actor.client.user_agent,
                   boost::json::serialize(boost::json::object{{"user", user.username}, {"by_administrator", true}})});
}

}  // namespace

Result<std::vector<SessionInfo>> AccountService::sessions_of(const Actor& actor, int64_t user_id) {
  auto c = database_.acquire();
  auto user = managed_user(*c, actor, user_id);
  if (!user) return fail(user.error());
  return session_repository::list_live_for_user(*c, user_id, clock_.now_ms());
}

Result<void> AccountService::end_session_of(const Actor& actor, int64_t user_id, int64_t session_id) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto user = managed_user(*c, actor, user_id);
  if (!user) return fail(user.error());
  if (!session_repository::end_for_user(*c, user_id, session_id, clock_.now_ms(), "revoked_by_administrator")) {
    return fail(Error::not_found());
  }
  audit_admin(audit_, *c, actor, "session.revoked", "session:" + std::to_string(session_id), *user);
  tx.commit();
  return {};
}

Result<std::vector<ApiToken>> AccountService::tokens_of(const Actor& actor, int64_t user_id) {
  auto c = database_.acquire();
  auto user = managed_user(*c, actor, user_id);
  if (!user) return fail(user.error());
  return api_token_repository::list_for_user(*c, user_id);
}

Result<void> AccountService::revoke_token_of(const Actor& actor, int64_t user_id, int64_t token_id) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto user = managed_user(*c, actor, user_id);
  if (!user) return fail(user.error());
  if (!api_token_repository::revoke(*c, user_id, token_id, clock_.now_ms())) return fail(Error::not_found());
  audit_admin(audit_, *c, actor, "api_token.revoked", "api_token:" + std::to_string(token_id), *user);
  tx.commit();
  return {};
}

Result<void> AccountService::reset_second_factor_of(const Actor& actor, int64_t user_id) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto user = managed_user(*c, actor, user_id);
  if (!user) return fail(user.error());
  if (!second_factor_repository::remove(*c, user_id)) return fail(Error::not_found());
  audit_admin(audit_, *c, actor, "second_factor.reset", "user:" + user->username, *user);
  tx.commit();
  return {};
}

}  // namespace guanxi::auth
