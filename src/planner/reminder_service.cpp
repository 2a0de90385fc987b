#include "planner/reminder_service.h"

#include <boost/json.hpp>

#include <algorithm>

#include "customers/customer_json.h"

namespace guanxi::planner {
namespace {

namespace json = boost::json;
using auth::Principal;

constexpr size_t kTitleMax = 200;   // characters
constexpr size_t kNoteMax = 2000;   // characters
constexpr int kMaxDueDays = 60;

json::value optional_json(const std::optional<int64_t>& v) { return v ? json::value(*v) : json::value(nullptr); }

Error version_conflict(json::object current) {
  Error conflict = Error::make(409, "version_conflict");
  conflict.extensions_json = json::serialize(json::object{{"current", std::move(current)}});
  return conflict;
}

// "<position>~<id>" of the last row of a page.
std::optional<std::pair<int64_t, int64_t>> parse_cursor(const std::string& text) {
  const auto tilde = text.find('~');
  if (tilde == std::string::npos) return std::nullopt;
  try {
    size_t used = 0;
    const int64_t position = std::stoll(text.substr(0, tilde), &used);
    if (used != tilde) return std::nullopt;
    const int64_t id = std::stoll(text.substr(tilde + 1), &used);
    if (used != text.size() - tilde - 1) return std::nullopt;
    return std::make_pair(position, id);
  } catch (const std::exception&) {
    return std::nullopt;
  }
}

bool same_content(const Reminder& a, const Reminder& b) {
  return a.customer_id == b.customer_id && a.title == b.title && a.note == b.note && a.remind_at == b.remind_at &&
         a.repeat_every == b.repeat_every && a.repeat_from == b.repeat_from && a.done_at == b.done_at;
}

json::object customer_link(const customers::Customer& customer) {
  return {{"id", customer.id}, {"code", customer.text_or("code")}, {"name", customer.name()}};
}

}  // namespace

json::object ReminderService::to_json(db::Connection& c, const Principal& actor, const Reminder& r) {
  json::value customer = nullptr;
  if (r.customer_id) {
    if (auto found = customers_.find_readable(c, actor, *r.customer_id)) customer = customer_link(*found);
  }
  return {{"id", r.id},
          {"title", r.title},
          {"note", r.note ? json::value(*r.note) : json::value(nullptr)},
          {"remind_at", r.remind_at},
          {"repeat", r.repeat_every},
          {"done", r.done_at.has_value()},
          {"done_at", optional_json(r.done_at)},
          {"overdue", !r.done_at && r.remind_at <= clock_.now_ms()},
          {"customer_id", optional_json(r.customer_id)},
          {"customer", std::move(customer)},
          {"version", r.version},
          {"created_at", r.created_at},
          {"updated_at", r.updated_at}};
}

std::optional<Error> ReminderService::apply(db::Connection& c, const Principal& actor, const json::object& body,
                                            Reminder& r, bool creating) {
  static constexpr std::string_view kKnown[] = {"title", "note",    "remind_at", "repeat", "customer_id",
                                                "done",  "version", "id",        "customer", "overdue",
                                                "done_at", "created_at", "updated_at"};
  std::vector<FieldError> errors;
  for (const auto& [key, value] : body) {
    if (std::find(std::begin(kKnown), std::end(kKnown), std::string_view(key)) == std::end(kKnown)) {
      errors.push_back({std::string(key), "unknown_field"});
    }
  }
  auto text_field = [&](std::string_view key, size_t max, bool required) -> std::optional<std::optional<std::string>> {
    const auto* v = body.if_contains(key);
    if (!v) {
      if (creating && required) errors.push_back({std::string(key), "required"});
      return std::nullopt;
    }
    if (v->is_null()) {
      if (required) errors.push_back({std::string(key), "required"});
      return std::optional<std::string>{};
    }
    if (!v->is_string()) {
      errors.push_back({std::string(key), "must_be_string"});
      return std::nullopt;
    }
    std::string s = customers::trim(v->as_string());
    if (s.empty() && required) errors.push_back({std::string(key), "required"});
    if (customers::utf8_length(s) > max) errors.push_back({std::string(key), "too_long"});
    return s.empty() ? std::optional<std::string>{} : std::optional<std::string>{s};
  };
  if (auto title = text_field("title", kTitleMax, true); title && *title) r.title = **title;
  if (auto note = text_field("note", kNoteMax, false)) r.note = *note;
  if (const auto* v = body.if_contains("remind_at")) {
    if (v->is_int64() && v->as_int64() >= 0) {
      if (v->as_int64() != r.remind_at) r.repeat_from = r.remind_at = v->as_int64();
    } else {
      errors.push_back({"remind_at", v->is_null() ? "required" : "must_be_integer"});
    }
  } else if (creating) {
    errors.push_back({"remind_at", "required"});
  }
  if (const auto* v = body.if_contains("repeat")) {
    if (!v->is_string()) {
      errors.push_back({"repeat", "must_be_string"});
    } else if (!is_repeat_choice(v->as_string())) {
      errors.push_back({"repeat", "unknown_value"});
    } else {
      r.repeat_every = std::string(v->as_string());
    }
  }
  if (const auto* v = body.if_contains("customer_id")) {
    if (v->is_null()) {
      r.customer_id.reset();
    } else if (!v->is_int64()) {
      errors.push_back({"customer_id", "must_be_integer"});
    } else if (v->as_int64() != r.customer_id.value_or(0)) {
      // Only a customer the user may read; out of scope looks like absent.
      if (!customers_.find_readable(c, actor, v->as_int64())) {
        errors.push_back({"customer_id", "unknown_value"});
      } else {
        r.customer_id = v->as_int64();
      }
    }
  }
  if (const auto* v = body.if_contains("done")) {
    if (!v->is_bool()) {
      errors.push_back({"done", "must_be_boolean"});
    } else if (v->as_bool() && !r.done_at) {
      const int64_t now = clock_.now_ms();
      if (r.repeat_every == "none") {
        r.done_at = now;
      } else {
        r.remind_at = next_occurrence(r.repeat_from, r.repeat_every, std::max(now, r.remind_at));  // CUS-16
      }
    } else if (!v->as_bool()) {
      r.done_at.reset();
    }
  }
  if (!errors.empty()) return Error::validation(std::move(errors));
  return std::nullopt;
}

Result<ReminderPage> ReminderService::list(const Principal& actor, const std::string& status,
                                           const std::optional<std::string>& cursor, int64_t limit) {
  if (status != "open" && status != "done") return fail(Error::validation({{"status", "unknown_value"}}));
  reminder_repository::Page page{status == "done", std::nullopt, limit + 1};
  if (cursor) {
    page.after = parse_cursor(*cursor);
    if (!page.after) return fail(Error::validation({{"cursor", "invalid_format"}}));
  }
  auto c = database_.acquire();
  auto rows = reminder_repository::list(*c, actor.user_id, page);
  ReminderPage out;
  if (static_cast<int64_t>(rows.size()) > limit) {
    rows.resize(static_cast<size_t>(limit));
    const auto& last = rows.back();
    out.next_cursor = std::to_string(page.done ? *last.done_at : last.remind_at) + "~" + std::to_string(last.id);
  }
  for (const auto& r : rows) out.items.push_back(to_json(*c, actor, r));
  return out;
}

json::object ReminderService::due(const Principal& actor, int days) {
  days = std::clamp(days, 0, kMaxDueDays);
  const int64_t now = clock_.now_ms();
  const auto window = birthday_window(business_date(now), days);
  // The window ends at midnight (Asia/Shanghai) after its last day.
  const int64_t day_ms = 24LL * 3600 * 1000, offset = 8LL * 3600 * 1000;
  const int64_t until = ((now + offset) / day_ms + days + 1) * day_ms - offset;

  auto c = database_.acquire();
  std::vector<std::pair<int64_t, json::object>> items;  // (sort time, item)
  for (const auto& r : reminder_repository::due(*c, actor.user_id, until, 200)) {
    json::object item = to_json(*c, actor, r);
    item["type"] = "reminder";
    items.emplace_back(r.remind_at, std::move(item));
  }
  std::vector<std::string> month_days;
  for (const auto& d : window) month_days.push_back(d.month_day);
  for (const auto& b : customers_.birthdays(*c, actor, month_days)) {
    auto day = std::find_if(window.begin(), window.end(), [&](const BirthdayDay& d) { return d.month_day == b.month_day; });
    if (day == window.end()) continue;
    json::object item{{"type", "birthday"},
                      {"date", day->date},
                      {"days_until", day->days_until},
                      {"customer", json::object{{"id", b.customer_id}, {"code", b.code}, {"name", b.name}}},
                      {"contact", b.contact_id ? json::value(json::object{{"id", b.contact_id}, {"name", b.contact_name}})
                                               : json::value(nullptr)}};
    const int64_t midnight = ((now + offset) / day_ms + day->days_until) * day_ms - offset;
    items.emplace_back(midnight, std::move(item));
  }
  std::stable_sort(items.begin(), items.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  json::array out;
  for (auto& [at, item] : items) out.push_back(std::move(item));
  const auto count = static_cast<int64_t>(out.size());
  return {{"items", std::move(out)}, {"count", count}, {"today", business_date_iso(now)}, {"days", days}};
}

Result<json::object> ReminderService::create(const Principal& actor, const json::object& body) {
  auto c = database_.acquire();
  Reminder r;
  r.user_id = actor.user_id;
  r.created_by = actor.user_id;
  if (auto invalid = apply(*c, actor, body, r, true)) return fail(*invalid);
  r.created_at = r.updated_at = clock_.now_ms();
  r.id = reminder_repository::insert(*c, r);
  return to_json(*c, actor, r);
}

Result<json::object> ReminderService::update(const Principal& actor, int64_t id, const json::object& body,
                                             int64_t expected_version) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto current = reminder_repository::find(*c, id);
  if (!current || current->user_id != actor.user_id) return fail(Error::not_found());
  if (current->version != expected_version) return fail(version_conflict(to_json(*c, actor, *current)));
  Reminder next = *current;
  if (auto invalid = apply(*c, actor, body, next, false)) return fail(*invalid);
  if (same_content(next, *current)) return to_json(*c, actor, *current);  // nothing to write, no version bump
  next.updated_at = clock_.now_ms();
  if (!reminder_repository::update(*c, next, expected_version)) return fail(Error::make(409, "version_conflict"));
  next.version = expected_version + 1;
  tx.commit();
  return to_json(*c, actor, next);
}

Result<void> ReminderService::remove(const Principal& actor, int64_t id, int64_t expected_version) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto current = reminder_repository::find(*c, id);
  if (!current || current->user_id != actor.user_id) return fail(Error::not_found());
  if (current->version != expected_version || !reminder_repository::remove(*c, id, expected_version)) {
    return fail(version_conflict(to_json(*c, actor, *current)));
  }
  tx.commit();
  return {};
}

int64_t ReminderService::hand_over_open(db::Connection& c, int64_t from_user, int64_t to_user) {
  return reminder_repository::hand_over_open(c, from_user, to_user, clock_.now_ms());
}

}  // namespace guanxi::planner
