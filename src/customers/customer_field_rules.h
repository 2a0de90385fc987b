#pragma once
// Field-level permissions on customers (ADR 0015, issue 4 point 2): which
// fields a role may rule, and the checks that keep a hidden or read-only
// field from being written, filtered or sorted on. Reads leave hidden fields
// out in append_customer_json (CustomerView::fields).
#include <optional>
#include <vector>

#include "auth/field_rules.h"
#include "core/error.h"
#include "customers/custom_field.h"
#include "customers/customer.h"
#include "customers/customer_json.h"
#include "customers/customer_repository.h"
#include "customers/sub_record.h"

namespace guanxi::customers {

// The catalogue fields that may be ruled, then custom.<key> of every custom
// field, then contact.<key> and account.<key>. A record's identity and
// bookkeeping (code, kind, name, status, owner, version, timestamps) and the
// black-list flag (CUS-21: shown wherever the customer appears) are never hidden.
std::vector<auth::RulableField> rulable_customer_fields(const std::vector<CustomField>& custom_fields);

// 403 field_forbidden naming each hidden or read-only field that `input`
// would change from its value in `before` (nothing: a new record). A value
// sent back unchanged by a form passes.
std::optional<Error> check_field_writes(const auth::FieldRules& rules, const CustomerInput& input,
                                        const Customer* before);

// The same for a contact's or an account's fields (contact.<key>, account.<key>).
std::optional<Error> check_sub_record_writes(const auth::FieldRules& rules, const SubRecordKind& kind,
                                             const FieldValues& input, const SubRecord* before);

// 403 field_forbidden naming `errors`' fields (each `hidden` or `read_only`).
Error field_forbidden(std::vector<FieldError> errors);

// 403 field_forbidden for a filter or sort on a hidden field: its values
// could otherwise be learnt by filtering.
std::optional<Error> check_field_filters(const auth::FieldRules& rules, const customer_repository::ListFilter& filter);

// The custom object text without the members hidden by `rules`.
std::string visible_custom_json(const auth::FieldRules& rules, const std::string& stored);

}  // namespace guanxi::customers
