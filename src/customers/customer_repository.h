#pragma once
// SQL for the customers, customer_history, customer_code_counters and
// customer_search_terms tables (owned by the customer module). Every read
// that can return more than one known id takes the caller's OwnerScope and
// applies it in the WHERE clause (SEC-2, issue 4 point 3).
#include <optional>
#include <string>
#include <vector>

#include "auth/access_service.h"
#include "customers/customer.h"
#include "customers/customer_json.h"
#include "db/database.h"

namespace guanxi::customers::customer_repository {

// nullopt when absent or outside `scope`.
std::optional<Customer> find(db::Connection& c, int64_t id, const auth::OwnerScope& scope);
std::optional<Customer> find_any(db::Connection& c, int64_t id);
// Up to `limit` customers with ids above `after_id`, in id order, whatever their state.
std::vector<Customer> after_id(db::Connection& c, int64_t after_id, int64_t limit);

// A live (not abnormal) customer holding one of the identities, other than `exclude_id`.
struct IdentityKeys {
  std::optional<std::string> id_type, id_number, uscc, org_code;
};
std::optional<Customer> find_identity_clash(db::Connection& c, const IdentityKeys& keys, int64_t exclude_id);

// Throws db::UniqueViolation on an identity or code clash (a race lost).
int64_t insert(db::Connection& c, const Customer& customer);
// Writes `changes` when the stored version is still `expected_version`, bumps
// the version and updated_at; false when the version moved on.
bool update(db::Connection& c, int64_t id, const FieldValues& changes, int64_t expected_version, int64_t now_ms);

bool code_taken(db::Connection& c, const std::string& code);
// SEC-6: a departing owner's customers in one statement; returns their ids.
// CUS-16: a birthday to remind an owner of: the individual customer's own
// (contact_id 0) or a contact's, with the switch on. month_day is "MM-DD".
struct BirthdayRow {
  int64_t customer_id = 0;
  std::string code, name;
  int64_t contact_id = 0;
  std::string contact_name;
  std::string month_day;
};
// Live customers (not deregistered, not abnormal) owned by `owner_id`, and
// their active contacts, whose birthday falls on one of `month_days`.
std::vector<BirthdayRow> birthdays(db::Connection& c, int64_t owner_id, const std::vector<std::string>& month_days);

std::vector<int64_t> change_owner_of_all(db::Connection& c, int64_t from_owner, int64_t to_owner, int64_t now_ms);
// DOC-6: the next number for a code prefix (1, 2, …), inside the caller's write transaction.
int64_t next_code_number(db::Connection& c, const std::string& prefix);
// The number next_code_number would give, without taking it.
int64_t peek_code_number(db::Connection& c, const std::string& prefix);

struct HistoryEntry {
  int64_t id = 0;
  int64_t customer_id = 0;
  int64_t at = 0;
  std::optional<int64_t> user_id;
  std::string user_name;
  std::string action;
  std::optional<std::string> field, old_value, new_value;
};
void add_history(db::Connection& c, const HistoryEntry& entry);
// Newest first; `before_id` is the keyset cursor. Entries on `hidden_fields`
// are left out (ADR 0015).
std::vector<HistoryEntry> history(db::Connection& c, int64_t customer_id, std::optional<int64_t> before_id,
                                  int64_t limit, const std::vector<std::string>& hidden_fields = {});
// " AND (<column> IS NULL OR (<column> NOT IN (…) …))" over the history's
// field column, or "" when nothing is hidden; appends the parameters. A
// contact's or account's field ("contact.mobile") leaves out every record's
// entries on it ("contacts.<id>.mobile").
std::string hidden_fields_clause(const std::vector<std::string>& hidden_fields, std::vector<db::Value>& params,
                                 std::string_view column);

void replace_search_terms(db::Connection& c, int64_t customer_id, const std::vector<std::string>& terms);
// Terms of new customers (nothing to replace), many at once: sorted first, so
// the index grows at few places instead of a random page per row.
using TermRow = std::pair<std::string, int64_t>;  // term, customer id
void insert_new_search_terms(db::Connection& c, std::vector<TermRow>& rows);

struct ListFilter {
  std::vector<std::pair<std::string, std::string>> equals;  // catalogue column → value (text columns)
  std::optional<int64_t> owner_id;
  std::string region_prefix;  // "44" (province), "4403" (city), "440305"
  std::vector<std::pair<std::string, std::string>> custom_equals;  // CUS-6: custom field key → value text
  bool with_people = false;  // CUS-15: individuals, and organizations with a contact (the address book)
  std::string sort = "updated_desc";  // updated_desc | created_desc | name | grade
  std::optional<std::string> cursor;  // opaque, from next_cursor
  int64_t limit = 50;
};
struct Page {
  std::vector<Customer> items;
  std::optional<std::string> next_cursor;
};
// Unknown sort keys and malformed cursors are the API's to refuse; here they
// are treated as absent.
Page list(db::Connection& c, const ListFilter& filter, const auth::OwnerScope& scope);

// The scope as SQL: "" for all, else an owner_id IN (…) clause with one
// parameter (the owner ids as a JSON array) appended to `params`.
std::string scope_clause(db::Dialect dialect, const auth::OwnerScope& scope, std::vector<db::Value>& params,
                         std::string_view column = "owner_id");
// Scope and filters of a list as a WHERE condition over `alias` (e.g. "c."),
// appending their parameters.
std::string filter_clause(db::Dialect dialect, const ListFilter& filter, const auth::OwnerScope& scope,
                          std::vector<db::Value>& params, std::string_view alias);
// The catalogue columns in SELECT order, prefixed "id, ".
const std::string& select_columns(std::string_view table_alias = "");
Customer customer_from_row(const db::Row& row);

}  // namespace guanxi::customers::customer_repository
