#include "planner/daily_note_service.h"

#include <boost/json.hpp>

#include <algorithm>

#include "customers/customer_json.h"

namespace guanxi::planner {
namespace {

namespace json = boost::json;
constexpr size_t kContentMax = 5000;  // characters

Error version_conflict(const DailyNote& current) {
  Error conflict = Error::make(409, "version_conflict");
  conflict.extensions_json = json::serialize(json::object{{"current", daily_note_json(current)}});
  return conflict;
}

std::optional<std::pair<std::string, int64_t>> parse_cursor(const std::string& text) {
  const auto tilde = text.find('~');
  if (tilde == std::string::npos || !customers::valid_iso_date(text.substr(0, tilde))) return std::nullopt;
  try {
    size_t used = 0;
    const int64_t id = std::stoll(text.substr(tilde + 1), &used);
    if (used != text.size() - tilde - 1) return std::nullopt;
    return std::make_pair(text.substr(0, tilde), id);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

}  // namespace

json::object daily_note_json(const DailyNote& n) {
  return {{"id", n.id},           {"note_date", n.note_date},   {"content", n.content},
          {"version", n.version}, {"created_at", n.created_at}, {"updated_at", n.updated_at}};
}

std::optional<Error> DailyNoteService::apply(const json::object& body, DailyNote& note, bool creating) {
  static constexpr std::string_view kKnown[] = {"note_date", "content", "version", "id", "created_at", "updated_at"};
  std::vector<FieldError> errors;
  for (const auto& [key, value] : body) {
    if (std::find(std::begin(kKnown), std::end(kKnown), std::string_view(key)) == std::end(kKnown)) {
      errors.push_back({std::string(key), "unknown_field"});
    }
  }
  if (const auto* v = body.if_contains("content")) {
    const std::string content = v->is_string() ? customers::trim(v->as_string()) : "";
    if (!v->is_string() && !v->is_null()) {
      errors.push_back({"content", "must_be_string"});
    } else if (content.empty()) {
      errors.push_back({"content", "required"});
    } else if (customers::utf8_length(content) > kContentMax) {
      errors.push_back({"content", "too_long"});
    } else {
      note.content = content;
    }
  } else if (creating) {
    errors.push_back({"content", "required"});
  }
  if (const auto* v = body.if_contains("note_date"); v && !v->is_null()) {
    if (!v->is_string() || !customers::valid_iso_date(v->as_string())) {
      errors.push_back({"note_date", "invalid_date"});
    } else {
      note.note_date = std::string(v->as_string());
    }
  }
  if (!errors.empty()) return Error::validation(std::move(errors));
  return std::nullopt;
}

Result<json::object> DailyNoteService::list(const auth::Principal& actor, const DailyNoteQuery& query) {
  daily_note_repository::Filter filter;
  std::vector<FieldError> errors;
  for (auto [value, field, target] : {std::tuple{&query.from, "from", &filter.from}, std::tuple{&query.to, "to", &filter.to}}) {
    if (!*value) continue;
    if (!customers::valid_iso_date(**value)) errors.push_back({field, "invalid_date"});
    *target = *value;
  }
  if (query.cursor) {
    filter.after = parse_cursor(*query.cursor);
    if (!filter.after) errors.push_back({"cursor", "invalid_format"});
  }
  if (!errors.empty()) return fail(Error::validation(std::move(errors)));
  if (query.q && !customers::trim(*query.q).empty()) filter.contains = customers::trim(*query.q);
  filter.limit = query.limit + 1;
  auto c = database_.acquire();
  auto rows = daily_note_repository::list(*c, actor.user_id, filter);
  json::value next = nullptr;
  if (static_cast<int64_t>(rows.size()) > query.limit) {
    rows.resize(static_cast<size_t>(query.limit));
    next = rows.back().note_date + "~" + std::to_string(rows.back().id);
  }
  json::array items;
  for (const auto& n : rows) items.push_back(daily_note_json(n));
  return json::object{{"items", std::move(items)}, {"next_cursor", std::move(next)}};
}

Result<DailyNote> DailyNoteService::create(const auth::Principal& actor, const json::object& body) {
  DailyNote note;
  note.user_id = actor.user_id;
  note.note_date = business_date_iso(clock_.now_ms());
  if (auto invalid = apply(body, note, true)) return fail(*invalid);
  note.created_at = note.updated_at = clock_.now_ms();
  auto c = database_.acquire();
  note.id = daily_note_repository::insert(*c, note);
  return note;
}

Result<DailyNote> DailyNoteService::update(const auth::Principal& actor, int64_t id, const json::object& body,
                                           int64_t expected_version) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto current = daily_note_repository::find(*c, id);
  if (!current || current->user_id != actor.user_id) return fail(Error::not_found());
  if (current->version != expected_version) return fail(version_conflict(*current));
  DailyNote next = *current;
  if (auto invalid = apply(body, next, false)) return fail(*invalid);
  if (next.note_date == current->note_date && next.content == current->content) return *current;  // no version bump
  next.updated_at = clock_.now_ms();
  if (!daily_note_repository::update(*c, next, expected_version)) return fail(version_conflict(*current));
  next.version = expected_version + 1;
  tx.commit();
  return next;
}

Result<void> DailyNoteService::remove(const auth::Principal& actor, int64_t id, int64_t expected_version) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto current = daily_note_repository::find(*c, id);
  if (!current || current->user_id != actor.user_id) return fail(Error::not_found());
  if (current->version != expected_version || !daily_note_repository::remove(*c, id, expected_version)) {
    return fail(version_conflict(*current));
  }
  tx.commit();
  return {};
}

}  // namespace guanxi::planner
