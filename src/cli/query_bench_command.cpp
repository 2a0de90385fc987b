// `guanxi query-bench`: runs the storage side of one customer list or search
// (the same functions the HTTP handler calls, without HTTP, authentication,
// JSON or the access log) RUNS times over one connection and prints
// "<p50 ms> <p99 ms> <rows>". bench/run-customers.sh sets it beside each
// HTTP row to show how close the server gets to its storage (issue 3).
#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "app/application.h"
#include "cli/commands.h"
#include "cli/console.h"
#include "customers/customer_repository.h"
#include "customers/customer_search.h"
#include "search/text_normalize.h"

namespace guanxi::cli {

int query_bench_command(const std::vector<std::string>& all_args) {
  std::string q;
  int runs = 200;
  customers::customer_repository::ListFilter filter;
  std::vector<std::string> config_args;
  for (size_t i = 0; i < all_args.size(); ++i) {
    const std::string& a = all_args[i];
    const bool has_value = i + 1 < all_args.size();
    if (a == "--q" && has_value) {
      q = all_args[++i];
    } else if (a == "--grade" && has_value) {
      filter.equals.emplace_back("grade", all_args[++i]);
    } else if (a == "--region-prefix" && has_value) {
      filter.region_prefix = all_args[++i];
    } else if (a == "--cursor" && has_value) {
      filter.cursor = all_args[++i];
    } else if ((a == "--limit" || a == "--runs") && has_value) {
      const int n = std::atoi(all_args[++i].c_str());
      if (n < 1 || n > 100'000) {
        std::fprintf(stderr, "guanxi query-bench: %s takes a number from 1 to 100000\n", a.c_str());
        return 2;
      }
      if (a == "--limit") {
        filter.limit = n;
      } else {
        runs = n;
      }
    } else {
      config_args.push_back(a);
      if (a.starts_with("--") && a.find('=') == std::string::npos && has_value) config_args.push_back(all_args[++i]);
    }
  }
  auto config = settings_or_report(config_args);
  if (!config) return 2;
  try {
    auto database = app::open_configured_database(*config);
    auto c = database->acquire();
    const auth::OwnerScope everyone{true, {}};
    std::vector<double> ms;
    size_t rows = 0;
    for (int i = 0; i < runs + 1; ++i) {
      const auto start = std::chrono::steady_clock::now();
      rows = search::normalize(q).empty() ? customers::customer_repository::list(*c, filter, everyone).items.size()
                                          : customers::search_customers(*c, q, filter, everyone).items.size();
      const double took = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start).count();
      if (i > 0) ms.push_back(took);  // the first run warms the statement cache
    }
    std::sort(ms.begin(), ms.end());
    auto at = [&](double p) { return ms[std::min(ms.size() - 1, static_cast<size_t>(p * ms.size()))]; };
    std::printf("%.3f %.3f %zu\n", at(0.50), at(0.99), rows);
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "guanxi query-bench: %s\n", e.what());
    return 1;
  }
}

}  // namespace guanxi::cli
