#include "db/database.h"

#include "db/postgres/postgres_database.h"
#include "db/sqlite/sqlite_database.h"

namespace guanxi::db {

std::string_view dialect_name(Dialect dialect) { return dialect == Dialect::sqlite ? "sqlite" : "postgres"; }

int64_t Row::integer(size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<int64_t>(&v)) return *p;
  if (auto p = std::get_if<double>(&v)) return static_cast<int64_t>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::stoll(*p);
  throw Error("column " + std::to_string(i) + " is NULL");
}

double Row::real(size_t i) const {
  const Value& v = values_.at(i);
  if (auto p = std::get_if<double>(&v)) return *p;
  if (auto p = std::get_if<int64_t>(&v)) return static_cast<double>(*p);
  if (auto p = std::get_if<std::string>(&v)) return std::stod(*p);
  throw Error("column " + std::to_string(i) + " is NULL");
}

const std::string& Row::text(size_t i) const {
  if (auto p = std::get_if<std::string>(&values_.at(i))) return *p;
  throw Error("column " + std::to_string(i) + " is not text");
}

std::optional<int64_t> Row::optional_integer(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return integer(i);
}

std::optional<std::string> Row::optional_text(size_t i) const {
  if (is_null(i)) return std::nullopt;
  return text(i);
}

Transaction::~Transaction() {
  if (done_) return;
  try {
    connection_.rollback();
  } catch (...) {
    // A failed rollback leaves nothing committed; the connection reports the
    // broken state on its next use.
  }
}

void Transaction::commit() {
  connection_.commit();
  done_ = true;
}

std::unique_ptr<Database> open_database(const std::string& url, int pool_size, int sqlite_cache_mb) {
  if (url.starts_with("postgres://") || url.starts_with("postgresql://")) {
    return std::make_unique<PostgresDatabase>(url, pool_size);
  }
  std::string path = url.starts_with("sqlite:") ? url.substr(7) : url;
  return std::make_unique<SqliteDatabase>(path, pool_size, sqlite_cache_mb);
}

std::string to_numbered_placeholders(std::string_view sql) {
  std::string out;
  out.reserve(sql.size() + 16);
  int next = 1;
  char quote = 0;
  for (char c : sql) {
    if (quote) {
      if (c == quote) quote = 0;
      out.push_back(c);
    } else if (c == '\'' || c == '"') {
      quote = c;
      out.push_back(c);
    } else if (c == '?') {
      out += '$' + std::to_string(next++);
    } else {
      out.push_back(c);
    }
  }
  return out;
}

std::string escape_like(std::string_view text) {
  std::string out;
  for (char ch : text) {
    if (ch == '%' || ch == '_' || ch == '\\') out.push_back('\\');
    out.push_back(ch);
  }
  return out;
}

}  // namespace guanxi::db
