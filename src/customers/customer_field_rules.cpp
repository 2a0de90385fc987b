#include "customers/customer_field_rules.h"

#include <algorithm>
#include <array>
#include <boost/json.hpp>

namespace guanxi::customers {
namespace {

namespace json = boost::json;
using auth::FieldAccess;

using namespace std::string_view_literals;
constexpr std::array kNeverRuled{
    "code"sv,           "kind"sv,           "name"sv,          "name_norm"sv,      "name_sort_key"sv,
    "status"sv,         "owner_id"sv,       "version"sv,       "created_at"sv,     "updated_at"sv,
    "custom"sv,         "list_status"sv,    "identity_locked"sv, "abnormal"sv,     "replaced_by_id"sv,
    "replaces_id"sv,    "deregistered_at"sv, "status_before_deregister"sv,
};

constexpr std::array kSubNeverRuled{"created_by"sv, "cancelled_with_customer"sv};


std::string_view denial(FieldAccess access) { return access == FieldAccess::hidden ? "hidden" : "read_only"; }

// A new record's "stored" value of a field: what it gets when nothing is sent.
bool empty_value(const db::Value& value) {
  if (std::holds_alternative<db::Null>(value)) return true;
  if (const auto* i = std::get_if<int64_t>(&value)) return *i == 0;
  if (const auto* s = std::get_if<std::string>(&value)) return s->empty() || *s == "[]" || *s == "{}";
  return false;
}

json::object parse_object(const std::string& text) {
  boost::system::error_code ec;
  auto parsed = json::parse(text.empty() ? "{}" : text, ec);
  return !ec && parsed.is_object() ? parsed.as_object() : json::object();
}

// `stored`: the record's value, nullptr for a new record.
void check_write(const auth::FieldRules& rules, const std::string& rule_key, const db::Value& value,
                 const db::Value* stored, std::vector<FieldError>& errors) {
  const FieldAccess access = rules.access(rule_key);
  if (access == FieldAccess::write) return;
  const bool unchanged = stored ? *stored == value : empty_value(value);
  if (!unchanged) errors.push_back({rule_key, std::string(denial(access))});
}

void check_custom_writes(const auth::FieldRules& rules, const db::Value& sent_value, const Customer* before,
                         std::vector<FieldError>& errors) {
  const auto* sent_text = std::get_if<std::string>(&sent_value);
  if (!sent_text) return;
  const json::object sent = parse_object(*sent_text);
  const json::object stored = before ? parse_object(before->text_or("custom", "{}")) : json::object();
  for (const auto& [key, value] : sent) {
    const std::string field = "custom." + std::string(key);
    const FieldAccess access = rules.access(field);
    if (access == FieldAccess::write) continue;
    const auto* old = stored.if_contains(key);
    const bool unchanged = old ? *old == value : value.is_null();
    if (!unchanged) errors.push_back({field, std::string(denial(access))});
  }
}

}  // namespace

Error field_forbidden(std::vector<FieldError> errors) {
  std::string names;
  for (const auto& e : errors) names += (names.empty() ? "" : "、") + e.field;
  Error error{403, "field_forbidden", std::move(errors), {names}, {}, {}};
  return error;
}

std::vector<auth::RulableField> rulable_customer_fields(const std::vector<CustomField>& custom_fields) {
  std::vector<auth::RulableField> out;
  for (const auto& spec : customer_fields()) {
    if (std::find(kNeverRuled.begin(), kNeverRuled.end(), spec.key) != kNeverRuled.end()) continue;
    out.push_back({std::string(spec.key), "", spec.writable == Writable::server});
  }
  for (const auto& f : custom_fields) out.push_back({"custom." + f.key, f.label, false});
  // A contact's or account's name and status say which one it is; notes are not ruled.
  for (const SubRecordKind* kind : {&contact_kind(), &account_kind()}) {
    for (const auto& spec : kind->fields) {
      if (spec.key == kind->title_field || std::find(kNeverRuled.begin(), kNeverRuled.end(), spec.key) != kNeverRuled.end() ||
          std::find(kSubNeverRuled.begin(), kSubNeverRuled.end(), spec.key) != kSubNeverRuled.end()) {
        continue;
      }
      out.push_back({sub_rule_key(*kind, spec.key), "", spec.writable == Writable::server});
    }
  }
  return out;
}

std::optional<Error> check_field_writes(const auth::FieldRules& rules, const CustomerInput& input,
                                        const Customer* before) {
  if (rules.empty()) return std::nullopt;
  std::vector<FieldError> errors;
  for (const auto& [key, value] : input.values) {
    if (key == "custom") {
      check_custom_writes(rules, value, before, errors);
    } else {
      check_write(rules, key, value, before ? &before->get(key) : nullptr, errors);
    }
  }
  if (errors.empty()) return std::nullopt;
  return field_forbidden(std::move(errors));
}

std::optional<Error> check_sub_record_writes(const auth::FieldRules& rules, const SubRecordKind& kind,
                                             const FieldValues& input, const SubRecord* before) {
  if (rules.empty()) return std::nullopt;
  std::vector<FieldError> errors;
  for (const auto& [key, value] : input) {
    check_write(rules, sub_rule_key(kind, key), value, before ? &before->get(key) : nullptr, errors);
  }
  if (errors.empty()) return std::nullopt;
  return field_forbidden(std::move(errors));
}

std::optional<Error> check_field_filters(const auth::FieldRules& rules, const customer_repository::ListFilter& filter) {
  if (rules.empty()) return std::nullopt;
  std::vector<FieldError> errors;
  auto check = [&](const std::string& field) {
    if (rules.hidden(field)) errors.push_back({field, "hidden"});
  };
  for (const auto& [key, value] : filter.equals) check(key);
  if (!filter.region_prefix.empty()) check("region_code");
  for (const auto& [key, value] : filter.custom_equals) check("custom." + key);
  if (filter.sort == "grade") check("grade");
  if (errors.empty()) return std::nullopt;
  return field_forbidden(std::move(errors));
}

std::string visible_custom_json(const auth::FieldRules& rules, const std::string& stored) {
  if (rules.empty() || stored == "{}") return stored;
  json::object custom = parse_object(stored);
  bool removed = false;
  for (auto it = custom.begin(); it != custom.end();) {
    if (rules.hidden("custom." + std::string(it->key()))) {
      it = custom.erase(it);
      removed = true;
    } else {
      ++it;
    }
  }
  return removed ? json::serialize(custom) : stored;
}

}  // namespace guanxi::customers
