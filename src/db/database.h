#pragma once
// The storage interface every module uses. Two drivers implement it: SQLite
// (embedded default) and PostgreSQL (libpq). SQL is written once with `?`
// placeholders; the PostgreSQL driver rewrites them to $1, $2 ….
//
// Database failures that a caller does not expect (I/O errors, lost
// connections, SQL bugs) are exceptions (db::Error); a unique-key clash is a
// db::UniqueViolation so repositories can turn it into a 409.
#include <cstdint>
#include <functional>
#include <initializer_list>
#include <memory>
#include <optional>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace guanxi::db {

class ChangeWatch;

enum class Dialect { sqlite, postgres };
std::string_view dialect_name(Dialect dialect);

struct Null {
  bool operator==(const Null&) const = default;
};
using Value = std::variant<Null, int64_t, double, std::string>;

class Error : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};
class UniqueViolation : public Error {
 public:
  using Error::Error;
};

class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  size_t size() const { return values_.size(); }
  bool is_null(size_t i) const { return std::holds_alternative<Null>(values_.at(i)); }
  // REQUIRES: the column is not NULL (throws db::Error otherwise).
  int64_t integer(size_t i) const;
  double real(size_t i) const;
  const std::string& text(size_t i) const;
  std::optional<int64_t> optional_integer(size_t i) const;
  std::optional<std::string> optional_text(size_t i) const;

 private:
  std::vector<Value> values_;
};

struct ResultSet {
  std::vector<Row> rows;
  int64_t affected_rows = 0;
  bool empty() const { return rows.empty(); }
};

class Connection {
 public:
  virtual ~Connection() = default;
  virtual Dialect dialect() const = 0;
  // Runs one statement with bound parameters. Statements are prepared once per
  // connection and cached by their text.
  virtual ResultSet execute(std::string_view sql, const std::vector<Value>& params) = 0;
  // Runs several statements without parameters (migrations).
  virtual void execute_script(std::string_view sql) = 0;
  // Starts a transaction. `for_write` transactions are serialized (SQLite has
  // one writer; BEGIN IMMEDIATE avoids upgrade deadlocks).
  virtual void begin(bool for_write) = 0;
  virtual void commit() = 0;
  virtual void rollback() = 0;

  ResultSet query(std::string_view sql, std::initializer_list<Value> params = {}) {
    return execute(sql, std::vector<Value>(params));
  }
};

// A connection borrowed from the pool; returns it on destruction.
class PooledConnection {
 public:
  PooledConnection(std::unique_ptr<Connection> connection, std::function<void(std::unique_ptr<Connection>)> release)
      : connection_(std::move(connection)), release_(std::move(release)) {}
  PooledConnection(PooledConnection&&) = default;
  PooledConnection& operator=(PooledConnection&&) = default;
  ~PooledConnection() {
    if (connection_ && release_) release_(std::move(connection_));
  }
  Connection& operator*() const { return *connection_; }
  Connection* operator->() const { return connection_.get(); }

 private:
  std::unique_ptr<Connection> connection_;
  std::function<void(std::unique_ptr<Connection>)> release_;
};

class Database {
 public:
  virtual ~Database() = default;
  virtual Dialect dialect() const = 0;
  // Blocks until a connection is free. Never call from a network thread.
  virtual PooledConnection acquire() = 0;
  // Closes every pooled connection; later acquire() calls fail.
  virtual void close() = 0;
  // Committed writes to watched tables, for in-process caches (ADR 0014).
  virtual ChangeWatch& changes() = 0;
};

// Commits on commit(); rolls back when destroyed without commit (an exception
// or an early return), so nothing is half-written.
class Transaction {
 public:
  Transaction(Connection& connection, bool for_write) : connection_(connection) { connection_.begin(for_write); }
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  ~Transaction();
  void commit();

 private:
  Connection& connection_;
  bool done_ = false;
};

// Opens a database from a URL: "sqlite:<path>", a plain file path, or
// "postgres://…" / "postgresql://…". `sqlite_cache_mb`: each SQLite
// connection's page cache (PostgreSQL has its own shared buffers).
std::unique_ptr<Database> open_database(const std::string& url, int pool_size, int sqlite_cache_mb = 16);

// Rewrites `?` placeholders to $1, $2 … outside quoted strings and identifiers.
std::string to_numbered_placeholders(std::string_view sql);

// `text` for a LIKE pattern with ESCAPE '\\' (backslash): %, _ and backslash match themselves.
std::string escape_like(std::string_view text);

}  // namespace guanxi::db
