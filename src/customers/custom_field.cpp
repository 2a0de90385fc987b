#include "customers/custom_field.h"

#include <algorithm>
#include <boost/json.hpp>
#include <cmath>
#include <regex>
#include <set>

#include "customers/customer_json.h"

namespace guanxi::customers {
namespace {

namespace json = boost::json;

constexpr std::string_view kTypes[] = {"text", "number", "date", "choice", "multi_choice"};
constexpr std::string_view kAppliesTo[] = {"all", "individual", "organization"};
constexpr size_t kMaxText = 500;
constexpr size_t kMaxOptions = 200;

bool one_of(std::span<const std::string_view> choices, std::string_view value) {
  return std::find(choices.begin(), choices.end(), value) != choices.end();
}

bool is_code(std::string_view s, size_t max, bool letter_first) {
  if (s.empty() || s.size() > max || (letter_first && !(s[0] >= 'a' && s[0] <= 'z'))) return false;
  return std::all_of(s.begin(), s.end(), [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_'; });
}

bool is_choice_type(std::string_view type) { return type == "choice" || type == "multi_choice"; }

// A member that must be a string of 1..max characters (0..max when `optional`).
std::optional<std::string> read_text(const json::value& v, size_t max, bool optional, std::string& out) {
  if (!v.is_string()) return v.is_null() && optional ? std::optional<std::string>() : "must_be_string";
  out = trim(v.as_string());
  if (out.empty() && !optional) return "required";
  if (utf8_length(out) > max) return "too_long";
  return std::nullopt;
}

std::optional<std::string> read_options(const json::value& v, std::vector<CustomOption>& out) {
  if (!v.is_array()) return "must_be_array";
  if (v.as_array().empty() || v.as_array().size() > kMaxOptions) return "out_of_range";
  std::set<std::string> codes;
  // An option sent again without label_en or retired keeps what it had: a
  // caller that only renames must not wipe the English label.
  const std::vector<CustomOption> previous = std::move(out);
  out.clear();
  for (const auto& item : v.as_array()) {
    const auto* o = item.if_object();
    if (!o) return "must_be_object";
    const auto* code = o->if_contains("code");
    const auto* label = o->if_contains("label");
    if (!code || !code->is_string() || !is_code(code->as_string(), 40, false)) return "invalid_option";
    auto known = std::find_if(previous.begin(), previous.end(), [&](const CustomOption& p) { return p.code == code->as_string(); });
    CustomOption option = known != previous.end() ? *known : CustomOption{};
    option.code = code->as_string();
    if (!label || read_text(*label, 100, false, option.label)) return "invalid_option";
    if (const auto* en = o->if_contains("label_en"); en && read_text(*en, 100, true, option.label_en)) return "invalid_option";
    if (const auto* retired = o->if_contains("retired")) {
      if (!retired->is_bool()) return "invalid_option";
      option.retired = retired->as_bool();
    }
    if (!codes.insert(option.code).second) return "duplicate_option";
    out.push_back(std::move(option));
  }
  return std::nullopt;
}

bool read_flag(const json::value& v, bool& out) {
  if (!v.is_bool()) return false;
  out = v.as_bool();
  return true;
}

}  // namespace

json::object custom_field_json(const CustomField& f) {
  json::array options;
  for (const auto& o : f.options) {
    options.push_back({{"code", o.code}, {"label", o.label}, {"label_en", o.label_en}, {"retired", o.retired}});
  }
  return {{"id", f.id},          {"key", f.key},           {"type", f.type},         {"label", f.label},
          {"label_en", f.label_en}, {"options", options},  {"required", f.required}, {"unique", f.unique},
          {"pattern", f.pattern.empty() ? json::value(nullptr) : json::value(f.pattern)},
          {"applies_to", f.applies_to}, {"sort_order", f.sort_order}, {"status", f.status},
          {"version", f.version}, {"created_at", f.created_at}, {"updated_at", f.updated_at}};
}

std::vector<FieldError> read_custom_field(const json::object& body, bool create, CustomField& f) {
  std::vector<FieldError> errors;
  auto error = [&](std::string_view member, std::optional<std::string> code) {
    if (code) errors.push_back({std::string(member), *code});
  };
  for (const auto& [name, v] : body) {
    const std::string member(name);
    if (member == "version" || member == "id") continue;
    if (member == "key" || member == "type") {
      if (!create) {
        errors.push_back({member, "read_only"});  // stored values depend on both
      } else if (!v.is_string()) {
        errors.push_back({member, "must_be_string"});
      } else if (member == "key") {
        f.key = v.as_string();
        if (!is_code(f.key, 40, true)) errors.push_back({member, "invalid_format"});
      } else {
        f.type = v.as_string();
        if (!one_of(kTypes, f.type)) errors.push_back({member, "unknown_value"});
      }
    } else if (member == "label") {
      error(member, read_text(v, 100, false, f.label));
    } else if (member == "label_en") {
      error(member, read_text(v, 100, true, f.label_en));
    } else if (member == "options") {
      error(member, read_options(v, f.options));
    } else if (member == "required") {
      if (!read_flag(v, f.required)) errors.push_back({member, "must_be_boolean"});
    } else if (member == "unique") {
      if (!read_flag(v, f.unique)) errors.push_back({member, "must_be_boolean"});
    } else if (member == "pattern") {
      error(member, read_text(v, 200, true, f.pattern));
    } else if (member == "applies_to" || member == "status") {
      std::string value;
      error(member, read_text(v, 20, false, value));
      const bool known = member == "status" ? (value == "active" || value == "retired") : one_of(kAppliesTo, value);
      if (!known) {
        errors.push_back({member, "unknown_value"});
      } else {
        (member == "status" ? f.status : f.applies_to) = value;
      }
    } else if (member == "sort_order") {
      if (!v.is_int64() || v.as_int64() < 0 || v.as_int64() > 1'000'000) {
        errors.push_back({member, v.is_int64() ? "out_of_range" : "must_be_integer"});
      } else {
        f.sort_order = v.as_int64();
      }
    } else {
      errors.push_back({member, "unknown_field"});
    }
  }
  if (create) {
    if (!body.contains("key")) errors.push_back({"key", "required"});
    if (!body.contains("type")) errors.push_back({"type", "required"});
    if (!body.contains("label")) errors.push_back({"label", "required"});
  }
  if (!errors.empty()) return errors;
  // Rules between members, once each is well-formed.
  if (is_choice_type(f.type) && f.options.empty()) errors.push_back({"options", "required"});
  if (!is_choice_type(f.type) && !f.options.empty()) errors.push_back({"options", "not_for_type"});
  if (f.unique && (is_choice_type(f.type))) errors.push_back({"unique", "not_for_type"});
  if (!f.pattern.empty()) {
    if (f.type != "text") {
      errors.push_back({"pattern", "not_for_type"});
    } else {
      try {
        std::regex check(f.pattern, std::regex::ECMAScript);
      } catch (const std::regex_error&) {
        errors.push_back({"pattern", "invalid_pattern"});
      }
    }
  }
  return errors;
}

std::optional<std::string> check_custom_value(const CustomField& f, const json::value& v, json::value& out) {
  if (f.type == "text") {
    if (!v.is_string()) return "must_be_string";
    std::string text = trim(v.as_string());
    if (text.empty()) return "required";
    if (utf8_length(text) > kMaxText) return "too_long";
    if (!f.pattern.empty()) {
      // The pattern was compiled when it was saved; values are short (500 characters).
      if (!std::regex_match(text, std::regex(f.pattern, std::regex::ECMAScript))) return "pattern_mismatch";
    }
    out = json::string(text);
  } else if (f.type == "number") {
    if (!v.is_number()) return "must_be_number";
    const double d = v.to_number<double>();
    if (!std::isfinite(d) || std::fabs(d) > 1e15) return "out_of_range";
    if (v.is_double() && d == std::floor(d)) {
      out = static_cast<int64_t>(d);  // 3.0 and 3 are one value for uniqueness
    } else {
      out = v;
    }
  } else if (f.type == "date") {
    if (!v.is_string()) return "must_be_string";
    if (!valid_iso_date(v.as_string())) return "invalid_date";
    out = v;
  } else if (f.type == "choice") {
    if (!v.is_string()) return "must_be_string";
    out = v;
  } else {
    if (!v.is_array()) return "must_be_array";
    std::set<std::string> codes;
    for (const auto& item : v.as_array()) {
      if (!item.is_string()) return "must_be_string";
      codes.insert(std::string(item.as_string()));
    }
    if (codes.empty()) return "required";
    json::array sorted;
    for (const auto& code : codes) sorted.emplace_back(code);
    out = std::move(sorted);
  }
  // Option codes must exist; whether a retired one may stay is the caller's to decide.
  if (is_choice_type(f.type)) {
    for (const auto& code : index_values(out)) {
      if (std::none_of(f.options.begin(), f.options.end(), [&](const CustomOption& o) { return o.code == code; })) {
        return "unknown_value";
      }
    }
  }
  return std::nullopt;
}

std::vector<std::string> index_values(const json::value& value) {
  std::vector<std::string> out;
  if (value.is_array()) {
    for (const auto& item : value.as_array()) out.push_back(custom_history_text(item));
  } else if (!value.is_null()) {
    out.push_back(custom_history_text(value));
  }
  return out;
}

std::string custom_history_text(const json::value& value) {
  if (value.is_string()) return std::string(value.as_string());
  return json::serialize(value);
}

}  // namespace guanxi::customers
