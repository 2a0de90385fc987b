#pragma once
// JSON ⇄ customer values: reading a POST/PATCH body field by field through
// the catalogue (types, lengths, choices, dates) and writing a customer for
// one caller (masked or not).
#include <boost/json/object.hpp>
#include <map>
#include <optional>
#include <string>

#include "auth/field_rules.h"
#include "core/error.h"
#include "core/utf8.h"
#include "customers/customer.h"
#include "customers/masking.h"

namespace guanxi::customers {

using FieldValues = std::map<std::string, db::Value, std::less<>>;

struct CustomerInput {
  FieldValues values;                         // only the fields present in the body
  std::optional<std::string> override_reason;  // "identity_override": {"reason"} (CUS-2)
};

enum class InputMode { create, update };
// Reads the keys of `body` that `fields` lists into `out` (type-level checks);
// keys in `ignored` are skipped, any other key is an unknown_field error.
std::vector<FieldError> read_fields(const boost::json::object& body, std::span<const FieldSpec> fields, InputMode mode,
                                    std::span<const std::string_view> ignored, FieldValues& out);
// Type-level checks only; rules that need the whole record or the database
// are the service's. Unknown fields and fields only the server sets are refused.
Result<CustomerInput> read_customer_input(const boost::json::object& body, InputMode mode);

// A required free-text reason (deregistering, list decisions, cancelling an
// account …): trimmed, 1–500 characters; validation_failed otherwise.
Result<std::string> read_reason(const boost::json::object& body, const char* field = "reason");

struct CustomerView {
  bool masked = true;      // SEC-3: mask sensitive fields
  const MaskPatterns* patterns = &MaskPatterns::defaults();  // with these
  bool revealable = false;                // SEC-7: the caller may reveal this record with a reason
  std::optional<int64_t> revealed_until;  // while a reveal lasts
  std::string owner_name;  // display name of owner_id
  std::string region_name;
  auth::FieldRules fields;  // ADR 0015: hidden fields are left out
};
// Appends the customer as one JSON object, as `view` shows it to its caller.
void append_customer_json(std::string& out, const Customer& customer, const CustomerView& view);

// Appends `text` as a JSON string literal, quoted and escaped.
void append_json_string(std::string& out, std::string_view text);

// One value as JSON (history old/new values).
boost::json::value value_json(const FieldSpec& spec, const db::Value& value);


// YYYY-MM-DD naming a real day (years 1800–9999).
bool valid_iso_date(std::string_view s);
// Without leading and trailing blanks (space, tab, CR, LF).
std::string trim(std::string_view s);

using guanxi::utf8_length;

}  // namespace guanxi::customers
