#pragma once
// CUS-6: administrators define custom fields (settings.manage); every
// customer write checks its `custom` values against the definitions here.
#include <boost/json/object.hpp>
#include <string>
#include <string_view>
#include <vector>

#include "audit/audit_log.h"
#include "auth/user.h"
#include "core/clock.h"
#include "core/error.h"
#include "customers/custom_field.h"
#include "db/database.h"

namespace guanxi::customers {

class CustomFieldService {
 public:
  CustomFieldService(db::Database& database, const Clock& clock, audit::AuditLog& audit)
      : database_(database), clock_(clock), audit_(audit) {}

  // Every definition, retired ones included (old values stay readable), in display order.
  std::vector<CustomField> list();
  // Errors: validation_failed, duplicate_custom_field (409).
  Result<CustomField> create(const auth::Principal& actor, const boost::json::object& body,
                             const auth::ClientInfo& client);
  // Errors: not_found, version_conflict, validation_failed (options may not be
  // removed, only retired; key and type are read_only), custom_values_not_unique
  // (409, turning `unique` on while two customers share a value).
  Result<CustomField> update(const auth::Principal& actor, int64_t id, const boost::json::object& body,
                             int64_t expected_version, const auth::ClientInfo& client);

  // The customer's custom values after a write: `stored` (the record's, {} on
  // create) with the members of `sent` (the body's `custom`, nullptr when
  // absent) applied; null clears a member. A member equal to the stored one is
  // kept as it is (a form echoing the whole object, a retired field or option).
  // Field errors go to `errors` as custom.<key>. `self_id` is the record's id
  // (0 on create): its own values do not count as taken.
  boost::json::object apply_values(db::Connection& c, const boost::json::object& stored,
                                   const boost::json::object* sent, std::string_view kind, bool creating,
                                   int64_t self_id, std::vector<FieldError>& errors);
  // CUS-6, CUS-14: the values of the text fields in `custom_json` (the record's
  // `custom`), which the search box finds like a name.
  std::vector<std::string> searchable_texts(db::Connection& c, const std::string& custom_json);
  // Rewrites the value index of one customer.
  void index_values(db::Connection& c, int64_t customer_id, const boost::json::object& custom);

 private:
  db::Database& database_;
  const Clock& clock_;
  audit::AuditLog& audit_;
};

}  // namespace guanxi::customers
