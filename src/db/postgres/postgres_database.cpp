#include "db/postgres/postgres_database.h"

#include <libpq-fe.h>

#include <cstdlib>
#include <cstring>
#include <memory>
#include <type_traits>
#include <unordered_map>

namespace guanxi::db {
namespace {

// Type OIDs from pg_type.h (stable across PostgreSQL versions).
constexpr Oid kBool = 16, kInt8 = 20, kInt2 = 21, kInt4 = 23, kFloat4 = 700, kFloat8 = 701, kNumeric = 1700;

using ResultPtr = std::unique_ptr<PGresult, decltype(&PQclear)>;

// The server closed this connection (restart, idle kill); it has been reset.
class ConnectionLost : public Error {
 public:
  using Error::Error;
};

class PostgresConnection final : public Connection {
 public:
  explicit PostgresConnection(const std::string& url) : conn_(PQconnectdb(url.c_str())) {
    if (PQstatus(conn_) != CONNECTION_OK) {
      std::string message = PQerrorMessage(conn_);
      PQfinish(conn_);
      throw Error("cannot connect to PostgreSQL: " + message);
    }
    // Server NOTICEs ("relation already exists, skipping") are not errors;
    // keep them off stderr.
    PQsetNoticeProcessor(conn_, [](void*, const char*) {}, nullptr);
    run_simple("SET client_encoding = 'UTF8'; SET TIME ZONE 'UTC'");
  }

  ~PostgresConnection() override { PQfinish(conn_); }

  Dialect dialect() const override { return Dialect::postgres; }

  ResultSet execute(std::string_view sql, const std::vector<Value>& params) override {
    return retry_if_idle([&] { return execute_once(sql, params); });
  }

  void execute_script(std::string_view sql) override { run_simple(std::string(sql)); }
  void begin(bool for_write) override {
    retry_if_idle([&] {
      run_simple(for_write ? "BEGIN ISOLATION LEVEL READ COMMITTED" : "BEGIN");
      return 0;
    });
  }
  void commit() override { run_simple("COMMIT"); }
  void rollback() override {
    if (PQtransactionStatus(conn_) != PQTRANS_IDLE) run_simple("ROLLBACK");
  }

 private:
  // A pooled connection the server dropped fails on first use. Outside a
  // transaction nothing is lost by running the statement once more on the
  // reconnected session; inside one the caller must see the failure.
  template <class F>
  std::invoke_result_t<F> retry_if_idle(F&& run) {
    const bool idle = PQtransactionStatus(conn_) == PQTRANS_IDLE;
    try {
      return run();
    } catch (const ConnectionLost&) {
      if (!idle || PQstatus(conn_) != CONNECTION_OK) throw;
      return run();
    }
  }

  ResultSet execute_once(std::string_view sql, const std::vector<Value>& params) {
    const std::string& name = prepare(sql);
    std::vector<std::string> texts(params.size());
    std::vector<const char*> values(params.size(), nullptr);
    for (size_t i = 0; i < params.size(); ++i) {
      const Value& v = params[i];
      if (std::holds_alternative<Null>(v)) continue;
      if (auto n = std::get_if<int64_t>(&v)) {
        texts[i] = std::to_string(*n);
      } else if (auto d = std::get_if<double>(&v)) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.17g", *d);
        texts[i] = buf;
      } else {
        texts[i] = std::get<std::string>(v);
      }
      values[i] = texts[i].c_str();
    }
    ResultPtr res(PQexecPrepared(conn_, name.c_str(), static_cast<int>(params.size()), values.data(), nullptr,
                                 nullptr, 0),
                  &PQclear);
    check(res.get(), sql);
    ResultSet result;
    const int rows = PQntuples(res.get());
    const int columns = PQnfields(res.get());
    result.rows.reserve(rows);
    for (int r = 0; r < rows; ++r) {
      std::vector<Value> row;
      row.reserve(columns);
      for (int c = 0; c < columns; ++c) row.push_back(cell(res.get(), r, c));
      result.rows.emplace_back(std::move(row));
    }
    const char* affected = PQcmdTuples(res.get());
    result.affected_rows = (affected && *affected) ? std::atoll(affected) : 0;
    return result;
  }

  const std::string& prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = statements_.find(key); it != statements_.end()) return it->second;
    std::string name = "s" + std::to_string(statements_.size() + 1);
    const std::string numbered = to_numbered_placeholders(sql);
    ResultPtr res(PQprepare(conn_, name.c_str(), numbered.c_str(), 0, nullptr), &PQclear);
    check(res.get(), sql);
    return statements_.emplace(std::move(key), std::move(name)).first->second;
  }

  void run_simple(const std::string& sql) {
    ResultPtr res(PQexec(conn_, sql.c_str()), &PQclear);
    check(res.get(), sql);
  }

  void check(PGresult* res, std::string_view sql) {
    const auto status = res ? PQresultStatus(res) : PGRES_FATAL_ERROR;
    if (status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK) return;
    std::string message = res ? PQresultErrorMessage(res) : PQerrorMessage(conn_);
    const char* state = res ? PQresultErrorField(res, PG_DIAG_SQLSTATE) : nullptr;
    message += " [" + std::string(sql) + "]";
    if (PQstatus(conn_) == CONNECTION_BAD) {
      // Prepared statements die with the session; reconnect for the next use.
      statements_.clear();
      PQreset(conn_);
      throw ConnectionLost("PostgreSQL connection lost: " + message);
    }
    if (state && std::strcmp(state, "23505") == 0) throw UniqueViolation(message);
    throw Error("PostgreSQL error: " + message);
  }

  static Value cell(PGresult* res, int r, int c) {
    if (PQgetisnull(res, r, c)) return Null{};
    const char* text = PQgetvalue(res, r, c);
    switch (PQftype(res, c)) {
      case kInt2:
      case kInt4:
      case kInt8: return static_cast<int64_t>(std::atoll(text));
      case kFloat4:
      case kFloat8:
      case kNumeric: return std::atof(text);
      case kBool: return static_cast<int64_t>(text[0] == 't' ? 1 : 0);
      default: return std::string(text, static_cast<size_t>(PQgetlength(res, r, c)));
    }
  }

  PGconn* conn_;
  std::unordered_map<std::string, std::string> statements_;
};

}  // namespace

PostgresDatabase::PostgresDatabase(std::string url, int pool_size)
    : url_(std::move(url)), pool_(pool_size, [this] { return std::make_unique<PostgresConnection>(url_); }, &changes_) {
  pool_.acquire();
}

PostgresDatabase::~PostgresDatabase() { pool_.close(); }

}  // namespace guanxi::db
