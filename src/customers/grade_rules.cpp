#include "customers/grade_rules.h"

#include <algorithm>
#include <boost/json.hpp>

namespace guanxi::customers {

GradeRules GradeRules::defaults() {
  GradeRules r;
  r.rules_ = {
      {"A", "value_tier", "eq", "vip", 0, "价值层级为 VIP"},
      {"A", "registered_capital_fen", "gte", "", 100'000'000'00, "注册资本不低于 1 亿元"},
      {"A", "importance", "gte", "", 5, "重要程度为 5"},
      {"B", "value_tier", "eq", "major", 0, "价值层级为重要客户"},
      {"B", "registered_capital_fen", "gte", "", 10'000'000'00, "注册资本不低于 1000 万元"},
      {"B", "importance", "gte", "", 4, "重要程度不低于 4"},
      {"B", "star_rating", "gte", "", 4, "星级不低于 4 星"},
      {"C", "status", "eq", "active", 0, "现实客户"},
      {"C", "value_tier", "eq", "normal", 0, "价值层级为普通客户"},
  };
  return r;
}

Result<GradeRules> GradeRules::parse(std::string_view json_text) {
  boost::system::error_code ec;
  auto doc = boost::json::parse(json_text, ec);
  if (ec || !doc.is_array()) return fail(Error::make(422, "invalid_json", {"grade rules must be a JSON array"}));
  GradeRules r;
  std::vector<FieldError> errors;
  size_t index = 0;
  for (const auto& item : doc.as_array()) {
    const std::string at = "rules[" + std::to_string(index++) + "]";
    if (!item.is_object()) {
      errors.push_back({at, "must_be_object"});
      continue;
    }
    const auto& o = item.as_object();
    auto str = [&](const char* key) -> std::string {
      const auto* v = o.if_contains(key);
      return v && v->is_string() ? std::string(v->as_string()) : std::string();
    };
    GradeRule rule{str("grade"), str("field"), str("op"), "", 0, str("reason")};
    if (!is_choice(choices::grade, rule.grade)) errors.push_back({at + ".grade", "unknown_value"});
    if (!field_index(rule.field)) errors.push_back({at + ".field", "unknown_field"});
    const auto* value = o.if_contains("value");
    if (rule.op == "eq" && value && value->is_string()) {
      rule.text = std::string(value->as_string());
    } else if (rule.op == "gte" && value && value->is_int64()) {
      rule.number = value->as_int64();
    } else {
      errors.push_back({at + ".value", rule.op == "eq" || rule.op == "gte" ? "invalid_format" : "unknown_value"});
    }
    if (rule.reason.empty()) errors.push_back({at + ".reason", "required"});
    r.rules_.push_back(std::move(rule));
  }
  if (!errors.empty()) return fail(Error::validation(std::move(errors)));
  return r;
}

std::vector<TestableField> GradeRules::testable_fields() {
  std::vector<TestableField> out;
  for (const auto& spec : customer_fields()) {
    if (spec.sensitive || spec.key == "suggested_grade") continue;
    const char* op = nullptr;
    if (spec.type == FieldType::choice || spec.type == FieldType::dictionary) op = "eq";
    else if ((spec.type == FieldType::integer || spec.type == FieldType::score || spec.type == FieldType::flag) &&
             spec.writable != Writable::server) {
      op = "gte";  // version and the replacement links are the server's numbers, not the customer's
    }
    if (op) out.push_back({&spec, op});
  }
  return out;
}

std::vector<FieldError> GradeRules::strict_errors() const {
  const auto testable = testable_fields();
  std::vector<FieldError> errors;
  for (size_t i = 0; i < rules_.size(); ++i) {
    const auto& rule = rules_[i];
    const std::string at = "rules[" + std::to_string(i) + "]";
    auto field = std::find_if(testable.begin(), testable.end(), [&](const auto& f) { return f.spec->key == rule.field; });
    if (field == testable.end()) errors.push_back({at + ".field", "unknown_value"});
    else if (rule.op != field->op) errors.push_back({at + ".op", "unknown_value"});
    else if (rule.op == "eq" && rule.text.empty()) errors.push_back({at + ".value", "required"});
  }
  return errors;
}

std::string GradeRules::to_json() const {
  boost::json::array out;
  for (const auto& rule : rules_) {
    boost::json::object o{{"grade", rule.grade}, {"field", rule.field}, {"op", rule.op}, {"reason", rule.reason}};
    if (rule.op == "eq") o["value"] = rule.text;
    else o["value"] = rule.number;
    out.push_back(std::move(o));
  }
  return boost::json::serialize(out);
}

GradeSuggestion GradeRules::suggest(const Customer& customer) const {
  for (const auto& rule : rules_) {
    const db::Value& value = customer.get(rule.field);
    bool match = false;
    if (rule.op == "eq") {
      if (const auto* s = std::get_if<std::string>(&value)) match = *s == rule.text;
    } else if (const auto* i = std::get_if<int64_t>(&value)) {
      match = *i >= rule.number;
    }
    if (match) return {rule.grade, rule.reason};
  }
  return {"D", "未满足 A、B、C 级条件"};
}

}  // namespace guanxi::customers
