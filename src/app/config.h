#pragma once
// Server settings: defaults, then GUANXI_* environment variables, then flags.
#include <chrono>
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace guanxi::app {

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string data_dir = "./data";
  std::string database_url;  // empty: SQLite file <data_dir>/guanxi.db
  std::string web_dir = "web/dist";
  int network_threads = 2;
  int worker_threads = 4;
  int sqlite_cache_mb = 64;  // page cache of each pooled SQLite connection
  // SEC-7: access-log entries older than this are deleted; 0 keeps them all.
  // At least 180 (网络安全法 art. 21: six months).
  int access_log_retention_days = 365;
  // Issue 5 point 6: exports of more rows need an approval first; 0: never.
  int64_t export_approval_rows = 5000;
  int audit_retention_days = 0;
  // Reverse proxies whose X-Forwarded-For names the client (exact addresses).
  std::vector<std::string> trusted_proxies;  // 0: the audit log is kept whole; else at least 180 (网络安全法)
  size_t max_body_bytes = 8 * 1024 * 1024;
  size_t max_header_bytes = 16 * 1024;
  std::chrono::seconds read_timeout{30};
  std::chrono::seconds shutdown_grace{4};
  std::chrono::seconds session_idle{30 * 60};
  std::chrono::seconds session_absolute{12 * 60 * 60};
  int lockout_threshold = 5;
  std::chrono::seconds lockout_duration{15 * 60};
  bool secure_cookies = false;
  std::chrono::seconds password_max_age{0};  // 0: no expiry (SEC-5)
  bool strict_duty_separation = false;       // 三员分立 (等保 2.0)
  std::optional<std::string> admin_password;  // GUANXI_ADMIN_PASSWORD, first start only
  // GUANXI_AUDIT_KEY (64+ hex digits); else <data_dir>/audit.key, created on
  // first start. Servers sharing one PostgreSQL need the same key.
  std::optional<std::string> audit_key;
  // GUANXI_SECRET_KEY (64 hex digits); else <data_dir>/secret.key, created on
  // first start. Encrypts second-factor secrets at rest (ADR 0013).
  std::optional<std::string> secret_key;
  std::string customer_code_rule = "KH{yyyy}{seq:6}";  // DOC-6
  std::string grade_rules_file;                        // empty: built-in rules (CUS-9)
  std::chrono::seconds reveal_window{10 * 60};         // SEC-7: how long a reveal unmasks a record

  std::string effective_database_url() const;
};

// Reads the environment, then `args` (flags such as --listen 127.0.0.1:9000).
// Unknown flags and bad numbers are errors, not silently ignored.
Result<Config> load_config(const std::vector<std::string>& args);

// Text for `guanxi --help`.
std::string config_help();

}  // namespace guanxi::app
