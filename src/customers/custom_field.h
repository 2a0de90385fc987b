#pragma once
// CUS-6: attributes an administrator adds to every customer (附加属性): text,
// number, date, single and multiple choice, with required / unique / pattern
// rules. The definitions live in `custom_fields`; a customer's values are the
// JSON object `custom` on the record, keyed by the field's `key`, plus one
// row per value in `customer_custom_values` so that uniqueness and list
// filters work the same on SQLite and PostgreSQL without JSON indexes.
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>
#include <optional>
#include <string>
#include <vector>

#include "core/error.h"

namespace guanxi::customers {

struct CustomOption {
  std::string code;
  std::string label;
  std::string label_en;
  bool retired = false;  // kept on old records, not offered any more
};

struct CustomField {
  int64_t id = 0;
  std::string key;   // a–z, 0–9, _; fixed once created
  std::string type;  // text | number | date | choice | multi_choice; fixed once created
  std::string label;
  std::string label_en;
  std::vector<CustomOption> options;  // choice types only
  bool required = false;              // on create, and never cleared afterwards
  bool unique = false;                // text, number, date
  std::string pattern;                // text: ECMAScript regular expression the whole value must match
  std::string applies_to = "all";     // all | individual | organization
  int64_t sort_order = 0;
  std::string status = "active";      // active | retired (values stay readable)
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;

  bool applies(std::string_view kind) const { return applies_to == "all" || applies_to == kind; }
};

boost::json::object custom_field_json(const CustomField& field);

// Reads a definition body into `field`: every member on create (key and type
// required), the members present on update (key and type are read_only then).
// Type-level and rule errors together, by member.
std::vector<FieldError> read_custom_field(const boost::json::object& body, bool create, CustomField& field);

// One value for `field`: nullopt when valid, with `out` its stored form
// (trimmed text, a number, YYYY-MM-DD, an option code, a sorted list of codes);
// else the field error code.
std::optional<std::string> check_custom_value(const CustomField& field, const boost::json::value& value,
                                              boost::json::value& out);

// The rows a value takes in the value index (a list of codes: one per code).
std::vector<std::string> index_values(const boost::json::value& value);

// A value as history text: strings as they are, anything else as JSON.
std::string custom_history_text(const boost::json::value& value);

}  // namespace guanxi::customers
