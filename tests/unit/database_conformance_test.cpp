// One suite, both engines: the db interface behaves the same on SQLite and
// PostgreSQL.
#include <gtest/gtest.h>

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <atomic>
#include <thread>

#include "db/database.h"
#include "db/migrations.h"
#include "test_database.h"

namespace guanxi::db {
namespace {

class DatabaseConformance : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database = testing::make_test_database(GetParam());
    auto c = database->acquire();
    c->execute_script(expand_dialect_tokens(
        "CREATE TABLE items (id {{id}}, name TEXT NOT NULL UNIQUE, amount BIGINT, ratio DOUBLE PRECISION)",
        database->dialect()));
  }
  std::unique_ptr<Database> database;
};

TEST_P(DatabaseConformance, BindsAndReadsEveryValueType) {
  auto c = database->acquire();
  auto inserted = c->query("INSERT INTO items (name, amount, ratio) VALUES (?, ?, ?) RETURNING id",
                           {std::string("华为技术有限公司"), int64_t{12'345'678'901}, 0.25});
  ASSERT_EQ(inserted.rows.size(), 1u);
  const int64_t id = inserted.rows[0].integer(0);
  c->query("INSERT INTO items (name, amount, ratio) VALUES (?, ?, ?)", {std::string("空值"), Null{}, Null{}});

  auto rows = c->query("SELECT name, amount, ratio FROM items WHERE id = ?", {id});
  ASSERT_EQ(rows.rows.size(), 1u);
  EXPECT_EQ(rows.rows[0].text(0), "华为技术有限公司");
  EXPECT_EQ(rows.rows[0].integer(1), 12'345'678'901);
  EXPECT_DOUBLE_EQ(rows.rows[0].real(2), 0.25);

  auto nulls = c->query("SELECT amount, ratio FROM items WHERE name = ?", {std::string("空值")});
  EXPECT_TRUE(nulls.rows[0].is_null(0));
  EXPECT_EQ(nulls.rows[0].optional_integer(1), std::nullopt);
}

TEST_P(DatabaseConformance, ReportsAffectedRows) {
  auto c = database->acquire();
  c->query("INSERT INTO items (name, amount) VALUES ('a', 1), ('b', 1), ('c', 2)");
  EXPECT_EQ(c->query("UPDATE items SET amount = 5 WHERE amount = ?", {int64_t{1}}).affected_rows, 2);
}

TEST_P(DatabaseConformance, QuestionMarksInsideStringsAreNotPlaceholders) {
  auto c = database->acquire();
  c->query("INSERT INTO items (name, amount) VALUES ('what?', ?)", {int64_t{7}});
  EXPECT_EQ(c->query("SELECT amount FROM items WHERE name = 'what?'").rows.at(0).integer(0), 7);
}

TEST_P(DatabaseConformance, UniqueViolationIsItsOwnError) {
  auto c = database->acquire();
  c->query("INSERT INTO items (name) VALUES (?)", {std::string("同名")});
  EXPECT_THROW(c->query("INSERT INTO items (name) VALUES (?)", {std::string("同名")}), UniqueViolation);
  // The connection stays usable after the failure.
  EXPECT_EQ(c->query("SELECT COUNT(*) FROM items").rows[0].integer(0), 1);
}

TEST_P(DatabaseConformance, SqlErrorsThrowDbError) {
  auto c = database->acquire();
  EXPECT_THROW(c->query("SELECT no_such_column FROM items"), Error);
  EXPECT_EQ(c->query("SELECT COUNT(*) FROM items").rows[0].integer(0), 0);
}

TEST_P(DatabaseConformance, TransactionWithoutCommitLeavesNothing) {
  auto c = database->acquire();
  try {
    Transaction tx(*c, true);
    c->query("INSERT INTO items (name) VALUES ('first')");
    c->query("INSERT INTO items (name) VALUES ('first')");  // fails: duplicate
    tx.commit();
  } catch (const UniqueViolation&) {
  }
  EXPECT_EQ(c->query("SELECT COUNT(*) FROM items").rows[0].integer(0), 0);
}

TEST_P(DatabaseConformance, CommittedTransactionIsVisibleToOtherConnections) {
  {
    auto c = database->acquire();
    Transaction tx(*c, true);
    c->query("INSERT INTO items (name) VALUES ('kept')");
    tx.commit();
  }
  auto a = database->acquire();
  auto b = database->acquire();  // a second, distinct connection
  EXPECT_EQ(b->query("SELECT COUNT(*) FROM items WHERE name = 'kept'").rows[0].integer(0), 1);
}

TEST_P(DatabaseConformance, ConcurrentWriteTransactionsAllCommit) {
  // SQLite has one writer: the driver must queue writers rather than fail
  // with SQLITE_BUSY.
  constexpr int kThreads = 4, kEach = 25;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kEach; ++i) {
        try {
          auto c = database->acquire();
          Transaction tx(*c, true);
          c->query("INSERT INTO items (name, amount) VALUES (?, ?)",
                   {std::to_string(t) + "-" + std::to_string(i), int64_t{i}});
          c->query("UPDATE items SET amount = amount + 1 WHERE name = ?", {std::to_string(t) + "-0"});
          tx.commit();
        } catch (const std::exception&) {
          ++failures;
        }
      }
    });
  }
  for (auto& th : threads) th.join();
  EXPECT_EQ(failures.load(), 0);
  auto c = database->acquire();
  EXPECT_EQ(c->query("SELECT COUNT(*) FROM items").rows[0].integer(0), kThreads * kEach);
}

TEST_P(DatabaseConformance, MigrationsApplyOnceInOrderAndAreRecorded) {
  std::vector<Migration> migrations = {
      {2, "second", "ALTER TABLE notes ADD COLUMN body TEXT", "", ""},
      {1, "first", "CREATE TABLE notes (id {{id}}, title TEXT)", "", ""},
  };
  auto first = migrate(*database, migrations, 1000);
  EXPECT_EQ(first.applied, (std::vector<int>{1, 2}));
  EXPECT_EQ(first.current_version, 2);
  auto again = migrate(*database, migrations, 2000);
  EXPECT_TRUE(again.applied.empty());
  auto c = database->acquire();
  c->query("INSERT INTO notes (title, body) VALUES ('t', 'b')");
  EXPECT_EQ(c->query("SELECT COUNT(*) FROM schema_migrations").rows[0].integer(0), 2);
}

TEST_P(DatabaseConformance, FailedMigrationLeavesNoTraceAndStopsTheRun) {
  std::vector<Migration> migrations = {
      {1, "good", "CREATE TABLE a (id {{id}})", "", ""},
      {2, "bad", "CREATE TABLE b (id {{id}}); CREATE TABLE b (id {{id}})", "", ""},
  };
  EXPECT_THROW(migrate(*database, migrations, 1), Error);
  auto c = database->acquire();
  auto versions = c->query("SELECT version FROM schema_migrations ORDER BY version");
  ASSERT_EQ(versions.rows.size(), 1u);
  EXPECT_EQ(versions.rows[0].integer(0), 1);
  // Table b of the failed migration was rolled back with it.
  EXPECT_THROW(c->query("SELECT COUNT(*) FROM b"), Error);
}

TEST_P(DatabaseConformance, RefusesASchemaNewerThanTheBinary) {
  std::vector<Migration> newer = {{1, "one", "CREATE TABLE a (id {{id}})", "", ""},
                                  {2, "two", "CREATE TABLE b (id {{id}})", "", ""}};
  migrate(*database, newer, 1);
  std::vector<Migration> older = {{1, "one", "CREATE TABLE a (id {{id}})", "", ""}};
  EXPECT_THROW(migrate(*database, older, 2), Error);
}

TEST_P(DatabaseConformance, PerDialectScriptRunsAfterSharedSql) {
  std::vector<Migration> migrations = {{1, "dialect", "CREATE TABLE shared (id {{id}}, engine TEXT)",
                                        "CREATE TABLE mine (id {{id}}); INSERT INTO shared (engine) VALUES ('sqlite')",
                                        "INSERT INTO shared (engine) VALUES ('postgres')"}};
  migrate(*database, migrations, 1);
  auto c = database->acquire();
  auto rows = c->query("SELECT engine FROM shared").rows;
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].text(0), std::string(dialect_name(database->dialect())));
}

TEST_P(DatabaseConformance, ApplicationMigrationsApply) {
  auto report = migrate(*database, application_migrations(), 1);
  EXPECT_GE(report.current_version, 2);
  auto c = database->acquire();
  EXPECT_EQ(c->query("SELECT COUNT(*) FROM users").rows[0].integer(0), 0);
}

INSTANTIATE_TEST_SUITE_P(Engines, DatabaseConformance, ::testing::ValuesIn(testing::test_engines()),
                         [](const auto& info) { return info.param; });

TEST(Placeholders, AreNumberedForPostgres) {
  EXPECT_EQ(to_numbered_placeholders("SELECT ? , '?' , \"a?\" , ?"), "SELECT $1 , '?' , \"a?\" , $2");
}

}  // namespace
}  // namespace guanxi::db

namespace guanxi::db {
namespace {

class PostgresReconnect : public ::testing::Test {
 protected:
  void SetUp() override {
    const auto engines = testing::test_engines();
    if (std::find(engines.begin(), engines.end(), "postgres") == engines.end()) GTEST_SKIP() << "no test cluster";
    database = testing::make_test_database("postgres");
  }
  void kill_backend(Connection& victim) {
    const int64_t pid = victim.query("SELECT pg_backend_pid()").rows[0].integer(0);
    auto other = database->acquire();
    other->query("SELECT pg_terminate_backend(?)", {pid});
  }
  std::unique_ptr<Database> database;
};

TEST_F(PostgresReconnect, ADroppedIdleConnectionReconnectsOnNextUse) {
  auto c = database->acquire();
  kill_backend(*c);
  EXPECT_EQ(c->query("SELECT 40 + ?", {int64_t{2}}).rows[0].integer(0), 42);
}

TEST_F(PostgresReconnect, ADroppedConnectionInsideATransactionFails) {
  auto c = database->acquire();
  c->execute_script("CREATE TABLE t (id BIGINT)");
  {
    Transaction tx(*c, true);
    c->query("INSERT INTO t VALUES (1)");
    kill_backend(*c);
    EXPECT_THROW(c->query("INSERT INTO t VALUES (2)"), Error);
  }
  EXPECT_EQ(c->query("SELECT COUNT(*) FROM t").rows[0].integer(0), 0);
}

TEST(SqliteDatabase, EachConnectionHasTheConfiguredPageCache) {
  const auto dir = std::filesystem::temp_directory_path() / ("guanxi-cache-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  {
    auto database = open_database("sqlite:" + (dir / "cache.db").string(), 2, 48);
    auto first = database->acquire();
    auto second = database->acquire();
    for (auto* c : {&first, &second}) {
      EXPECT_EQ((*c)->query("PRAGMA cache_size").rows[0].integer(0), -48 * 1024) << "KiB, as a negative number";
    }
  }
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace guanxi::db
