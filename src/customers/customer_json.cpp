#include "customers/customer_json.h"

#include "customers/customer_field_rules.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cstdio>

namespace guanxi::customers {

namespace json = boost::json;

bool valid_iso_date(std::string_view s) {
  int y = 0, m = 0, d = 0;
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  if (std::sscanf(std::string(s).c_str(), "%4d-%2d-%2d", &y, &m, &d) != 3) return false;
  static constexpr int days[] = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  if (y < 1800 || y > 9999 || m < 1 || m > 12 || d < 1 || d > days[m - 1]) return false;
  const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
  return !(m == 2 && d == 29 && !leap);
}

std::string trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r\n");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r\n");
  return std::string(s.substr(first, last - first + 1));
}

namespace {

// Reads one field; returns the error code or stores the value.
std::optional<std::string> read_value(const FieldSpec& spec, const json::value& v, db::Value& out) {
  if (v.is_null()) {
    if (spec.type == FieldType::flag || spec.type == FieldType::tags || spec.type == FieldType::custom) {
      return "required";
    }
    out = db::Null{};
    return std::nullopt;
  }
  switch (spec.type) {
    case FieldType::text:
    case FieldType::choice:
    case FieldType::dictionary:
    case FieldType::date: {
      if (!v.is_string()) return "must_be_string";
      std::string s = trim(v.as_string());
      if (s.empty()) {
        out = db::Null{};
        return std::nullopt;
      }
      if (spec.type == FieldType::text && utf8_length(s) > spec.max_length) return "too_long";
      if (spec.type == FieldType::choice && !is_choice(spec.choices, s)) return "unknown_value";
      if (spec.type == FieldType::dictionary && s.size() > 64) return "unknown_value";
      if (spec.type == FieldType::date && !valid_iso_date(s)) return "invalid_date";
      out = std::move(s);
      return std::nullopt;
    }
    case FieldType::integer:
    case FieldType::user_ref:
    case FieldType::timestamp:
    case FieldType::score: {
      if (!v.is_int64() && !v.is_uint64()) return "must_be_integer";
      if (v.is_uint64() && v.as_uint64() > static_cast<uint64_t>(INT64_MAX)) return "out_of_range";
      const int64_t i = v.is_int64() ? v.as_int64() : static_cast<int64_t>(v.as_uint64());
      if (spec.type == FieldType::score && (i < 1 || i > 5)) return "out_of_range";
      if (spec.type != FieldType::score && i < 0) return "out_of_range";
      out = i;
      return std::nullopt;
    }
    case FieldType::flag:
      if (!v.is_bool()) return "must_be_boolean";
      out = int64_t{v.as_bool() ? 1 : 0};
      return std::nullopt;
    case FieldType::tags: {
      if (!v.is_array()) return "must_be_array";
      const auto& items = v.as_array();
      if (items.size() > 20) return "too_long";
      json::array clean;
      for (const auto& item : items) {
        if (!item.is_string()) return "must_be_string";
        std::string tag = trim(item.as_string());
        if (tag.empty() || utf8_length(tag) > 30) return "invalid_format";
        if (std::find(clean.begin(), clean.end(), json::value(tag)) == clean.end()) clean.emplace_back(tag);
      }
      out = json::serialize(clean);
      return std::nullopt;
    }
    case FieldType::custom:
      if (!v.is_object()) return "must_be_object";
      // CUS-6: the values are checked against the custom field definitions by the service.
      out = json::serialize(v.as_object());
      return std::nullopt;
  }
  return "unknown_value";
}

}  // namespace

std::vector<FieldError> read_fields(const json::object& body, std::span<const FieldSpec> fields, InputMode mode,
                                    std::span<const std::string_view> ignored, FieldValues& out) {
  std::vector<FieldError> errors;
  for (const auto& [key, value] : body) {
    if (std::find(ignored.begin(), ignored.end(), key) != ignored.end()) continue;
    auto spec = std::find_if(fields.begin(), fields.end(), [&](const FieldSpec& f) { return f.key == key; });
    if (spec == fields.end()) {
      errors.push_back({std::string(key), "unknown_field"});
      continue;
    }
    if (spec->writable == Writable::server || (spec->writable == Writable::create && mode == InputMode::update)) {
      errors.push_back({std::string(key), "read_only"});
      continue;
    }
    db::Value parsed;
    if (auto code = read_value(*spec, value, parsed)) {
      errors.push_back({std::string(key), *code});
      continue;
    }
    out.emplace(std::string(key), std::move(parsed));
  }
  return errors;
}

Result<CustomerInput> read_customer_input(const json::object& body, InputMode mode) {
  // "version" is the PATCH precondition, read elsewhere; read-only views
  // (owner_name, masked …) echoed back by a form are not errors.
  static constexpr std::string_view kIgnored[] = {"version", "identity_override", "id",
                                                  "owner_name", "region_name", "masked",
                                                  "revealable", "revealed_until"};
  CustomerInput input;
  std::vector<FieldError> errors = read_fields(body, customer_fields(), mode, kIgnored, input.values);
  if (const auto* override_value = body.if_contains("identity_override")) {
    const auto* reason = override_value->is_object() ? override_value->as_object().if_contains("reason") : nullptr;
    if (!reason || !reason->is_string() || trim(reason->as_string()).empty()) {
      errors.push_back({"identity_override.reason", "required"});
    } else if (utf8_length(reason->as_string()) > 500) {
      errors.push_back({"identity_override.reason", "too_long"});
    } else {
      input.override_reason = trim(reason->as_string());
    }
  }
  if (!errors.empty()) return fail(Error::validation(std::move(errors)));
  return input;
}

Result<std::string> read_reason(const json::object& body, const char* field) {
  const auto* value = body.if_contains(field);
  std::string code;
  std::string reason;
  if (!value || value->is_null()) {
    code = "required";
  } else if (!value->is_string()) {
    code = "must_be_string";
  } else {
    reason = trim(value->as_string());
    if (reason.empty()) code = "required";
    if (utf8_length(reason) > 500) code = "too_long";
  }
  if (!code.empty()) return fail(Error::validation({{field, code}}));
  return reason;
}

json::value value_json(const FieldSpec& spec, const db::Value& value) {
  if (std::holds_alternative<db::Null>(value)) {
    if (spec.type == FieldType::tags) return json::array();
    if (spec.type == FieldType::custom) return json::object();
    return nullptr;
  }
  if (const auto* i = std::get_if<int64_t>(&value)) {
    if (spec.type == FieldType::flag) return *i != 0;
    return *i;
  }
  if (const auto* s = std::get_if<std::string>(&value)) {
    if (spec.type == FieldType::tags || spec.type == FieldType::custom) {
      boost::system::error_code ec;
      auto parsed = json::parse(*s, ec);
      if (!ec) return parsed;
      return spec.type == FieldType::tags ? json::value(json::array()) : json::value(json::object());
    }
    return json::string(*s);
  }
  return nullptr;
}

void append_json_string(std::string& out, std::string_view text) {
  // Boost.JSON's serializer does the escaping; one per thread avoids its set-up per value.
  thread_local json::serializer serializer;
  const json::string_view view(text.data(), text.size());
  serializer.reset(view);
  char buffer[512];
  while (!serializer.done()) {
    const json::string_view part = serializer.read(buffer, sizeof buffer);
    out.append(part.data(), part.size());
  }
}

namespace {

// A stored tags array or custom-field object: the server wrote it with
// json::serialize, so it is passed through; anything unreadable becomes empty.
void append_stored_json(std::string& out, FieldType type, const std::string& stored) {
  const bool tags = type == FieldType::tags;
  if (stored == (tags ? "[]" : "{}")) {
    out += stored;
    return;
  }
  boost::system::error_code ec;
  const json::value parsed = json::parse(stored, ec);
  if (ec || (tags ? !parsed.is_array() : !parsed.is_object())) {
    out += tags ? "[]" : "{}";
    return;
  }
  out += json::serialize(parsed);
}

void append_value(std::string& out, const FieldSpec& spec, const db::Value& value) {
  if (const auto* i = std::get_if<int64_t>(&value)) {
    out += spec.type == FieldType::flag ? (*i != 0 ? "true" : "false") : std::to_string(*i);
  } else if (const auto* s = std::get_if<std::string>(&value)) {
    if (spec.type == FieldType::tags || spec.type == FieldType::custom) {
      append_stored_json(out, spec.type, *s);
    } else {
      append_json_string(out, *s);
    }
  } else if (spec.type == FieldType::tags) {
    out += "[]";
  } else if (spec.type == FieldType::custom) {
    out += "{}";
  } else {
    out += "null";
  }
}

}  // namespace

// Written as text rather than built as a json::object: a page of 50 customers
// is some 4 000 values, and building then serializing them was a third of a
// list request (bench/results/).
void append_customer_json(std::string& out, const Customer& customer, const CustomerView& view) {
  out += "{\"id\":";
  out += std::to_string(customer.id);
  const bool ruled = !view.fields.empty();
  const auto fields = customer_fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    const FieldSpec& spec = fields[i];
    if (spec.key == "name_norm" || spec.key == "name_sort_key") continue;  // index columns
    if (ruled && view.fields.hidden(spec.key)) continue;
    out += ",\"";
    out += spec.key;  // catalogue keys are plain ASCII identifiers
    out += "\":";
    const db::Value& value = customer.values[i];
    const auto* text = std::get_if<std::string>(&value);
    if (ruled && spec.type == FieldType::custom && text) {
      append_stored_json(out, spec.type, visible_custom_json(view.fields, *text));
    } else if (view.masked && spec.sensitive && text) {
      append_json_string(out, view.patterns->mask(spec.key, *text));
    } else {
      append_value(out, spec, value);
    }
  }
  out += ",\"owner_name\":";
  append_json_string(out, view.owner_name);
  if (!ruled || !view.fields.hidden("region_code")) {
    out += ",\"region_name\":";
    if (view.region_name.empty()) {
      out += "null";
    } else {
      append_json_string(out, view.region_name);
    }
  }
  out += view.masked ? ",\"masked\":true" : ",\"masked\":false";
  out += view.revealable ? ",\"revealable\":true" : ",\"revealable\":false";
  out += ",\"revealed_until\":";
  out += view.revealed_until ? std::to_string(*view.revealed_until) : "null";
  out += '}';
}

}  // namespace guanxi::customers
