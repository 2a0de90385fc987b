#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace guanxi::auth {

// A node of the organization tree: group 集团 → segment 板块 / branch 分公司 →
// department 部门, any depth. `path` is the ids from the root, "/1/4/9/", so
// a subtree is every unit whose path starts with its root's path.
struct OrgUnit {
  int64_t id = 0;
  std::optional<int64_t> parent_id;
  std::string name;
  std::string kind;    // group | segment | branch | department
  std::string path;
  std::string status;  // active | closed
  int64_t sort_order = 0;
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t version = 1;
};

inline bool is_unit_kind(std::string_view kind) {
  return kind == "group" || kind == "segment" || kind == "branch" || kind == "department";
}

}  // namespace guanxi::auth
