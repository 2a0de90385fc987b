#include "auth/auth_service.h"

#include <algorithm>

#include "auth/api_token_repository.h"
#include "auth/role_repository.h"
#include "auth/second_factor_repository.h"
#include "auth/session_repository.h"
#include "auth/user_repository.h"
#include "core/random.h"

namespace guanxi::auth {
namespace {

int64_t ms(std::chrono::seconds s) { return std::chrono::duration_cast<std::chrono::milliseconds>(s).count(); }

}  // namespace

Principal AuthService::to_principal(db::Connection& c, const User& user, int64_t session_id, std::string csrf_token) {
  return to_principal(load_cached(c, user), session_id, std::move(csrf_token));
}

Principal AuthService::to_principal(const CachedUser& cached, int64_t session_id, std::string csrf_token) {
  const User& user = cached.user;
  Principal p{user.id,    user.username,         user.display_name, user.roles, user.must_change_password,
              session_id, std::move(csrf_token), user.unit_id,      cached.grants};
  // SEC-5: an expired password is treated like an administrator's reset.
  if (settings_.password_max_age.count() > 0 &&
      clock_.now_ms() - user.password_changed_at >= ms(settings_.password_max_age)) {
    p.must_change_password = true;
  }
  p.second_factor_enrolled = user.second_factor_enrolled;
  p.second_factor_required = cached.second_factor_required;
  p.second_factor_setup_required = cached.second_factor_required && !user.second_factor_enrolled;
  p.field_rules = cached.field_rules;
  return p;
}

CachedUser AuthService::load_cached(db::Connection& c, const User& user) {
  return CachedUser{user, role_repository::grants_for_user(c, user.id),
                    role_repository::requires_second_factor(c, user.id),
                    role_repository::field_rules_for_user(c, user.id)};
}

namespace {

constexpr std::chrono::minutes kChallengeLifetime{5};
constexpr int kChallengeAttempts = 5;

std::string minutes_left(int64_t until_ms, int64_t now_ms) {
  return std::to_string(std::max<int64_t>(1, (until_ms - now_ms + 59'999) / 60'000));
}

}  // namespace

Result<LoginResult> AuthService::login(const std::string& username, const std::string& password,
                                       const ClientInfo& client) {
  std::optional<User> user;
  {
    auto c = database_.acquire();
    user = user_repository::find_by_username(*c, username);
  }
  const int64_t now = clock_.now_ms();
  if (!user) {
    hasher_.verify_dummy(password);
    audit_.append({std::nullopt, username, "login.failed", "user:" + username, client.ip, client.user_agent,
                   R"({"reason":"unknown_user"})"});
    return fail(Error::make(401, "invalid_credentials"));
  }
  if (user->locked_until && *user->locked_until > now) {
    audit_.append({user->id, user->username, "login.blocked", "user:" + user->username, client.ip, client.user_agent,
                   R"({"reason":"locked"})"});
    return fail(Error::make(423, "account_locked", {minutes_left(*user->locked_until, now)}));
  }
  if (!hasher_.verify(user->password_hash, password)) return fail_login(*user, client);
  if (user->status != "active") {
    audit_.append({user->id, user->username, "login.failed", "user:" + user->username, client.ip, client.user_agent,
                   R"({"reason":"disabled"})"});
    return fail(Error::make(403, "account_disabled"));
  }

  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  if (user->second_factor_enrolled) {
    // The failure count is kept until the code is right too, so guessing codes
    // with a known password still meets the lockout.
    LoginResult pending;
    pending.challenge = random_token(32);
    second_factor_repository::purge_challenges(*c, now - 24LL * 60 * 60 * 1000);
    second_factor_repository::insert_challenge(*c, sha256_hex(*pending.challenge), user->id, now,
                                               now + ms(kChallengeLifetime));
    audit_.record(*c, {user->id, user->username, "login.second_factor_requested", "user:" + user->username, client.ip,
                       client.user_agent, ""});
    tx.commit();
    return pending;
  }
  auto result = open_session(*c, *user, client, "");
  tx.commit();
  return result;
}

Result<LoginResult> AuthService::login_second_factor(const std::string& challenge, const std::string& code,
                                                     const std::string& recovery_code, const ClientInfo& client) {
  const int64_t now = clock_.now_ms();
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto open = second_factor_repository::find_open_challenge(*c, sha256_hex(challenge));
  if (!open || open->expires_at <= now || open->attempts >= kChallengeAttempts) {
    return fail(Error::make(401, "login_challenge_expired"));
  }
  auto user = user_repository::find_by_id(*c, open->user_id);
  if (!user) return fail(Error::make(401, "login_challenge_expired"));
  if (user->locked_until && *user->locked_until > now) {
    second_factor_repository::close_challenge(*c, open->id, now);
    audit_.record(*c, {user->id, user->username, "login.blocked", "user:" + user->username, client.ip,
                       client.user_agent, R"({"reason":"locked"})"});
    tx.commit();
    return fail(Error::make(423, "account_locked", {minutes_left(*user->locked_until, now)}));
  }
  if (user->status != "active") {
    second_factor_repository::close_challenge(*c, open->id, now);
    tx.commit();
    return fail(Error::make(403, "account_disabled"));
  }
  const auto proof = second_factor_.check_login(*c, user->id, code, recovery_code);
  if (proof == SecondFactorProof::none) {
    second_factor_repository::count_attempt(*c, open->id);
    Error error = record_failure(*c, *user, client, "wrong_second_factor");
    tx.commit();
    if (error.status == 401) return fail(Error::make(401, "invalid_second_factor"));
    return fail(std::move(error));
  }
  if (!second_factor_repository::close_challenge(*c, open->id, now)) {
    return fail(Error::make(401, "login_challenge_expired"));
  }
  const bool recovery = proof == SecondFactorProof::recovery_code;
  if (recovery) {
    audit_.record(*c, {user->id, user->username, "second_factor.recovery_code_used", "user:" + user->username,
                       client.ip, client.user_agent, ""});
  }
  auto result = open_session(*c, *user, client,
                             recovery ? R"({"second_factor":"recovery_code"})" : R"({"second_factor":"totp"})");
  tx.commit();
  return result;
}

LoginResult AuthService::open_session(db::Connection& c, const User& user, const ClientInfo& client,
                                      std::string audit_detail) {
  const int64_t now = clock_.now_ms();
  const std::string token = random_token(32);  // 256 bits
  const std::string csrf = random_token(32);
  user_repository::clear_failed_logins(c, user.id);
  const int64_t session_id = session_repository::insert(c, sha256_hex(token), user.id, csrf, now,
                                                        now + ms(settings_.absolute_timeout), client.ip,
                                                        client.user_agent);
  audit_.record(c, {user.id, user.username, "login.succeeded", "user:" + user.username, client.ip, client.user_agent,
                    std::move(audit_detail)});
  return LoginResult{token, to_principal(c, user, session_id, csrf), std::nullopt};
}

Result<LoginResult> AuthService::fail_login(const User& user, const ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  Error error = record_failure(*c, user, client, "wrong_password");
  tx.commit();
  return fail(std::move(error));
}

Error AuthService::record_failure(db::Connection& c, const User& user, const ClientInfo& client, const char* reason) {
  const int failures = user_repository::record_failed_login(c, user.id);
  audit_.record(c, {user.id, user.username, "login.failed", "user:" + user.username, client.ip, client.user_agent,
                    std::string(R"({"reason":")") + reason + R"(","failures":)" + std::to_string(failures) + "}"});
  if (failures >= settings_.lockout_threshold) {
    const int64_t now = clock_.now_ms();
    const int64_t until = now + ms(settings_.lockout_duration);
    user_repository::lock_until(c, user.id, until);
    audit_.record(c, {user.id, user.username, "account.locked", "user:" + user.username, client.ip, client.user_agent,
                      R"({"until":)" + std::to_string(until) + "}"});
    return Error::make(423, "account_locked", {minutes_left(until, now)});
  }
  return Error::make(401, "invalid_credentials");
}

std::optional<Principal> AuthService::authenticate(std::string_view session_token) {
  if (session_token.empty()) return std::nullopt;
  auto c = database_.acquire();
  auto session = session_repository::find_live_by_token_hash(*c, sha256_hex(session_token));
  if (!session) return std::nullopt;
  const int64_t now = clock_.now_ms();
  const int64_t idle_ms = ms(settings_.idle_timeout);
  if (now >= session->expires_at || now - session->last_seen_at >= idle_ms) {
    session_repository::end(*c, session->id, now, now >= session->expires_at ? "absolute_timeout" : "idle_timeout");
    return std::nullopt;
  }
  auto user = active_user(*c, session->user_id);
  if (!user) return std::nullopt;
  // Writing last_seen on every request would serialize all readers behind the
  // single SQLite writer; a coarse update keeps the idle timeout honest enough.
  const int64_t touch_interval = std::min<int64_t>(60'000, idle_ms / 10);
  if (now - session->last_seen_at >= touch_interval) session_repository::touch(*c, session->id, now);
  return to_principal(*user, session->id, session->csrf_token);
}

std::optional<CachedUser> AuthService::active_user(db::Connection& c, int64_t user_id) {
  if (auto cached = users_.find(user_id)) return cached;
  const uint64_t generation = users_.generation();
  auto user = user_repository::find_by_id(c, user_id);
  if (!user || user->status != "active") return std::nullopt;
  CachedUser loaded = load_cached(c, *user);
  users_.put(user_id, loaded, generation);
  return loaded;
}

std::optional<Principal> AuthService::authenticate_token(std::string_view token) {
  if (token.empty() || token.size() > 200) return std::nullopt;
  auto c = database_.acquire();
  const int64_t now = clock_.now_ms();
  auto stored = api_token_repository::find_live_by_hash(*c, sha256_hex(token), now);
  if (!stored) return std::nullopt;
  auto user = active_user(*c, stored->user_id);
  if (!user) return std::nullopt;
  Principal principal = to_principal(*user, 0, "");
  // The token narrows what its user may do; it never widens it.
  Grants narrowed;
  for (const auto& permission : stored->permissions) {
    if (auto scope = principal.grants.scope_of(permission)) narrowed.add(permission, *scope);
  }
  principal.grants = std::move(narrowed);
  principal.api_token_id = stored->id;
  // Integrations are not asked to change passwords; their tokens are revoked instead.
  principal.must_change_password = false;
  principal.second_factor_setup_required = false;  // ADR 0013: tokens were made by a signed-in user
  if (!stored->last_used_at || now - *stored->last_used_at >= 60'000) api_token_repository::touch(*c, stored->id, now);
  return principal;
}

void AuthService::logout(const Principal& principal, const ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  session_repository::end(*c, principal.session_id, clock_.now_ms(), "logout");
  audit_.record(*c, {principal.user_id, principal.username, "logout", "user:" + principal.username, client.ip,
                     client.user_agent, ""});
  tx.commit();
}

std::vector<db::Migration> migrations() {
  return {{1, "users_and_sessions", R"SQL(
CREATE TABLE users (
  id {{id}},
  username TEXT NOT NULL UNIQUE,
  display_name TEXT NOT NULL,
  password_hash TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',
  must_change_password INTEGER NOT NULL DEFAULT 0,
  failed_logins INTEGER NOT NULL DEFAULT 0,
  locked_until BIGINT,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE TABLE user_roles (
  user_id BIGINT NOT NULL REFERENCES users (id),
  role_key TEXT NOT NULL,
  PRIMARY KEY (user_id, role_key)
);
CREATE TABLE sessions (
  id {{id}},
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users (id),
  csrf_token TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  last_seen_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  ended_at BIGINT,
  end_reason TEXT,
  ip TEXT,
  user_agent TEXT
);
CREATE INDEX sessions_user ON sessions (user_id);
)SQL",
           "",
           ""},
          {3, "organization_and_roles", R"SQL(
CREATE TABLE org_units (
  id {{id}},
  parent_id BIGINT REFERENCES org_units (id),
  name TEXT NOT NULL,
  kind TEXT NOT NULL,
  path TEXT NOT NULL,
  status TEXT NOT NULL DEFAULT 'active',
  sort_order BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE INDEX org_units_parent ON org_units (parent_id);
CREATE TABLE roles (
  id {{id}},
  role_key TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  data_scope TEXT NOT NULL,
  builtin INTEGER NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1
);
CREATE TABLE role_permissions (
  role_key TEXT NOT NULL REFERENCES roles (role_key),
  permission TEXT NOT NULL,
  PRIMARY KEY (role_key, permission)
);
ALTER TABLE users ADD COLUMN unit_id BIGINT REFERENCES org_units (id);
ALTER TABLE users ADD COLUMN manager_id BIGINT REFERENCES users (id);
ALTER TABLE users ADD COLUMN password_changed_at BIGINT;
CREATE INDEX users_unit ON users (unit_id);
CREATE TABLE password_history (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  password_hash TEXT NOT NULL,
  created_at BIGINT NOT NULL
);
CREATE INDEX password_history_user ON password_history (user_id, created_at);
)SQL",
           "",
           ""},
          {5, "api_tokens", R"SQL(
CREATE TABLE api_tokens (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  name TEXT NOT NULL,
  prefix TEXT NOT NULL,
  token_hash TEXT NOT NULL UNIQUE,
  permissions TEXT NOT NULL,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  last_used_at BIGINT,
  revoked_at BIGINT
);
CREATE INDEX api_tokens_user ON api_tokens (user_id);
)SQL",
           "",
           ""},
          {13, "second factor", R"SQL(
CREATE TABLE second_factors (
  user_id BIGINT PRIMARY KEY REFERENCES users (id),
  sealed_secret TEXT NOT NULL,
  confirmed_at BIGINT,
  last_used_step BIGINT NOT NULL DEFAULT 0,
  created_at BIGINT NOT NULL
);
CREATE TABLE recovery_codes (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  code_hash TEXT NOT NULL,
  used_at BIGINT
);
CREATE INDEX recovery_codes_user ON recovery_codes (user_id);
CREATE TABLE login_challenges (
  id {{id}},
  token_hash TEXT NOT NULL UNIQUE,
  user_id BIGINT NOT NULL REFERENCES users (id),
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  used_at BIGINT
);
CREATE INDEX login_challenges_expiry ON login_challenges (expires_at);
ALTER TABLE roles ADD COLUMN require_second_factor INTEGER NOT NULL DEFAULT 0;
)SQL",
           "",
           ""},
          {17, "user preferences", R"SQL(
-- A user's own page settings (the customer list's columns …), as JSON text.
CREATE TABLE user_preferences (
  user_id BIGINT NOT NULL REFERENCES users (id),
  pref_key TEXT NOT NULL,
  value TEXT NOT NULL,
  updated_at BIGINT NOT NULL,
  PRIMARY KEY (user_id, pref_key)
);
)SQL",
           "",
           ""},
          {18, "field rules per role", R"SQL(
-- ADR 0015: a customer field hidden from or read-only to a role; no row is read-write.
CREATE TABLE role_field_rules (
  role_key TEXT NOT NULL REFERENCES roles (role_key),
  field TEXT NOT NULL,
  access TEXT NOT NULL CHECK (access IN ('hidden', 'read')),
  PRIMARY KEY (role_key, field)
);
)SQL",
           "",
           ""}};
}

}  // namespace guanxi::auth
