#pragma once
// Records that live under one customer and have no life of their own:
// contacts (CUS-4), accounts (CUS-7) and notes (CUS-18, CUS-20). Each kind is a table with a
// customer_id, its own version, and a field catalogue like the customer's,
// so reading, storing, masking and history walk the same lists.
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "auth/permissions.h"
#include "customers/customer_fields.h"
#include "customers/customer_json.h"
#include "db/database.h"

namespace guanxi::customers {

struct SubRecordKind {
  std::string_view table;        // customer_contacts
  std::string_view name;         // contact: history "contacts.<id>.<field>", audit "customer.contact_added"
  std::string_view history_key;  // contacts
  std::string_view title_field;  // the field naming a record in history (name, account_name)
  std::span<const FieldSpec> fields;  // every stored column but id and customer_id
  std::string_view write_permission = auth::perm::customer_update;  // to add, change or remove one
  bool removable = false;  // DELETE removes it; otherwise it is cancelled and stays (accounts)
};

// CUS-4: name, title, phones, email, WeChat, birthday, hobbies, decision maker.
const SubRecordKind& contact_kind();
// CUS-7: billing and settlement accounts; cancelled with the customer (CUS-8).
const SubRecordKind& account_kind();
// CUS-18, CUS-20: notes, significant contacts, major events and cooperation
// records on the customer's timeline; written with customer.note.write.
const SubRecordKind& note_kind();
// Every kind, in the order a customer's page shows them.
std::span<const SubRecordKind* const> sub_record_kinds();
// The kind whose history_key is `key` ("contacts", "accounts", "notes"), if any.
const SubRecordKind* sub_record_kind_for_history(std::string_view key);

struct SubRecord {
  int64_t id = 0;
  int64_t customer_id = 0;
  FieldValues values;

  const db::Value& get(std::string_view key) const;
  void set(std::string_view key, db::Value value) { values.insert_or_assign(std::string(key), std::move(value)); }
  bool is_null(std::string_view key) const { return std::holds_alternative<db::Null>(get(key)); }
  std::optional<std::string> text(std::string_view key) const;
  std::string text_or(std::string_view key, std::string fallback = {}) const;
  std::optional<int64_t> integer(std::string_view key) const;
  bool flag(std::string_view key) const { return integer(key).value_or(0) != 0; }
  int64_t version() const { return integer("version").value_or(0); }
};

// The spec behind a history entry's field: "grade" (the customer's) or
// "contacts.12.mobile" (a contact's); nullptr for anything else.
const FieldSpec* history_field_spec(std::string_view field);

// The spec of `key` in `kind`, or nullptr.
const FieldSpec* sub_field(const SubRecordKind& kind, std::string_view key);

// ADR 0015: the key a field rule names a sub-record field by: "contact.mobile",
// "account.bank_name".
std::string sub_rule_key(const SubRecordKind& kind, std::string_view field);

// `masking`: the patterns to mask sensitive fields with; nullptr shows them in full.
// Fields hidden by `fields` are left out (ADR 0015).
boost::json::object sub_record_json(const SubRecordKind& kind, const SubRecord& record, const MaskPatterns* masking,
                                    const auth::FieldRules& fields = {});

namespace sub_record_repository {

// All of a customer's records of `kind`, oldest first (the order they were added).
std::vector<SubRecord> list(db::Connection& c, const SubRecordKind& kind, int64_t customer_id);
// The records of several customers (an export's page), by customer then id.
std::vector<SubRecord> list_for(db::Connection& c, const SubRecordKind& kind, const std::vector<int64_t>& customer_ids);
// CUS-11: a successor record takes over the contacts and accounts of the one it replaces.
void move_all(db::Connection& c, const SubRecordKind& kind, int64_t from_customer_id, int64_t to_customer_id);
std::optional<SubRecord> find(db::Connection& c, const SubRecordKind& kind, int64_t customer_id, int64_t id);
int64_t insert(db::Connection& c, const SubRecordKind& kind, const SubRecord& record);
// Writes `changes` if the stored version is still `expected_version`; bumps it.
bool update(db::Connection& c, const SubRecordKind& kind, int64_t id, const FieldValues& changes,
            int64_t expected_version, int64_t now_ms);
void remove(db::Connection& c, const SubRecordKind& kind, int64_t id);

}  // namespace sub_record_repository
}  // namespace guanxi::customers
