#include "customers/custom_field_repository.h"

#include <boost/json.hpp>

namespace guanxi::customers::custom_field_repository {
namespace {

namespace json = boost::json;

constexpr const char* kColumns =
    "SELECT id, key, type, label, label_en, options, required, is_unique, pattern, applies_to, sort_order, status,"
    " version, created_at, updated_at FROM custom_fields ";

std::string options_text(const std::vector<CustomOption>& options) {
  json::array out;
  for (const auto& o : options) {
    out.push_back({{"code", o.code}, {"label", o.label}, {"label_en", o.label_en}, {"retired", o.retired}});
  }
  return json::serialize(out);
}

std::vector<CustomOption> options_from(const std::string& text) {
  std::vector<CustomOption> out;
  const json::value parsed = json::parse(text);  // kept alive: the loop walks into it
  for (const auto& item : parsed.as_array()) {
    const auto& o = item.as_object();
    out.push_back({std::string(o.at("code").as_string()), std::string(o.at("label").as_string()),
                   std::string(o.at("label_en").as_string()), o.at("retired").as_bool()});
  }
  return out;
}

CustomField from_row(const db::Row& r) {
  CustomField f;
  f.id = r.integer(0);
  f.key = r.text(1);
  f.type = r.text(2);
  f.label = r.text(3);
  f.label_en = r.optional_text(4).value_or("");
  f.options = options_from(r.optional_text(5).value_or("[]"));
  f.required = r.integer(6) != 0;
  f.unique = r.integer(7) != 0;
  f.pattern = r.optional_text(8).value_or("");
  f.applies_to = r.text(9);
  f.sort_order = r.integer(10);
  f.status = r.text(11);
  f.version = r.integer(12);
  f.created_at = r.integer(13);
  f.updated_at = r.integer(14);
  return f;
}

}  // namespace

std::vector<CustomField> list(db::Connection& c) {
  std::vector<CustomField> out;
  for (const auto& r : c.query(std::string(kColumns) + "ORDER BY sort_order, id").rows) out.push_back(from_row(r));
  return out;
}

std::optional<CustomField> find(db::Connection& c, int64_t id) {
  auto rows = c.query(std::string(kColumns) + "WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return from_row(rows.rows.front());
}

bool key_exists(db::Connection& c, const std::string& key) {
  return !c.query("SELECT 1 FROM custom_fields WHERE key = ?", {key}).empty();
}

int64_t insert(db::Connection& c, const CustomField& f) {
  return c
      .query(
          "INSERT INTO custom_fields (key, type, label, label_en, options, required, is_unique, pattern, applies_to,"
          " sort_order, status, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
          " RETURNING id",
          {f.key, f.type, f.label, f.label_en, options_text(f.options), int64_t{f.required}, int64_t{f.unique},
           f.pattern, f.applies_to, f.sort_order, f.status, f.version, f.created_at, f.updated_at})
      .rows.front()
      .integer(0);
}

void update(db::Connection& c, const CustomField& f) {
  c.query(
      "UPDATE custom_fields SET label = ?, label_en = ?, options = ?, required = ?, is_unique = ?, pattern = ?,"
      " applies_to = ?, sort_order = ?, status = ?, version = ?, updated_at = ? WHERE id = ?",
      {f.label, f.label_en, options_text(f.options), int64_t{f.required}, int64_t{f.unique}, f.pattern, f.applies_to,
       f.sort_order, f.status, f.version, f.updated_at, f.id});
}

void replace_index(db::Connection& c, int64_t customer_id, const std::vector<std::pair<std::string, std::string>>& rows) {
  c.query("DELETE FROM customer_custom_values WHERE customer_id = ?", {customer_id});
  for (const auto& [key, value] : rows) {
    c.query("INSERT INTO customer_custom_values (field_key, value, customer_id) VALUES (?, ?, ?)",
            {key, value, customer_id});
  }
}

std::optional<int64_t> value_holder(db::Connection& c, const std::string& key, const std::string& value,
                                    int64_t except_customer_id) {
  auto rows = c.query(
      "SELECT customer_id FROM customer_custom_values WHERE field_key = ? AND value = ? AND customer_id <> ? LIMIT 1",
      {key, value, except_customer_id});
  if (rows.empty()) return std::nullopt;
  return rows.rows.front().integer(0);
}

bool has_shared_value(db::Connection& c, const std::string& key) {
  return !c.query(
               "SELECT 1 FROM customer_custom_values WHERE field_key = ? GROUP BY value HAVING COUNT(*) > 1 LIMIT 1",
               {key})
              .empty();
}

}  // namespace guanxi::customers::custom_field_repository
