// `guanxi audit verify`: walks the hash chain of the audit log and reports the
// first entry that was edited, deleted, inserted or reordered (issue 4, SEC-7).
#include <cstdio>

#include "app/application.h"
#include "app/services.h"
#include "cli/commands.h"
#include "core/clock.h"
#include "core/log.h"
#include "db/migrations.h"

namespace guanxi::cli {

int audit_command(const std::vector<std::string>& all_args) {
  if (all_args.empty() || all_args.front() != "verify") {
    std::fprintf(stderr, "usage: guanxi audit verify [flags]\n");
    return 2;
  }
  auto config = app::load_config(std::vector<std::string>(all_args.begin() + 1, all_args.end()));
  if (!config) {
    print_error(config.error().code, config.error().args);
    return 2;
  }
  try {
    log::set_quiet(true);
    SystemClock clock;
    // Verification reads only: no key is made up, no migrations, no start-up
    // work that writes.
    const std::string key = app::load_audit_key(*config, /*create=*/false);
    auto database = app::open_configured_database(*config);
    audit::AuditLog audit(*database, clock, key);
    const auto report = audit.verify();
    if (report.wrong_key) {
      std::fprintf(stderr, "guanxi audit verify: %s\n", report.problem.c_str());
      return 2;
    }
    if (!report.intact) {
      std::printf("audit chain BROKEN at entry %lld: %s\n", static_cast<long long>(report.broken_seq.value_or(0)),
                  report.problem.c_str());
      std::printf("entries verified before it: %lld\n", static_cast<long long>(report.entries));
      return 1;
    }
    std::printf("audit chain intact: %lld entries, head %lld %s\n", static_cast<long long>(report.entries),
                static_cast<long long>(report.head_seq), report.head_hash.c_str());
    if (report.purged_through > 0) {
      std::printf("entries 1 to %lld were removed by the retention purge; the chain starts from its sealed anchor\n",
                  static_cast<long long>(report.purged_through));
    }
    return 0;
  } catch (const std::exception& e) {
    std::fprintf(stderr, "guanxi audit verify: %s\n", e.what());
    return 2;
  }
}

}  // namespace guanxi::cli
