// A bulk load's deferred indexes (guanxi demo-data): the non-unique ones go
// and come back with their own definitions; unique ones stay throughout.
#include <gtest/gtest.h>

#include <algorithm>

#include "db/deferred_indexes.h"
#include "test_database.h"

namespace guanxi::db {
namespace {

class DeferredIndexesTest : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    database = testing::make_test_database(GetParam());
    auto c = database->acquire();
    c->query("CREATE TABLE bulk (id BIGINT PRIMARY KEY, code TEXT NOT NULL, name TEXT, at BIGINT)");
    c->query("CREATE UNIQUE INDEX bulk_code ON bulk (code)");
    c->query("CREATE INDEX bulk_name ON bulk (name, id)");
    c->query("CREATE INDEX bulk_at ON bulk (at) WHERE at IS NOT NULL");
  }

  std::vector<std::string> indexes() {
    auto c = database->acquire();
    const auto rows = c->dialect() == Dialect::sqlite
                          ? c->query("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'bulk'"
                                     " AND sql IS NOT NULL ORDER BY name")
                          : c->query("SELECT indexname FROM pg_indexes WHERE tablename = 'bulk'"
                                     " AND indexname <> 'bulk_pkey' ORDER BY indexname");
    std::vector<std::string> names;
    for (const auto& row : rows.rows) names.push_back(row.text(0));
    return names;
  }

  std::unique_ptr<Database> database;
};

TEST_P(DeferredIndexesTest, DropsTheNonUniqueIndexesAndBuildsThemAgain) {
  const std::vector<std::string> all{"bulk_at", "bulk_code", "bulk_name"};
  ASSERT_EQ(indexes(), all);
  {
    auto c = database->acquire();
    DeferredIndexes deferred(*c, "bulk");
    EXPECT_EQ(deferred.count(), 2u);
    EXPECT_EQ(indexes(), std::vector<std::string>{"bulk_code"});
    c->query("INSERT INTO bulk (id, code, name, at) VALUES (1, 'a', 'x', NULL), (2, 'b', 'y', 5)");
    EXPECT_THROW(c->query("INSERT INTO bulk (id, code) VALUES (3, 'a')"), UniqueViolation);  // still unique
    deferred.rebuild();
    EXPECT_EQ(deferred.count(), 0u);
  }
  EXPECT_EQ(indexes(), all);
}

TEST_P(DeferredIndexesTest, ALoadCutShortStillGetsItsIndexesBack) {
  {
    auto c = database->acquire();
    DeferredIndexes deferred(*c, "bulk");
    // no rebuild(): an exception left the load
  }
  EXPECT_EQ(indexes(), (std::vector<std::string>{"bulk_at", "bulk_code", "bulk_name"}));
}

INSTANTIATE_TEST_SUITE_P(Engines, DeferredIndexesTest, ::testing::ValuesIn(testing::test_engines()),
                         [](const auto& info) { return info.param; });

}  // namespace
}  // namespace guanxi::db
