#include "customers/customer.h"

namespace guanxi::customers {

std::optional<std::string> Customer::text(std::string_view key) const {
  if (const auto* s = std::get_if<std::string>(&get(key))) return *s;
  return std::nullopt;
}

std::string Customer::text_or(std::string_view key, std::string fallback) const {
  auto value = text(key);
  return value ? *value : std::move(fallback);
}

std::optional<int64_t> Customer::integer(std::string_view key) const {
  if (const auto* i = std::get_if<int64_t>(&get(key))) return *i;
  return std::nullopt;
}

std::optional<std::string> value_as_text(const db::Value& value) {
  if (const auto* s = std::get_if<std::string>(&value)) return *s;
  if (const auto* i = std::get_if<int64_t>(&value)) return std::to_string(*i);
  if (const auto* d = std::get_if<double>(&value)) return std::to_string(*d);
  return std::nullopt;
}

}  // namespace guanxi::customers
