#include "customers/customer_repository.h"

#include "customers/sub_record.h"

#include <boost/json.hpp>

#include <algorithm>

namespace guanxi::customers::customer_repository {
namespace {

std::string build_columns(std::string_view alias) {
  std::string columns = std::string(alias) + "id";
  for (const auto& spec : customer_fields()) columns += ", " + std::string(alias) + std::string(spec.key);
  return columns;
}

db::Value text_or_null(const std::optional<std::string>& s) {
  if (s) return *s;
  return db::Null{};
}

// Cursor "<sort value>|<id>" for the keyset of each sort order.
struct Cursor {
  std::string value;
  int64_t id = 0;
};
std::optional<Cursor> parse_cursor(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  const auto bar = text->rfind('|');
  if (bar == std::string::npos) return std::nullopt;
  try {
    return Cursor{text->substr(0, bar), std::stoll(text->substr(bar + 1))};
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

const std::string& select_columns(std::string_view table_alias) {
  static const std::string plain = build_columns("");
  static const std::string aliased = build_columns("c.");
  return table_alias.empty() ? plain : aliased;
}

Customer customer_from_row(const db::Row& row) {
  Customer customer;
  customer.id = row.integer(0);
  const auto fields = customer_fields();
  for (size_t i = 0; i < fields.size(); ++i) {
    if (row.is_null(i + 1)) continue;
    switch (fields[i].type) {
      case FieldType::integer:
      case FieldType::score:
      case FieldType::flag:
      case FieldType::user_ref:
      case FieldType::timestamp: customer.values[i] = row.integer(i + 1); break;
      default: customer.values[i] = row.text(i + 1); break;
    }
  }
  return customer;
}

std::string scope_clause(db::Dialect dialect, const auth::OwnerScope& scope, std::vector<db::Value>& params,
                         std::string_view column) {
  if (scope.all) return "";
  // One owner (a salesperson's own scope) as an equality, so the planner walks
  // the (owner_id, sort key, id) indexes in order instead of sorting every row.
  if (scope.owner_ids.size() == 1) {
    params.emplace_back(scope.owner_ids.front());
    return std::string(column) + " = ?";
  }
  boost::json::array ids;
  for (int64_t id : scope.owner_ids) ids.push_back(id);
  params.emplace_back(boost::json::serialize(ids));
  // One statement text whatever the number of owners, so it is prepared once.
  if (dialect == db::Dialect::sqlite) return std::string(column) + " IN (SELECT value FROM json_each(?))";
  return std::string(column) + " IN (SELECT CAST(value AS BIGINT) FROM jsonb_array_elements_text(CAST(? AS jsonb)))";
}

std::optional<Customer> find_any(db::Connection& c, int64_t id) {
  auto rows = c.query("SELECT " + select_columns() + " FROM customers WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return customer_from_row(rows.rows[0]);
}

std::vector<Customer> after_id(db::Connection& c, int64_t after_id, int64_t limit) {
  std::vector<Customer> out;
  for (const auto& row : c.query("SELECT " + select_columns() + " FROM customers WHERE id > ? ORDER BY id LIMIT ?",
                                 {after_id, limit})
                             .rows) {
    out.push_back(customer_from_row(row));
  }
  return out;
}

std::optional<Customer> find(db::Connection& c, int64_t id, const auth::OwnerScope& scope) {
  std::vector<db::Value> params{id};
  const std::string clause = scope_clause(c.dialect(), scope, params);
  auto rows = c.execute("SELECT " + select_columns() + " FROM customers WHERE id = ?" +
                            (clause.empty() ? "" : " AND " + clause),
                        params);
  if (rows.empty()) return std::nullopt;
  return customer_from_row(rows.rows[0]);
}

std::optional<Customer> find_identity_clash(db::Connection& c, const IdentityKeys& keys, int64_t exclude_id) {
  const std::string base = "SELECT " + select_columns() + " FROM customers WHERE abnormal = 0 AND id <> ? AND ";
  auto first = [&](const std::string& where, std::vector<db::Value> params) -> std::optional<Customer> {
    params.insert(params.begin(), exclude_id);
    auto rows = c.execute(base + where + " LIMIT 1", params);
    if (rows.empty()) return std::nullopt;
    return customer_from_row(rows.rows[0]);
  };
  if (keys.id_number && keys.id_type) {
    if (auto hit = first("id_type = ? AND id_number = ?", {*keys.id_type, *keys.id_number})) return hit;
  }
  if (keys.uscc) {
    if (auto hit = first("uscc = ?", {*keys.uscc})) return hit;
  }
  if (keys.org_code) {
    if (auto hit = first("org_code = ?", {*keys.org_code})) return hit;
  }
  return std::nullopt;
}

int64_t insert(db::Connection& c, const Customer& customer) {
  const auto fields = customer_fields();
  std::string columns, marks;
  std::vector<db::Value> params;
  for (size_t i = 0; i < fields.size(); ++i) {
    if (i) {
      columns += ", ";
      marks += ", ";
    }
    columns += fields[i].key;
    marks += "?";
    params.push_back(customer.values[i]);
  }
  auto rows = c.execute("INSERT INTO customers (" + columns + ") VALUES (" + marks + ") RETURNING id", params);
  return rows.rows.at(0).integer(0);
}

std::vector<BirthdayRow> birthdays(db::Connection& c, int64_t owner_id, const std::vector<std::string>& month_days) {
  std::vector<BirthdayRow> out;
  if (month_days.empty()) return out;
  std::string in = "?";
  for (size_t i = 1; i < month_days.size(); ++i) in += ", ?";
  auto params_for = [&] {
    std::vector<db::Value> params{owner_id};
    for (const auto& md : month_days) params.emplace_back(md);
    return params;
  };
  const std::string live = " AND c.abnormal = 0 AND c.status <> 'deregistered'";
  for (const auto& row : c.execute("SELECT c.id, c.code, c.name, substr(c.birthday, 6, 5) FROM customers c"
                                 " WHERE c.owner_id = ? AND c.birthday_reminder = 1" + live +
                                     " AND substr(c.birthday, 6, 5) IN (" + in + ") ORDER BY c.id",
                                 params_for())
                           .rows) {
    out.push_back(BirthdayRow{row.integer(0), row.text(1), row.text(2), 0, std::string(), row.text(3)});
  }
  for (const auto& row :
       c.execute("SELECT c.id, c.code, c.name, k.id, k.name, substr(k.birthday, 6, 5) FROM customer_contacts k"
               " JOIN customers c ON c.id = k.customer_id WHERE c.owner_id = ? AND k.birthday_reminder = 1"
               " AND k.status = 'active'" + live + " AND substr(k.birthday, 6, 5) IN (" + in + ") ORDER BY k.id",
               params_for())
           .rows) {
    out.push_back(BirthdayRow{row.integer(0), row.text(1), row.text(2), row.integer(3), row.text(4), row.text(5)});
  }
  return out;
}

std::vector<int64_t> change_owner_of_all(db::Connection& c, int64_t from_owner, int64_t to_owner, int64_t now_ms) {
  std::vector<int64_t> ids;
  for (const auto& r : c.query("SELECT id FROM customers WHERE owner_id = ? ORDER BY id", {from_owner}).rows) {
    ids.push_back(r.integer(0));
  }
  c.query("UPDATE customers SET owner_id = ?, version = version + 1, updated_at = ? WHERE owner_id = ?",
          {to_owner, now_ms, from_owner});
  return ids;
}

bool update(db::Connection& c, int64_t id, const FieldValues& changes, int64_t expected_version, int64_t now_ms) {
  std::string sql = "UPDATE customers SET version = version + 1, updated_at = ?";
  std::vector<db::Value> params{now_ms};
  for (const auto& [key, value] : changes) {
    // Keys come from the catalogue (the API refuses anything else), never from raw input.
    sql += ", " + std::string(field_spec(key).key) + " = ?";
    params.push_back(value);
  }
  sql += " WHERE id = ? AND version = ?";
  params.push_back(id);
  params.push_back(expected_version);
  return c.execute(sql, params).affected_rows == 1;
}

bool code_taken(db::Connection& c, const std::string& code) {
  return !c.query("SELECT 1 FROM customers WHERE code = ?", {code}).empty();
}

int64_t next_code_number(db::Connection& c, const std::string& prefix) {
  auto rows = c.query(
      "INSERT INTO customer_code_counters (prefix, last_value) VALUES (?, 1) "
      "ON CONFLICT (prefix) DO UPDATE SET last_value = customer_code_counters.last_value + 1 RETURNING last_value",
      {prefix});
  return rows.rows.at(0).integer(0);
}

int64_t peek_code_number(db::Connection& c, const std::string& prefix) {
  auto rows = c.query("SELECT last_value FROM customer_code_counters WHERE prefix = ?", {prefix});
  return rows.empty() ? 1 : rows.rows.front().integer(0) + 1;
}

void add_history(db::Connection& c, const HistoryEntry& e) {
  c.query(
      "INSERT INTO customer_history (customer_id, at, user_id, user_name, action, field, old_value, new_value) "
      "VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
      {e.customer_id, e.at, e.user_id ? db::Value(*e.user_id) : db::Value(db::Null{}), e.user_name, e.action,
       text_or_null(e.field), text_or_null(e.old_value), text_or_null(e.new_value)});
}

std::string hidden_fields_clause(const std::vector<std::string>& hidden_fields, std::vector<db::Value>& params,
                                 std::string_view column) {
  if (hidden_fields.empty()) return "";
  const std::string col(column);
  std::string in, conditions;
  std::vector<std::string> in_params;  // after the LIKE ones, as in the SQL
  const auto kinds = sub_record_kinds();
  for (const auto& field : hidden_fields) {
    // A contact's or account's field ("contact.mobile") is recorded per record: "contacts.12.mobile".
    const auto kind = std::find_if(kinds.begin(), kinds.end(), [&](const SubRecordKind* k) {
      return field.starts_with(k->name) && field.size() > k->name.size() && field[k->name.size()] == '.';
    });
    if (kind != kinds.end()) {
      conditions += " AND " + col + " NOT LIKE ? ESCAPE '\\'";
      params.emplace_back(std::string((*kind)->history_key) + ".%." +
                          db::escape_like(std::string_view(field).substr((*kind)->name.size() + 1)));
    } else {
      in += in.empty() ? "?" : ", ?";
      in_params.push_back(field);
    }
  }
  if (!in.empty()) conditions += " AND " + col + " NOT IN (" + in + ")";
  for (auto& field : in_params) params.emplace_back(std::move(field));
  return " AND (" + col + " IS NULL OR (" + conditions.substr(5) + "))";
}

std::vector<HistoryEntry> history(db::Connection& c, int64_t customer_id, std::optional<int64_t> before_id,
                                  int64_t limit, const std::vector<std::string>& hidden_fields) {
  std::vector<db::Value> params{customer_id, before_id.value_or(INT64_MAX)};
  const std::string hidden = hidden_fields_clause(hidden_fields, params, "field");
  params.emplace_back(limit);
  auto rows = c.execute(
      "SELECT id, customer_id, at, user_id, user_name, action, field, old_value, new_value FROM customer_history "
      "WHERE customer_id = ? AND id < ?" + hidden + " ORDER BY id DESC LIMIT ?",
      params);
  std::vector<HistoryEntry> entries;
  for (const auto& row : rows.rows) {
    entries.push_back({row.integer(0), row.integer(1), row.integer(2), row.optional_integer(3), row.text(4),
                       row.text(5), row.optional_text(6), row.optional_text(7), row.optional_text(8)});
  }
  return entries;
}

void replace_search_terms(db::Connection& c, int64_t customer_id, const std::vector<std::string>& terms) {
  c.query("DELETE FROM customer_search_terms WHERE customer_id = ?", {customer_id});
  // Some 30 terms a customer: a few multi-row statements instead of one each.
  // Chunks of at most 32 rows keep the number of distinct (cached) statements small.
  constexpr size_t kChunk = 32;
  for (size_t first = 0; first < terms.size(); first += kChunk) {
    const size_t n = std::min(kChunk, terms.size() - first);
    std::string sql = "INSERT INTO customer_search_terms (term, customer_id) VALUES ";
    std::vector<db::Value> params;
    params.reserve(n * 2);
    for (size_t i = 0; i < n; ++i) {
      sql += i == 0 ? "(?, ?)" : ", (?, ?)";
      params.emplace_back(terms[first + i]);
      params.emplace_back(customer_id);
    }
    c.execute(sql, params);
  }
}

void insert_new_search_terms(db::Connection& c, std::vector<TermRow>& rows) {
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  constexpr size_t kChunk = 64;
  for (size_t first = 0; first < rows.size(); first += kChunk) {
    const size_t n = std::min(kChunk, rows.size() - first);
    std::string sql = "INSERT INTO customer_search_terms (term, customer_id) VALUES ";
    for (size_t i = 0; i < n; ++i) sql += i == 0 ? "(?, ?)" : ", (?, ?)";
    std::vector<db::Value> params;
    params.reserve(n * 2);
    for (size_t i = 0; i < n; ++i) {
      params.emplace_back(std::move(rows[first + i].first));
      params.emplace_back(rows[first + i].second);
    }
    c.execute(sql, params);
  }
  rows.clear();
}

std::string filter_clause(db::Dialect dialect, const ListFilter& filter, const auth::OwnerScope& scope,
                          std::vector<db::Value>& params, std::string_view alias) {
  const std::string a(alias);
  std::string where = "1 = 1";
  if (auto clause = scope_clause(dialect, scope, params, a + "owner_id"); !clause.empty()) where += " AND " + clause;
  for (const auto& [column, value] : filter.equals) {
    where += " AND " + a + std::string(field_spec(column).key) + " = ?";
    params.emplace_back(value);
  }
  if (filter.owner_id) {
    where += " AND " + a + "owner_id = ?";
    params.emplace_back(*filter.owner_id);
  }
  if (!filter.region_prefix.empty()) {
    // Region codes are six digits: a prefix range takes a province or city with everything below it.
    where += " AND " + a + "region_code >= ? AND " + a + "region_code < ?";
    params.emplace_back(filter.region_prefix);
    params.emplace_back(filter.region_prefix + ":");  // ':' sorts right after '9'
  }
  if (filter.with_people) {
    // Qualified even without an alias: a bare "id" inside the subquery would be the contact's.
    const std::string customer_id = (a.empty() ? std::string("customers.") : a) + "id";
    where += " AND (" + a + "kind = 'individual' OR EXISTS (SELECT 1 FROM customer_contacts people"
             " WHERE people.customer_id = " + customer_id + "))";
  }
  for (const auto& [key, value] : filter.custom_equals) {
    // The value index has one row per value (per code of a multiple choice).
    where += " AND " + a + "id IN (SELECT customer_id FROM customer_custom_values WHERE field_key = ? AND value = ?)";
    params.emplace_back(key);
    params.emplace_back(value);
  }
  return where;
}

Page list(db::Connection& c, const ListFilter& filter, const auth::OwnerScope& scope) {
  std::vector<db::Value> params;
  std::string where = filter_clause(c.dialect(), filter, scope, params, "");
  // Each order is a keyset over (sort value, id); the cursor carries both.
  std::string value_sql, order;
  bool descending = true;
  if (filter.sort == "name") {
    value_sql = "name_sort_key";
    descending = false;
  } else if (filter.sort == "created_desc") {
    value_sql = "created_at";
  } else if (filter.sort == "grade") {
    value_sql = "COALESCE(grade, 'Z')";
    descending = false;
  } else {
    value_sql = "updated_at";
  }
  const bool numeric = value_sql == "created_at" || value_sql == "updated_at";
  if (auto cursor = parse_cursor(filter.cursor)) {
    const char* cmp = descending ? "<" : ">";
    where += " AND (" + value_sql + " " + cmp + " ? OR (" + value_sql + " = ? AND id " + cmp + " ?))";
    db::Value v = cursor->value;
    if (numeric) {
      try {
        v = std::stoll(cursor->value);
      } catch (const std::exception&) {
        v = int64_t{0};
      }
    }
    params.push_back(v);
    params.push_back(v);
    params.emplace_back(cursor->id);
  }
  const char* dir = descending ? " DESC" : "";
  const std::string order_by = " ORDER BY " + value_sql + dir + ", id" + dir;
  // The page's ids first (from an index alone where the filters allow), then
  // only those rows in full: a scope of many owners sorts small keys, not rows.
  std::string sql = "SELECT " + select_columns() + ", " + value_sql + " FROM customers WHERE id IN (SELECT id FROM customers WHERE " +
                    where + order_by + " LIMIT ?)" + order_by;
  params.emplace_back(filter.limit + 1);
  auto rows = c.execute(sql, params);
  Page page;
  const size_t sort_column = customer_fields().size() + 1;
  for (size_t i = 0; i < rows.rows.size() && static_cast<int64_t>(i) < filter.limit; ++i) {
    page.items.push_back(customer_from_row(rows.rows[i]));
  }
  if (static_cast<int64_t>(rows.rows.size()) > filter.limit) {
    const auto& last = rows.rows[static_cast<size_t>(filter.limit) - 1];
    const std::string value = numeric ? std::to_string(last.integer(sort_column)) : last.text(sort_column);
    page.next_cursor = value + "|" + std::to_string(last.integer(0));
  }
  return page;
}

}  // namespace guanxi::customers::customer_repository
