#pragma once
// Contacts (CUS-4), accounts (CUS-7) and notes (CUS-18, CUS-20) of a
// customer. Every call goes through CustomerService::load_for, so the
// customer's scope rules hold: reading needs customer.read over the
// customer, changing needs the kind's write permission (customer.update;
// customer.note.write for notes, whose author or the customer's editors
// change or remove them). Changes are recorded in the customer's history as
// "contacts.<id>.<field>" (CUS-10) and in the audit log.
#include "customers/customer_service.h"
#include "customers/sub_record.h"

namespace guanxi::customers {

struct SubRecordList {
  std::vector<SubRecord> items;
  Unmasking unmasking;  // SEC-3: as for the customer's own detail
};

class SubRecordService {
 public:
  SubRecordService(db::Database& database, const Clock& clock, audit::AuditLog& audit, CustomerService& customers,
                   DictionaryService& dictionaries)
      : database_(database), clock_(clock), audit_(audit), customers_(customers), dictionaries_(dictionaries) {}

  // Errors: not_found (customer absent or out of scope).
  Result<SubRecordList> list(const auth::Principal& actor, const SubRecordKind& kind, int64_t customer_id);
  // Errors: not_found, forbidden, customer_deregistered, customer_abnormal, validation_failed.
  Result<SubRecord> create(const auth::Principal& actor, const SubRecordKind& kind, int64_t customer_id,
                           const FieldValues& input, const auth::ClientInfo& client);
  // As create, plus version_conflict (with the current record).
  Result<SubRecord> update(const auth::Principal& actor, const SubRecordKind& kind, int64_t customer_id, int64_t id,
                           const FieldValues& input, int64_t expected_version, const auth::ClientInfo& client);
  // Contacts are removed; accounts are cancelled with a reason and stay on record (CUS-7).
  Result<SubRecord> remove(const auth::Principal& actor, const SubRecordKind& kind, int64_t customer_id, int64_t id,
                           const std::string& reason, int64_t expected_version, const auth::ClientInfo& client);

  // SEC-3: how this caller gets the customer's contacts and accounts shown.
  Unmasking unmasking_for(const auth::Principal& actor, int64_t customer_id);

 private:
  struct Loaded {
    Customer customer;
    SubRecord record;
  };
  Result<Customer> load_customer(db::Connection& c, const auth::Principal& actor, const SubRecordKind& kind,
                                 int64_t customer_id);
  // CUS-20: who wrote a note and in which unit, as they were then.
  static void stamp_author(db::Connection& c, const auth::Principal& actor, SubRecord& record);
  Result<Loaded> load_record(db::Connection& c, const auth::Principal& actor, const SubRecordKind& kind,
                             int64_t customer_id, int64_t id, int64_t expected_version);
  std::optional<Error> check(db::Connection& c, const SubRecordKind& kind, SubRecord& next, const SubRecord* before,
                             const FieldValues& input);
  void after_change(db::Connection& c, const auth::Principal& actor, const auth::ClientInfo& client,
                    const SubRecordKind& kind, const Customer& customer, const std::string& action, int64_t id);
  // CUS-7: one default account per customer; choosing another clears the old one.
  void keep_one_default(db::Connection& c, const auth::Principal& actor, int64_t customer_id, int64_t default_id,
                        int64_t now);
  std::string history_field(const SubRecordKind& kind, int64_t id, std::string_view field = {}) const;

  db::Database& database_;
  const Clock& clock_;
  audit::AuditLog& audit_;
  CustomerService& customers_;
  DictionaryService& dictionaries_;
};

}  // namespace guanxi::customers
