#include "auth/preference_service.h"

#include <algorithm>

namespace guanxi::auth {

bool valid_preference_key(const std::string& key) {
  return !key.empty() && key.size() <= 64 && std::all_of(key.begin(), key.end(), [](unsigned char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
         });
}

Result<Preference> PreferenceService::get(const Principal& principal, const std::string& key) {
  if (!valid_preference_key(key)) return fail(Error::not_found());
  auto c = database_.acquire();
  auto rows = c->query("SELECT value, updated_at FROM user_preferences WHERE user_id = ? AND pref_key = ?",
                       {principal.user_id, key});
  if (rows.empty()) return Preference{key, std::nullopt, std::nullopt};
  return Preference{key, rows.rows.front().text(0), rows.rows.front().integer(1)};
}

Result<Preference> PreferenceService::put(const Principal& principal, const std::string& key,
                                          const std::string& value_json) {
  if (!valid_preference_key(key)) return fail(Error::not_found());
  if (value_json.size() > kMaxValueBytes) return fail(Error::validation({{"value", "too_long"}}));
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  if (value_json == "null") {
    c->query("DELETE FROM user_preferences WHERE user_id = ? AND pref_key = ?", {principal.user_id, key});
    tx.commit();
    return Preference{key, std::nullopt, std::nullopt};
  }
  const int64_t now = clock_.now_ms();
  c->query(
      "INSERT INTO user_preferences (user_id, pref_key, value, updated_at) VALUES (?, ?, ?, ?)"
      " ON CONFLICT (user_id, pref_key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
      {principal.user_id, key, value_json, now});
  tx.commit();
  return Preference{key, value_json, now};
}

}  // namespace guanxi::auth
