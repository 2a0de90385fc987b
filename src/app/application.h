#pragma once
// Wires the modules together and runs every request through one pipeline:
// request id → language → route → session + CSRF → handler → problem+json on
// failure → metrics and one JSON log line.
#include <atomic>
#include <memory>

#include "app/config.h"
#include "app/services.h"
#include "core/clock.h"
#include "core/messages.h"
#include "db/database.h"
#include "http/message.h"
#include "http/metrics.h"
#include "http/router.h"
#include "http/static_files.h"

namespace guanxi::app {

class Application {
 public:
  // Opens the database, runs migrations and creates the first admin.
  Application(Config config, const Clock& clock);
  ~Application();

  // Thread-safe; runs on worker threads (may block on the database).
  http::Response handle(http::Request& request);
  // The answer to a request the server refused before reading it whole
  // (413, 431, 400): logged and counted like any other. Never blocks.
  http::Response reject(http::Request& request, const Error& error);

  const http::Router& router() const { return router_; }
  // Modules register their routes here before the server starts.
  http::Router& router() { return router_; }
  db::Database& database() { return *database_; }
  Services& services() { return *services_; }
  const Config& config() const { return config_; }
  void close();

 private:
  http::Response dispatch(http::Request& request, Locale locale, std::string& route_label,
                          std::optional<int64_t>& user_id);
  void register_system_routes();
  // Runs `produce` with the request's language, then adds the request id,
  // the metrics sample and the log line every response gets.
  template <class Produce>
  http::Response observe(http::Request& request, Produce&& produce);

  Config config_;
  const Clock& clock_;
  std::unique_ptr<db::Database> database_;
  std::unique_ptr<Services> services_;
  http::Router router_;
  http::Metrics metrics_;
  http::StaticFiles static_files_;
};

// Opens the database named by the config (creating the data directory).
std::unique_ptr<db::Database> open_configured_database(const Config& config);

}  // namespace guanxi::app
