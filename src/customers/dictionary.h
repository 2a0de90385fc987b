#pragma once
// CUS-5: admin-managed value lists (customer type, industry, source, nature,
// position). Items are added, renamed, reordered and retired, never deleted:
// a retired value stays readable on the records that carry it but cannot be
// chosen for new values.
#include <optional>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "auth/user.h"
#include "core/clock.h"
#include "core/error.h"
#include "db/database.h"

namespace guanxi::customers {

struct DictionaryItem {
  int64_t id = 0;
  std::string dictionary;
  std::string code;
  std::string label;
  std::optional<std::string> label_en;
  int64_t sort_order = 0;
  bool retired = false;
  int64_t version = 1;
};

struct DictionaryInfo {
  const char* name;
  const char* zh_label;
  const char* en_label;
};
const std::vector<DictionaryInfo>& dictionaries();
bool is_dictionary(std::string_view name);

struct DictionaryItemChange {
  std::optional<std::string> label;
  std::optional<std::optional<std::string>> label_en;
  std::optional<int64_t> sort_order;
  std::optional<bool> retired;
};

class DictionaryService {
 public:
  DictionaryService(db::Database& database, const Clock& clock, audit::AuditLog& audit)
      : database_(database), clock_(clock), audit_(audit) {}

  // Errors: not_found (unknown dictionary).
  Result<std::vector<DictionaryItem>> items(std::string_view dictionary);
  // Errors: not_found, validation_failed, duplicate_dictionary_code (409).
  Result<DictionaryItem> add(const auth::Principal& actor, const DictionaryItem& item, const auth::ClientInfo& client);
  // Errors: not_found, version_conflict, validation_failed.
  Result<DictionaryItem> update(const auth::Principal& actor, std::string_view dictionary, std::string_view code,
                                const DictionaryItemChange& change, int64_t expected_version,
                                const auth::ClientInfo& client);

  // For the customer module's validation on its own connection: the item, retired or not.
  std::optional<DictionaryItem> find(db::Connection& c, std::string_view dictionary, std::string_view code);

 private:
  db::Database& database_;
  const Clock& clock_;
  audit::AuditLog& audit_;
};

}  // namespace guanxi::customers
