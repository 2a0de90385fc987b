#pragma once
// CUS-9: a suggested grade, recomputed on every create and change from an
// ordered list of rules; the first rule that matches decides, and its reason
// is shown beside the grade the salesperson chose.
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"
#include "customers/customer.h"
#include "customers/customer_fields.h"

namespace guanxi::customers {

struct GradeRule {
  std::string grade;   // A, B, C or D
  std::string field;   // a catalogue field, e.g. "value_tier"
  std::string op;      // "eq" (text) or "gte" (number)
  std::string text;    // for eq
  int64_t number = 0;  // for gte
  std::string reason;  // shown to users, e.g. "价值层级为 VIP"
};

// A field a grade rule may test, and the operator its type takes.
struct TestableField {
  const FieldSpec* spec;
  const char* op;  // "eq" (choices, dictionary codes) or "gte" (numbers, scores, flags)
};

struct GradeSuggestion {
  std::string grade;
  std::string reason;
};

class GradeRules {
 public:
  // Rules for a fresh install (value tier, registered capital, importance, star rating, status).
  static GradeRules defaults();
  // A JSON array of {"grade","field","op","value","reason"}; unknown fields,
  // grades or operators are refused so a typo cannot silently disable a rule.
  static Result<GradeRules> parse(std::string_view json_text);

  // The non-sensitive fields users set or status-like fields actions set;
  // not ids, versions or the suggestion itself.
  static std::vector<TestableField> testable_fields();
  // What the settings page may not store although a rules file may:
  // a field outside testable_fields, the wrong operator for it, an empty value.
  std::vector<FieldError> strict_errors() const;

  GradeSuggestion suggest(const Customer& customer) const;
  // The rules in the form parse() reads.
  std::string to_json() const;
  const std::vector<GradeRule>& rules() const { return rules_; }

 private:
  std::vector<GradeRule> rules_;
};

}  // namespace guanxi::customers
