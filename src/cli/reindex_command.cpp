// `guanxi reindex`: rebuilds every customer's search terms (CUS-14) with the
// running binary's rules. Needed once after an upgrade that indexes more than
// before (session 11 added the text of custom fields): until then an older
// record is found by its new terms only after its next save. Safe to run
// while the server serves; each 1 000 customers are one transaction.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/console.h"

namespace guanxi::cli {

int reindex_command(const std::vector<std::string>& args) {
  auto config = settings_or_report(args);
  if (!config) return 2;
  try {
    Console console(*config);
    auto& services = console.services();
    const int64_t total = services.customers.reindex_search_terms([](int64_t done) {
      std::fprintf(stderr, "\r%lld customers", static_cast<long long>(done));
    });
    std::fprintf(stderr, "\n");
    services.audit.append({std::nullopt, "cli", "customers.reindexed", "customers", "", "guanxi reindex",
                           "{\"customers\":" + std::to_string(total) + "}"});
    std::printf("reindexed %lld customers\n", static_cast<long long>(total));
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "guanxi reindex: %s\n", e.what());
    return 1;
  }
}

}  // namespace guanxi::cli
