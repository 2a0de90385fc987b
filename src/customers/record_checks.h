#pragma once
// Format rules shared by customers, contacts and accounts: phones, e-mail,
// dates not in the future (unless a field says so), dictionary codes, and masked values refused
// (CUS-2, CUS-5, SEC-3). Works on any record type with text/is_null/set.
#include <span>
#include <string>
#include <vector>

#include "core/error.h"
#include "core/identity.h"
#include "customers/customer_fields.h"
#include "customers/customer_json.h"
#include "customers/dictionary.h"

namespace guanxi::customers {

// YYYY-MM-DD as the number YYYYMMDD (business_date's form).
int date_number(const std::string& iso);

// Checks and normalizes the fields of `input` in `next` against `fields`.
// `before` is the stored record on an update (a retired dictionary code it
// already has stays allowed), nullptr on create.
template <class Record>
void check_formats(db::Connection& c, DictionaryService& dictionaries, std::span<const FieldSpec> fields,
                   const FieldValues& input, Record& next, const Record* before, int today,
                   std::vector<FieldError>& errors) {
  for (const auto& spec : fields) {
    if (!input.contains(spec.key) || next.is_null(spec.key)) continue;
    const std::string key(spec.key);
    const std::string value = next.text_or(spec.key);
    // SEC-3: a masked value shown to the caller is never written back as data.
    if (spec.sensitive && value.find("***") != std::string::npos) {
      errors.push_back({key, "masked_value"});
      continue;
    }
    if (key == "phone" || key == "mobile" || key == "fax") {
      auto checked = identity::check_phone(value);
      if (!checked.ok()) {
        errors.push_back({key, "invalid_format"});
      } else {
        next.set(key, checked.normalized);
      }
    } else if (key == "email") {
      auto checked = identity::check_email(value);
      if (!checked.ok()) {
        errors.push_back({key, "invalid_format"});
      } else {
        next.set(key, checked.normalized);
      }
    } else if (spec.type == FieldType::date && !spec.may_be_future && date_number(value) > today) {
      errors.push_back({key, "out_of_range"});  // birthdays and founding dates are in the past
    } else if (spec.type == FieldType::dictionary) {
      // CUS-5: dictionary codes must exist; a retired one stays only where it already was.
      auto item = dictionaries.find(c, spec.dictionary, value);
      const bool unchanged = before && before->text(spec.key) == value;
      if (!item || (item->retired && !unchanged)) errors.push_back({key, "unknown_value"});
    }
  }
}

}  // namespace guanxi::customers
