#include "test_database.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>

#include "core/random.h"

namespace guanxi::testing {
namespace {

std::string pg_admin_url() {
  const char* url = std::getenv("GUANXI_TEST_PG_ADMIN_URL");
  return url ? url : "";
}

void run_admin_sql(const std::string& sql) {
  PGconn* conn = PQconnectdb(pg_admin_url().c_str());
  if (PQstatus(conn) != CONNECTION_OK) {
    std::string message = PQerrorMessage(conn);
    PQfinish(conn);
    throw std::runtime_error("test cluster unreachable: " + message);
  }
  PGresult* res = PQexec(conn, sql.c_str());
  const bool ok = PQresultStatus(res) == PGRES_COMMAND_OK;
  std::string message = PQresultErrorMessage(res);
  PQclear(res);
  PQfinish(conn);
  if (!ok) throw std::runtime_error(sql + ": " + message);
}

// Owns the real database and removes it afterwards.
class DisposableDatabase final : public db::Database {
 public:
  DisposableDatabase(std::unique_ptr<db::Database> inner, std::string pg_name, std::filesystem::path dir)
      : inner_(std::move(inner)), pg_name_(std::move(pg_name)), dir_(std::move(dir)) {}
  ~DisposableDatabase() override {
    inner_->close();
    inner_.reset();
    if (!pg_name_.empty()) run_admin_sql("DROP DATABASE IF EXISTS " + pg_name_ + " WITH (FORCE)");
    if (!dir_.empty()) std::filesystem::remove_all(dir_);
  }
  db::Dialect dialect() const override { return inner_->dialect(); }
  db::PooledConnection acquire() override { return inner_->acquire(); }
  void close() override { inner_->close(); }
  db::ChangeWatch& changes() override { return inner_->changes(); }

 private:
  std::unique_ptr<db::Database> inner_;
  std::string pg_name_;
  std::filesystem::path dir_;
};

}  // namespace

std::vector<std::string> test_engines() {
  std::vector<std::string> engines{"sqlite"};
  if (!pg_admin_url().empty()) engines.push_back("postgres");
  return engines;
}

std::unique_ptr<db::Database> make_test_database(const std::string& engine) {
  init_crypto();
  if (engine == "postgres") {
    const std::string name = "unit_" + random_hex(6);
    run_admin_sql("CREATE DATABASE " + name);
    std::string url = pg_admin_url();
    url = url.substr(0, url.rfind('/') + 1) + name;
    return std::make_unique<DisposableDatabase>(db::open_database(url, 4), name, "");
  }
  auto dir = std::filesystem::temp_directory_path() / ("guanxi-unit-" + random_hex(6));
  std::filesystem::create_directories(dir);
  return std::make_unique<DisposableDatabase>(db::open_database("sqlite:" + (dir / "test.db").string(), 4), "", dir);
}

}  // namespace guanxi::testing
