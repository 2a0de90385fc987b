#include "customers/masking_service.h"

#include <boost/json.hpp>

namespace guanxi::customers {

SharedMaskPatterns MaskingService::current(db::Connection& c) {
  return cache_.get_or_load(0, [&] { return load(c).patterns; });
}

SharedMaskPatterns MaskingService::current() {
  if (auto cached = cache_.find(0)) return *cached;
  auto c = database_.acquire();
  return current(*c);
}

MaskingView MaskingService::load(db::Connection& c) {
  MaskingView view{std::make_shared<const MaskPatterns>(MaskPatterns::defaults())};
  auto rows = c.query("SELECT patterns, version, updated_at, updated_by FROM masking_settings WHERE id = 1");
  if (rows.empty()) return view;
  const auto& r = rows.rows.front();
  // Stored patterns were valid when saved; should a later binary refuse them,
  // the defaults apply rather than showing anything unmasked.
  if (auto text = r.optional_text(0)) {
    if (auto parsed = MaskPatterns::parse(*text)) view.patterns = std::make_shared<const MaskPatterns>(*parsed);
  }
  view.version = r.integer(1);
  view.updated_at = r.optional_integer(2);
  view.updated_by = r.optional_text(3).value_or("");
  return view;
}

MaskingView MaskingService::view() {
  auto c = database_.acquire();
  return load(*c);
}

Result<MaskingView> MaskingService::update(const auth::Principal& actor, const std::optional<std::string>& patterns_json,
                                           int64_t expected_version, const auth::ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  const MaskingView before = load(*c);
  std::optional<std::string> stored;
  if (patterns_json) {
    // Fields not named keep what is in force now, not the defaults.
    auto merged = boost::json::parse(before.patterns->to_json()).as_object();
    boost::system::error_code ec;
    auto change = boost::json::parse(*patterns_json, ec);
    if (ec || !change.is_object()) return fail(Error::validation({{"fields", "must_be_object"}}));
    for (const auto& [field, pattern] : change.as_object()) {
      if (pattern.is_object() && merged.contains(field)) {
        for (const auto& [member, value] : pattern.as_object()) {
          // What GET adds to show a pattern may come back from a form: not settings.
          if (member == "sample" || member == "example") continue;
          merged[field].as_object()[member] = value;
        }
      } else {
        merged[field] = pattern;  // parse names what is wrong with it
      }
    }
    auto parsed = MaskPatterns::parse(boost::json::serialize(merged));
    if (!parsed) return fail(parsed.error());
    stored = parsed->to_json();
  }
  if (before.version != expected_version) return fail(Error::make(409, "version_conflict"));
  const int64_t now = clock_.now_ms();
  if (c->query("UPDATE masking_settings SET patterns = ?, version = version + 1, updated_at = ?, updated_by = ?"
               " WHERE id = 1 AND version = ?",
               {stored ? db::Value(*stored) : db::Value(db::Null{}), now, actor.display_name, expected_version})
          .affected_rows != 1) {
    return fail(Error::make(409, "version_conflict"));
  }
  audit_.record(*c, {actor.user_id, actor.username, "settings.masking_changed", "settings:masking", client.ip,
                     client.user_agent,
                     boost::json::serialize(boost::json::object{
                         {"before", boost::json::parse(before.patterns->to_json())},
                         {"after", stored ? boost::json::parse(*stored)
                                          : boost::json::parse(MaskPatterns::defaults().to_json())}})});
  MaskingView after = load(*c);
  tx.commit();
  return after;
}

}  // namespace guanxi::customers
