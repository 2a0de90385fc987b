#include "app/config.h"

#include "customers/customer_code.h"

#include <charconv>
#include <cstdlib>
#include <functional>
#include <limits>
#include <map>

namespace guanxi::app {
namespace {

struct Setting {
  const char* flag;
  const char* env;
  const char* help;
  std::function<bool(Config&, const std::string&)> apply;
};

bool parse_number(const std::string& text, long long& out) {
  auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), out);
  return ec == std::errc() && ptr == text.data() + text.size() && out >= 0;
}

template <class T>
std::function<bool(Config&, const std::string&)> number(T Config::*member) {
  return [member](Config& c, const std::string& v) {
    long long n;
    // A number the field cannot hold is refused, not wrapped into a small one.
    if (!parse_number(v, n) || static_cast<unsigned long long>(n) > std::numeric_limits<T>::max()) return false;
    c.*member = static_cast<T>(n);
    return true;
  };
}

std::function<bool(Config&, const std::string&)> seconds(std::chrono::seconds Config::*member) {
  return [member](Config& c, const std::string& v) {
    long long n;
    if (!parse_number(v, n)) return false;
    c.*member = std::chrono::seconds(n);
    return true;
  };
}

std::function<bool(Config&, const std::string&)> flag(bool Config::*member) {
  return [member](Config& c, const std::string& v) {
    if (v != "0" && v != "1") return false;
    c.*member = v == "1";
    return true;
  };
}

std::function<bool(Config&, const std::string&)> text(std::string Config::*member) {
  return [member](Config& c, const std::string& v) {
    c.*member = v;
    return true;
  };
}

const std::vector<Setting>& settings() {
  static const std::vector<Setting> all = {
      {"--listen", "GUANXI_LISTEN", "address:port to listen on (default 127.0.0.1:8080; port 0 picks a free one)",
       text(&Config::listen)},
      {"--data-dir", "GUANXI_DATA_DIR", "directory for the SQLite file and other data (default ./data)",
       text(&Config::data_dir)},
      {"--database-url", "GUANXI_DATABASE_URL", "postgres://user:pass@host/db, or sqlite:<file> (default SQLite)",
       text(&Config::database_url)},
      {"--web-dir", "GUANXI_WEB_DIR", "built web UI to serve (default web/dist)", text(&Config::web_dir)},
      {"--network-threads", "GUANXI_NETWORK_THREADS", "threads doing network I/O (default 2)",
       number(&Config::network_threads)},
      {"--worker-threads", "GUANXI_WORKER_THREADS", "threads running handlers and database work (default 4)",
       number(&Config::worker_threads)},
      {"--sqlite-cache-mb", "GUANXI_SQLITE_CACHE_MB",
       "page cache of each SQLite connection in MiB, up to 8192 (default 64; the pool has worker threads + 2)",
       number(&Config::sqlite_cache_mb)},
      {"--max-body-bytes", "GUANXI_MAX_BODY_BYTES", "largest request body accepted (default 8 MiB)",
       number(&Config::max_body_bytes)},
      {"--max-header-bytes", "GUANXI_MAX_HEADER_BYTES", "largest request header block (default 16 KiB)",
       number(&Config::max_header_bytes)},
      {"--read-timeout", "GUANXI_READ_TIMEOUT_SECONDS", "seconds a client may take to send a request (default 30)",
       seconds(&Config::read_timeout)},
      {"--session-idle", "GUANXI_SESSION_IDLE_SECONDS", "session idle timeout in seconds (default 1800)",
       seconds(&Config::session_idle)},
      {"--session-absolute", "GUANXI_SESSION_ABSOLUTE_SECONDS", "session absolute limit in seconds (default 43200)",
       seconds(&Config::session_absolute)},
      {"--lockout-threshold", "GUANXI_LOCKOUT_THRESHOLD", "failed logins before the account locks (default 5)",
       number(&Config::lockout_threshold)},
      {"--lockout-seconds", "GUANXI_LOCKOUT_SECONDS", "how long a locked account stays locked (default 900)",
       seconds(&Config::lockout_duration)},
      {"--secure-cookies", "GUANXI_SECURE_COOKIES", "1: always mark the session cookie Secure (behind TLS)",
       flag(&Config::secure_cookies)},
      {"--password-max-age-days", "GUANXI_PASSWORD_MAX_AGE_DAYS",
       "days before a password must be changed (default 0: no expiry)",
       [](Config& c, const std::string& v) {
         long long n;
         if (!parse_number(v, n) || n > 3650) return false;
         c.password_max_age = std::chrono::seconds(n * 86400);
         return true;
       }},
      {"--strict-duty-separation", "GUANXI_STRICT_DUTY_SEPARATION",
       "1: 三员分立 — no user may combine system, security and audit administration",
       flag(&Config::strict_duty_separation)},
      {"--customer-code-rule", "GUANXI_CUSTOMER_CODE_RULE",
       "rule for new customer codes, e.g. KH{yyyy}{seq:6} (the default); tokens {yyyy} {yy} {mm} {dd} {seq:N}",
       [](Config& c, const std::string& v) {
         if (!customers::CodeRule::parse(v)) return false;
         c.customer_code_rule = v;
         return true;
       }},
      {"--grade-rules-file", "GUANXI_GRADE_RULES_FILE",
       "JSON file with the suggested-grade rules (default: built-in rules, see docs/customers.md)",
       text(&Config::grade_rules_file)},
      {"--reveal-seconds", "GUANXI_REVEAL_SECONDS",
       "seconds a reveal (with a stated reason) shows one customer's sensitive data unmasked (default 600)",
       seconds(&Config::reveal_window)},
      {"--export-approval-rows", "GUANXI_EXPORT_APPROVAL_ROWS",
       "exports of more customers than this need an approval first; 0 never asks (default 5000)",
       number(&Config::export_approval_rows)},
      {"--access-log-retention-days", "GUANXI_ACCESS_LOG_RETENTION_DAYS",
       "days access-log entries are kept, at least 180; 0 keeps them all (default 365)",
       number(&Config::access_log_retention_days)},
      {"--trusted-proxies", "GUANXI_TRUSTED_PROXIES",
       "comma-separated addresses of reverse proxies whose X-Forwarded-For names the client (default: none)",
       [](Config& c, const std::string& v) {
         c.trusted_proxies.clear();
         size_t start = 0;
         while (start <= v.size()) {
           const size_t comma = std::min(v.find(',', start), v.size());
           std::string address = v.substr(start, comma - start);
           std::erase(address, ' ');
           if (address.empty() || address.find_first_not_of("0123456789abcdefABCDEF.:") != std::string::npos) {
             return false;
           }
           c.trusted_proxies.push_back(std::move(address));
           start = comma + 1;
         }
         return true;
       }},
      {"--audit-retention-days", "GUANXI_AUDIT_RETENTION_DAYS",
       "days audit-log entries are kept, at least 180; 0 keeps them all (default 0)",
       number(&Config::audit_retention_days)},
  };
  return all;
}

}  // namespace

std::string Config::effective_database_url() const {
  return database_url.empty() ? "sqlite:" + data_dir + "/guanxi.db" : database_url;
}

Result<Config> load_config(const std::vector<std::string>& args) {
  Config config;
  for (const auto& s : settings()) {
    const char* value = std::getenv(s.env);
    if (value && *value && !s.apply(config, value)) {
      return fail(Error::make(2, "bad_setting", {s.env, value}));
    }
  }
  if (const char* pw = std::getenv("GUANXI_ADMIN_PASSWORD"); pw && *pw) config.admin_password = pw;
  for (auto [env, target] : {std::pair{"GUANXI_AUDIT_KEY", &config.audit_key}, {"GUANXI_SECRET_KEY", &config.secret_key}}) {
    const char* key = std::getenv(env);
    if (!key || !*key) continue;
    const std::string hex = key;
    if (hex.size() < 64 || hex.find_first_not_of("0123456789abcdefABCDEF") != std::string::npos) {
      return fail(Error::make(2, "bad_setting", {env, "(64 or more hex digits expected)"}));
    }
    *target = hex;
  }
  for (size_t i = 0; i < args.size(); ++i) {
    const Setting* found = nullptr;
    std::string value;
    for (const auto& s : settings()) {
      if (args[i] == s.flag && i + 1 < args.size()) {
        found = &s;
        value = args[++i];
      } else if (args[i].starts_with(std::string(s.flag) + "=")) {
        found = &s;
        value = args[i].substr(std::string(s.flag).size() + 1);
      }
      if (found) break;
    }
    if (!found) return fail(Error::make(2, "unknown_flag", {args[i]}));
    if (!found->apply(config, value)) return fail(Error::make(2, "bad_setting", {found->flag, value}));
  }
  if (config.network_threads < 1 || config.worker_threads < 1) {
    return fail(Error::make(2, "bad_setting", {"threads", "0"}));
  }
  // 网络安全法 art. 21: network logs are kept at least six months.
  for (auto [flag, days] : {std::pair{"--access-log-retention-days", config.access_log_retention_days},
                            {"--audit-retention-days", config.audit_retention_days}}) {
    if (days != 0 && (days < 180 || days > 36'500)) {
      return fail(Error::make(2, "bad_setting", {flag, std::to_string(days)}));
    }
  }
  if (config.sqlite_cache_mb < 1 || config.sqlite_cache_mb > 8192) {
    return fail(Error::make(2, "bad_setting", {"--sqlite-cache-mb", std::to_string(config.sqlite_cache_mb)}));
  }
  return config;
}

std::string config_help() {
  std::string out;
  for (const auto& s : settings()) {
    out += "  " + std::string(s.flag) + " (" + s.env + ")\n      " + s.help + "\n";
  }
  return out;
}

}  // namespace guanxi::app
