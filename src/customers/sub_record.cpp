#include "customers/sub_record.h"

#include <boost/json.hpp>

#include <algorithm>
#include <array>

#include "customers/field_builders.h"

namespace guanxi::customers {
namespace {

using namespace std::string_view_literals;
using namespace field;

constexpr std::array kContactStatus{"active"sv, "left"sv};  // 在职 / 已离职
constexpr std::array kAccountPurpose{"settlement"sv, "billing"sv, "payment"sv};
constexpr std::array kAccountStatus{"active"sv, "cancelled"sv};
// 备注 / 重要联络 (CUS-20) / 重大事件 (CUS-20) / 合作记录 (CUS-18)
constexpr std::array kNoteCategory{"note"sv, "contact"sv, "event"sv, "cooperation"sv};

const std::vector<FieldSpec>& contact_fields() {
  static const std::vector<FieldSpec> fields = {
      text("name", 100),
      server(text("name_norm", 400), false),  // CUS-14: the search checks substrings against it
      choice("gender", choices::gender),
      text("title", 100),  // 职务/职称 as the person states it
      dict("position", "position"),
      text("department", 100),
      sensitive(text("mobile", 40)),
      sensitive(text("phone", 40)),
      sensitive(text("email", 254)),
      sensitive(text("wechat", 64)),
      sensitive(typed("birthday", FieldType::date)),
      typed("birthday_reminder", FieldType::flag),  // CUS-16: reminders switch per contact
      text("hobbies", 500),
      typed("decision_maker", FieldType::flag),
      choice("status", kContactStatus),
      text("notes", 1000),
      server(typed("created_by", FieldType::user_ref), false),
      server(typed("version", FieldType::integer), false),
      server(typed("created_at", FieldType::timestamp), false),
      server(typed("updated_at", FieldType::timestamp), false),
  };
  return fields;
}

const std::vector<FieldSpec>& account_fields() {
  static const std::vector<FieldSpec> fields = {
      text("account_name", 200),  // 户名
      text("bank_name", 200),     // 开户银行
      sensitive(text("account_number", 40)),
      text("tax_number", 40),     // 纳税人识别号, for invoices
      choice("purpose", kAccountPurpose),
      typed("is_default", FieldType::flag),
      text("notes", 500),
      server(choice("status", kAccountStatus)),
      server(text("cancel_reason", 500)),
      // Cancelled by deregistering the customer, so restoring it brings the account back (CUS-8).
      server(typed("cancelled_with_customer", FieldType::flag), false),
      server(typed("created_by", FieldType::user_ref), false),
      server(typed("version", FieldType::integer), false),
      server(typed("created_at", FieldType::timestamp), false),
      server(typed("updated_at", FieldType::timestamp), false),
  };
  return fields;
}

const std::vector<FieldSpec>& note_fields() {
  static const std::vector<FieldSpec> fields = {
      choice("category", kNoteCategory),
      text("title", 200),
      text("content", 4000),
      typed("occurred_on", FieldType::date),      // the day it happened; today when not given
      future(typed("end_on", FieldType::date)),   // a cooperation's end, may lie ahead
      typed("amount", FieldType::integer),        // a cooperation's value in fen
      server(text("author_name", 100), false),
      server(typed("unit_id", FieldType::integer), false),
      server(text("unit_name", 200), false),
      server(typed("created_by", FieldType::user_ref), false),
      server(typed("version", FieldType::integer), false),
      server(typed("created_at", FieldType::timestamp), false),
      server(typed("updated_at", FieldType::timestamp), false),
  };
  return fields;
}

bool integer_column(FieldType type) {
  return type == FieldType::integer || type == FieldType::score || type == FieldType::flag ||
         type == FieldType::user_ref || type == FieldType::timestamp;
}

std::string columns(const SubRecordKind& kind) {
  std::string out = "id, customer_id";
  for (const auto& spec : kind.fields) out += ", " + std::string(spec.key);
  return out;
}

SubRecord from_row(const SubRecordKind& kind, const db::Row& row) {
  SubRecord record;
  record.id = row.integer(0);
  record.customer_id = row.integer(1);
  for (size_t i = 0; i < kind.fields.size(); ++i) {
    const FieldSpec& spec = kind.fields[i];
    if (row.is_null(i + 2)) {
      record.set(spec.key, db::Null{});
    } else if (integer_column(spec.type)) {
      record.set(spec.key, row.integer(i + 2));
    } else {
      record.set(spec.key, row.text(i + 2));
    }
  }
  return record;
}

const db::Value kNull = db::Null{};

}  // namespace

const SubRecordKind& contact_kind() {
  static const SubRecordKind kind{"customer_contacts", "contact", "contacts", "name", contact_fields(), auth::perm::customer_update, true};
  return kind;
}

const SubRecordKind& account_kind() {
  static const SubRecordKind kind{"customer_accounts", "account", "accounts", "account_name", account_fields()};
  return kind;
}

const SubRecordKind& note_kind() {
  static const SubRecordKind kind{"customer_notes", "note", "notes", "title", note_fields(), auth::perm::customer_note_write, true};
  return kind;
}

std::span<const SubRecordKind* const> sub_record_kinds() {
  static const std::array<const SubRecordKind*, 3> kinds{&contact_kind(), &account_kind(), &note_kind()};
  return kinds;
}

const SubRecordKind* sub_record_kind_for_history(std::string_view key) {
  for (const SubRecordKind* kind : sub_record_kinds()) {
    if (key == kind->history_key) return kind;
  }
  return nullptr;
}

const FieldSpec* sub_field(const SubRecordKind& kind, std::string_view key) {
  auto it = std::find_if(kind.fields.begin(), kind.fields.end(), [&](const FieldSpec& f) { return f.key == key; });
  return it == kind.fields.end() ? nullptr : &*it;
}

const FieldSpec* history_field_spec(std::string_view field) {
  if (auto index = field_index(field)) return &customer_fields()[*index];
  const auto first = field.find('.');
  const auto last = field.rfind('.');
  if (first == std::string_view::npos || first == last) return nullptr;
  const SubRecordKind* kind = sub_record_kind_for_history(field.substr(0, first));
  return kind ? sub_field(*kind, field.substr(last + 1)) : nullptr;
}

const db::Value& SubRecord::get(std::string_view key) const {
  auto it = values.find(key);
  return it == values.end() ? kNull : it->second;
}

std::optional<std::string> SubRecord::text(std::string_view key) const {
  if (const auto* s = std::get_if<std::string>(&get(key))) return *s;
  return std::nullopt;
}

std::string SubRecord::text_or(std::string_view key, std::string fallback) const {
  auto value = text(key);
  return value ? *value : fallback;
}

std::optional<int64_t> SubRecord::integer(std::string_view key) const {
  if (const auto* i = std::get_if<int64_t>(&get(key))) return *i;
  return std::nullopt;
}

std::string sub_rule_key(const SubRecordKind& kind, std::string_view field) {
  return std::string(kind.name) + "." + std::string(field);
}

boost::json::object sub_record_json(const SubRecordKind& kind, const SubRecord& record, const MaskPatterns* masking,
                                    const auth::FieldRules& fields) {
  boost::json::object o{{"id", record.id}, {"customer_id", record.customer_id}};
  for (const auto& spec : kind.fields) {
    if (spec.key == "name_norm") continue;  // an index column
    if (!fields.empty() && fields.hidden(sub_rule_key(kind, spec.key))) continue;
    const db::Value& value = record.get(spec.key);
    const auto* s = std::get_if<std::string>(&value);
    o[spec.key] = masking && spec.sensitive && s ? boost::json::value(masking->mask(spec.key, *s)) : value_json(spec, value);
  }
  o["masked"] = masking != nullptr;
  return o;
}

namespace sub_record_repository {

std::vector<SubRecord> list(db::Connection& c, const SubRecordKind& kind, int64_t customer_id) {
  auto rows = c.query("SELECT " + columns(kind) + " FROM " + std::string(kind.table) +
                          " WHERE customer_id = ? ORDER BY id",
                      {customer_id});
  std::vector<SubRecord> out;
  for (const auto& row : rows.rows) out.push_back(from_row(kind, row));
  return out;
}

std::vector<SubRecord> list_for(db::Connection& c, const SubRecordKind& kind, const std::vector<int64_t>& customer_ids) {
  std::vector<SubRecord> out;
  if (customer_ids.empty()) return out;
  std::string marks;
  std::vector<db::Value> params;
  for (int64_t id : customer_ids) {
    marks += marks.empty() ? "?" : ", ?";
    params.push_back(id);
  }
  auto rows = c.execute("SELECT " + columns(kind) + " FROM " + std::string(kind.table) + " WHERE customer_id IN (" +
                            marks + ") ORDER BY customer_id, id",
                        params);
  for (const auto& row : rows.rows) out.push_back(from_row(kind, row));
  return out;
}

std::optional<SubRecord> find(db::Connection& c, const SubRecordKind& kind, int64_t customer_id, int64_t id) {
  auto rows = c.query("SELECT " + columns(kind) + " FROM " + std::string(kind.table) +
                          " WHERE id = ? AND customer_id = ?",
                      {id, customer_id});
  if (rows.empty()) return std::nullopt;
  return from_row(kind, rows.rows[0]);
}

int64_t insert(db::Connection& c, const SubRecordKind& kind, const SubRecord& record) {
  std::string names = "customer_id", marks = "?";
  std::vector<db::Value> params{record.customer_id};
  for (const auto& spec : kind.fields) {
    names += ", " + std::string(spec.key);
    marks += ", ?";
    params.push_back(record.get(spec.key));
  }
  auto rows = c.execute("INSERT INTO " + std::string(kind.table) + " (" + names + ") VALUES (" + marks +
                            ") RETURNING id",
                        params);
  return rows.rows.at(0).integer(0);
}

bool update(db::Connection& c, const SubRecordKind& kind, int64_t id, const FieldValues& changes,
            int64_t expected_version, int64_t now_ms) {
  std::string sql = "UPDATE " + std::string(kind.table) + " SET version = version + 1, updated_at = ?";
  std::vector<db::Value> params{now_ms};
  for (const auto& [key, value] : changes) {
    const FieldSpec* spec = sub_field(kind, key);
    if (!spec) throw std::logic_error("unknown field " + key);  // keys come from the catalogue, never raw input
    sql += ", " + std::string(spec->key) + " = ?";
    params.push_back(value);
  }
  sql += " WHERE id = ? AND version = ?";
  params.push_back(id);
  params.push_back(expected_version);
  return c.execute(sql, params).affected_rows == 1;
}

void move_all(db::Connection& c, const SubRecordKind& kind, int64_t from_customer_id, int64_t to_customer_id) {
  c.query("UPDATE " + std::string(kind.table) + " SET customer_id = ? WHERE customer_id = ?",
          {to_customer_id, from_customer_id});
}

void remove(db::Connection& c, const SubRecordKind& kind, int64_t id) {
  c.execute("DELETE FROM " + std::string(kind.table) + " WHERE id = ?", {id});
}

}  // namespace sub_record_repository
}  // namespace guanxi::customers
