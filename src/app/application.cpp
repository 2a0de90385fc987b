#include "app/application.h"

#include <boost/json.hpp>

#include <algorithm>
#include <chrono>
#include <filesystem>
#include <fcntl.h>
#include <unistd.h>

#include "app/build_info.h"
#include "approvals/approval_api.h"
#include "audit/audit_api.h"
#include "auth/account_api.h"
#include "auth/auth_api.h"
#include "auth/org_api.h"
#include "auth/role_api.h"
#include "auth/preference_api.h"
#include "auth/second_factor_api.h"
#include "auth/user_api.h"
#include "calendar/calendar_api.h"
#include "core/log.h"
#include "customers/customer_api.h"
#include "planner/planner_api.h"
#include "core/random.h"
#include "http/context.h"

namespace guanxi::app {
namespace {

bool changes_state(const std::string& method) {
  return method != "GET" && method != "HEAD" && method != "OPTIONS";
}

void write_initial_password(const std::string& data_dir, const std::string& password) {
  const auto file = std::filesystem::path(data_dir) / "initial-admin-password";
  // Created 0600 from the first byte: never readable by others, not even briefly.
  const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) throw std::runtime_error("cannot write " + file.string());
  const std::string line = password + "\n";
  const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
  ::close(fd);
  if (!ok) throw std::runtime_error("cannot write " + file.string());
}

}  // namespace

std::unique_ptr<db::Database> open_configured_database(const Config& config) {
  // The data directory holds customer archives: not for other local users.
  if (std::filesystem::create_directories(config.data_dir)) {
    std::filesystem::permissions(config.data_dir, std::filesystem::perms::owner_all,
                                 std::filesystem::perm_options::replace);
  }
  return db::open_database(config.effective_database_url(), config.worker_threads + 2, config.sqlite_cache_mb);
}

Application::Application(Config config, const Clock& clock)
    : config_(std::move(config)), clock_(clock), static_files_(config_.web_dir) {
  database_ = open_configured_database(config_);
  auto report = db::migrate(*database_, db::application_migrations(), clock_.now_ms());
  log::info("database ready", {{"db", db::dialect_name(database_->dialect())},
                               {"schema_version", report.current_version},
                               {"migrations_applied", report.applied.size()}});
  services_ = std::make_unique<Services>(*database_, clock_, config_);
  services_->prepare();
  const int64_t root_unit = services_->org.ensure_root();

  if (auto password = services_->users.ensure_initial_admin(config_.admin_password, root_unit)) {
    if (config_.admin_password) {
      log::info("created user admin with the password from GUANXI_ADMIN_PASSWORD");
    } else {
      write_initial_password(config_.data_dir, *password);
      // Printed once, on purpose: the operator needs it for the first login.
      log::info("created user admin", {{"password", *password},
                                       {"password_file", config_.data_dir + "/initial-admin-password"}});
    }
  }
  register_system_routes();
  auth::register_auth_routes(router_, services_->auth, {config_.secure_cookies});
  auth::register_user_routes(router_, services_->users, clock_);
  auth::register_account_routes(router_, services_->account);
  auth::register_second_factor_routes(router_, services_->second_factor);
  auth::register_preference_routes(router_, services_->preferences);
  auth::register_org_routes(router_, services_->org);
  auth::register_role_routes(router_, services_->roles);
  audit::register_audit_routes(router_, services_->audit, services_->access_log);
  customers::register_customer_export_routes(router_, services_->exports, services_->approvals);
  customers::register_customer_routes(router_, services_->customers);
  customers::register_sub_record_routes(router_, services_->sub_records);
  customers::register_address_book_routes(router_, services_->address_book);
  customers::register_history_stats_routes(router_, services_->history_stats);
  customers::register_dictionary_routes(router_, services_->dictionaries);
  customers::register_custom_field_routes(router_, services_->custom_fields);
  customers::register_departure_routes(router_, services_->departures);
  customers::register_region_routes(router_);
  customers::register_customer_rules_routes(router_, services_->customer_rules);
  customers::register_masking_routes(router_, services_->masking);
  planner::register_reminder_routes(router_, services_->reminders);
  planner::register_daily_note_routes(router_, services_->daily_notes);
  calendar::register_calendar_routes(router_, services_->calendar);
  approvals::register_approval_routes(router_, services_->approvals);
}

Application::~Application() { close(); }

void Application::close() {
  if (database_) database_->close();
}

void Application::register_system_routes() {
  router_.add("GET", "/healthz", http::Access::public_route, [this](http::RequestContext&) -> Result<http::Response> {
    // A trivial query proves the database answers, not just that the process runs.
    auto connection = database_->acquire();
    connection->query("SELECT 1");
    return http::json_response(200, {{"status", "ok"},
                                     {"db", db::dialect_name(database_->dialect())},
                                     {"version", version()}});
  });
  router_.add("GET", "/metrics", http::Access::public_route, [this](http::RequestContext&) -> Result<http::Response> {
    http::Response response;
    response.content_type = "text/plain; version=0.0.4; charset=utf-8";
    response.body = metrics_.render_prometheus();
    return response;
  });
  router_.add("GET", "/api/v1/openapi.yaml", http::Access::public_route,
              [](http::RequestContext&) -> Result<http::Response> {
                http::Response response;
                response.content_type = "application/yaml; charset=utf-8";
                response.body = std::string(openapi_yaml());
                return response;
              });
}

template <class Produce>
http::Response Application::observe(http::Request& request, Produce&& produce) {
  const auto started = std::chrono::steady_clock::now();
  if (request.request_id.empty()) request.request_id = random_hex(8);
  const Locale locale = locale_from_accept_language(request.header("accept-language"));
  std::string route_label = "unmatched";
  std::optional<int64_t> user_id;
  http::Response response;
  try {
    response = produce(locale, route_label, user_id);
  } catch (const std::exception& e) {
    // One failing request must not take the server down: log it, answer 500.
    log::error("request failed", {{"request_id", request.request_id}, {"error", e.what()}});
    response = http::problem_response(Error::make(500, "internal_error"), locale, request.request_id);
  } catch (...) {
    log::error("request failed", {{"request_id", request.request_id}, {"error", "unknown exception"}});
    response = http::problem_response(Error::make(500, "internal_error"), locale, request.request_id);
  }
  response.set_header("X-Request-Id", request.request_id);
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  metrics_.observe(request.method, route_label, response.status, seconds);
  boost::json::object line{{"request_id", request.request_id},
                           {"method", request.method},
                           {"path", request.path},
                           {"route", route_label},
                           {"status", response.status},
                           {"duration_ms", static_cast<int64_t>(seconds * 1000.0 + 0.5)},
                           {"duration_us", static_cast<int64_t>(seconds * 1e6)},
                           {"remote", request.remote_address}};
  line["user_id"] = user_id ? boost::json::value(*user_id) : boost::json::value(nullptr);
  log::info("request", std::move(line));
  return response;
}

http::Response Application::handle(http::Request& request) {
  if (!config_.trusted_proxies.empty()) request.remote_address = http::client_address(request, config_.trusted_proxies);
  return observe(request, [&](Locale locale, std::string& route_label, std::optional<int64_t>& user_id) {
    return dispatch(request, locale, route_label, user_id);
  });
}

http::Response Application::reject(http::Request& request, const Error& error) {
  return observe(request, [&](Locale locale, std::string& route_label, std::optional<int64_t>&) {
    route_label = "rejected";
    return http::problem_response(error, locale, request.request_id);
  });
}

http::Response Application::dispatch(http::Request& request, Locale locale, std::string& route_label,
                                     std::optional<int64_t>& user_id) {
  auto problem = [&](const Error& e) { return http::problem_response(e, locale, request.request_id); };
  const bool api_path = request.path.starts_with("/api/") || request.path == "/healthz" || request.path == "/metrics";
  if (!api_path) {
    route_label = "static";
    if (auto file = static_files_.serve(request)) return std::move(*file);
    return problem(Error::not_found());
  }
  auto match = router_.match(request.method, request.path);
  if (!match.route) {
    if (match.path_matched) {
      auto response = problem(Error::make(405, "method_not_allowed"));
      response.set_header("Allow", match.allowed_methods);
      return response;
    }
    return problem(Error::not_found());
  }
  route_label = match.route->pattern;
  request.path_params = std::move(match.params);
  http::RequestContext ctx(request, locale);
  if (match.route->access != http::Access::public_route) {
    const std::string_view authorization = request.header("authorization");
    const bool bearer = authorization.starts_with("Bearer ");
    ctx.principal = bearer ? services_->auth.authenticate_token(authorization.substr(7))
                           : services_->auth.authenticate(request.cookie(auth::kSessionCookie));
    if (!ctx.principal) return problem(Error::unauthenticated());
    user_id = ctx.principal->user_id;
    // Cookies ride along on cross-site requests; the token in a header does
    // not. A Bearer token is never sent by a browser on its own: no CSRF.
    if (!bearer && changes_state(request.method) &&
        !secure_equals(request.header("x-csrf-token"), ctx.principal->csrf_token)) {
      return problem(Error::make(403, "csrf_failed"));
    }
    // SEC-5: after an administrator's reset (or expiry) only the account's
    // own routes answer until the password is changed.
    if (ctx.principal->must_change_password && match.route->access != http::Access::account_self) {
      return problem(Error::make(403, "password_change_required"));
    }
    // ADR 0013: a role requires a second factor the user has not set up yet.
    if (ctx.principal->second_factor_setup_required && match.route->access != http::Access::account_self) {
      return problem(Error::make(403, "second_factor_required"));
    }
    const auto& needed = match.route->any_of;
    if (!needed.empty() &&
        std::none_of(needed.begin(), needed.end(), [&](const std::string& p) { return ctx.principal->can(p); })) {
      return problem(Error::forbidden());
    }
  }
  auto result = match.route->handler(ctx);
  if (ctx.principal) user_id = ctx.principal->user_id;
  if (!result) return problem(result.error());
  return std::move(*result);
}

}  // namespace guanxi::app
