// Login, lockout and session expiry with a hand-moved clock (SEC-1, SEC-5).
#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "auth/auth_service.h"
#include "auth/role_service.h"
#include "auth/totp.h"
#include "auth/user_service.h"
#include "core/random.h"
#include "db/migrations.h"
#include "test_database.h"

namespace guanxi::auth {
namespace {

using namespace std::chrono_literals;

constexpr const char* kPassword = "Correct-Horse-9";
const std::string kSecretKey(32, 'k');

class AuthServiceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database = testing::make_test_database(GetParam());
    db::migrate(*database, db::application_migrations(), clock.now_ms());
    audit = std::make_unique<audit::AuditLog>(*database, clock, "unit-test-key");
    roles = std::make_unique<RoleService>(*database, clock, *audit, false);
    roles->sync_builtin_roles();
    users = std::make_unique<UserService>(*database, clock, hasher, *audit, *roles);
    second_factor = std::make_unique<SecondFactorService>(*database, clock, *audit, hasher, kSecretKey);
    service = std::make_unique<AuthService>(*database, clock, hasher, *audit, *second_factor,
                                            SessionSettings{30min, 12h, 5, 15min});
    ASSERT_TRUE(users->add({"alice", "爱丽丝", kPassword, {"salesperson"}}, "test"));
  }

  std::vector<std::string> actions() {
    std::vector<std::string> out;
    for (const auto& e : audit->recent(100)) out.insert(out.begin(), e.event.action);
    return out;
  }

  ManualClock clock;
  PasswordHasher hasher{HashStrength::minimal};
  std::unique_ptr<db::Database> database;
  std::unique_ptr<audit::AuditLog> audit;
  std::unique_ptr<RoleService> roles;
  std::unique_ptr<UserService> users;
  std::unique_ptr<SecondFactorService> second_factor;
  std::unique_ptr<AuthService> service;
  ClientInfo client{"127.0.0.1", "unit-test"};
};

TEST_P(AuthServiceTest, LoginWithTheRightPasswordOpensASession) {
  auto result = service->login("alice", kPassword, client);
  ASSERT_TRUE(result) << result.error().code;
  EXPECT_EQ(result->principal.username, "alice");
  EXPECT_EQ(result->principal.roles, std::vector<std::string>{"salesperson"});
  EXPECT_GE(result->session_token.size(), 43u);  // 256 bits in base64url
  auto principal = service->authenticate(result->session_token);
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->csrf_token, result->principal.csrf_token);
  EXPECT_EQ(actions().back(), "login.succeeded");
}

TEST_P(AuthServiceTest, OnlyTheTokenHashIsStored) {
  auto result = service->login("alice", kPassword, client);
  ASSERT_TRUE(result);
  auto c = database->acquire();
  auto rows = c->query("SELECT token_hash FROM sessions");
  ASSERT_EQ(rows.rows.size(), 1u);
  EXPECT_NE(rows.rows[0].text(0), result->session_token);
  EXPECT_EQ(rows.rows[0].text(0), sha256_hex(result->session_token));
}

TEST_P(AuthServiceTest, WrongPasswordAndUnknownUserGiveTheSameError) {
  auto wrong = service->login("alice", "nope", client);
  auto unknown = service->login("nobody", "nope", client);
  ASSERT_FALSE(wrong);
  ASSERT_FALSE(unknown);
  EXPECT_EQ(wrong.error().code, "invalid_credentials");
  EXPECT_EQ(unknown.error().code, "invalid_credentials");
  EXPECT_EQ(wrong.error().status, 401);
}

TEST_P(AuthServiceTest, FiveFailuresLockTheAccountForFifteenMinutes) {
  for (int i = 1; i <= 4; ++i) {
    auto r = service->login("alice", "wrong", client);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "invalid_credentials") << "attempt " << i;
  }
  auto fifth = service->login("alice", "wrong", client);
  ASSERT_FALSE(fifth);
  EXPECT_EQ(fifth.error().code, "account_locked");
  EXPECT_EQ(fifth.error().status, 423);

  auto right_but_locked = service->login("alice", kPassword, client);
  ASSERT_FALSE(right_but_locked);
  EXPECT_EQ(right_but_locked.error().code, "account_locked");

  clock.advance(14min);
  EXPECT_FALSE(service->login("alice", kPassword, client));
  clock.advance(1min + 1s);
  EXPECT_TRUE(service->login("alice", kPassword, client));

  auto log = actions();
  EXPECT_NE(std::find(log.begin(), log.end(), "account.locked"), log.end());
  EXPECT_NE(std::find(log.begin(), log.end(), "login.blocked"), log.end());
}

TEST_P(AuthServiceTest, SuccessResetsTheFailureCount) {
  for (int i = 0; i < 4; ++i) ASSERT_FALSE(service->login("alice", "wrong", client));
  ASSERT_TRUE(service->login("alice", kPassword, client));
  for (int i = 0; i < 4; ++i) {
    auto r = service->login("alice", "wrong", client);
    EXPECT_EQ(r.error().code, "invalid_credentials");
  }
}

TEST_P(AuthServiceTest, IdleSessionsExpireAfterThirtyMinutes) {
  auto login = service->login("alice", kPassword, client);
  ASSERT_TRUE(login);
  clock.advance(29min);
  ASSERT_TRUE(service->authenticate(login->session_token));  // activity resets the idle clock
  clock.advance(29min);
  ASSERT_TRUE(service->authenticate(login->session_token));
  clock.advance(30min);
  EXPECT_FALSE(service->authenticate(login->session_token));
  clock.advance(-30min);  // an expired session stays ended
  EXPECT_FALSE(service->authenticate(login->session_token));
}

TEST_P(AuthServiceTest, ActiveSessionsEndAtTheAbsoluteLimit) {
  auto login = service->login("alice", kPassword, client);
  ASSERT_TRUE(login);
  for (int i = 0; i < 35; ++i) {  // active every 20 minutes for 11 h 40 min
    clock.advance(20min);
    ASSERT_TRUE(service->authenticate(login->session_token)) << "after " << (i + 1) * 20 << " minutes";
  }
  clock.advance(20min);  // 12 hours
  EXPECT_FALSE(service->authenticate(login->session_token));
}

TEST_P(AuthServiceTest, LogoutEndsTheSession) {
  auto login = service->login("alice", kPassword, client);
  ASSERT_TRUE(login);
  service->logout(login->principal, client);
  EXPECT_FALSE(service->authenticate(login->session_token));
  EXPECT_FALSE(service->authenticate("not-a-token"));
  EXPECT_FALSE(service->authenticate(""));
}

TEST_P(AuthServiceTest, DisablingAUserEndsSessionsAndRefusesLogin) {
  auto login = service->login("alice", kPassword, client);
  ASSERT_TRUE(login);
  ASSERT_TRUE(users->disable("alice", "test"));
  EXPECT_FALSE(service->authenticate(login->session_token));
  auto again = service->login("alice", kPassword, client);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "account_disabled");
}

TEST_P(AuthServiceTest, PasswordChangeEndsSessionsAndTheNewPasswordWorks) {
  auto login = service->login("alice", kPassword, client);
  ASSERT_TRUE(login);
  ASSERT_TRUE(users->set_password("alice", "Another-Passw0rd", true, "test"));
  EXPECT_FALSE(service->authenticate(login->session_token));
  EXPECT_FALSE(service->login("alice", kPassword, client));
  auto fresh = service->login("alice", "Another-Passw0rd", client);
  ASSERT_TRUE(fresh);
  EXPECT_TRUE(fresh->principal.must_change_password);
}

// ADR 0014: the user behind a session is cached, but a change to the user or
// their roles reaches the next request of a session that is already open.
TEST_P(AuthServiceTest, RoleAndNameChangesReachAnOpenSessionAtItsNextRequest) {
  auto login = service->login("alice", kPassword, client);
  ASSERT_TRUE(login);
  auto before = service->authenticate(login->session_token);
  ASSERT_TRUE(before);
  ASSERT_TRUE(before->can("customer.create"));
  ASSERT_TRUE(service->authenticate(login->session_token));  // now from the cache

  auto alice = users->get(before->user_id);
  ASSERT_TRUE(alice);
  UserChange change;
  change.roles = std::vector<std::string>{"auditor"};
  change.display_name = "爱丽丝·审计";
  ASSERT_TRUE(users->update(alice->id, change, alice->version, "test"));
  auto after = service->authenticate(login->session_token);
  ASSERT_TRUE(after);
  EXPECT_EQ(after->roles, std::vector<std::string>{"auditor"});
  EXPECT_EQ(after->display_name, "爱丽丝·审计");
  EXPECT_FALSE(after->can("customer.create"));
  EXPECT_TRUE(after->can("audit.read"));

  // A write straight to the table (another module, a script) counts as well.
  {
    auto c = database->acquire();
    c->query("UPDATE users SET display_name = ? WHERE id = ?", {std::string("Alice"), alice->id});
  }
  EXPECT_EQ(service->authenticate(login->session_token)->display_name, "Alice");
}

TEST_P(AuthServiceTest, UserNamesAreUnique) {
  auto dup = users->add({"alice", "Alice 2", "Some-Passw0rd!", {}}, "test");
  ASSERT_FALSE(dup);
  EXPECT_EQ(dup.error().code, "duplicate_username");
  EXPECT_EQ(dup.error().status, 409);
}

TEST_P(AuthServiceTest, UnknownRolesAreRefused) {
  auto bad = users->add({"bob", "Bob", "Some-Passw0rd!", {"emperor"}}, "test");
  ASSERT_FALSE(bad);
  EXPECT_EQ(bad.error().code, "validation_failed");
}

TEST_P(AuthServiceTest, InitialAdminIsCreatedOnlyOnAnEmptyDatabase) {
  // alice exists, so no admin is created.
  EXPECT_FALSE(users->ensure_initial_admin(std::nullopt));
  auto fresh = testing::make_test_database(GetParam());
  db::migrate(*fresh, db::application_migrations(), clock.now_ms());
  audit::AuditLog fresh_audit(*fresh, clock, "unit-test-key");
  RoleService fresh_roles(*fresh, clock, fresh_audit, false);
  fresh_roles.sync_builtin_roles();
  UserService fresh_users(*fresh, clock, hasher, fresh_audit, fresh_roles);
  auto password = fresh_users.ensure_initial_admin(std::nullopt);
  ASSERT_TRUE(password);
  EXPECT_FALSE(check_password_policy("admin", *password));
  SecondFactorService fresh_factor(*fresh, clock, fresh_audit, hasher, kSecretKey);
  AuthService fresh_auth(*fresh, clock, hasher, fresh_audit, fresh_factor, {});
  auto login = fresh_auth.login("admin", *password, client);
  ASSERT_TRUE(login);
  EXPECT_EQ(login->principal.roles, (std::vector<std::string>{"security_admin", "system_admin"}));
}

// ---- Second factor (ADR 0013, issue 4 point 7) ----

TEST_P(AuthServiceTest, SecondFactorLoginNeedsACodeAndEachCodeWorksOnce) {
  auto first = service->login("alice", kPassword, client);
  ASSERT_TRUE(first);
  const Principal alice = first->principal;
  auto enrolment = second_factor->enrol(alice, client);
  ASSERT_TRUE(enrolment);
  const std::string key = *totp::base32_decode(enrolment->secret);
  EXPECT_TRUE(enrolment->uri.starts_with("otpauth://totp/Guanxi:alice?secret=" + enrolment->secret));
  // Not yet confirmed: login still opens a session at once.
  EXPECT_TRUE(service->login("alice", kPassword, client)->session_token.size() > 0);
  auto wrong = second_factor->confirm(alice, "000000", client);
  ASSERT_FALSE(wrong);
  EXPECT_EQ(wrong.error().code, "invalid_second_factor");
  const int64_t step = totp::step_at(clock.now_ms());
  auto codes = second_factor->confirm(alice, totp::hotp(key, step), client);
  ASSERT_TRUE(codes) << codes.error().code;
  EXPECT_EQ(codes->size(), 10u);
  EXPECT_EQ(second_factor->status(alice).recovery_codes_left, 10);

  auto pending = service->login("alice", kPassword, client);
  ASSERT_TRUE(pending);
  ASSERT_TRUE(pending->challenge);
  EXPECT_TRUE(pending->session_token.empty());
  // The code of the confirming step was used up.
  auto replay = service->login_second_factor(*pending->challenge, totp::hotp(key, step), "", client);
  ASSERT_FALSE(replay);
  EXPECT_EQ(replay.error().code, "invalid_second_factor");
  clock.advance(30s);
  auto done = service->login_second_factor(*pending->challenge, totp::hotp(key, step + 1), "", client);
  ASSERT_TRUE(done) << done.error().code;
  EXPECT_TRUE(service->authenticate(done->session_token));
  EXPECT_TRUE(done->principal.second_factor_enrolled);
  // A challenge works once.
  auto again = service->login_second_factor(*pending->challenge, totp::hotp(key, step + 2), "", client);
  ASSERT_FALSE(again);
  EXPECT_EQ(again.error().code, "login_challenge_expired");

  // A recovery code, in any case and with or without its dash, works once.
  auto by_recovery = service->login("alice", kPassword, client);
  std::string lower = (*codes)[0];
  for (auto& ch : lower) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
  ASSERT_TRUE(service->login_second_factor(*by_recovery->challenge, "", lower, client));
  auto reused = service->login("alice", kPassword, client);
  EXPECT_FALSE(service->login_second_factor(*reused->challenge, "", (*codes)[0], client));
  EXPECT_EQ(second_factor->status(alice).recovery_codes_left, 9);
  auto log = actions();
  EXPECT_NE(std::find(log.begin(), log.end(), "second_factor.recovery_code_used"), log.end());
  EXPECT_NE(std::find(log.begin(), log.end(), "second_factor.enrolled"), log.end());
}

TEST_P(AuthServiceTest, WrongCodesCountTowardsTheLockoutAndChallengesExpire) {
  const Principal alice = service->login("alice", kPassword, client)->principal;
  const std::string key = *totp::base32_decode(second_factor->enrol(alice, client)->secret);
  ASSERT_TRUE(second_factor->confirm(alice, totp::hotp(key, totp::step_at(clock.now_ms())), client));

  auto stale = service->login("alice", kPassword, client);
  clock.advance(5min + 1s);
  auto expired = service->login_second_factor(*stale->challenge, totp::hotp(key, totp::step_at(clock.now_ms())), "",
                                              client);
  ASSERT_FALSE(expired);
  EXPECT_EQ(expired.error().code, "login_challenge_expired");

  auto pending = service->login("alice", kPassword, client);
  for (int i = 1; i <= 4; ++i) {
    auto r = service->login_second_factor(*pending->challenge, "123456", "", client);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, "invalid_second_factor") << "attempt " << i;
  }
  auto fifth = service->login_second_factor(*pending->challenge, "123456", "", client);
  ASSERT_FALSE(fifth);
  EXPECT_EQ(fifth.error().code, "account_locked");
  // The right password is refused while locked, the challenge too.
  EXPECT_EQ(service->login("alice", kPassword, client).error().code, "account_locked");
}

TEST_P(AuthServiceTest, ARoleRequiringTheFactorLimitsTheSessionUntilEnrolment) {
  ASSERT_TRUE(users->add({"sec", "安全", kPassword, {"security_admin"}}, "test"));
  const Principal security = service->login("sec", kPassword, client)->principal;
  auto salesperson = roles->list();
  auto role = std::find_if(salesperson.begin(), salesperson.end(), [](const Role& r) { return r.key == "salesperson"; });
  ASSERT_NE(role, salesperson.end());
  RoleInput change;
  change.name = "x";
  EXPECT_EQ(roles->update(security, role->id, change, role->version, client).error().code, "builtin_role");
  RoleInput require;
  require.require_second_factor = true;
  auto updated = roles->update(security, role->id, require, role->version, client);
  ASSERT_TRUE(updated) << updated.error().code;
  EXPECT_TRUE(updated->require_second_factor);

  auto login = service->login("alice", kPassword, client);
  ASSERT_TRUE(login);
  EXPECT_TRUE(login->principal.second_factor_setup_required);
  const std::string key = *totp::base32_decode(second_factor->enrol(login->principal, client)->secret);
  ASSERT_TRUE(second_factor->confirm(login->principal, totp::hotp(key, totp::step_at(clock.now_ms())), client));
  auto now_enrolled = service->authenticate(login->session_token);
  ASSERT_TRUE(now_enrolled);
  EXPECT_FALSE(now_enrolled->second_factor_setup_required);
  EXPECT_TRUE(now_enrolled->second_factor_required);
  clock.advance(30s);
  auto off = second_factor->disable(*now_enrolled, kPassword, totp::hotp(key, totp::step_at(clock.now_ms())), client);
  ASSERT_FALSE(off);
  EXPECT_EQ(off.error().code, "second_factor_required_by_role");
  // Built-in roles keep the administrator's choice when the binary syncs them.
  roles->sync_builtin_roles();
  auto again = roles->list();
  EXPECT_TRUE(std::find_if(again.begin(), again.end(), [](const Role& r) { return r.key == "salesperson"; })
                  ->require_second_factor);
}

TEST_P(AuthServiceTest, TurningTheFactorOffNeedsThePasswordAndACode) {
  const Principal alice = service->login("alice", kPassword, client)->principal;
  const std::string key = *totp::base32_decode(second_factor->enrol(alice, client)->secret);
  ASSERT_TRUE(second_factor->confirm(alice, totp::hotp(key, totp::step_at(clock.now_ms())), client));
  EXPECT_EQ(second_factor->enrol(alice, client).error().code, "second_factor_enrolled");
  clock.advance(30s);
  const std::string code = totp::hotp(key, totp::step_at(clock.now_ms()));
  auto wrong_password = second_factor->disable(alice, "wrong", code, client);
  ASSERT_FALSE(wrong_password);
  EXPECT_EQ(wrong_password.error().errors.at(0).field, "password");
  ASSERT_TRUE(second_factor->disable(alice, kPassword, code, client));
  EXPECT_FALSE(second_factor->status(alice).enrolled);
  auto plain = service->login("alice", kPassword, client);
  ASSERT_TRUE(plain);
  EXPECT_FALSE(plain->challenge);
}

INSTANTIATE_TEST_SUITE_P(Engines, AuthServiceTest, ::testing::ValuesIn(testing::test_engines()),
                         [](const auto& info) { return info.param; });

TEST(PasswordPolicy, NeedsLengthThreeClassesAndNotTheUserName) {
  EXPECT_TRUE(check_password_policy("alice", "Short-1"));                 // too short
  EXPECT_TRUE(check_password_policy("alice", "alllowercaseletters"));     // one class
  EXPECT_TRUE(check_password_policy("alice", "lowercase123456"));         // two classes
  EXPECT_TRUE(check_password_policy("Alice-1234", "alice-1234"));         // the user name
  EXPECT_FALSE(check_password_policy("alice", "Lowercase123456"));        // three classes
  EXPECT_FALSE(check_password_policy("alice", "密码很长很长Ab1!"));        // non-ASCII counts as "other"
  auto weak = check_password_policy("alice", "x");
  ASSERT_TRUE(weak);
  EXPECT_EQ(weak->code, "weak_password");
}

TEST(PasswordHasher, HashesWithArgon2idAndVerifies) {
  init_crypto();
  PasswordHasher hasher(HashStrength::minimal);
  const std::string hash = hasher.hash("Correct-Horse-9");
  EXPECT_TRUE(hash.starts_with("$argon2id$"));
  EXPECT_TRUE(hasher.verify(hash, "Correct-Horse-9"));
  EXPECT_FALSE(hasher.verify(hash, "correct-horse-9"));
  EXPECT_NE(hasher.hash("Correct-Horse-9"), hash);  // salted
}

}  // namespace
}  // namespace guanxi::auth
