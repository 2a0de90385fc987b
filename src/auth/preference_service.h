#pragma once
// A user's own page settings kept on the server (issue 3 point 7: the
// customer list's column layout follows the user to another browser or
// phone). A preference is any small JSON value under a key such as
// "customer_list.columns"; nobody else reads it.
#include <optional>
#include <string>

#include "auth/user.h"
#include "core/clock.h"
#include "core/error.h"
#include "db/database.h"

namespace guanxi::auth {

struct Preference {
  std::string key;
  std::optional<std::string> value_json;  // nullopt: never set
  std::optional<int64_t> updated_at;
};

class PreferenceService {
 public:
  static constexpr size_t kMaxValueBytes = 16 * 1024;

  PreferenceService(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  // Errors: not_found (a key that cannot exist).
  Result<Preference> get(const Principal& principal, const std::string& key);
  // `value_json` is JSON text; null removes the preference.
  // Errors: not_found (bad key), validation_failed (value too_long).
  Result<Preference> put(const Principal& principal, const std::string& key, const std::string& value_json);

 private:
  db::Database& database_;
  const Clock& clock_;
};

// Lower-case letters, digits, '.', '_' and '-'; 1 to 64 characters.
bool valid_preference_key(const std::string& key);

}  // namespace guanxi::auth
