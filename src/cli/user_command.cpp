// `guanxi user add|passwd|disable|list`: account maintenance from the shell,
// e.g. to recover when nobody can log in.
#include <cstdio>
#include <cstdlib>
#include <iostream>
#include <string>

#include "app/application.h"
#include "app/services.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "core/clock.h"
#include "db/migrations.h"

namespace guanxi::cli {
namespace {

std::string read_password() {
  if (const char* env = std::getenv("GUANXI_PASSWORD"); env && *env) return env;
  std::string line;
  std::getline(std::cin, line);
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

void print_user(const auth::User& u) {
  std::string roles;
  for (const auto& r : u.roles) roles += (roles.empty() ? "" : ",") + r;
  std::printf("%-6lld %-20s %-10s %-30s %s\n", static_cast<long long>(u.id), u.username.c_str(), u.status.c_str(),
              roles.c_str(), u.display_name.c_str());
}

}  // namespace

int user_command(const std::vector<std::string>& all_args) {
  if (all_args.empty()) {
    std::fprintf(stderr, "usage: guanxi user add|passwd|disable|list …\n");
    return 2;
  }
  const std::string action = all_args[0];
  std::string username;
  std::string display_name;
  std::vector<std::string> roles;
  bool must_change = false;
  std::vector<std::string> config_args;
  for (size_t i = 1; i < all_args.size(); ++i) {
    const std::string& a = all_args[i];
    if (a == "--display-name" && i + 1 < all_args.size()) {
      display_name = all_args[++i];
    } else if (a == "--role" && i + 1 < all_args.size()) {
      roles.push_back(all_args[++i]);
    } else if (a == "--must-change") {
      must_change = true;
    } else if (!a.starts_with("--") && username.empty()) {
      username = a;
    } else {
      // A server flag (--data-dir DIR): keep it with its value for load_config.
      config_args.push_back(a);
      if (a.starts_with("--") && a.find('=') == std::string::npos && i + 1 < all_args.size()) {
        config_args.push_back(all_args[++i]);
      }
    }
  }
  auto config = settings_or_report(config_args);
  if (!config) return 2;
  if (action != "list" && username.empty()) {
    std::fprintf(stderr, "guanxi user %s: a user name is required\n", action.c_str());
    return 2;
  }
  try {
    Console console(*config);
    auto& users = console.services().users;
    Result<auth::User> result = fail(Error::make(2, "unknown_command"));
    if (action == "list") {
      for (const auto& u : users.list()) print_user(u);
      return 0;
    } else if (action == "add") {
      result = users.add({username, display_name.empty() ? username : display_name, read_password(), roles,
                          must_change, std::nullopt, std::nullopt},
                         "cli");
    } else if (action == "passwd") {
      result = users.set_password(username, read_password(), must_change, "cli");
    } else if (action == "disable") {
      result = users.disable(username, "cli");
    } else {
      std::fprintf(stderr, "unknown user action: %s\n", action.c_str());
      return 2;
    }
    if (!result) {
      print_error(result.error().code, result.error().args);
      for (const auto& e : result.error().errors) std::fprintf(stderr, "  %s: %s\n", e.field.c_str(), e.code.c_str());
      return 1;
    }
    print_user(*result);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "guanxi user: %s\n", e.what());
    return 1;
  }
}

}  // namespace guanxi::cli
