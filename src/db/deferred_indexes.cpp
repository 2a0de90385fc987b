#include "db/deferred_indexes.h"

#include <boost/json.hpp>

#include "core/log.h"

namespace guanxi::db {

DeferredIndexes::DeferredIndexes(Connection& c, const std::string& table) : c_(c) {
  std::vector<std::string> names;
  const auto rows = c.dialect() == Dialect::sqlite
                        ? c.query("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND tbl_name = ?"
                                  " AND sql IS NOT NULL AND sql NOT LIKE 'CREATE UNIQUE%' ORDER BY name",
                                  {table})
                        : c.query("SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = current_schema()"
                                  " AND tablename = ? AND indexdef NOT LIKE 'CREATE UNIQUE%' ORDER BY indexname",
                                  {table});
  for (const auto& row : rows.rows) {
    names.push_back(row.text(0));
    definitions_.push_back(row.text(1));
  }
  for (const auto& name : names) c.query("DROP INDEX " + name);
}

DeferredIndexes::~DeferredIndexes() {
  try {
    rebuild();
  } catch (const std::exception& e) {
    // A destructor must not throw; the operator learns which index is missing.
    boost::json::array missing;
    for (const auto& sql : definitions_) missing.emplace_back(sql);
    log::error("indexes not rebuilt after a bulk load", {{"error", e.what()}, {"missing", std::move(missing)}});
  }
}

void DeferredIndexes::rebuild() {
  while (!definitions_.empty()) {
    c_.query(definitions_.back());
    definitions_.pop_back();
  }
}

}  // namespace guanxi::db
