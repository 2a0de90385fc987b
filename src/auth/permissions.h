#pragma once
// Named capabilities, data scopes and the built-in roles (SEC-4, DESIGN.md).
// A role is a set of permissions plus one data scope; a user's grant for a
// permission is the widest scope among the roles that carry it.
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guanxi::auth {

// Ordered from narrowest to widest; the order is what "widest" means.
enum class DataScope {
  own = 0,        // 本人: records the user owns
  unit = 1,       // 本部门: records owned by anyone in the user's unit
  unit_tree = 2,  // 本部门及下级: the unit and every unit below it
  segment = 3,    // 本板块: the nearest segment (or branch) above the user, and below it
  all = 4,        // 全部
};

std::string_view scope_name(DataScope scope);
std::optional<DataScope> parse_scope(std::string_view name);

// Permission keys. Route rules and services name them through these constants
// so a typo is a compile error, not a silent denial.
namespace perm {
inline constexpr const char* customer_read = "customer.read";
inline constexpr const char* customer_create = "customer.create";
inline constexpr const char* customer_update = "customer.update";
inline constexpr const char* customer_delete = "customer.delete";
inline constexpr const char* customer_export = "customer.export";
inline constexpr const char* customer_import = "customer.import";
inline constexpr const char* customer_sensitive_read = "customer.sensitive.read";
inline constexpr const char* customer_assign = "customer.assign";
inline constexpr const char* customer_verify = "customer.verify";
inline constexpr const char* customer_access_log_read = "customer.access_log.read";
inline constexpr const char* customer_note_write = "customer.note.write";
inline constexpr const char* dictionary_manage = "dictionary.manage";
inline constexpr const char* org_manage = "org.manage";
inline constexpr const char* user_manage = "user.manage";
inline constexpr const char* role_manage = "role.manage";
inline constexpr const char* audit_read = "audit.read";
inline constexpr const char* settings_manage = "settings.manage";
inline constexpr const char* approval_manage = "approval.manage";  // ADR 0016: configure approval flows
// ADR 0016: decide role steps of approval requests from the users this grant's scope covers.
inline constexpr const char* approval_decide = "approval.decide";
}  // namespace perm

struct PermissionInfo {
  const char* key;
  const char* zh_name;
  const char* en_name;
};
// Every permission the system knows, in display order.
const std::vector<PermissionInfo>& permission_catalogue();
bool is_known_permission(std::string_view key);

struct BuiltinRole {
  const char* key;
  const char* zh_name;
  const char* en_name;
  DataScope scope;
  std::vector<std::string> permissions;
};
// SEC-4 roles plus archive clerk, customer service, auditor and the security
// administrator. Their definitions live here, not in the database, so an
// upgrade can correct them; the database copy is refreshed at start-up.
const std::vector<BuiltinRole>& builtin_roles();
const BuiltinRole* find_builtin_role(std::string_view key);

// 三员分立 (等保 2.0): the three administrator duties, each marked by one permission.
// Under strict separation a user may hold roles of at most one duty.
std::vector<std::string> admin_duties_of(const std::vector<std::string>& permissions);

// What a user may do: permission → widest scope granted.
class Grants {
 public:
  void add(const std::string& permission, DataScope scope);
  bool has(std::string_view permission) const { return scopes_.contains(permission); }
  std::optional<DataScope> scope_of(std::string_view permission) const;
  std::vector<std::string> permissions() const;

 private:
  std::map<std::string, DataScope, std::less<>> scopes_;
};

}  // namespace guanxi::auth
