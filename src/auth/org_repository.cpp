#include "auth/org_repository.h"

namespace guanxi::auth::org_repository {
namespace {

constexpr const char* kColumns =
    "SELECT id, parent_id, name, kind, path, status, sort_order, created_at, updated_at, version FROM org_units ";

OrgUnit from_row(const db::Row& r) {
  return OrgUnit{r.integer(0), r.optional_integer(1), r.text(2), r.text(3), r.text(4),
                 r.text(5),    r.integer(6),          r.integer(7), r.integer(8), r.integer(9)};
}

db::Value nullable(const std::optional<int64_t>& v) { return v ? db::Value(*v) : db::Value(db::Null{}); }

}  // namespace

std::vector<OrgUnit> list(db::Connection& c) {
  std::vector<OrgUnit> units;
  for (const auto& r : c.query(std::string(kColumns) + "ORDER BY sort_order, id").rows) units.push_back(from_row(r));
  return units;
}

std::optional<OrgUnit> find(db::Connection& c, int64_t id) {
  auto rows = c.query(std::string(kColumns) + "WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return from_row(rows.rows.front());
}

std::optional<OrgUnit> root(db::Connection& c) {
  auto rows = c.query(std::string(kColumns) + "WHERE parent_id IS NULL ORDER BY id LIMIT 1");
  if (rows.empty()) return std::nullopt;
  return from_row(rows.rows.front());
}

int64_t insert(db::Connection& c, const OrgUnit& u, int64_t now_ms) {
  const int64_t id = c.query(
                          "INSERT INTO org_units (parent_id, name, kind, path, status, sort_order, created_at,"
                          " updated_at, version) VALUES (?, ?, ?, '', 'active', ?, ?, ?, 1) RETURNING id",
                          {nullable(u.parent_id), u.name, u.kind, u.sort_order, now_ms, now_ms})
                         .rows.front()
                         .integer(0);
  // The path needs the new id, so it is written second, in the same transaction.
  c.query("UPDATE org_units SET path = ? WHERE id = ?", {u.path + std::to_string(id) + "/", id});
  return id;
}

bool update(db::Connection& c, const OrgUnit& u, int64_t expected_version, int64_t now_ms) {
  return c.query(
              "UPDATE org_units SET name = ?, kind = ?, sort_order = ?, parent_id = ?, updated_at = ?,"
              " version = version + 1 WHERE id = ? AND version = ?",
              {u.name, u.kind, u.sort_order, nullable(u.parent_id), now_ms, u.id, expected_version})
             .affected_rows == 1;
}

void move_subtree(db::Connection& c, const std::string& old_prefix, const std::string& new_prefix) {
  // Paths are ASCII digits and slashes, so character and byte positions agree
  // in both engines.
  c.query("UPDATE org_units SET path = ? || substr(path, ?) WHERE substr(path, 1, ?) = ?",
          {new_prefix, static_cast<int64_t>(old_prefix.size() + 1), static_cast<int64_t>(old_prefix.size()),
           old_prefix});
}

bool set_status(db::Connection& c, int64_t id, const std::string& status, int64_t expected_version, int64_t now_ms) {
  return c.query(
              "UPDATE org_units SET status = ?, updated_at = ?, version = version + 1 WHERE id = ? AND version = ?",
              {status, now_ms, id, expected_version})
             .affected_rows == 1;
}

int64_t count_active_children(db::Connection& c, int64_t id) {
  return c.query("SELECT COUNT(*) FROM org_units WHERE parent_id = ? AND status = 'active'", {id})
      .rows.front()
      .integer(0);
}

std::vector<int64_t> subtree_ids(db::Connection& c, const std::string& prefix) {
  std::vector<int64_t> ids;
  for (const auto& r : c.query("SELECT id FROM org_units WHERE substr(path, 1, ?) = ?",
                               {static_cast<int64_t>(prefix.size()), prefix})
                           .rows) {
    ids.push_back(r.integer(0));
  }
  return ids;
}

bool sibling_name_taken(db::Connection& c, int64_t parent_id, const std::string& name, int64_t except_id) {
  return !c.query("SELECT 1 FROM org_units WHERE parent_id = ? AND name = ? AND status = 'active' AND id <> ?",
                  {parent_id, name, except_id})
              .empty();
}

}  // namespace guanxi::auth::org_repository
