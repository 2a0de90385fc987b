#include "auth/user_service.h"

#include <algorithm>
#include <cctype>

#include "auth/session_repository.h"
#include "auth/user_repository.h"

namespace guanxi::auth {
namespace {

bool valid_username(const std::string& name) {
  if (name.size() < 2 || name.size() > 64) return false;
  return std::all_of(name.begin(), name.end(), [](unsigned char c) {
    return std::islower(c) || std::isdigit(c) || c == '.' || c == '_' || c == '-';
  });
}

}  // namespace

Result<User> UserService::add(const NewUser& input, const std::string& actor) {
  std::vector<FieldError> errors;
  if (!valid_username(input.username)) errors.push_back({"username", "invalid_format"});
  if (input.display_name.empty() || input.display_name.size() > 200) errors.push_back({"display_name", "invalid_format"});
  for (const auto& role : input.roles) {
    const auto& known = builtin_role_keys();
    if (std::find(known.begin(), known.end(), role) == known.end()) errors.push_back({"roles", "unknown_value"});
  }
  if (!errors.empty()) return fail(Error::validation(std::move(errors)));
  if (auto weak = check_password_policy(input.username, input.password)) return fail(*weak);

  User user;
  user.username = input.username;
  user.display_name = input.display_name;
  user.password_hash = hasher_.hash(input.password);
  user.status = "active";
  user.must_change_password = input.must_change_password;
  const int64_t now = clock_.now_ms();
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  try {
    user.id = user_repository::insert(*c, user, now);
  } catch (const db::UniqueViolation&) {
    return fail(Error::make(409, "duplicate_username", {input.username}));
  }
  for (const auto& role : input.roles) user_repository::add_role(*c, user.id, role);
  audit_.record(*c, {std::nullopt, actor, "user.created", user.username, "", "", ""});
  tx.commit();
  return *user_repository::find_by_id(*c, user.id);
}

Result<User> UserService::set_password(const std::string& username, const std::string& password, bool must_change,
                                       const std::string& actor) {
  if (auto weak = check_password_policy(username, password)) return fail(*weak);
  const std::string hash = hasher_.hash(password);
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto user = user_repository::find_by_username(*c, username);
  if (!user) return fail(Error::not_found());
  user_repository::set_password(*c, user->id, hash, must_change, clock_.now_ms());
  session_repository::end_all_for_user(*c, user->id, clock_.now_ms(), "password_changed");
  audit_.record(*c, {std::nullopt, actor, "user.password_set", username, "", "", ""});
  tx.commit();
  return *user_repository::find_by_id(*c, user->id);
}

Result<User> UserService::disable(const std::string& username, const std::string& actor) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto user = user_repository::find_by_username(*c, username);
  if (!user) return fail(Error::not_found());
  user_repository::set_status(*c, user->id, "disabled", clock_.now_ms());
  session_repository::end_all_for_user(*c, user->id, clock_.now_ms(), "user_disabled");
  audit_.record(*c, {std::nullopt, actor, "user.disabled", username, "", "", ""});
  tx.commit();
  return *user_repository::find_by_id(*c, user->id);
}

std::vector<User> UserService::list() {
  auto c = database_.acquire();
  return user_repository::list(*c);
}

std::optional<std::string> UserService::ensure_initial_admin(const std::optional<std::string>& password) {
  {
    auto c = database_.acquire();
    if (user_repository::count(*c) > 0) return std::nullopt;
  }
  std::string chosen = password.value_or(generate_password());
  auto created = add({"admin", "系统管理员", chosen, {"security_admin", "system_admin"}, false}, "system");
  if (!created) {
    // Another server created it between the count and the insert.
    if (created.error().code == "duplicate_username") return std::nullopt;
    throw std::runtime_error("cannot create the initial admin: " + created.error().code);
  }
  return chosen;
}

}  // namespace guanxi::auth
