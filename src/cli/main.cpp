// The `guanxi` command: serve, migrate, user, routes, audit.
#include <cstdio>
#include <string>
#include <vector>

#include "app/build_info.h"
#include "app/config.h"
#include "cli/commands.h"
#include "core/random.h"

namespace {

void usage() {
  std::printf(
      "guanxi %s — customer relationship and archive management\n\n"
      "usage:\n"
      "  guanxi serve [flags]                 start the HTTP server (default command)\n"
      "  guanxi migrate [flags]               apply database migrations and exit\n"
      "  guanxi user add <name> [--display-name N] [--role R]... [--must-change]\n"
      "  guanxi user passwd <name> [--must-change]\n"
      "  guanxi user disable <name>\n"
      "  guanxi user list\n"
      "  guanxi routes [--rules]              list the HTTP routes (with access and permissions)\n"
      "  guanxi audit verify                  check the audit log's hash chain (exit 1 when broken)\n"
      "  guanxi demo-data --customers N       add N plausible customers and demo users (GUANXI_PASSWORD)\n"
      "  guanxi reindex                       rebuild every customer's search terms (after an upgrade)\n"
      "  guanxi query-bench [--q TEXT] [--grade G] [--region-prefix P] [--cursor C] [--limit N] [--runs N]\n"
      "                                       time the storage side of a customer list or search\n"
      "  guanxi version\n\n"
      "Passwords for `user add` and `user passwd` are read from GUANXI_PASSWORD or the first line of stdin.\n\n"
      "flags (each also settable by its environment variable):\n%s",
      std::string(guanxi::app::version()).c_str(), guanxi::app::config_help().c_str());
}

}  // namespace

int main(int argc, char** argv) {
  guanxi::init_crypto();
  std::vector<std::string> args(argv + 1, argv + argc);
  std::string command = "serve";
  if (!args.empty() && !args.front().starts_with("--")) {
    command = args.front();
    args.erase(args.begin());
  }
  if (command == "help" || command == "--help" || command == "-h" ||
      (!args.empty() && (args.front() == "--help" || args.front() == "-h"))) {
    usage();
    return 0;
  }
  if (command == "version") {
    std::printf("%s\n", std::string(guanxi::app::version()).c_str());
    return 0;
  }
  if (command == "serve") return guanxi::cli::serve_command(args);
  if (command == "migrate") return guanxi::cli::migrate_command(args);
  if (command == "user") return guanxi::cli::user_command(args);
  if (command == "routes") return guanxi::cli::routes_command(args);
  if (command == "audit") return guanxi::cli::audit_command(args);
  if (command == "demo-data") return guanxi::cli::demo_command(args);
  if (command == "reindex") return guanxi::cli::reindex_command(args);
  if (command == "query-bench") return guanxi::cli::query_bench_command(args);
  std::fprintf(stderr, "unknown command: %s\n\n", command.c_str());
  usage();
  return 2;
}
