// Rule 5: a failure part-way through a change leaves nothing half-written.
#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "auth/auth_service.h"
#include "auth/role_service.h"
#include "auth/user_service.h"
#include "db/migrations.h"
#include "fault_injection.h"
#include "test_database.h"

namespace guanxi::auth {
namespace {

class FaultInjectionTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    real = testing::make_test_database(GetParam());
    db::migrate(*real, db::application_migrations(), clock.now_ms());
    faulty = std::make_unique<testing::FaultInjectingDatabase>(*real);
    audit = std::make_unique<audit::AuditLog>(*faulty, clock, "unit-test-key");
    roles = std::make_unique<RoleService>(*faulty, clock, *audit, false);
    roles->sync_builtin_roles();
    users = std::make_unique<UserService>(*faulty, clock, hasher, *audit, *roles);
  }
  int64_t count(const char* table) {
    return real->acquire()->query(std::string("SELECT COUNT(*) FROM ") + table).rows[0].integer(0);
  }

  ManualClock clock;
  PasswordHasher hasher{HashStrength::minimal};
  std::unique_ptr<db::Database> real;
  std::unique_ptr<testing::FaultInjectingDatabase> faulty;
  std::unique_ptr<audit::AuditLog> audit;
  std::unique_ptr<RoleService> roles;
  std::unique_ptr<UserService> users;
};

TEST_P(FaultInjectionTest, AFailedRoleInsertLeavesNoUserBehind) {
  // add() inserts the user, then each role, then the password history and the
  // audit event: the first role insert fails after the user row is written.
  const int64_t events_before = count("audit_events");
  faulty->fail_statement_containing("INSERT INTO user_roles");
  EXPECT_THROW(users->add({"carol", "Carol", "Some-Passw0rd!", {"auditor", "salesperson"}}, "test"), db::Error);
  EXPECT_EQ(count("users"), 0);
  EXPECT_EQ(count("user_roles"), 0);
  EXPECT_EQ(count("password_history"), 0);
  EXPECT_EQ(count("audit_events"), events_before);
  // The same call succeeds once the fault is gone: nothing blocks a retry.
  EXPECT_TRUE(users->add({"carol", "Carol", "Some-Passw0rd!", {"auditor", "salesperson"}}, "test"));
  EXPECT_EQ(count("user_roles"), 2);
}

TEST_P(FaultInjectionTest, AFailedCommitLeavesTheOldPasswordWorking) {
  ASSERT_TRUE(users->add({"dave", "Dave", "First-Passw0rd!", {}}, "test"));
  faulty->fail_next_commit();
  EXPECT_THROW(users->set_password("dave", "Second-Passw0rd!", false, "test"), db::Error);
  SecondFactorService second_factor(*real, clock, *audit, hasher, std::string(32, 'k'));
  AuthService auth(*real, clock, hasher, *audit, second_factor, {});
  EXPECT_TRUE(auth.login("dave", "First-Passw0rd!", {}));
  EXPECT_FALSE(auth.login("dave", "Second-Passw0rd!", {}));
}

INSTANTIATE_TEST_SUITE_P(Engines, FaultInjectionTest, ::testing::ValuesIn(testing::test_engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace guanxi::auth
