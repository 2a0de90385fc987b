// The change count behind the in-process caches (ADR 0014): which statements
// count, that a transaction counts at commit and not at rollback, and that a
// cached value is dropped when the count moves or it grows too old.
#include <gtest/gtest.h>

#include "db/change_watch.h"
#include "db/watched_cache.h"
#include "test_database.h"

namespace guanxi::db {
namespace {

using namespace std::chrono_literals;

TEST(ChangeWatch, RecognisesWritesToWatchedTablesOnly) {
  ChangeWatch watch;
  watch.watch({"users", "user_roles"});
  EXPECT_TRUE(watch.writes_watched("INSERT INTO users (id) VALUES (1)"));
  EXPECT_TRUE(watch.writes_watched("  insert or ignore into user_roles VALUES (1, 'x')"));
  EXPECT_TRUE(watch.writes_watched("UPDATE users SET status = 'disabled'"));
  EXPECT_TRUE(watch.writes_watched("\nDELETE FROM user_roles WHERE user_id = ?"));
  EXPECT_TRUE(watch.writes_watched("update USERS set display_name = ?"));
  EXPECT_FALSE(watch.writes_watched("SELECT * FROM users"));
  EXPECT_FALSE(watch.writes_watched("INSERT INTO users_archive VALUES (1)"));
  EXPECT_FALSE(watch.writes_watched("UPDATE customers SET owner_id = 2"));
  EXPECT_FALSE(watch.writes_watched("DELETE FROM sessions"));
  EXPECT_FALSE(watch.writes_watched(""));
}

class ChangeWatchEngines : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database = testing::make_test_database(GetParam());
    auto c = database->acquire();
    c->execute_script("CREATE TABLE watched (id INTEGER PRIMARY KEY); CREATE TABLE other (id INTEGER PRIMARY KEY);");
    database->changes().watch({"watched"});
  }
  std::unique_ptr<Database> database;
};

TEST_P(ChangeWatchEngines, CountsCommittedWritesToWatchedTables) {
  auto c = database->acquire();
  const uint64_t start = database->changes().generation();
  c->query("INSERT INTO other (id) VALUES (1)");
  c->query("SELECT id FROM watched");
  EXPECT_EQ(database->changes().generation(), start) << "reads and other tables do not count";

  c->query("INSERT INTO watched (id) VALUES (1)");
  EXPECT_GT(database->changes().generation(), start) << "outside a transaction: at once";

  const uint64_t before_rollback = database->changes().generation();
  {
    Transaction tx(*c, true);
    c->query("INSERT INTO watched (id) VALUES (2)");
  }
  EXPECT_EQ(database->changes().generation(), before_rollback) << "a rolled-back write changed nothing";

  Transaction tx(*c, true);
  c->query("UPDATE watched SET id = 3 WHERE id = 1");
  EXPECT_EQ(database->changes().generation(), before_rollback) << "not before the commit";
  tx.commit();
  EXPECT_GT(database->changes().generation(), before_rollback);
}

INSTANTIATE_TEST_SUITE_P(Engines, ChangeWatchEngines, ::testing::ValuesIn(testing::test_engines()),
                         [](const auto& info) { return info.param; });

TEST(WatchedCache, AnEntryLastsUntilAWatchedWriteOrItsMaximumAge) {
  ChangeWatch watch;
  WatchedCache<int, std::string> cache(watch, 1000ms);
  const auto t0 = std::chrono::steady_clock::now();
  EXPECT_FALSE(cache.find(1, t0));

  cache.put(1, "爱丽丝", cache.generation(), t0);
  EXPECT_EQ(cache.find(1, t0 + 999ms), "爱丽丝");
  EXPECT_FALSE(cache.find(1, t0 + 1000ms)) << "too old: another process may have changed it";

  cache.put(1, "爱丽丝", cache.generation(), t0);
  watch.bump();
  EXPECT_FALSE(cache.find(1, t0)) << "a committed write makes every entry stale";
}

TEST(WatchedCache, AValueReadWhileAWriteCommittedIsNotTrusted) {
  ChangeWatch watch;
  WatchedCache<int, std::string> cache(watch, 1000ms);
  const uint64_t before_read = cache.generation();
  watch.bump();  // a write commits while the value is being read
  cache.put(1, "old name", before_read);
  EXPECT_FALSE(cache.find(1));
}

TEST(WatchedCache, StaysWithinItsBound) {
  ChangeWatch watch;
  WatchedCache<int, int> cache(watch, 1000ms, 3);
  for (int i = 0; i < 3; ++i) cache.put(i, i, cache.generation());
  cache.put(3, 3, cache.generation());
  EXPECT_FALSE(cache.find(0)) << "a full cache starts again";
  EXPECT_EQ(cache.find(3), 3);
}

}  // namespace
}  // namespace guanxi::db
