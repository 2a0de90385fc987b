#include "cli/console.h"

#include "app/application.h"
#include "cli/commands.h"
#include "db/migrations.h"

namespace guanxi::cli {

std::optional<app::Config> settings_or_report(const std::vector<std::string>& args) {
  auto config = app::load_config(args);
  if (!config) {
    print_error(config.error().code, config.error().args);
    return std::nullopt;
  }
  return std::move(*config);
}

Console::Console(const app::Config& config) : database_(app::open_configured_database(config)) {
  db::migrate(*database_, db::application_migrations(), clock_.now_ms());
  services_ = std::make_unique<app::Services>(*database_, clock_, config);
  services_->prepare();
}

}  // namespace guanxi::cli
