#include "auth/access_service.h"

#include "auth/org_repository.h"
#include "auth/user_repository.h"

namespace guanxi::auth {
namespace {

std::vector<int64_t> ids_on_path(const std::string& path) {
  std::vector<int64_t> ids;
  int64_t current = 0;
  bool in_number = false;
  for (char ch : path) {
    if (ch == '/') {
      if (in_number) ids.push_back(current);
      current = 0;
      in_number = false;
    } else {
      current = current * 10 + (ch - '0');
      in_number = true;
    }
  }
  return ids;
}

// 本板块: the nearest segment above (or at) the unit; a branch when the line
// has no segment; the root when it has neither.
std::string segment_prefix(db::Connection& c, const OrgUnit& unit) {
  std::optional<OrgUnit> nearest_branch;
  std::optional<OrgUnit> top;
  const auto line = ids_on_path(unit.path);
  for (auto it = line.rbegin(); it != line.rend(); ++it) {
    auto u = org_repository::find(c, *it);
    if (!u) continue;
    if (u->kind == "segment") return u->path;
    if (u->kind == "branch" && !nearest_branch) nearest_branch = u;
    top = u;
  }
  if (nearest_branch) return nearest_branch->path;
  return top ? top->path : unit.path;
}

}  // namespace

OwnerScope AccessService::owner_scope(const Principal& principal, std::string_view permission) {
  auto scope = principal.grants.scope_of(permission);
  if (!scope) return {};
  if (*scope == DataScope::all) return {true, {}};
  if (*scope == DataScope::own || !principal.unit_id) return {false, {principal.user_id}};
  auto c = database_.acquire();
  return owner_scope(*c, principal, permission);
}

OwnerScope AccessService::owner_scope(db::Connection& c, const Principal& principal, std::string_view permission) {
  auto scope = principal.grants.scope_of(permission);
  if (!scope) return {};
  if (*scope == DataScope::all) return {true, {}};
  if (*scope == DataScope::own || !principal.unit_id) return {false, {principal.user_id}};
  auto unit = org_repository::find(c, *principal.unit_id);
  if (!unit) return {false, {principal.user_id}};
  std::vector<int64_t> owners;
  switch (*scope) {
    case DataScope::unit: owners = user_repository::ids_in_unit(c, unit->id); break;
    case DataScope::unit_tree: owners = user_repository::ids_in_subtree(c, unit->path); break;
    case DataScope::segment: owners = user_repository::ids_in_subtree(c, segment_prefix(c, *unit)); break;
    default: break;
  }
  owners.push_back(principal.user_id);
  std::sort(owners.begin(), owners.end());
  owners.erase(std::unique(owners.begin(), owners.end()), owners.end());
  return {false, std::move(owners)};
}

}  // namespace guanxi::auth
