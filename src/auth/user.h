#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "auth/field_rules.h"
#include "auth/permissions.h"

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
  std::optional<int64_t> unit_id;     // org_units.id
  std::optional<int64_t> manager_id;  // users.id
  int64_t password_changed_at = 0;
  std::vector<std::string> roles;
  bool second_factor_enrolled = false;  // a confirmed TOTP factor (ADR 0013)
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
  std::optional<int64_t> unit_id;
  Grants grants;  // union of the roles' permissions, each with its widest scope
  std::optional<int64_t> api_token_id;  // set when the request came with a Bearer token
  bool second_factor_enrolled = false;
  bool second_factor_required = false;  // one of the user's roles requires it (ADR 0013)
  // Required but not enrolled: only the account's own routes answer until
  // the user enrols (like must_change_password).
  bool second_factor_setup_required = false;
  FieldRules field_rules;  // ADR 0015: the fields hidden or read-only to this user

  bool can(std::string_view permission) const { return grants.has(permission); }
};

struct ClientInfo {
  std::string ip;
  std::string user_agent;
};

// Who performs a change, for permission checks and the audit log: a signed-in
// user, or the operator at the console (`guanxi user …`), who may do anything.
struct Actor {
  std::optional<int64_t> user_id;
  std::string name;
  ClientInfo client;
  bool console = false;
  Grants grants;

  // The console: implicit so that `users.add(…, "cli")` reads naturally.
  Actor(const char* console_name) : name(console_name), console(true) {}  // NOLINT(google-explicit-constructor)
  Actor(const Principal& p, ClientInfo c) : user_id(p.user_id), name(p.username), client(std::move(c)), grants(p.grants) {}
  bool can(std::string_view permission) const { return console || grants.has(permission); }
};

}  // namespace guanxi::auth
