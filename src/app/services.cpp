#include "app/services.h"

#include "customers/customer_field_rules.h"

#include <fcntl.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>
#include <stdexcept>

#include "core/random.h"
#include "search/text_normalize.h"

namespace guanxi::app {

namespace {

// A key from its environment setting, else from <data_dir>/<file_name>.
std::string load_key(const Config& config, const std::optional<std::string>& from_env, const char* env_name,
                     const char* file_name, bool create) {
  if (from_env) return *from_hex(*from_env);
  const auto file = std::filesystem::path(config.data_dir) / file_name;
  std::string hex;
  if (std::ifstream in(file); in) {
    std::getline(in, hex);
  } else if (!create) {
    throw std::runtime_error("no " + file.stem().string() + " key: set " + env_name +
                             " or point --data-dir at the directory holding " + file_name);
  } else {
    std::filesystem::create_directories(config.data_dir);
    hex = random_hex(32);
    // O_EXCL: two servers starting at once on one data directory keep one key.
    const int fd = ::open(file.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
    if (fd >= 0) {
      const std::string line = hex + "\n";
      const bool ok = ::write(fd, line.data(), line.size()) == static_cast<ssize_t>(line.size());
      ::close(fd);
      if (!ok) throw std::runtime_error("cannot write " + file.string());
    } else if (std::ifstream again(file); again) {
      std::getline(again, hex);
    } else {
      throw std::runtime_error("cannot create " + file.string());
    }
  }
  auto key = from_hex(hex);
  if (!key || key->size() < 32) throw std::runtime_error(file.string() + " does not hold a 64-digit hex key");
  return *key;
}

}  // namespace

std::string load_audit_key(const Config& config, bool create) {
  return load_key(config, config.audit_key, "GUANXI_AUDIT_KEY", "audit.key", create);
}

std::string load_secret_key(const Config& config) {
  return load_key(config, config.secret_key, "GUANXI_SECRET_KEY", "secret.key", true).substr(0, 32);
}

Services::Services(db::Database& database, const Clock& clock, const Config& config, auth::HashStrength strength)
    : hasher(strength),
      audit(database, clock, load_audit_key(config)),
      access_log(database, clock),
      access(database),
      roles(database, clock, audit, config.strict_duty_separation),
      org(database, clock, audit),
      users(database, clock, hasher, audit, roles),
      second_factor(database, clock, audit, hasher, load_secret_key(config)),
      auth(database, clock, hasher, audit, second_factor,
           auth::SessionSettings{config.session_idle, config.session_absolute, config.lockout_threshold,
                                 config.lockout_duration, config.password_max_age}),
      account(database, clock, audit),
      preferences(database, clock),
      dictionaries(database, clock, audit),
      custom_fields(database, clock, audit),
      customer_rules(database, clock, audit, load_customer_rules(config)),
      masking(database, clock, audit),
      customers(database, clock, audit, access_log, access, users, dictionaries, custom_fields, customer_rules,
                masking, {config.reveal_window}),
      sub_records(database, clock, audit, customers, dictionaries),
      address_book(database, customers),
      history_stats(database, access, clock),
      reminders(database, clock, customers),
      daily_notes(database, clock),
      departures(database, audit, users, customers, reminders),
      calendar(database, clock, audit),
      approvals(database, clock, audit, access, users, roles, calendar),
      exports(clock, audit, access_log, access, customers, custom_fields, approvals, database,
              config.data_dir + "/exports", config.export_approval_rows) {
  // ADR 0015: roles rule customer fields; the customer module knows which.
  roles.set_rulable_fields([this] { return customers::rulable_customer_fields(custom_fields.list()); });
}

customers::CustomerRules load_customer_rules(const Config& config) {
  auto rule = customers::CodeRule::parse(config.customer_code_rule);
  if (!rule) throw std::runtime_error("invalid customer code rule: " + config.customer_code_rule);
  customers::CustomerRules settings{*rule, customers::GradeRules::defaults()};
  if (!config.grade_rules_file.empty()) {
    std::ifstream in(config.grade_rules_file);
    if (!in) throw std::runtime_error("cannot read " + config.grade_rules_file);
    const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
    auto rules = customers::GradeRules::parse(text);
    if (!rules) throw std::runtime_error(config.grade_rules_file + " does not hold valid grade rules");
    settings.grade_rules = *rules;
  }
  return settings;
}

void Services::prepare() {
  // Fails at start, not at the first customer save, when OpenCC's data
  // (Debian package libopencc-data) is missing.
  search::normalize("華");
  audit.prepare();
  roles.sync_builtin_roles();
  org.ensure_root();
  calendar.seed_builtin_years();
}

}  // namespace guanxi::app
