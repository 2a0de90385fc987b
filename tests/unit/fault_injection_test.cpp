// Rule 5: a failure part-way through a change leaves nothing half-written.
#include <gtest/gtest.h>

#include "audit/audit_log.h"
#include "auth/auth_service.h"
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
    audit = std::make_unique<audit::AuditLog>(*faulty, clock);
    users = std::make_unique<UserService>(*faulty, clock, hasher, *audit);
  }
  int64_t count(const char* table) {
    return real->acquire()->query(std::string("SELECT COUNT(*) FROM ") + table).rows[0].integer(0);
  }

  ManualClock clock;
  PasswordHasher hasher{HashStrength::minimal};
  std::unique_ptr<db::Database> real;
  std::unique_ptr<testing::FaultInjectingDatabase> faulty;
  std::unique_ptr<audit::AuditLog> audit;
  std::unique_ptr<UserService> users;
};

TEST_P(FaultInjectionTest, AFailedRoleInsertLeavesNoUserBehind) {
  // Statements of add(): insert user, role 1, role 2, audit event, read back.
  faulty->fail_statement(3);
  EXPECT_THROW(users->add({"carol", "Carol", "Some-Passw0rd!", {"auditor", "salesperson"}, false}, "test"),
               db::Error);
  EXPECT_EQ(count("users"), 0);
  EXPECT_EQ(count("user_roles"), 0);
  EXPECT_EQ(count("audit_events"), 0);
  // The same call succeeds once the fault is gone: nothing blocks a retry.
  EXPECT_TRUE(users->add({"carol", "Carol", "Some-Passw0rd!", {"auditor", "salesperson"}, false}, "test"));
  EXPECT_EQ(count("user_roles"), 2);
}

TEST_P(FaultInjectionTest, AFailedCommitLeavesTheOldPasswordWorking) {
  ASSERT_TRUE(users->add({"dave", "Dave", "First-Passw0rd!", {}, false}, "test"));
  faulty->fail_next_commit();
  EXPECT_THROW(users->set_password("dave", "Second-Passw0rd!", false, "test"), db::Error);
  AuthService auth(*real, clock, hasher, *audit, {});
  EXPECT_TRUE(auth.login("dave", "First-Passw0rd!", {}));
  EXPECT_FALSE(auth.login("dave", "Second-Passw0rd!", {}));
}

INSTANTIATE_TEST_SUITE_P(Engines, FaultInjectionTest, ::testing::ValuesIn(testing::test_engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace guanxi::auth
