#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <stdlib.h>

#include "app/application.h"
#include "app/housekeeping.h"
#include "cli/commands.h"
#include "core/log.h"
#include "core/messages.h"
#include "db/migrations.h"
#include "http/server.h"

namespace guanxi::cli {

void print_error(const std::string& code, const std::vector<std::string>& args) {
  std::string lang = std::getenv("LANG") ? std::getenv("LANG") : "";
  std::replace(lang.begin(), lang.end(), '_', '-');  // en_US.UTF-8 → en-US.UTF-8
  const Locale locale = locale_from_accept_language(lang);
  std::string text = error_detail(code, locale, args);
  if (code == "unknown_flag") text = (locale == Locale::en ? "unknown flag: " : "未知参数：") + args.at(0);
  if (code == "bad_setting") text = (locale == Locale::en ? "bad value for " : "参数值无效：") + args.at(0) + "=" + args.at(1);
  std::fprintf(stderr, "guanxi: %s (%s)\n", text.c_str(), code.c_str());
}

int serve_command(const std::vector<std::string>& args) {
  auto config = app::load_config(args);
  if (!config) {
    print_error(config.error().code, config.error().args);
    return 2;
  }
  SystemClock clock;
  try {
    app::Application application(*config, clock);
    http::Server server({config->listen, config->network_threads, config->worker_threads, config->max_body_bytes,
                         config->max_header_bytes, config->read_timeout, config->shutdown_grace},
                        [&application](http::Request& request) { return application.handle(request); },
                        [&application](http::Request& request, const Error& error) {
                          return application.reject(request, error);
                        });
    const std::string address = server.bind();
    log::info("listening", {{"address", address}, {"db", db::dialect_name(application.database().dialect())}});
    log::set_buffered(true);
    {
      app::Housekeeping housekeeping(application.services(), clock, *config);
      housekeeping.start();
      server.run();
    }
    application.close();
    log::set_buffered(false);
    log::info("stopped");
    return 0;
  } catch (const std::exception& e) {
    log::error("cannot start", {{"error", e.what()}});
    return 1;
  }
}

int migrate_command(const std::vector<std::string>& args) {
  auto config = app::load_config(args);
  if (!config) {
    print_error(config.error().code, config.error().args);
    return 2;
  }
  try {
    SystemClock clock;
    auto database = app::open_configured_database(*config);
    auto report = db::migrate(*database, db::application_migrations(), clock.now_ms());
    std::printf("schema version %d (%zu applied now)\n", report.current_version, report.applied.size());
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "guanxi migrate: %s\n", e.what());
    return 1;
  }
}

int routes_command(const std::vector<std::string>& all_args) {
  // --rules adds each route's access and permissions (for the authorization
  // matrix test and for operators reviewing who may call what).
  std::vector<std::string> args;
  bool rules = false;
  for (const auto& a : all_args) {
    if (a == "--rules") rules = true;
    else args.push_back(a);
  }
  auto config = app::load_config(args);
  if (!config) {
    print_error(config.error().code, config.error().args);
    return 2;
  }
  // Routes are registered by the application; a throwaway SQLite file in a
  // fresh temp directory is enough to build them.
  log::set_quiet(true);
  std::string scratch = (std::filesystem::temp_directory_path() / "guanxi-routes-XXXXXX").string();
  if (!::mkdtemp(scratch.data())) {
    std::fprintf(stderr, "guanxi routes: cannot create a temp directory\n");
    return 1;
  }
  struct RemoveOnExit {
    std::string dir;
    ~RemoveOnExit() { std::filesystem::remove_all(dir); }
  } cleanup{scratch};
  config->database_url.clear();
  config->data_dir = scratch;
  config->admin_password = "Unused-Passw0rd!";
  config->audit_key = std::string(64, '0');
  config->secret_key = std::string(64, '0');
  SystemClock clock;
  try {
    app::Application application(*config, clock);
    for (const auto& route : application.router().routes()) {
      if (!rules) {
        std::printf("%s %s\n", route.method.c_str(), route.pattern.c_str());
        continue;
      }
      std::string permissions;
      for (const auto& p : route.any_of) permissions += (permissions.empty() ? "" : "|") + p;
      std::printf("%s %s %s %s\n", route.method.c_str(), route.pattern.c_str(),
                  std::string(http::access_name(route.access)).c_str(), permissions.empty() ? "-" : permissions.c_str());
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "guanxi routes: %s\n", e.what());
    return 1;
  }
}

}  // namespace guanxi::cli
