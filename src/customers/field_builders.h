#pragma once
// Short builders for FieldSpec catalogues (customer, contact, account).
#include "customers/customer_fields.h"

namespace guanxi::customers::field {

inline FieldSpec text(std::string_view key, size_t max = 200) {
  return {.key = key, .type = FieldType::text, .max_length = max};
}
inline FieldSpec choice(std::string_view key, std::span<const std::string_view> allowed) {
  return {.key = key, .type = FieldType::choice, .choices = allowed};
}
inline FieldSpec dict(std::string_view key, std::string_view name) {
  return {.key = key, .type = FieldType::dictionary, .dictionary = name};
}
inline FieldSpec typed(std::string_view key, FieldType type) { return {.key = key, .type = type}; }
inline FieldSpec score(std::string_view key) { return typed(key, FieldType::score); }
inline FieldSpec sensitive(FieldSpec spec) {
  spec.sensitive = true;
  return spec;
}
inline FieldSpec identity(FieldSpec spec) {
  spec.identity = true;
  return spec;
}
inline FieldSpec future(FieldSpec spec) {
  spec.may_be_future = true;
  return spec;
}
// Set by the server only; `history` says whether its changes are recorded.
inline FieldSpec server(FieldSpec spec, bool history = true) {
  spec.writable = Writable::server;
  spec.history = history;
  return spec;
}

}  // namespace guanxi::customers::field
