#include "customers/sub_record_service.h"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

#include "auth/org_service.h"
#include "customers/customer_field_rules.h"
#include "customers/record_checks.h"
#include "search/text_normalize.h"

namespace guanxi::customers {
namespace {

using auth::ClientInfo;
using auth::Principal;
namespace perm = auth::perm;

bool is_account(const SubRecordKind& kind) { return &kind == &account_kind(); }

// Bank account numbers are written in groups ("6222 0202 …"); digits are what count.
std::optional<std::string> normalized_account_number(const std::string& text) {
  std::string digits;
  for (char ch : text) {
    if (ch == ' ' || ch == '-') continue;
    if (ch < '0' || ch > '9') return std::nullopt;
    digits.push_back(ch);
  }
  if (digits.size() < 6 || digits.size() > 32) return std::nullopt;
  return digits;
}

// 纳税人识别号: 15 to 20 letters and digits (the old 15-digit form up to the
// 18-character USCC and 20-character personal numbers), upper case.
std::optional<std::string> normalized_tax_number(const std::string& text) {
  std::string out;
  for (char ch : text) {
    if (!std::isalnum(static_cast<unsigned char>(ch))) return std::nullopt;
    out.push_back(static_cast<char>(std::toupper(static_cast<unsigned char>(ch))));
  }
  if (out.size() < 15 || out.size() > 20) return std::nullopt;
  return out;
}

Error version_conflict(const SubRecordKind& kind, const SubRecord& current, const Unmasking& shown) {
  Error conflict = Error::make(409, "version_conflict");
  conflict.extensions_json =
      boost::json::serialize(boost::json::object{{"current", sub_record_json(kind, current, shown.masking(), shown.fields)}});
  return conflict;
}

}  // namespace

std::string SubRecordService::history_field(const SubRecordKind& kind, int64_t id, std::string_view field) const {
  std::string key = std::string(kind.history_key) + "." + std::to_string(id);
  if (!field.empty()) key += "." + std::string(field);
  return key;
}

void SubRecordService::keep_one_default(db::Connection& c, const Principal& actor, int64_t customer_id,
                                        int64_t default_id, int64_t now) {
  const auto& kind = account_kind();
  for (const auto& other : sub_record_repository::list(c, kind, customer_id)) {
    // Cancelled accounts stay as they were cancelled: no edits, no new versions.
    if (other.id == default_id || !other.flag("is_default") || other.text_or("status") != "active") continue;
    sub_record_repository::update(c, kind, other.id, {{"is_default", int64_t{0}}}, other.version(), now);
    customer_repository::add_history(c, {0, customer_id, now, actor.user_id, actor.username, "account_updated",
                                         history_field(kind, other.id, "is_default"), "1", "0"});
  }
}

Result<Customer> SubRecordService::load_customer(db::Connection& c, const Principal& actor, const SubRecordKind& kind,
                                                 int64_t customer_id) {
  auto customer = customers_.load_for(c, actor, customer_id, kind.write_permission);
  if (!customer) return fail(customer.error());
  if (auto closed = CustomerService::refuse_if_closed(*customer)) return fail(*closed);
  return customer;
}

Result<SubRecordService::Loaded> SubRecordService::load_record(db::Connection& c, const Principal& actor,
                                                               const SubRecordKind& kind, int64_t customer_id,
                                                               int64_t id, int64_t expected_version) {
  // The same order of checks as a customer PATCH: scope, version, then whether it takes edits.
  auto customer = customers_.load_for(c, actor, customer_id, kind.write_permission);
  if (!customer) return fail(customer.error());
  auto record = sub_record_repository::find(c, kind, customer_id, id);
  if (!record) return fail(Error::not_found());
  // CUS-20: anyone who may record a note may not rewrite a colleague's; the
  // customer's editors may (a wrong entry must be correctable).
  if (kind.write_permission != perm::customer_update && record->integer("created_by") != actor.user_id &&
      !customers_.may(c, actor, perm::customer_update, *customer)) {
    return fail(Error::forbidden());
  }
  if (record->version() != expected_version) return fail(version_conflict(kind, *record, customers_.unmasking(c, actor, *customer)));
  if (auto closed = CustomerService::refuse_if_closed(*customer)) return fail(*closed);
  return Loaded{std::move(*customer), std::move(*record)};
}

std::optional<Error> SubRecordService::check(db::Connection& c, const SubRecordKind& kind, SubRecord& next,
                                             const SubRecord* before, const FieldValues& input) {
  std::vector<FieldError> errors;
  if (next.is_null(kind.title_field)) errors.push_back({std::string(kind.title_field), "required"});
  for (std::string_view key : {"status", "category", "occurred_on"}) {
    if (sub_field(kind, key) && next.is_null(key)) errors.push_back({std::string(key), "required"});
  }
  // CUS-18: a cooperation ends on or after the day it began.
  if (!next.is_null("end_on") && !next.is_null("occurred_on") && next.text_or("end_on") < next.text_or("occurred_on")) {
    errors.push_back({"end_on", "out_of_range"});
  }
  check_formats(c, dictionaries_, kind.fields, input, next, before, business_date(clock_.now_ms()), errors);
  if (is_account(kind)) {
    if (input.contains("account_number") && !next.is_null("account_number")) {
      auto digits = normalized_account_number(next.text_or("account_number"));
      if (!digits && next.text_or("account_number").find("***") == std::string::npos) {
        errors.push_back({"account_number", "invalid_format"});
      }
      if (digits) next.set("account_number", *digits);
    }
    if (input.contains("tax_number") && !next.is_null("tax_number")) {
      auto tax = normalized_tax_number(next.text_or("tax_number"));
      if (!tax) errors.push_back({"tax_number", "invalid_format"});
      if (tax) next.set("tax_number", *tax);
    }
  }
  if (errors.empty()) {
    if (sub_field(kind, "name_norm")) next.set("name_norm", search::normalize(next.text_or("name")));
    return std::nullopt;
  }
  return Error::validation(std::move(errors));
}

void SubRecordService::after_change(db::Connection& c, const Principal& actor, const ClientInfo& client,
                                    const SubRecordKind& kind, const Customer& customer, const std::string& action,
                                    int64_t id) {
  if (&kind == &contact_kind()) customers_.refresh_search_terms(c, customer);
  boost::json::object detail{{std::string(kind.name) + "_id", id}};
  audit_.record(c, {actor.user_id, actor.username, "customer." + std::string(kind.name) + "_" + action,
                    "customer:" + std::to_string(customer.id), client.ip, client.user_agent,
                    boost::json::serialize(detail)});
}

void SubRecordService::stamp_author(db::Connection& c, const Principal& actor, SubRecord& record) {
  record.set("author_name", actor.display_name.empty() ? actor.username : actor.display_name);
  if (!actor.unit_id) return;
  record.set("unit_id", *actor.unit_id);
  if (auto name = auth::OrgService::unit_name(c, *actor.unit_id)) record.set("unit_name", *name);
}

Unmasking SubRecordService::unmasking_for(const Principal& actor, int64_t customer_id) {
  auto c = database_.acquire();
  auto customer = customers_.load_for(*c, actor, customer_id, perm::customer_read);
  if (!customer) return {};  // masked with the default patterns; the caller answers an error anyway
  return customers_.unmasking(*c, actor, *customer);
}

Result<SubRecordList> SubRecordService::list(const Principal& actor, const SubRecordKind& kind, int64_t customer_id) {
  auto c = database_.acquire();
  auto customer = customers_.load_for(*c, actor, customer_id, perm::customer_read);
  if (!customer) return fail(customer.error());
  return SubRecordList{sub_record_repository::list(*c, kind, customer_id), customers_.unmasking(*c, actor, *customer)};
}

Result<SubRecord> SubRecordService::create(const Principal& actor, const SubRecordKind& kind, int64_t customer_id,
                                           const FieldValues& input, const ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto customer = load_customer(*c, actor, kind, customer_id);
  if (!customer) return fail(customer.error());
  if (auto denied = check_sub_record_writes(actor.field_rules, kind, input, nullptr)) return fail(*denied);  // ADR 0015
  SubRecord next;
  next.customer_id = customer_id;
  for (const auto& spec : kind.fields) {
    auto it = input.find(spec.key);
    next.set(spec.key, it != input.end() ? it->second : db::Value(db::Null{}));
    if (spec.type == FieldType::flag && next.is_null(spec.key)) next.set(spec.key, int64_t{0});
  }
  const int64_t now = clock_.now_ms();
  if (sub_field(kind, "status") && next.is_null("status")) next.set("status", std::string("active"));
  if (sub_field(kind, "occurred_on") && next.is_null("occurred_on")) next.set("occurred_on", business_date_iso(now));
  if (sub_field(kind, "author_name")) stamp_author(*c, actor, next);
  next.set("created_by", actor.user_id);
  next.set("version", int64_t{1});
  next.set("created_at", now);
  next.set("updated_at", now);
  if (auto invalid = check(*c, kind, next, nullptr, input)) return fail(*invalid);
  next.id = sub_record_repository::insert(*c, kind, next);
  customer_repository::add_history(*c, {0, customer_id, now, actor.user_id, actor.username,
                                        std::string(kind.name) + "_added", history_field(kind, next.id),
                                        std::nullopt, next.text(kind.title_field)});
  if (is_account(kind) && next.flag("is_default")) keep_one_default(*c, actor, customer_id, next.id, now);
  after_change(*c, actor, client, kind, *customer, "added", next.id);
  tx.commit();
  return next;
}

Result<SubRecord> SubRecordService::update(const Principal& actor, const SubRecordKind& kind, int64_t customer_id,
                                           int64_t id, const FieldValues& input, int64_t expected_version,
                                           const ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto loaded = load_record(*c, actor, kind, customer_id, id, expected_version);
  if (!loaded) return fail(loaded.error());
  const SubRecord& current = loaded->record;
  if (is_account(kind) && current.text_or("status") != "active") return fail(Error::make(409, "account_cancelled"));
  if (auto denied = check_sub_record_writes(actor.field_rules, kind, input, &current)) return fail(*denied);
  SubRecord next = current;
  for (const auto& [key, value] : input) next.set(key, value);
  if (auto invalid = check(*c, kind, next, &current, input)) return fail(*invalid);
  FieldValues changes;
  for (const auto& spec : kind.fields) {
    if (next.get(spec.key) != current.get(spec.key)) changes.emplace(std::string(spec.key), next.get(spec.key));
  }
  if (changes.empty()) return current;  // nothing to write, no version bump
  const int64_t now = clock_.now_ms();
  if (!sub_record_repository::update(*c, kind, id, changes, expected_version, now)) {
    return fail(Error::make(409, "version_conflict"));
  }
  for (const auto& spec : kind.fields) {
    if (!spec.history || !changes.contains(spec.key)) continue;
    customer_repository::add_history(*c, {0, customer_id, now, actor.user_id, actor.username,
                                          std::string(kind.name) + "_updated", history_field(kind, id, spec.key),
                                          value_as_text(current.get(spec.key)), value_as_text(next.get(spec.key))});
  }
  next.set("version", expected_version + 1);
  next.set("updated_at", now);
  if (is_account(kind) && changes.contains("is_default") && next.flag("is_default")) {
    keep_one_default(*c, actor, customer_id, id, now);
  }
  after_change(*c, actor, client, kind, loaded->customer, "updated", id);
  tx.commit();
  return next;
}

Result<SubRecord> SubRecordService::remove(const Principal& actor, const SubRecordKind& kind, int64_t customer_id,
                                           int64_t id, const std::string& reason, int64_t expected_version,
                                           const ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto loaded = load_record(*c, actor, kind, customer_id, id, expected_version);
  if (!loaded) return fail(loaded.error());
  SubRecord record = loaded->record;
  const int64_t now = clock_.now_ms();
  if (is_account(kind)) {
    // CUS-7: a cancelled account stays on record (payments and invoices point at it).
    if (record.text_or("status") != "active") return fail(Error::make(409, "account_cancelled"));
    FieldValues changes{{"status", std::string("cancelled")}, {"cancel_reason", reason}};
    // A cancelled account cannot be where payments go by default (CUS-7).
    if (record.flag("is_default")) changes.emplace("is_default", int64_t{0});
    if (!sub_record_repository::update(*c, kind, id, changes, expected_version, now)) {
      return fail(Error::make(409, "version_conflict"));
    }
    for (const auto& [key, value] : changes) {
      customer_repository::add_history(*c, {0, customer_id, now, actor.user_id, actor.username, "account_cancelled",
                                            history_field(kind, id, key), value_as_text(record.get(key)),
                                            value_as_text(value)});
      record.set(key, value);
    }
    record.set("version", expected_version + 1);
    record.set("updated_at", now);  // the answer shows the record as stored
    after_change(*c, actor, client, kind, loaded->customer, "cancelled", id);
  } else {
    sub_record_repository::remove(*c, kind, id);
    customer_repository::add_history(*c, {0, customer_id, now, actor.user_id, actor.username,
                                          std::string(kind.name) + "_removed", history_field(kind, id),
                                          record.text(kind.title_field), std::nullopt});
    after_change(*c, actor, client, kind, loaded->customer, "removed", id);
  }
  tx.commit();
  return record;
}

}  // namespace guanxi::customers
