#include "db/sqlite/sqlite_database.h"

#include <sqlite3.h>

#include <string>
#include <unordered_map>

namespace guanxi::db {
namespace {

// SQLite's memory statistics take a process-wide mutex on every allocation,
// which all worker threads then queue on; nothing here reads the statistics.
void configure_sqlite_once() {
  static const bool configured = [] {
    sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
    return sqlite3_initialize() == SQLITE_OK;
  }();
  (void)configured;
}

class SqliteConnection final : public Connection {
 public:
  SqliteConnection(const std::string& path, std::mutex& write_mutex, int cache_mb) : write_mutex_(write_mutex) {
    configure_sqlite_once();
    const int flags = SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX;
    if (sqlite3_open_v2(path.c_str(), &db_, flags, nullptr) != SQLITE_OK) {
      std::string message = db_ ? sqlite3_errmsg(db_) : "out of memory";
      sqlite3_close(db_);
      throw Error("cannot open SQLite database " + path + ": " + message);
    }
    sqlite3_extended_result_codes(db_, 1);
    sqlite3_busy_timeout(db_, 5000);
    execute_script(
        "PRAGMA journal_mode=WAL; PRAGMA foreign_keys=ON; PRAGMA synchronous=NORMAL; "
        "PRAGMA temp_store=MEMORY;");
    execute_script("PRAGMA cache_size=-" + std::to_string(int64_t{cache_mb} * 1024));  // negative: KiB
  }

  ~SqliteConnection() override {
    if (write_lock_.owns_lock()) write_lock_.unlock();
    for (auto& [sql, stmt] : statements_) sqlite3_finalize(stmt);
    sqlite3_close_v2(db_);
  }

  Dialect dialect() const override { return Dialect::sqlite; }

  ResultSet execute(std::string_view sql, const std::vector<Value>& params) override {
    sqlite3_stmt* stmt = prepare(sql);
    sqlite3_reset(stmt);
    sqlite3_clear_bindings(stmt);
    for (size_t i = 0; i < params.size(); ++i) bind(stmt, static_cast<int>(i + 1), params[i]);
    ResultSet result;
    const int columns = sqlite3_column_count(stmt);
    for (;;) {
      const int rc = sqlite3_step(stmt);
      if (rc == SQLITE_DONE) break;
      if (rc != SQLITE_ROW) {
        sqlite3_reset(stmt);
        fail(rc, sql);
      }
      std::vector<Value> values;
      values.reserve(columns);
      for (int c = 0; c < columns; ++c) values.push_back(column(stmt, c));
      result.rows.emplace_back(std::move(values));
    }
    result.affected_rows = sqlite3_changes64(db_);
    sqlite3_reset(stmt);
    return result;
  }

  void execute_script(std::string_view sql) override {
    char* message = nullptr;
    const int rc = sqlite3_exec(db_, std::string(sql).c_str(), nullptr, nullptr, &message);
    if (rc != SQLITE_OK) {
      std::string text = message ? message : sqlite3_errstr(rc);
      sqlite3_free(message);
      throw Error("SQLite script failed: " + text);
    }
  }

  void begin(bool for_write) override {
    if (for_write) {
      write_lock_ = std::unique_lock(write_mutex_);
      try {
        execute_script("BEGIN IMMEDIATE");
      } catch (...) {
        // Busy past the timeout (another process writes): give the in-process
        // writer slot back, or every later writer would wait forever.
        write_lock_.unlock();
        throw;
      }
    } else {
      execute_script("BEGIN");
    }
  }

  void commit() override {
    execute_script("COMMIT");
    if (write_lock_.owns_lock()) write_lock_.unlock();
  }

  void rollback() override {
    if (!sqlite3_get_autocommit(db_)) execute_script("ROLLBACK");
    if (write_lock_.owns_lock()) write_lock_.unlock();
  }

 private:
  sqlite3_stmt* prepare(std::string_view sql) {
    std::string key(sql);
    if (auto it = statements_.find(key); it != statements_.end()) return it->second;
    sqlite3_stmt* stmt = nullptr;
    const int rc = sqlite3_prepare_v3(db_, key.c_str(), static_cast<int>(key.size()), SQLITE_PREPARE_PERSISTENT,
                                      &stmt, nullptr);
    if (rc != SQLITE_OK) fail(rc, sql);
    statements_.emplace(std::move(key), stmt);
    return stmt;
  }

  static void bind(sqlite3_stmt* stmt, int index, const Value& value) {
    if (std::holds_alternative<Null>(value)) {
      sqlite3_bind_null(stmt, index);
    } else if (auto i = std::get_if<int64_t>(&value)) {
      sqlite3_bind_int64(stmt, index, *i);
    } else if (auto d = std::get_if<double>(&value)) {
      sqlite3_bind_double(stmt, index, *d);
    } else {
      const auto& s = std::get<std::string>(value);
      sqlite3_bind_text64(stmt, index, s.data(), s.size(), SQLITE_TRANSIENT, SQLITE_UTF8);
    }
  }

  static Value column(sqlite3_stmt* stmt, int c) {
    switch (sqlite3_column_type(stmt, c)) {
      case SQLITE_NULL: return Null{};
      case SQLITE_INTEGER: return static_cast<int64_t>(sqlite3_column_int64(stmt, c));
      case SQLITE_FLOAT: return sqlite3_column_double(stmt, c);
      default: {
        const auto* data = reinterpret_cast<const char*>(sqlite3_column_blob(stmt, c));
        return std::string(data ? data : "", static_cast<size_t>(sqlite3_column_bytes(stmt, c)));
      }
    }
  }

  [[noreturn]] void fail(int rc, std::string_view sql) {
    std::string message = std::string(sqlite3_errmsg(db_)) + " [" + std::string(sql) + "]";
    if (rc == SQLITE_CONSTRAINT_UNIQUE || rc == SQLITE_CONSTRAINT_PRIMARYKEY) throw UniqueViolation(message);
    throw Error("SQLite error: " + message);
  }

  sqlite3* db_ = nullptr;
  std::mutex& write_mutex_;
  std::unique_lock<std::mutex> write_lock_;
  std::unordered_map<std::string, sqlite3_stmt*> statements_;
};

}  // namespace

SqliteDatabase::SqliteDatabase(std::string path, int pool_size, int cache_mb)
    : path_(std::move(path)),
      pool_(
          pool_size, [this, cache_mb] { return std::make_unique<SqliteConnection>(path_, write_mutex_, cache_mb); },
          &changes_) {
  // Open one connection now so a bad path fails at start, not on the first request.
  pool_.acquire();
}

SqliteDatabase::~SqliteDatabase() { pool_.close(); }

}  // namespace guanxi::db
