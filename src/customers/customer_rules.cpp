#include "customers/customer_rules.h"

#include <boost/json.hpp>

#include "customers/customer_repository.h"

namespace guanxi::customers {
namespace {

// Field errors of GradeRules::parse name "rules[i]…"; the API calls the member grade_rules.
Error as_grade_rules_error(Error error) {
  for (auto& field : error.errors) {
    if (field.field.starts_with("rules")) field.field = "grade_" + field.field;
  }
  if (error.code == "invalid_json") error = Error::validation({{"grade_rules", "must_be_array"}});
  return error;
}

boost::json::value rules_detail(const std::optional<std::string>& code_rule,
                                const std::optional<std::string>& grade_rules) {
  return {{"code_rule", code_rule ? boost::json::value(*code_rule) : boost::json::value(nullptr)},
          {"grade_rules", grade_rules ? boost::json::parse(*grade_rules) : boost::json::value(nullptr)}};
}

struct StoredRules {
  std::optional<std::string> code_rule;
  std::optional<std::string> grade_rules;
  int64_t version = 1;
  std::optional<int64_t> updated_at;
  std::string updated_by;
};

StoredRules read_stored(db::Connection& c) {
  auto rows = c.query("SELECT code_rule, grade_rules, version, updated_at, updated_by FROM customer_settings WHERE id = 1");
  if (rows.empty()) return {};
  const auto& r = rows.rows.front();
  return {r.optional_text(0), r.optional_text(1), r.integer(2), r.optional_integer(3), r.optional_text(4).value_or("")};
}

}  // namespace

CustomerRules CustomerRulesService::current(db::Connection& c) {
  return cache_.get_or_load(0, [&] { return load(c).effective; });
}

CustomerRulesView CustomerRulesService::load(db::Connection& c) {
  const StoredRules stored = read_stored(c);
  CustomerRulesView view{configured_, configured_};
  // What was stored was valid when it was saved; a rule a later binary would
  // refuse falls back to the configuration rather than stopping every create.
  if (stored.code_rule) {
    if (auto rule = CodeRule::parse(*stored.code_rule)) {
      view.effective.code_rule = *rule;
      view.code_rule_stored = true;
    }
  }
  if (stored.grade_rules) {
    if (auto rules = GradeRules::parse(*stored.grade_rules)) {
      view.effective.grade_rules = *rules;
      view.grade_rules_stored = true;
    }
  }
  view.version = stored.version;
  view.updated_at = stored.updated_at;
  view.updated_by = stored.updated_by;
  return view;
}

CustomerRulesView CustomerRulesService::view() {
  auto c = database_.acquire();
  CustomerRulesView view = load(*c);
  const int today = business_date(clock_.now_ms());
  const CodeRule& rule = view.effective.code_rule;
  view.next_code = rule.format(today, customer_repository::peek_code_number(*c, rule.counter_key(today)));
  return view;
}

std::vector<FieldError> CustomerRulesService::validate(const CustomerRulesChange& change) const {
  std::vector<FieldError> errors;
  if (change.code_rule && *change.code_rule && !CodeRule::parse(**change.code_rule)) {
    errors.push_back({"code_rule", "invalid_format"});
  }
  if (change.grade_rules_json && *change.grade_rules_json) {
    auto parsed = GradeRules::parse(**change.grade_rules_json);
    if (!parsed) {
      for (auto& e : as_grade_rules_error(parsed.error()).errors) errors.push_back(std::move(e));
    } else if (parsed->rules().empty()) {
      errors.push_back({"grade_rules", "required"});
    } else {
      Error strict = Error::validation(parsed->strict_errors());
      for (auto& e : as_grade_rules_error(std::move(strict)).errors) errors.push_back(std::move(e));
    }
  }
  return errors;
}

Result<CustomerRulesView> CustomerRulesService::update(const auth::Principal& actor, const CustomerRulesChange& change,
                                                       int64_t expected_version, const auth::ClientInfo& client) {
  if (auto errors = validate(change); !errors.empty()) return fail(Error::validation(std::move(errors)));
  std::optional<std::string> grade_rules_text;
  if (change.grade_rules_json && *change.grade_rules_json) {
    grade_rules_text = GradeRules::parse(**change.grade_rules_json)->to_json();  // stored in the form read back
  }
  {
    auto c = database_.acquire();
    db::Transaction tx(*c, true);
    const StoredRules before = read_stored(*c);
    if (before.version != expected_version) return fail(Error::make(409, "version_conflict"));
    StoredRules after = before;
    if (change.code_rule) after.code_rule = *change.code_rule;
    if (change.grade_rules_json) after.grade_rules = grade_rules_text;
    const int64_t now = clock_.now_ms();
    auto to_value = [](const std::optional<std::string>& v) { return v ? db::Value(*v) : db::Value(db::Null{}); };
    const bool updated =
        c->query("UPDATE customer_settings SET code_rule = ?, grade_rules = ?, version = version + 1,"
                 " updated_at = ?, updated_by = ? WHERE id = 1 AND version = ?",
                 {to_value(after.code_rule), to_value(after.grade_rules), now, actor.display_name, expected_version})
            .affected_rows == 1;
    if (!updated) return fail(Error::make(409, "version_conflict"));
    audit_.record(*c, {actor.user_id, actor.username, "settings.customer_rules_changed", "settings:customer_rules",
                       client.ip, client.user_agent,
                       boost::json::serialize(boost::json::object{
                           {"before", rules_detail(before.code_rule, before.grade_rules)},
                           {"after", rules_detail(after.code_rule, after.grade_rules)}})});
    tx.commit();
  }
  return view();
}

}  // namespace guanxi::customers
