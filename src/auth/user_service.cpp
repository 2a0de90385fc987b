#include "auth/user_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cctype>

#include "auth/api_token_repository.h"
#include "auth/org_repository.h"
#include "auth/org_service.h"
#include "auth/role_repository.h"
#include "auth/session_repository.h"

namespace guanxi::auth {
namespace {

bool valid_username(const std::string& name) {
  if (name.size() < 2 || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '.' || c == '_' || c == '-';
  });
}

boost::json::value optional_id(const std::optional<int64_t>& v) {
  return v ? boost::json::value(*v) : boost::json::value(nullptr);
}

boost::json::object profile_json(const User& u) {
  boost::json::array roles;
  for (const auto& r : u.roles) roles.push_back(boost::json::string(r));
  return {{"display_name", u.display_name},
          {"status", u.status},
          {"unit_id", optional_id(u.unit_id)},
          {"manager_id", optional_id(u.manager_id)},
          {"roles", std::move(roles)}};
}

// Only the fields that changed, as {"field": {"old": …, "new": …}}.
std::string changes_detail(const User& before, const User& after) {
  const auto old_json = profile_json(before);
  const auto new_json = profile_json(after);
  boost::json::object changes;
  for (const auto& [key, value] : new_json) {
    if (old_json.at(key) != value) changes[key] = {{"old", old_json.at(key)}, {"new", value}};
  }
  return boost::json::serialize(changes);
}

void audit_as(audit::AuditLog& audit, db::Connection& c, const Actor& actor, const char* action,
              const std::string& username, std::string detail = "") {
  audit.record(c, {actor.user_id, actor.name, action, "user:" + username, actor.client.ip, actor.client.user_agent,
                   std::move(detail)});
}

}  // namespace

std::optional<Error> UserService::check_may_manage(db::Connection& c, const Actor& actor, const User& target) {
  if (actor.console) return std::nullopt;
  // 三员分立: resetting the password of (or disabling) a user who holds an
  // administrator duty the actor lacks would hand the actor that duty.
  const auto target_duties = admin_duties_of(role_repository::permissions_of_roles(c, target.roles));
  const auto actor_duties = admin_duties_of(actor.grants.permissions());
  for (const auto& duty : target_duties) {
    if (std::find(actor_duties.begin(), actor_duties.end(), duty) == actor_duties.end()) return Error::forbidden();
  }
  return std::nullopt;
}

std::optional<Error> UserService::check_unit_and_manager(db::Connection& c, const std::optional<int64_t>& unit_id,
                                                         const std::optional<int64_t>& manager_id, int64_t self_id) {
  if (unit_id) {
    if (auto invalid = OrgService::check_assignable(c, *unit_id, "unit_id")) return invalid;
  }
  if (manager_id) {
    auto manager = user_repository::find_by_id(c, *manager_id);
    if (!manager || *manager_id == self_id) return Error::validation({{"manager_id", "unknown_value"}});
  }
  return std::nullopt;
}

void UserService::store_password(db::Connection& c, int64_t user_id, const std::string& hash, bool must_change) {
  const int64_t now = clock_.now_ms();
  user_repository::set_password(c, user_id, hash, must_change, now);
  user_repository::remember_password(c, user_id, hash, now);
}

Result<User> UserService::add(const NewUser& input, const Actor& actor) {
  std::vector<FieldError> errors;
  if (!valid_username(input.username)) errors.push_back({"username", "invalid_format"});
  if (input.display_name.empty() || input.display_name.size() > 200) errors.push_back({"display_name", "invalid_format"});
  if (!errors.empty()) return fail(Error::validation(std::move(errors)));
  // Giving roles is the security administrator's duty (三员分立).
  if (!input.roles.empty() && !actor.can(perm::role_manage)) return fail(Error::forbidden());
  if (auto weak = check_password_policy(input.username, input.password)) return fail(*weak);

  User user;
  user.username = input.username;
  user.display_name = input.display_name;
  user.password_hash = hasher_.hash(input.password);
  user.status = "active";
  user.must_change_password = input.must_change_password;
  user.manager_id = input.manager_id;
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  user.unit_id = input.unit_id;
  if (!user.unit_id) {
    if (auto root = org_repository::root(*c)) user.unit_id = root->id;
  }
  if (auto invalid = check_unit_and_manager(*c, user.unit_id, user.manager_id, 0)) return fail(*invalid);
  if (auto invalid = roles_.check_assignable(*c, input.roles)) return fail(*invalid);
  try {
    user.id = user_repository::insert(*c, user, clock_.now_ms());
  } catch (const db::UniqueViolation&) {
    return fail(Error::make(409, "duplicate_username", {input.username}));
  }
  for (const auto& role : input.roles) user_repository::add_role(*c, user.id, role);
  user_repository::remember_password(*c, user.id, user.password_hash, clock_.now_ms());
  auto created = *user_repository::find_by_id(*c, user.id);
  audit_as(audit_, *c, actor, "user.created", user.username, boost::json::serialize(profile_json(created)));
  tx.commit();
  return created;
}

Result<User> UserService::update(int64_t id, const UserChange& change, int64_t expected_version, const Actor& actor) {
  const bool profile_change = change.display_name || change.unit_id || change.manager_id || change.status;
  if (profile_change && !actor.can(perm::user_manage)) return fail(Error::forbidden());
  if (change.roles && !actor.can(perm::role_manage)) return fail(Error::forbidden());
  std::vector<FieldError> errors;
  if (change.display_name && (change.display_name->empty() || change.display_name->size() > 200)) {
    errors.push_back({"display_name", "invalid_format"});
  }
  if (change.status && *change.status != "active" && *change.status != "disabled") {
    errors.push_back({"status", "unknown_value"});
  }
  if (!errors.empty()) return fail(Error::validation(std::move(errors)));

  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto current = user_repository::find_by_id(*c, id);
  if (!current) return fail(Error::not_found());
  if (current->version != expected_version) return fail(Error::make(409, "version_conflict"));
  if (profile_change) {
    if (auto denied = check_may_manage(*c, actor, *current)) return fail(*denied);
  }
  // Nobody edits their own roles: it would let the last security
  // administrator lock everyone out, or let anyone widen their own rights.
  if (change.roles && actor.user_id == id) return fail(Error::make(409, "cannot_change_own_roles"));
  User next = *current;
  if (change.display_name) next.display_name = *change.display_name;
  if (change.unit_id) next.unit_id = *change.unit_id;
  if (change.manager_id) next.manager_id = *change.manager_id;
  if (change.status) next.status = *change.status;
  if (change.roles) {
    next.roles = *change.roles;
    std::sort(next.roles.begin(), next.roles.end());
    next.roles.erase(std::unique(next.roles.begin(), next.roles.end()), next.roles.end());
  }
  if (next.status == "disabled" && actor.user_id == id) return fail(Error::make(409, "cannot_disable_self"));
  if (change.unit_id && change.unit_id != current->unit_id) {
    if (auto invalid = check_unit_and_manager(*c, next.unit_id, std::nullopt, id)) return fail(*invalid);
  }
  if (change.manager_id && next.manager_id) {
    if (auto invalid = check_unit_and_manager(*c, std::nullopt, next.manager_id, id)) return fail(*invalid);
  }
  if (change.roles) {
    if (auto invalid = roles_.check_assignable(*c, next.roles)) return fail(*invalid);
  }
  const int64_t now = clock_.now_ms();
  if (!user_repository::update_profile(*c, next, expected_version, now)) return fail(Error::make(409, "version_conflict"));
  if (change.roles) user_repository::replace_roles(*c, id, next.roles);
  if (next.status == "disabled" && current->status != "disabled") {
    // Revoked, not suspended: enabling the account again must not bring
    // back credentials an administrator meant to end.
    session_repository::end_all_for_user(*c, id, now, "user_disabled");
    api_token_repository::revoke_all_for_user(*c, id, now);
  }
  if (change.roles && next.roles != current->roles) {
    // A permission change takes effect on the next request; sessions stay.
    audit_as(audit_, *c, actor, "user.roles_changed", next.username, changes_detail(*current, next));
  }
  audit_as(audit_, *c, actor, next.status != current->status ? (next.status == "disabled" ? "user.disabled" : "user.enabled")
                                                               : "user.updated",
           next.username, changes_detail(*current, next));
  auto updated = *user_repository::find_by_id(*c, id);
  tx.commit();
  return updated;
}

Result<User> UserService::reset_password(int64_t id, const std::string& password, const Actor& actor) {
  User user;
  {
    auto c = database_.acquire();
    auto found = user_repository::find_by_id(*c, id);
    if (!found) return fail(Error::not_found());
    if (auto denied = check_may_manage(*c, actor, *found)) return fail(*denied);
    user = *found;
  }
  return set_password(user.username, password, true, actor);
}

Result<User> UserService::set_password(const std::string& username, const std::string& password, bool must_change,
                                       const Actor& actor) {
  if (auto weak = check_password_policy(username, password)) return fail(*weak);
  const std::string hash = hasher_.hash(password);
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto user = user_repository::find_by_username(*c, username);
  if (!user) return fail(Error::not_found());
  store_password(*c, user->id, hash, must_change);
  // An administrator sets a password when the old one may be known to
  // someone else: every credential of the account ends with it.
  session_repository::end_all_for_user(*c, user->id, clock_.now_ms(), "password_changed");
  api_token_repository::revoke_all_for_user(*c, user->id, clock_.now_ms());
  audit_as(audit_, *c, actor, "user.password_set", username, must_change ? R"({"must_change":true})" : "");
  tx.commit();
  return *user_repository::find_by_id(*c, user->id);
}

Result<User> UserService::change_own_password(const Principal& principal, const std::string& current_password,
                                              const std::string& new_password, const ClientInfo& client) {
  // A password is changed by its person in a session, not by an integration.
  if (principal.api_token_id) return fail(Error::forbidden());
  std::optional<User> user;
  std::vector<std::string> recent;
  {
    auto c = database_.acquire();
    user = user_repository::find_by_id(*c, principal.user_id);
    if (!user) return fail(Error::not_found());
    recent = user_repository::recent_password_hashes(*c, user->id, kPasswordHistoryDepth);
  }
  if (!hasher_.verify(user->password_hash, current_password)) {
    return fail(Error::validation({{"current_password", "incorrect"}}));
  }
  if (auto weak = check_password_policy(user->username, new_password)) return fail(*weak);
  if (std::find(recent.begin(), recent.end(), user->password_hash) == recent.end()) recent.push_back(user->password_hash);
  for (const auto& old_hash : recent) {
    if (hasher_.verify(old_hash, new_password)) {
      return fail(Error::make(422, "password_reused", {std::to_string(kPasswordHistoryDepth)}));
    }
  }
  const std::string hash = hasher_.hash(new_password);
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  store_password(*c, user->id, hash, false);
  session_repository::end_all_for_user_except(*c, user->id, principal.session_id, clock_.now_ms(), "password_changed");
  audit_as(audit_, *c, Actor(principal, client), "user.password_changed", user->username);
  tx.commit();
  return *user_repository::find_by_id(*c, user->id);
}

Result<User> UserService::disable(const std::string& username, const Actor& actor) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto user = user_repository::find_by_username(*c, username);
  if (!user) return fail(Error::not_found());
  user_repository::set_status(*c, user->id, "disabled", clock_.now_ms());
  session_repository::end_all_for_user(*c, user->id, clock_.now_ms(), "user_disabled");
  api_token_repository::revoke_all_for_user(*c, user->id, clock_.now_ms());
  audit_as(audit_, *c, actor, "user.disabled", username);
  tx.commit();
  return *user_repository::find_by_id(*c, user->id);
}

Result<UserService::Closed> UserService::close_for_departure(db::Connection& c, int64_t id, const Actor& actor) {
  auto user = user_repository::find_by_id(c, id);
  if (!user) return fail(Error::not_found());
  if (actor.user_id == id) return fail(Error::make(409, "cannot_disable_self"));
  if (auto denied = check_may_manage(c, actor, *user)) return fail(*denied);
  const int64_t now = clock_.now_ms();
  if (user->status != "disabled") user_repository::set_status(c, id, "disabled", now);
  Closed closed{*user, session_repository::end_all_for_user(c, id, now, "user_departed"),
                api_token_repository::revoke_all_for_user(c, id, now)};
  return closed;
}

std::vector<User> UserService::list(const user_repository::UserFilter& filter) {
  auto c = database_.acquire();
  return user_repository::list(*c, filter);
}

Result<User> UserService::get(int64_t id) {
  auto c = database_.acquire();
  auto user = user_repository::find_by_id(*c, id);
  if (!user) return fail(Error::not_found());
  return *user;
}

bool UserService::holds(db::Connection& c, const User& user, std::string_view permission) {
  const auto permissions = role_repository::permissions_of_roles(c, user.roles);
  return std::find(permissions.begin(), permissions.end(), permission) != permissions.end();
}

std::optional<User> UserService::find(db::Connection& c, int64_t id) { return user_repository::find_by_id(c, id); }

std::map<int64_t, std::string> UserService::display_names(db::Connection& c, const std::vector<int64_t>& ids) {
  std::map<int64_t, std::string> names;
  std::vector<int64_t> missing;
  for (int64_t id : ids) {
    if (auto name = display_names_.find(id)) {
      names.emplace(id, std::move(*name));
    } else {
      missing.push_back(id);
    }
  }
  if (missing.empty()) return names;
  const uint64_t generation = display_names_.generation();
  for (auto& [id, name] : user_repository::display_names(c, missing)) {
    display_names_.put(id, name, generation);
    names.emplace(id, std::move(name));
  }
  return names;
}

std::optional<std::string> UserService::ensure_initial_admin(const std::optional<std::string>& password,
                                                             std::optional<int64_t> unit_id) {
  {
    auto c = database_.acquire();
    if (user_repository::count(*c) > 0) return std::nullopt;
  }
  std::string chosen = password.value_or(generate_password());
  // DESIGN.md: the bootstrap admin holds the system and security duties so a
  // fresh install works; under strict separation only the system duty.
  std::vector<std::string> roles = {"system_admin"};
  if (!roles_.strict_duty_separation()) roles.push_back("security_admin");
  auto created = add({"admin", "系统管理员", chosen, roles, false, unit_id, std::nullopt}, "system");
  if (!created) {
    // Another server created it between the count and the insert.
    if (created.error().code == "duplicate_username") return std::nullopt;
    throw std::runtime_error("cannot create the initial admin: " + created.error().code);
  }
  return chosen;
}

}  // namespace guanxi::auth
