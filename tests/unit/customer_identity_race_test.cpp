// CUS-2: two requests claiming one identity at the same moment. The second
// must get 409 duplicate_customer naming the first, never a 500: on
// PostgreSQL its unique violation aborts the statement, and only a savepoint
// lets the transaction go on to look the clash up.
#include <gtest/gtest.h>

#include <thread>

#include "app/services.h"
#include "db/migrations.h"
#include "test_database.h"

namespace guanxi::customers {
namespace {

using namespace std::chrono_literals;

class CustomerIdentityRaceTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database = testing::make_test_database(GetParam());
    db::migrate(*database, db::application_migrations(), clock.now_ms());
    app::Config config;
    config.audit_key = std::string(64, 'a');
    config.secret_key = std::string(64, 'b');
    services = std::make_unique<app::Services>(*database, clock, config, auth::HashStrength::minimal);
    services->prepare();
    const int64_t root = services->org.ensure_root();
    auto user = services->users.add({"racer", "racer", "Some-Passw0rd!", {}, false, root, std::nullopt}, "test");
    actor.user_id = user->id;
    actor.username = "racer";
    actor.unit_id = root;
    for (const char* p : {"customer.read", "customer.create", "customer.update"}) actor.grants.add(p, auth::DataScope::all);
  }

  CustomerInput person(const std::string& id_number) {
    CustomerInput input;
    input.values = {{"kind", std::string("individual")}, {"name", std::string("竞争者")},
                    {"id_type", std::string("resident_id")}, {"id_number", id_number}};
    return input;
  }

  SystemClock clock;
  std::unique_ptr<db::Database> database;
  std::unique_ptr<app::Services> services;
  auth::Principal actor;
  auth::ClientInfo client{"127.0.0.1", "unit-test"};
};

TEST_P(CustomerIdentityRaceTest, CUS2_AnIdentityClaimedMeanwhileIsADuplicateNotAnError) {
  const std::string first_id = "11010519491231002X", second_id = "440524188001010014";
  auto first = services->customers.create(actor, person(first_id), client);
  ASSERT_TRUE(first) << first.error().code;

  // Another transaction moves the first record to the second identity and has not committed yet.
  auto other = database->acquire();
  auto tx = std::make_unique<db::Transaction>(*other, true);
  other->query("UPDATE customers SET id_number = ? WHERE id = ?", {second_id, first->id});

  Result<Customer> second = fail(Error::make(500, "not_run"));
  std::thread racer([&] { second = services->customers.create(actor, person(second_id), client); });
  std::this_thread::sleep_for(300ms);  // the racer has checked and is waiting to write
  tx->commit();
  racer.join();

  ASSERT_FALSE(second);
  EXPECT_EQ(second.error().code, "duplicate_customer");
  EXPECT_NE(second.error().extensions_json.find(first->code()), std::string::npos) << second.error().extensions_json;
}

INSTANTIATE_TEST_SUITE_P(Engines, CustomerIdentityRaceTest, ::testing::ValuesIn(testing::test_engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace guanxi::customers
