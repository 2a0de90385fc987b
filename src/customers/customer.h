#pragma once
// A customer record as stored: the id plus one value per entry of
// customer_fields(), in catalogue order.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "customers/customer_fields.h"
#include "db/database.h"

namespace guanxi::customers {

struct Customer {
  int64_t id = 0;
  std::vector<db::Value> values = std::vector<db::Value>(customer_fields().size(), db::Null{});

  const db::Value& get(std::string_view key) const { return values[*field_index(key)]; }
  void set(std::string_view key, db::Value value) { values[*field_index(key)] = std::move(value); }
  bool is_null(std::string_view key) const { return std::holds_alternative<db::Null>(get(key)); }
  std::optional<std::string> text(std::string_view key) const;
  std::string text_or(std::string_view key, std::string fallback = {}) const;
  std::optional<int64_t> integer(std::string_view key) const;
  bool flag(std::string_view key) const { return integer(key).value_or(0) != 0; }

  int64_t version() const { return *integer("version"); }
  int64_t owner_id() const { return *integer("owner_id"); }
  std::string code() const { return text_or("code"); }
  std::string name() const { return text_or("name"); }
};

// A value as history stores it: text, a number as decimal text, or nullopt.
std::optional<std::string> value_as_text(const db::Value& value);

}  // namespace guanxi::customers
