#include "planner/daily_note.h"

namespace guanxi::planner::daily_note_repository {
namespace {

constexpr const char* kColumns = "id, user_id, note_date, content, version, created_at, updated_at";

DailyNote from_row(const db::Row& row) {
  return {row.integer(0), row.integer(1), row.text(2), row.text(3), row.integer(4), row.integer(5), row.integer(6)};
}

}  // namespace

std::vector<DailyNote> list(db::Connection& c, int64_t user_id, const Filter& filter) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM daily_notes WHERE user_id = ?";
  std::vector<db::Value> params{user_id};
  if (filter.from) {
    sql += " AND note_date >= ?";
    params.emplace_back(*filter.from);
  }
  if (filter.to) {
    sql += " AND note_date <= ?";
    params.emplace_back(*filter.to);
  }
  if (filter.contains) {
    sql += " AND LOWER(content) LIKE LOWER(?) ESCAPE '\\'";  // ASCII letters in either case, on both engines
    params.emplace_back("%" + db::escape_like(*filter.contains) + "%");
  }
  if (filter.after) {
    sql += " AND (note_date < ? OR (note_date = ? AND id < ?))";
    params.insert(params.end(), {filter.after->first, filter.after->first, filter.after->second});
  }
  sql += " ORDER BY note_date DESC, id DESC LIMIT ?";
  params.emplace_back(filter.limit);
  std::vector<DailyNote> out;
  for (const auto& row : c.execute(sql, params).rows) out.push_back(from_row(row));
  return out;
}

std::optional<DailyNote> find(db::Connection& c, int64_t id) {
  auto rows = c.query(std::string("SELECT ") + kColumns + " FROM daily_notes WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return from_row(rows.rows.front());
}

int64_t insert(db::Connection& c, const DailyNote& n) {
  return c
      .execute("INSERT INTO daily_notes (user_id, note_date, content, version, created_at, updated_at)"
               " VALUES (?, ?, ?, 1, ?, ?) RETURNING id",
               {n.user_id, n.note_date, n.content, n.created_at, n.updated_at})
      .rows.at(0)
      .integer(0);
}

bool update(db::Connection& c, const DailyNote& n, int64_t expected_version) {
  return c.execute("UPDATE daily_notes SET note_date = ?, content = ?, version = version + 1, updated_at = ?"
                   " WHERE id = ? AND version = ?",
                   {n.note_date, n.content, n.updated_at, n.id, expected_version})
             .affected_rows == 1;
}

bool remove(db::Connection& c, int64_t id, int64_t expected_version) {
  return c.execute("DELETE FROM daily_notes WHERE id = ? AND version = ?", {id, expected_version}).affected_rows == 1;
}

}  // namespace guanxi::planner::daily_note_repository
