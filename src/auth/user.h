#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace guanxi::auth {

struct User {
  int64_t id = 0;
  std::string username;
  std::string display_name;
  std::string password_hash;
  std::string status;  // "active" | "disabled"
  bool must_change_password = false;
  int failed_logins = 0;
  std::optional<int64_t> locked_until;  // epoch ms
  int64_t created_at = 0;
  int64_t updated_at = 0;
  int64_t version = 1;
  std::vector<std::string> roles;
};

// Who is making a request, resolved from the session cookie.
struct Principal {
  int64_t user_id = 0;
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  bool must_change_password = false;
  int64_t session_id = 0;
  std::string csrf_token;
};

struct ClientInfo {
  std::string ip;
  std::string user_agent;
};

// The built-in role keys (DESIGN.md); permissions arrive with the access-control issue.
inline const std::vector<std::string>& builtin_role_keys() {
  static const std::vector<std::string> keys = {
      "system_admin",  "group_management", "segment_head",     "department_head", "salesperson",
      "segment_admin", "archive_clerk",    "customer_service", "auditor",         "security_admin"};
  return keys;
}

}  // namespace guanxi::auth
