#pragma once
// SQL for the org_units table (owned by the auth module).
#include <optional>
#include <string>
#include <vector>

#include "auth/org_unit.h"
#include "db/database.h"

namespace guanxi::auth::org_repository {

std::vector<OrgUnit> list(db::Connection& c);
std::optional<OrgUnit> find(db::Connection& c, int64_t id);
std::optional<OrgUnit> root(db::Connection& c);
int64_t insert(db::Connection& c, const OrgUnit& unit, int64_t now_ms);
// Updates name, kind, sort order and parent when `version` still matches;
// false when someone changed the unit meanwhile.
bool update(db::Connection& c, const OrgUnit& unit, int64_t expected_version, int64_t now_ms);
// Rewrites the path of every unit under `old_prefix` (the moved unit included).
void move_subtree(db::Connection& c, const std::string& old_prefix, const std::string& new_prefix);
bool set_status(db::Connection& c, int64_t id, const std::string& status, int64_t expected_version, int64_t now_ms);
int64_t count_active_children(db::Connection& c, int64_t id);
// Ids of the units whose path starts with `prefix` (a subtree).
std::vector<int64_t> subtree_ids(db::Connection& c, const std::string& prefix);
// True when an active child of `parent_id` other than `except_id` has this name.
bool sibling_name_taken(db::Connection& c, int64_t parent_id, const std::string& name, int64_t except_id);

}  // namespace guanxi::auth::org_repository
