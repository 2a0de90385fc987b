#pragma once
// Real databases for unit tests: a temp SQLite file, and a fresh PostgreSQL
// database when GUANXI_TEST_PG_ADMIN_URL names a test cluster (make test
// starts one). Suites are parameterised by engine name.
#include <memory>
#include <string>
#include <vector>

#include "db/database.h"

namespace guanxi::testing {

// "sqlite", plus "postgres" when a test cluster is available.
std::vector<std::string> test_engines();

// A new, empty database of that engine; dropped/removed when the returned
// object is destroyed.
std::unique_ptr<db::Database> make_test_database(const std::string& engine);

}  // namespace guanxi::testing
