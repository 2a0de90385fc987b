#pragma once
// The catalogue of a customer's built-in fields (CUS-1, CUS-3, CUS-9, CUS-17,
// CUS-21, CUS-12/13). One entry per field says how it is stored, read from
// JSON, validated, masked and recorded in history, so that the repository,
// the API and the history diff all walk the same list instead of repeating
// sixty field names each. JSON names equal column names.
#include <cstddef>
#include <optional>
#include <span>
#include <string_view>
#include <vector>

namespace guanxi::customers {

enum class FieldType {
  text,       // UTF-8 string up to max_length characters
  choice,     // one of `choices`
  dictionary, // a code of the dictionary named by `dictionary`
  date,       // YYYY-MM-DD
  integer,    // int64 (money in fen)
  score,      // 1..5
  flag,       // boolean, stored 0/1
  user_ref,   // users.id
  timestamp,  // epoch ms, set by the server
  tags,       // JSON array of short strings, stored as JSON text
  custom,     // JSON object of admin-defined fields, stored as JSON text
};

enum class Writable {
  input,   // accepted in POST and PATCH
  create,  // accepted in POST only (kind)
  server,  // set by the server only (code, status, verification, …)
};

struct FieldSpec {
  std::string_view key;
  FieldType type;
  Writable writable = Writable::input;
  size_t max_length = 200;  // text: characters
  std::span<const std::string_view> choices = {};
  std::string_view dictionary = {};
  bool sensitive = false;  // masked for callers without customer.sensitive.read (SEC-3)
  bool identity = false;   // locked once submitted for verification (CUS-11)
  bool history = true;     // changes go to the customer's history (CUS-10)
  bool may_be_future = false;  // date: a plan or an end, not a birthday or a founding
};

// Every stored column except id, in SELECT order.
std::span<const FieldSpec> customer_fields();
// Index into customer_fields(), or nullopt.
std::optional<size_t> field_index(std::string_view key);
const FieldSpec& field_spec(std::string_view key);  // REQUIRES: a known key

// Allowed values of the enumerations of DESIGN.md's contract.
namespace choices {
extern const std::span<const std::string_view> kind;
extern const std::span<const std::string_view> id_type;
extern const std::span<const std::string_view> status;
extern const std::span<const std::string_view> grade;
extern const std::span<const std::string_view> verification_status;
extern const std::span<const std::string_view> list_status;
extern const std::span<const std::string_view> gender;
}  // namespace choices

bool is_choice(std::span<const std::string_view> allowed, std::string_view value);

}  // namespace guanxi::customers
