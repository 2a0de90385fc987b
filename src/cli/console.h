#pragma once
// What the console commands share: reading the settings (reporting a bad one
// in the operator's language) and opening the migrated database with the
// services over it, reference data prepared.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "app/config.h"
#include "app/services.h"
#include "core/clock.h"
#include "db/database.h"

namespace guanxi::cli {

// The settings from flags and environment; nullopt after printing the error (exit 2).
std::optional<app::Config> settings_or_report(const std::vector<std::string>& args);

class Console {
 public:
  // Opens and migrates the configured database. Throws on failure.
  explicit Console(const app::Config& config);
  app::Services& services() { return *services_; }
  db::Database& database() { return *database_; }

 private:
  SystemClock clock_;
  std::unique_ptr<db::Database> database_;
  std::unique_ptr<app::Services> services_;
};

}  // namespace guanxi::cli
