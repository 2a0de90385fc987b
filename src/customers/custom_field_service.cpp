#include "customers/custom_field_service.h"

#include <algorithm>
#include <boost/json.hpp>
#include <map>

#include "customers/custom_field_repository.h"

namespace guanxi::customers {
namespace {

namespace json = boost::json;
namespace repo = custom_field_repository;

bool has_code(const json::value& value, const std::string& code) {
  const auto codes = index_values(value);
  return std::find(codes.begin(), codes.end(), code) != codes.end();
}

// Options may be added, relabelled and retired, never removed: old records keep their codes.
std::optional<FieldError> removed_option(const CustomField& before, const CustomField& after) {
  for (const auto& old : before.options) {
    if (std::none_of(after.options.begin(), after.options.end(), [&](const CustomOption& o) { return o.code == old.code; })) {
      return FieldError{"options", "cannot_remove"};
    }
  }
  return std::nullopt;
}

}  // namespace

std::vector<CustomField> CustomFieldService::list() {
  auto c = database_.acquire();
  return repo::list(*c);
}

Result<CustomField> CustomFieldService::create(const auth::Principal& actor, const json::object& body,
                                               const auth::ClientInfo& client) {
  CustomField field;
  auto errors = read_custom_field(body, true, field);
  if (!errors.empty()) return fail(Error::validation(std::move(errors)));
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  if (repo::key_exists(*c, field.key)) return fail(Error::make(409, "duplicate_custom_field", {field.key}));
  field.created_at = field.updated_at = clock_.now_ms();
  field.id = repo::insert(*c, field);
  audit_.record(*c, {actor.user_id, actor.username, "custom_field.created", "custom_field:" + field.key, client.ip,
                     client.user_agent, json::serialize(custom_field_json(field))});
  tx.commit();
  return field;
}

Result<CustomField> CustomFieldService::update(const auth::Principal& actor, int64_t id, const json::object& body,
                                               int64_t expected_version, const auth::ClientInfo& client) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto before = repo::find(*c, id);
  if (!before) return fail(Error::not_found());
  CustomField after = *before;
  auto errors = read_custom_field(body, false, after);
  if (errors.empty()) {
    if (auto removed = removed_option(*before, after)) errors.push_back(*removed);
  }
  if (!errors.empty()) return fail(Error::validation(std::move(errors)));
  if (before->version != expected_version) return fail(Error::make(409, "version_conflict"));
  if (after.unique && !before->unique && repo::has_shared_value(*c, after.key)) {
    return fail(Error::make(409, "custom_values_not_unique", {after.label}));
  }
  after.version = before->version + 1;
  after.updated_at = clock_.now_ms();
  repo::update(*c, after);
  audit_.record(*c, {actor.user_id, actor.username, "custom_field.updated", "custom_field:" + after.key, client.ip,
                     client.user_agent, json::serialize(custom_field_json(after))});
  tx.commit();
  return after;
}

json::object CustomFieldService::apply_values(db::Connection& c, const json::object& stored, const json::object* sent,
                                              std::string_view kind, bool creating, int64_t self_id,
                                              std::vector<FieldError>& errors) {
  std::map<std::string, CustomField, std::less<>> defs;
  for (auto& f : repo::list(c)) defs.emplace(f.key, std::move(f));
  json::object merged = stored;
  for (const auto& [name, value] : sent ? *sent : json::object()) {
    const std::string key(name);
    const std::string member = "custom." + key;
    const auto* old = stored.if_contains(name);
    if (old && *old == value) continue;  // unchanged: kept as it is
    auto def = defs.find(key);
    if (def == defs.end()) {
      errors.push_back({member, "unknown_field"});
      continue;
    }
    const CustomField& f = def->second;
    if (f.status == "retired") {
      errors.push_back({member, "read_only"});
      continue;
    }
    if (!f.applies(kind)) {
      errors.push_back({member, "not_for_kind"});
      continue;
    }
    if (value.is_null()) {
      if (f.required) {
        errors.push_back({member, "required"});
      } else {
        merged.erase(name);
      }
      continue;
    }
    json::value clean;
    if (auto invalid = check_custom_value(f, value, clean)) {
      errors.push_back({member, *invalid});
      continue;
    }
    // A retired option stays on a record that has it, but is not chosen anew.
    const bool retired_option = std::any_of(f.options.begin(), f.options.end(), [&](const CustomOption& o) {
      return o.retired && has_code(clean, o.code) && !(old && has_code(*old, o.code));
    });
    if (retired_option) {
      errors.push_back({member, "unknown_value"});
      continue;
    }
    if (f.unique) {
      // PostgreSQL: two writers of one unique field take turns on its definition row.
      if (c.dialect() == db::Dialect::postgres) c.query("SELECT id FROM custom_fields WHERE id = ? FOR UPDATE", {f.id});
      for (const auto& text : customers::index_values(clean)) {
        if (repo::value_holder(c, f.key, text, self_id)) errors.push_back({member, "duplicate_value"});
      }
    }
    merged[name] = std::move(clean);
  }
  if (creating) {
    for (const auto& [key, f] : defs) {
      const bool sent_already = sent && sent->contains(key);  // a bad value has its own error
      if (f.status == "active" && f.required && f.applies(kind) && !merged.contains(key) && !sent_already) {
        errors.push_back({"custom." + key, "required"});
      }
    }
  }
  return merged;
}

void CustomFieldService::index_values(db::Connection& c, int64_t customer_id, const json::object& custom) {
  std::vector<std::pair<std::string, std::string>> rows;
  for (const auto& [key, value] : custom) {
    for (auto& text : customers::index_values(value)) rows.emplace_back(std::string(key), std::move(text));
  }
  std::sort(rows.begin(), rows.end());
  rows.erase(std::unique(rows.begin(), rows.end()), rows.end());
  repo::replace_index(c, customer_id, rows);
}

std::vector<std::string> CustomFieldService::searchable_texts(db::Connection& c, const std::string& custom_json) {
  std::vector<std::string> texts;
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(custom_json.empty() ? "{}" : custom_json, ec);
  if (ec || !parsed.is_object() || parsed.as_object().empty()) return texts;
  const auto& values = parsed.as_object();
  for (const auto& field : custom_field_repository::list(c)) {
    if (field.type != "text") continue;
    if (const auto* value = values.if_contains(field.key); value && value->is_string()) {
      texts.emplace_back(value->as_string());
    }
  }
  return texts;
}

}  // namespace guanxi::customers
