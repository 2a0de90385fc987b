// SEC-3, SEC-7: a reveal unmasks one record for one user for the reveal
// window only, and every consultation is in the access log. The window is
// tested with a hand-moved clock.
#include <gtest/gtest.h>

#include "app/housekeeping.h"
#include "app/services.h"
#include "db/migrations.h"
#include "test_database.h"

namespace guanxi::customers {
namespace {

using std::chrono::minutes;
using std::chrono::seconds;

class CustomerRevealTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database = testing::make_test_database(GetParam());
    db::migrate(*database, db::application_migrations(), clock.now_ms());
    app::Config config;
    config.audit_key = std::string(64, 'a');
    config.reveal_window = minutes(5);
    services = std::make_unique<app::Services>(*database, clock, config, auth::HashStrength::minimal);
    services->prepare();
    const int64_t root = services->org.ensure_root();
    manager = principal("manager", root, true);
    colleague = principal("colleague", root, true);
    CustomerInput input;
    input.values = {{"kind", std::string("organization")}, {"name", std::string("揭示测试有限公司")},
                    {"phone", std::string("13912345678")}};
    customer = *services->customers.create(manager, input, client);
  }

  auth::Principal principal(const std::string& name, int64_t unit, bool sensitive) {
    auto user = services->users.add({name, name, "Some-Passw0rd!", {}, false, unit, std::nullopt}, "test");
    auth::Principal p;
    p.user_id = user->id;
    p.username = name;
    p.unit_id = unit;
    for (const char* permission : {"customer.read", "customer.create"}) p.grants.add(permission, auth::DataScope::all);
    if (sensitive) p.grants.add("customer.sensitive.read", auth::DataScope::all);
    return p;
  }

  bool masked_for(const auth::Principal& p) {
    return services->customers.unmasking(p, *services->customers.get(p, customer.id)).masked();
  }

  ManualClock clock;
  std::unique_ptr<db::Database> database;
  std::unique_ptr<app::Services> services;
  auth::Principal manager, colleague;
  auth::ClientInfo client{"127.0.0.1", "unit-test"};
  Customer customer;
};

TEST_P(CustomerRevealTest, SEC3_RevealUnmasksForTheWindowThenMasksAgain) {
  EXPECT_TRUE(masked_for(manager));
  ASSERT_TRUE(services->customers.reveal(manager, customer.id, "核对", client));
  EXPECT_FALSE(masked_for(manager));
  EXPECT_TRUE(masked_for(colleague)) << "a reveal is personal";
  clock.advance(minutes(5) - seconds(1));
  EXPECT_FALSE(masked_for(manager));
  clock.advance(seconds(1));
  EXPECT_TRUE(masked_for(manager)) << "the window has passed";
  ASSERT_TRUE(services->customers.reveal(manager, customer.id, "再次核对", client));
  EXPECT_FALSE(masked_for(manager));
}

TEST_P(CustomerRevealTest, SEC3_WithoutSensitiveReadThereIsNothingToReveal) {
  auto plain = principal("plain", *manager.unit_id, false);
  auto refused = services->customers.reveal(plain, customer.id, "好奇", client);
  ASSERT_FALSE(refused);
  EXPECT_EQ(refused.error().code, "forbidden");
  EXPECT_FALSE(services->customers.unmasking(plain, customer).revealable);
  EXPECT_TRUE(services->access_log.query({}).empty()) << "a refused reveal leaves no entry";
}

TEST_P(CustomerRevealTest, SEC7_ViewsListsAndRevealsAreLoggedWithTheirCustomers) {
  ASSERT_TRUE(services->customers.view(colleague, customer.id, client));
  ASSERT_TRUE(services->customers.list(colleague, SearchRequest{}, client));
  clock.advance(seconds(10));
  ASSERT_TRUE(services->customers.reveal(colleague, customer.id, "客户来电", client));
  const auto entries = services->access_log.query({colleague.user_id});
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].entry.action, "reveal");
  EXPECT_EQ(entries[0].entry.reason, "客户来电");
  EXPECT_EQ(entries[0].entry.until_ms, clock.now_ms() + minutes(5) / std::chrono::milliseconds(1));
  EXPECT_EQ(entries[1].entry.action, "list");
  EXPECT_EQ(entries[2].entry.action, "view");
  for (const auto& e : entries) {
    ASSERT_EQ(e.entry.customers.size(), 1u);
    EXPECT_EQ(e.entry.customers[0].id, customer.id);
    EXPECT_EQ(e.entry.customers[0].code, customer.text_or("code"));
    EXPECT_EQ(e.entry.user_agent, "unit-test");
  }
  audit::AccessQuery other_customer;
  other_customer.customer_id = customer.id + 1000;
  EXPECT_TRUE(services->access_log.query(other_customer).empty());
}

// ADR 0012: reads are logged by a writer thread, but none is lost or misdated.
TEST_P(CustomerRevealTest, SEC7_QueuedReadsKeepTheirTimeAndSurviveShutdown) {
  const int64_t read_at = clock.now_ms();
  ASSERT_TRUE(services->customers.view(colleague, customer.id, client));
  clock.advance(seconds(30));
  auto entries = services->access_log.query({colleague.user_id});
  ASSERT_EQ(entries.size(), 1u) << "a query stores what is queued first";
  EXPECT_EQ(entries[0].at, read_at) << "dated when read, not when stored";

  ASSERT_TRUE(services->customers.history(colleague, customer.id, std::nullopt, 10, client));
  services.reset();  // shutdown with the history read still queued (or just stored)
  audit::AccessLog reopened(*database, clock);
  entries = reopened.query({colleague.user_id});
  ASSERT_EQ(entries.size(), 2u);
  EXPECT_EQ(entries[0].entry.action, "history");
}

// SEC-7 retention: entries older than the period go with their customers, in
// batches; newer ones stay; the purge is in the audit chain. Off (0) keeps all.
TEST_P(CustomerRevealTest, SEC7_RetentionPurgesEntriesOlderThanThePeriodOnly) {
  const auto day = std::chrono::hours(24);
  for (int i = 0; i < 3; ++i) ASSERT_TRUE(services->customers.view(colleague, customer.id, client));
  services->access_log.flush();
  clock.advance(day * 200);
  ASSERT_TRUE(services->customers.view(manager, customer.id, client));
  ASSERT_TRUE(services->customers.reveal(manager, customer.id, "核对", client));
  services->access_log.flush();
  const auto customer_rows = [&] {
    auto c = database->acquire();
    return c->query("SELECT COUNT(*) FROM access_log_customers").rows[0].integer(0);
  };
  ASSERT_EQ(customer_rows(), 5);

  app::Config keep_all;
  keep_all.access_log_retention_days = 0;
  EXPECT_EQ(app::Housekeeping(*services, clock, keep_all).run_once().access_log_entries, 0);

  app::Config config;
  config.access_log_retention_days = 180;
  app::Housekeeping housekeeping(*services, clock, config);
  EXPECT_EQ(housekeeping.run_once().access_log_entries, 3) << "the colleague's views of 200 days ago";
  EXPECT_EQ(services->access_log.query({colleague.user_id}).size(), 0u);
  EXPECT_EQ(services->access_log.query({manager.user_id}).size(), 2u) << "today's view and reveal stay";
  EXPECT_EQ(customer_rows(), 2);
  EXPECT_EQ(services->audit.recent(1).front().event.action, "access_log.purged");
  EXPECT_EQ(housekeeping.run_once().access_log_entries, 0) << "nothing more to remove";

  // A reveal stays until it is as old as the period: then masking no longer depends on it.
  clock.advance(day * 181);
  EXPECT_EQ(housekeeping.run_once().access_log_entries, 2);
}

INSTANTIATE_TEST_SUITE_P(Engines, CustomerRevealTest, ::testing::ValuesIn(testing::test_engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace guanxi::customers
