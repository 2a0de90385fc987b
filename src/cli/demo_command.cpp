// `guanxi demo-data --customers N`: fills a database with plausible customers
// (src/customers/demo_data.h) owned by demo users, for trying the system and
// for the benchmarks. Adds to what is there; run it on an empty database.
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>

#include "app/application.h"
#include "app/services.h"
#include "auth/permissions.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "core/clock.h"
#include "core/log.h"
#include "customers/demo_data.h"
#include "db/deferred_indexes.h"
#include "db/migrations.h"

namespace guanxi::cli {
namespace {

constexpr int kSalespeople = 20;

// The demo users: a group manager who enters the customers, and salespeople who own them.
std::vector<int64_t> ensure_users(app::Services& services, const std::string& password, auth::Principal& manager) {
  auto user_id = [&](const std::string& name, const std::string& display, const std::string& role) -> int64_t {
    auto added = services.users.add({name, display, password, {role}, false, std::nullopt, std::nullopt}, "cli");
    if (added) return added->id;
    for (const auto& user : services.users.list()) {
      if (user.username == name) return user.id;  // from an earlier run
    }
    throw std::runtime_error("cannot add " + name + ": " + added.error().code);
  };
  manager.user_id = user_id("demo.manager", "演示经理", "group_management");
  manager.username = "demo.manager";
  for (const char* p : {auth::perm::customer_create, auth::perm::customer_assign, auth::perm::customer_read}) {
    manager.grants.add(p, auth::DataScope::all);
  }
  std::vector<int64_t> owners;
  for (int i = 1; i <= kSalespeople; ++i) {
    const std::string n = (i < 10 ? "0" : "") + std::to_string(i);
    owners.push_back(user_id("demo.sales" + n, "演示业务员" + n, "salesperson"));
  }
  return owners;
}

}  // namespace

int demo_command(const std::vector<std::string>& all_args) {
  int64_t count = 0;
  // Bigger transactions write each hot index page fewer times: 100 000
  // customers load in 29 s at 10 000 a batch against 38 s at 2 000.
  int64_t batch = 10'000;
  std::vector<std::string> config_args;
  for (size_t i = 0; i < all_args.size(); ++i) {
    const std::string& a = all_args[i];
    if ((a == "--customers" || a == "--batch") && i + 1 < all_args.size()) {
      char* end = nullptr;
      const long long n = std::strtoll(all_args[++i].c_str(), &end, 10);
      if (*end != '\0' || n < 1 || n > 10'000'000) {
        std::fprintf(stderr, "guanxi demo-data: %s takes a number from 1 to 10000000\n", a.c_str());
        return 2;
      }
      (a == "--customers" ? count : batch) = n;
    } else {
      config_args.push_back(a);
      if (a.starts_with("--") && a.find('=') == std::string::npos && i + 1 < all_args.size()) {
        config_args.push_back(all_args[++i]);
      }
    }
  }
  if (count == 0) {
    std::fprintf(stderr, "usage: guanxi demo-data --customers N [--batch B] [server flags]\n");
    return 2;
  }
  auto config = settings_or_report(config_args);
  if (!config) return 2;
  // One connection writes a million customers' search terms all over their
  // index: a large page cache keeps it in memory (1 GiB: 100 000 load in 38 s
  // instead of 60 s).
  config->sqlite_cache_mb = std::max(config->sqlite_cache_mb, 1024);
  const char* password = std::getenv("GUANXI_PASSWORD");
  if (!password || !*password) {
    std::fprintf(stderr, "guanxi demo-data: set GUANXI_PASSWORD, the password of the demo users\n");
    return 2;
  }
  try {
    SystemClock clock;
    Console console(*config);
    auto& services = console.services();
    auth::Principal manager;
    const auto owners = ensure_users(services, password, manager);
    const int today = business_date(clock.now_ms());
    const auto started = std::chrono::steady_clock::now();
    int64_t created = 0, skipped = 0;
    log::set_buffered(true);
    // Into an empty archive, the list and search indexes of customers are built
    // once at the end (1M customers: 294 s instead of 347 s, bench/results/).
    auto index_connection = console.database().acquire();
    std::optional<db::DeferredIndexes> deferred;
    if (index_connection->query("SELECT 1 FROM customers LIMIT 1").empty()) {
      deferred.emplace(*index_connection, "customers");
    }
    for (int64_t first = 0; first < count; first += batch) {
      std::vector<customers::CustomerInput> inputs;
      for (int64_t i = first; i < std::min(count, first + batch); ++i) {
        inputs.push_back(customers::demo_customer(i, owners, today));
      }
      for (const auto& outcome : services.customers.create_batch(manager, inputs, {"", "guanxi demo-data"})) {
        if (outcome.error) {
          if (skipped++ < 5) std::fprintf(stderr, "skipped: %s\n", outcome.error->code.c_str());
        } else {
          ++created;
        }
      }
      const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
      std::fprintf(stderr, "\r%lld / %lld customers (%.0f/s)", static_cast<long long>(created),
                   static_cast<long long>(count), created / std::max(seconds, 0.001));
    }
    if (deferred) {
      std::fprintf(stderr, "\nbuilding %zu indexes …", deferred->count());
      deferred->rebuild();
    }
    // PostgreSQL plans from statistics that autovacuum refreshes only some time
    // after a bulk load; until then lists and searches may take poor plans.
    if (index_connection->dialect() == db::Dialect::postgres) index_connection->query("ANALYZE");
    log::set_buffered(false);
    std::fprintf(stderr, "\n");
    std::printf("created %lld customers, skipped %lld; demo users demo.manager and demo.sales01…%d\n",
                static_cast<long long>(created), static_cast<long long>(skipped), kSalespeople);
    return skipped == 0 ? 0 : 1;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "guanxi demo-data: %s\n", e.what());
    return 1;
  }
}

}  // namespace guanxi::cli
