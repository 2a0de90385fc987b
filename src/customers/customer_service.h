#pragma once
// The customer archive's rules (CUS-1…CUS-21): validation, identity and
// uniqueness, lifecycle, verification, black/white list, history, suggested
// grade, and the caller's data scope on every read and write (SEC-2, SEC-4).
//
// Scope rules: a customer outside the caller's customer.read scope does not
// exist for them (404). One they can see but whose owner is outside the scope
// of the permission an action needs is 403. Changing the owner needs
// customer.assign covering both the old and the new owner, so only a
// group-wide grant moves customers between segments. Contacts and accounts
// (SubRecordService) go through the same load_for.
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "audit/access_log.h"
#include "audit/audit_log.h"
#include "auth/access_service.h"
#include "auth/user_service.h"
#include "core/clock.h"
#include "customers/custom_field_service.h"
#include "customers/customer_code.h"
#include "customers/customer_json.h"
#include "customers/customer_repository.h"
#include "customers/dictionary.h"
#include "customers/customer_rules.h"
#include "customers/customer_search.h"
#include "customers/masking_service.h"
#include "db/savepoint.h"

namespace guanxi::customers {

struct CustomerSettings {
  std::chrono::milliseconds reveal_window = std::chrono::minutes(10);  // SEC-7
};

struct CustomerPage {
  std::vector<Customer> items;
  std::optional<std::string> next_cursor;
};

struct SearchRequest {
  std::string q;
  customer_repository::ListFilter filter;
};

// SEC-3, SEC-7: how one record shows to one caller.
struct Unmasking {
  bool revealable = false;       // customer.sensitive.read covers the record's owner
  std::optional<int64_t> until;  // a reveal of this caller's is running until then
  SharedMaskPatterns patterns;   // the patterns in force (issue 4 point 4)
  auth::FieldRules fields;       // ADR 0015: what the caller may not see at all
  bool masked() const { return !until; }
  // What to mask with, or nullptr when the caller sees the record in full.
  const MaskPatterns* masking() const {
    return !masked() ? nullptr : patterns ? patterns.get() : &MaskPatterns::defaults();
  }
};

// How a record shows to the caller an Unmasking was computed for.
inline CustomerView customer_view(const Unmasking& unmasking) {
  CustomerView view;
  view.masked = unmasking.masked();
  if (const auto* masking = unmasking.masking()) view.patterns = masking;
  view.revealable = unmasking.revealable;
  view.revealed_until = unmasking.until;
  view.fields = unmasking.fields;
  return view;
}

struct BatchOutcome {
  int64_t id = 0;
  std::optional<Error> error;
};

class CustomerService {
 public:
  CustomerService(db::Database& database, const Clock& clock, audit::AuditLog& audit, audit::AccessLog& access_log,
                  auth::AccessService& access, auth::UserService& users, DictionaryService& dictionaries,
                  CustomFieldService& custom_fields, CustomerRulesService& rules, MaskingService& masking,
                  CustomerSettings settings = {})
      : database_(database),
        clock_(clock),
        audit_(audit),
        access_log_(access_log),
        access_(access),
        users_(users),
        dictionaries_(dictionaries),
        custom_fields_(custom_fields),
        rules_(rules),
        masking_(masking),
        settings_(std::move(settings)) {}

  // Errors: validation_failed, invalid_id_number / invalid_uscc /
  // invalid_org_code (422), duplicate_customer (409), forbidden.
  Result<Customer> create(const auth::Principal& actor, const CustomerInput& input, const auth::ClientInfo& client);
  // Many creates in one transaction (demo data, bulk loads): each input is
  // checked like create; one that fails is skipped with its error, the rest
  // commit together. Returns the outcome per input (id 0 when skipped).
  std::vector<BatchOutcome> create_batch(const auth::Principal& actor, const std::vector<CustomerInput>& inputs,
                                         const auth::ClientInfo& client);
  // Errors: not_found (absent or out of scope).
  Result<Customer> get(const auth::Principal& actor, int64_t id);
  // get, recorded in the access log as a detail view (SEC-7).
  Result<Customer> view(const auth::Principal& actor, int64_t id, const auth::ClientInfo& client);
  // SEC-3, SEC-7: shows this caller the record unmasked (and its contacts,
  // accounts and history) for the reveal window, with a stated reason that
  // goes to the access log and the audit log.
  // Errors: not_found, forbidden (no customer.sensitive.read over its owner).
  Result<Customer> reveal(const auth::Principal& actor, int64_t id, const std::string& reason,
                          const auth::ClientInfo& client);
  // SEC-7: who consulted this customer; customer.access_log.read over its owner.
  Result<std::vector<audit::StoredAccessEntry>> access_history(const auth::Principal& actor, int64_t id,
                                                               audit::AccessQuery query);
  // Errors: not_found, forbidden, version_conflict (with the current record),
  // identity_locked, duplicate_customer, customer_deregistered,
  // customer_abnormal, validation errors as for create.
  Result<Customer> update(const auth::Principal& actor, int64_t id, const CustomerInput& input,
                          int64_t expected_version, const auth::ClientInfo& client);
  // A page of the customers `permission` covers, as list() finds them but not
  // logged: for an export, which logs what it writes itself.
  Result<CustomerPage> read_page(const auth::Principal& actor, const SearchRequest& request,
                                 std::string_view permission);
  // A page of customers, recorded in the access log as a bulk read (SEC-7).
  Result<CustomerPage> list(const auth::Principal& actor, const SearchRequest& request,
                            const auth::ClientInfo& client);
  // Recorded in the access log (SEC-7).
  Result<std::vector<customer_repository::HistoryEntry>> history(const auth::Principal& actor, int64_t id,
                                                                 std::optional<int64_t> before_id, int64_t limit,
                                                                 const auth::ClientInfo& client);
  // CUS-8: deregister (with a reason) and restore to the status it had.
  Result<Customer> deregister(const auth::Principal& actor, int64_t id, const std::string& reason,
                              int64_t expected_version, const auth::ClientInfo& client);
  Result<Customer> restore(const auth::Principal& actor, int64_t id, int64_t expected_version,
                           const auth::ClientInfo& client);
  // CUS-12: leaving "pending" locks the identity for good (CUS-11).
  Result<Customer> set_verification(const auth::Principal& actor, int64_t id, const std::string& status,
                                    const auth::ClientInfo& client);
  std::vector<BatchOutcome> set_verification_batch(const auth::Principal& actor, const std::vector<int64_t>& ids,
                                                   const std::string& status, const auth::ClientInfo& client);
  // CUS-21
  Result<Customer> set_list_status(const auth::Principal& actor, int64_t id, const std::string& list_status,
                                   const std::string& reason, int64_t expected_version,
                                   const auth::ClientInfo& client);
  // CUS-11: marks the record abnormal and creates its successor with the
  // corrected identity; the two link to each other.
  Result<Customer> replace(const auth::Principal& actor, int64_t id, const CustomerInput& identity,
                           const std::string& reason, const auth::ClientInfo& client);

  // SEC-6: every customer of `from` (whatever its status) passes to `to`, each
  // with a history entry (action handed_over, field owner_id). Inside the
  // caller's write transaction; returns how many.
  int64_t hand_over_all(db::Connection& c, const auth::Actor& actor, int64_t from, int64_t to);

  // The record for an action needing `permission`: 404 outside the read
  // scope, 403 outside the permission's scope.
  Result<Customer> load_for(db::Connection& c, const auth::Principal& actor, int64_t id, std::string_view permission);
  // Whether `permission` covers this visible record's owner (no 403 of its own).
  bool may(db::Connection& c, const auth::Principal& actor, std::string_view permission, const Customer& customer) {
    return access_.owner_scope(c, actor, permission).covers(customer.owner_id());
  }
  // 409 customer_abnormal / customer_deregistered when the record takes no more edits.
  static std::optional<Error> refuse_if_closed(const Customer& customer);
  // CUS-14: rebuilds the customer's search terms (its names, phones and contacts).
  void refresh_search_terms(db::Connection& c, const Customer& customer);
  // `guanxi reindex`: rebuilds every customer's search terms, 1 000 to a
  // transaction, after an upgrade that indexes more (e.g. custom-field text,
  // session 11). `progress` is told the running count. Returns the total.
  int64_t reindex_search_terms(const std::function<void(int64_t)>& progress);

  // SEC-3: whether this caller sees sensitive fields of a single record
  // unmasked: the customer.sensitive.read grant covers the record's owner and
  // the caller revealed it (with a reason) within the reveal window.
  Unmasking unmasking(const auth::Principal& actor, const Customer& customer);
  // How lists show every record: masked, with the patterns in force (SEC-3).
  Unmasking list_unmasking(const auth::Principal& actor) {
    return Unmasking{false, std::nullopt, masking_.current(), actor.field_rules};
  }
  Unmasking unmasking(db::Connection& c, const auth::Principal& actor, const Customer& customer);
  bool sees_sensitive(db::Connection& c, const auth::Principal& actor, const Customer& customer) {
    return !unmasking(c, actor, customer).masked();
  }
  std::map<int64_t, std::string> owner_names(const std::vector<Customer>& customers);
  // CUS-16: the birthdays to remind `actor` of (customers it owns and may
  // read, and their contacts) falling on `month_days` ("MM-DD").
  std::vector<customer_repository::BirthdayRow> birthdays(db::Connection& c, const auth::Principal& actor,
                                                          const std::vector<std::string>& month_days);
  // The customer if `actor` may read it, else nullopt (no error: callers show
  // or hide a link to it).
  std::optional<Customer> find_readable(db::Connection& c, const auth::Principal& actor, int64_t id) {
    return customer_repository::find(c, id, access_.owner_scope(c, actor, auth::perm::customer_read));
  }
  const CustomerSettings& settings() const { return settings_; }

 private:
  // `deferred_terms`: when given, the new customer's search terms are added
  // there for the caller to insert with the rest of a batch.
  Result<Customer> insert_new(db::Connection& c, const auth::Principal& actor, const CustomerInput& input,
                              const auth::ClientInfo& client, const Customer* replaced,
                              std::vector<customer_repository::TermRow>* deferred_terms = nullptr);
  std::optional<Error> check_record(db::Connection& c, const auth::Principal& actor, Customer& next,
                                    const Customer* before, const CustomerInput& input);
  std::optional<Error> check_owner_change(db::Connection& c, const auth::Principal& actor, int64_t from,
                                          int64_t to);
  std::optional<Error> check_identity_unique(db::Connection& c, const auth::Principal& actor, const Customer& next);
  void derive(db::Connection& c, Customer& next);
  // ADR 0015: for a caller with hidden text custom fields or a hidden short
  // name, the check that keeps those from finding customers in the search box;
  // else empty.
  TermMatchCheck hidden_text_check(db::Connection& c, const auth::Principal& actor);
  // A savepoint around writing `next` when a concurrent write may claim its identity first.
  std::unique_ptr<db::Savepoint> identity_savepoint(db::Connection& c, const Customer& next);
  void write_history(db::Connection& c, const auth::Principal& actor, const Customer& before,
                     const Customer& after, const std::string& action);
  void write_custom_history(db::Connection& c, const auth::Principal& actor, int64_t id, int64_t now,
                            const std::string& action, const std::string& before_text, const std::string& after_text);
  void record_access(const auth::Principal& actor, const auth::ClientInfo& client, const std::string& action,
                     const std::vector<Customer>& customers, const std::string& detail = "");
  void record_event(db::Connection& c, const auth::Principal& actor, const auth::ClientInfo& client,
                    const std::string& action, int64_t id, const std::string& detail);
  // CUS-8: accounts follow the customer into and out of deregistration.
  std::optional<Error> cascade_accounts(db::Connection& c, const auth::Principal& actor, const Customer& customer,
                                        bool deregistered);
  Result<Customer> apply_server_change(const auth::Principal& actor, int64_t id, std::string_view permission,
                                       std::optional<int64_t> expected_version, const auth::ClientInfo& client,
                                       const std::string& action,
                                       const std::function<std::optional<Error>(const Customer&, FieldValues&)>& change,
                                       const std::function<std::optional<Error>(db::Connection&, const Customer&)>& also = {});

  db::Database& database_;
  const Clock& clock_;
  audit::AuditLog& audit_;
  audit::AccessLog& access_log_;
  auth::AccessService& access_;
  auth::UserService& users_;
  DictionaryService& dictionaries_;
  CustomFieldService& custom_fields_;
  CustomerRulesService& rules_;  // DOC-6, CUS-9: code and grade rules
  MaskingService& masking_;      // SEC-3: masking patterns
  CustomerSettings settings_;
};

}  // namespace guanxi::customers
