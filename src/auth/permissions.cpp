#include "auth/permissions.h"

#include <algorithm>

namespace guanxi::auth {

std::string_view scope_name(DataScope scope) {
  switch (scope) {
    case DataScope::own: return "own";
    case DataScope::unit: return "unit";
    case DataScope::unit_tree: return "unit_tree";
    case DataScope::segment: return "segment";
    case DataScope::all: return "all";
  }
  return "own";
}

std::optional<DataScope> parse_scope(std::string_view name) {
  for (auto s : {DataScope::own, DataScope::unit, DataScope::unit_tree, DataScope::segment, DataScope::all}) {
    if (scope_name(s) == name) return s;
  }
  return std::nullopt;
}

const std::vector<PermissionInfo>& permission_catalogue() {
  static const std::vector<PermissionInfo> catalogue = {
      {perm::customer_read, "查看客户", "View customers"},
      {perm::customer_create, "新建客户", "Create customers"},
      {perm::customer_update, "修改客户", "Edit customers"},
      {perm::customer_delete, "删除客户", "Delete customers"},
      {perm::customer_export, "导出客户", "Export customers"},
      {perm::customer_import, "导入客户", "Import customers"},
      {perm::customer_sensitive_read, "查看敏感信息", "See sensitive data"},
      {perm::customer_assign, "分配客户", "Assign customers"},
      {perm::customer_verify, "审核/验证客户", "Verify customers"},
      {perm::customer_access_log_read, "查看客户访问记录", "See who viewed a customer"},
      {perm::customer_note_write, "记录客户事项", "Record customer notes and events"},
      {perm::dictionary_manage, "维护数据字典", "Manage dictionaries"},
      {perm::org_manage, "维护组织架构", "Manage the organization"},
      {perm::user_manage, "管理用户账号", "Manage user accounts"},
      {perm::role_manage, "管理角色与权限", "Manage roles and permissions"},
      {perm::audit_read, "查看审计日志", "Read the audit logs"},
      {perm::settings_manage, "系统设置", "System settings"},
      {perm::approval_decide, "审批申请", "Decide approval requests"},
      {perm::approval_manage, "配置审批流程", "Configure approval flows"},
  };
  return catalogue;
}

bool is_known_permission(std::string_view key) {
  const auto& all = permission_catalogue();
  return std::any_of(all.begin(), all.end(), [&](const PermissionInfo& p) { return key == p.key; });
}

const std::vector<BuiltinRole>& builtin_roles() {
  using namespace perm;
  static const std::vector<BuiltinRole> roles = {
      // The three administrators of 三员分立: accounts and settings, roles, logs.
      {"system_admin", "系统管理员", "System administrator", DataScope::all,
       {user_manage, org_manage, settings_manage, dictionary_manage, approval_manage}},
      {"security_admin", "安全管理员", "Security administrator", DataScope::all, {role_manage}},
      {"auditor", "审计员", "Auditor", DataScope::all, {audit_read}},
      // SEC-4: group management sees everything and may move customers across segments.
      {"group_management", "集团管理层", "Group management", DataScope::all,
       {customer_read, customer_create, customer_update, customer_delete, customer_export, customer_import,
        customer_sensitive_read, customer_assign, customer_verify, customer_access_log_read, customer_note_write, approval_decide}},
      // SEC-4: segments see only their own data.
      {"segment_head", "板块负责人", "Segment head", DataScope::segment,
       {customer_read, customer_create, customer_update, customer_export, customer_sensitive_read, customer_assign,
        customer_access_log_read, customer_note_write, approval_decide}},
      {"segment_admin", "板块管理员", "Segment administrator", DataScope::segment,
       {customer_read, customer_create, customer_update, customer_import, customer_export, customer_assign,
        customer_verify, customer_note_write, approval_decide}},
      {"department_head", "部门负责人", "Department head", DataScope::unit_tree,
       {customer_read, customer_create, customer_update, customer_export, customer_assign, customer_note_write,
        approval_decide}},
      // SEC-2: a sales rep sees only own customers.
      {"salesperson", "业务员", "Salesperson", DataScope::own, {customer_read, customer_create, customer_update, customer_note_write}},
      {"archive_clerk", "档案管理员", "Archive clerk", DataScope::all,
       {customer_read, customer_update, customer_import, customer_verify, customer_sensitive_read, customer_note_write,
        approval_decide}},
      {"customer_service", "客服人员", "Customer service", DataScope::all, {customer_read, customer_sensitive_read, customer_note_write}},
  };
  return roles;
}

const BuiltinRole* find_builtin_role(std::string_view key) {
  for (const auto& role : builtin_roles()) {
    if (key == role.key) return &role;
  }
  return nullptr;
}

std::vector<std::string> admin_duties_of(const std::vector<std::string>& permissions) {
  auto holds = [&](std::string_view p) { return std::find(permissions.begin(), permissions.end(), p) != permissions.end(); };
  std::vector<std::string> duties;
  if (holds(perm::user_manage) || holds(perm::org_manage) || holds(perm::settings_manage)) duties.push_back("system");
  if (holds(perm::role_manage)) duties.push_back("security");
  if (holds(perm::audit_read)) duties.push_back("audit");
  return duties;
}

void Grants::add(const std::string& permission, DataScope scope) {
  auto [it, inserted] = scopes_.try_emplace(permission, scope);
  if (!inserted && scope > it->second) it->second = scope;
}

std::optional<DataScope> Grants::scope_of(std::string_view permission) const {
  auto it = scopes_.find(permission);
  if (it == scopes_.end()) return std::nullopt;
  return it->second;
}

std::vector<std::string> Grants::permissions() const {
  std::vector<std::string> keys;
  for (const auto& [key, scope] : scopes_) keys.push_back(key);
  return keys;
}

}  // namespace guanxi::auth
