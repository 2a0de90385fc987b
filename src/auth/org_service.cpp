#include "auth/org_service.h"

#include <boost/json.hpp>

#include "auth/org_repository.h"
#include "auth/user_repository.h"

namespace guanxi::auth {
namespace {

constexpr size_t kMaxUnitName = 300;  // bytes: about 100 Chinese characters

std::string unit_detail(const OrgUnit& u) {
  boost::json::object o{{"name", u.name}, {"kind", u.kind}, {"path", u.path}};
  o["parent_id"] = u.parent_id ? boost::json::value(*u.parent_id) : boost::json::value(nullptr);
  return boost::json::serialize(o);
}

std::optional<Error> check_name_and_kind(const std::string& name, const std::string& kind) {
  std::vector<FieldError> errors;
  if (name.empty()) errors.push_back({"name", "required"});
  if (name.size() > kMaxUnitName) errors.push_back({"name", "too_long"});
  if (!is_unit_kind(kind)) errors.push_back({"kind", "unknown_value"});
  if (!errors.empty()) return Error::validation(std::move(errors));
  return std::nullopt;
}

}  // namespace

std::vector<OrgUnit> OrgService::list() {
  auto c = database_.acquire();
  return org_repository::list(*c);
}

Result<OrgUnit> OrgService::get(int64_t id) {
  auto c = database_.acquire();
  auto unit = org_repository::find(*c, id);
  if (!unit) return fail(Error::not_found());
  return *unit;
}

std::optional<Error> OrgService::check_assignable(db::Connection& c, int64_t unit_id, const char* field) {
  auto unit = org_repository::find(c, unit_id);
  if (!unit) return Error::validation({{field, "unknown_value"}});
  if (unit->status != "active") return Error::make(409, "unit_closed", {unit->name});
  return std::nullopt;
}

std::optional<std::string> OrgService::unit_name(db::Connection& c, int64_t unit_id) {
  auto unit = org_repository::find(c, unit_id);
  if (!unit) return std::nullopt;
  return unit->name;
}

Result<OrgUnit> OrgService::create(const Principal& actor, const NewOrgUnit& input, const ClientInfo& client) {
  auto invalid = check_name_and_kind(input.name, input.kind);
  // Only the bootstrap creates a root; every other unit hangs under one.
  if (!input.parent_id) {
    if (!invalid) invalid = Error::validation({});
    invalid->errors.push_back({"parent_id", "required"});
  }
  if (invalid) return fail(*invalid);
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto parent = org_repository::find(*c, *input.parent_id);
  if (!parent) return fail(Error::validation({{"parent_id", "unknown_value"}}));
  if (parent->status != "active") return fail(Error::make(409, "unit_closed", {parent->name}));
  if (org_repository::sibling_name_taken(*c, parent->id, input.name, 0)) {
    return fail(Error::make(409, "duplicate_unit_name", {input.name}));
  }
  OrgUnit unit;
  unit.parent_id = parent->id;
  unit.name = input.name;
  unit.kind = input.kind;
  unit.path = parent->path;
  unit.sort_order = input.sort_order;
  const int64_t id = org_repository::insert(*c, unit, clock_.now_ms());
  auto created = *org_repository::find(*c, id);
  audit_.record(*c, {actor.user_id, actor.username, "org_unit.created", "org_unit:" + std::to_string(id), client.ip,
                     client.user_agent, unit_detail(created)});
  tx.commit();
  return created;
}

Result<OrgUnit> OrgService::update(const Principal& actor, int64_t id, const OrgUnitChange& change,
                                   int64_t expected_version, const ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto current = org_repository::find(*c, id);
  if (!current) return fail(Error::not_found());
  if (current->version != expected_version) return fail(Error::make(409, "version_conflict"));
  OrgUnit next = *current;
  if (change.name) next.name = *change.name;
  if (change.kind) next.kind = *change.kind;
  if (change.sort_order) next.sort_order = *change.sort_order;
  if (auto invalid = check_name_and_kind(next.name, next.kind)) return fail(*invalid);

  const bool moving = change.parent_id && change.parent_id != current->parent_id;
  std::string new_path = current->path;
  if (moving) {
    if (!current->parent_id) return fail(Error::make(409, "root_unit"));
    auto parent = org_repository::find(*c, *change.parent_id);
    if (!parent) return fail(Error::validation({{"parent_id", "unknown_value"}}));
    if (parent->path.starts_with(current->path)) return fail(Error::make(409, "unit_cycle"));
    if (parent->status != "active") return fail(Error::make(409, "unit_closed", {parent->name}));
    next.parent_id = parent->id;
    new_path = parent->path + std::to_string(id) + "/";
  }
  if (next.parent_id && current->status == "active" &&
      org_repository::sibling_name_taken(*c, *next.parent_id, next.name, id)) {
    return fail(Error::make(409, "duplicate_unit_name", {next.name}));
  }
  if (!org_repository::update(*c, next, expected_version, clock_.now_ms())) {
    return fail(Error::make(409, "version_conflict"));
  }
  if (moving) org_repository::move_subtree(*c, current->path, new_path);
  auto updated = *org_repository::find(*c, id);
  boost::json::object detail{{"before", boost::json::parse(unit_detail(*current))},
                             {"after", boost::json::parse(unit_detail(updated))}};
  audit_.record(*c, {actor.user_id, actor.username, moving ? "org_unit.moved" : "org_unit.updated",
                     "org_unit:" + std::to_string(id), client.ip, client.user_agent, boost::json::serialize(detail)});
  tx.commit();
  return updated;
}

Result<OrgUnit> OrgService::set_closed(const Principal& actor, int64_t id, bool closed, int64_t expected_version,
                                       const ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto unit = org_repository::find(*c, id);
  if (!unit) return fail(Error::not_found());
  if (unit->version != expected_version) return fail(Error::make(409, "version_conflict"));
  if ((unit->status == "closed") == closed) return *unit;  // already so: nothing to write or audit
  if (closed) {
    if (!unit->parent_id) return fail(Error::make(409, "root_unit"));
    if (org_repository::count_active_children(*c, id) > 0 || user_repository::count_active_in_unit(*c, id) > 0) {
      return fail(Error::make(409, "unit_not_empty"));
    }
  } else if (unit->parent_id) {
    auto parent = org_repository::find(*c, *unit->parent_id);
    if (parent->status != "active") return fail(Error::make(409, "unit_closed", {parent->name}));
    if (org_repository::sibling_name_taken(*c, parent->id, unit->name, id)) {
      return fail(Error::make(409, "duplicate_unit_name", {unit->name}));
    }
  }
  if (!org_repository::set_status(*c, id, closed ? "closed" : "active", expected_version, clock_.now_ms())) {
    return fail(Error::make(409, "version_conflict"));
  }
  audit_.record(*c, {actor.user_id, actor.username, closed ? "org_unit.closed" : "org_unit.reopened",
                     "org_unit:" + std::to_string(id), client.ip, client.user_agent, unit_detail(*unit)});
  auto updated = *org_repository::find(*c, id);
  tx.commit();
  return updated;
}

int64_t OrgService::ensure_root() {
  auto c = database_.acquire();
  if (auto root = org_repository::root(*c)) return root->id;
  db::Transaction tx(*c, true);
  // Checked again under the write lock: another server may have won the race.
  if (auto root = org_repository::root(*c)) return root->id;
  OrgUnit root;
  root.name = "集团总部";
  root.kind = "group";
  root.path = "/";
  const int64_t id = org_repository::insert(*c, root, clock_.now_ms());
  user_repository::assign_unitless_users(*c, id);
  audit_.record(*c, {std::nullopt, "system", "org_unit.created", "org_unit:" + std::to_string(id), "", "",
                     unit_detail(*org_repository::find(*c, id))});
  tx.commit();
  return id;
}

}  // namespace guanxi::auth
