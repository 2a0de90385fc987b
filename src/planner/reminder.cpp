#include "planner/reminder.h"

#include <algorithm>
#include <chrono>
#include <cstdio>

namespace guanxi::planner {
namespace {

using namespace std::chrono;

constexpr int64_t kShanghaiOffsetMs = 8LL * 3600 * 1000;  // UTC+8 all year (see business_date)

// Adds whole months to a local date-time, keeping the day where the month has it.
int64_t add_months(int64_t local_ms, int months) {
  const auto day = floor<days>(sys_time<milliseconds>(milliseconds(local_ms)));
  const auto time_of_day = milliseconds(local_ms) - day.time_since_epoch();
  const year_month_day ymd(day);
  const auto target_month = year_month(ymd.year(), ymd.month()) + std::chrono::months(months);
  const auto last_day = year_month_day_last(target_month.year() / target_month.month() / last).day();
  const auto day_of_month = std::min(ymd.day(), last_day);
  const sys_days moved(target_month.year() / target_month.month() / day_of_month);
  return duration_cast<milliseconds>(moved.time_since_epoch()).count() + time_of_day.count();
}

std::string two_digits(unsigned n) {
  char text[4];
  std::snprintf(text, sizeof text, "%02u", n % 100);
  return text;
}

}  // namespace

bool is_repeat_choice(std::string_view value) {
  return std::find(std::begin(kRepeatChoices), std::end(kRepeatChoices), value) != std::end(kRepeatChoices);
}

int64_t next_occurrence(int64_t at_ms, std::string_view every, int64_t after_ms) {
  constexpr int64_t kDay = 24LL * 3600 * 1000;
  if (every == "daily" || every == "weekly") {
    const int64_t step = every == "daily" ? kDay : 7 * kDay;
    if (at_ms > after_ms) return at_ms + step;
    return at_ms + ((after_ms - at_ms) / step + 1) * step;
  }
  const int step = every == "monthly" ? 1 : 12;
  const int64_t local = at_ms + kShanghaiOffsetMs;
  // Counted from the original date each time, so a 31st stays a 31st where the month has one.
  for (int n = 1;; ++n) {
    const int64_t next = add_months(local, n * step) - kShanghaiOffsetMs;
    if (next > after_ms) return next;
  }
}

std::vector<BirthdayDay> birthday_window(int today, int days_ahead) {
  const year_month_day start{year(today / 10000), month(static_cast<unsigned>(today / 100 % 100)),
                             day(static_cast<unsigned>(today % 100))};
  std::vector<BirthdayDay> out;
  for (int i = 0; i <= days_ahead; ++i) {
    const year_month_day d(sys_days(start) + std::chrono::days(i));
    const unsigned m = static_cast<unsigned>(d.month()), dd = static_cast<unsigned>(d.day());
    const std::string date = std::to_string(static_cast<int>(d.year())) + "-" + two_digits(m) + "-" + two_digits(dd);
    out.push_back({two_digits(m) + "-" + two_digits(dd), date, i});
    if (m == 2 && dd == 28 && !d.year().is_leap()) out.push_back({"02-29", date, i});
  }
  return out;
}

namespace reminder_repository {
namespace {

constexpr const char* kColumns =
    "id, user_id, customer_id, title, note, remind_at, repeat_every, done_at, created_by, version, created_at, "
    "updated_at, repeat_from";

Reminder from_row(const db::Row& row) {
  Reminder r;
  r.id = row.integer(0);
  r.user_id = row.integer(1);
  if (!row.is_null(2)) r.customer_id = row.integer(2);
  r.title = row.text(3);
  if (!row.is_null(4)) r.note = row.text(4);
  r.remind_at = row.integer(5);
  r.repeat_every = row.text(6);
  if (!row.is_null(7)) r.done_at = row.integer(7);
  if (!row.is_null(8)) r.created_by = row.integer(8);
  r.version = row.integer(9);
  r.created_at = row.integer(10);
  r.updated_at = row.integer(11);
  r.repeat_from = row.integer(12);
  return r;
}

db::Value optional_value(const std::optional<int64_t>& v) { return v ? db::Value(*v) : db::Value(db::Null{}); }
db::Value optional_value(const std::optional<std::string>& v) { return v ? db::Value(*v) : db::Value(db::Null{}); }

std::vector<Reminder> read(db::Connection& c, const std::string& sql, const std::vector<db::Value>& params) {
  std::vector<Reminder> out;
  for (const auto& row : c.execute(sql, params).rows) out.push_back(from_row(row));
  return out;
}

}  // namespace

std::optional<Reminder> find(db::Connection& c, int64_t id) {
  auto rows = read(c, std::string("SELECT ") + kColumns + " FROM reminders WHERE id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return rows.front();
}

std::vector<Reminder> list(db::Connection& c, int64_t user_id, const Page& page) {
  std::string sql = std::string("SELECT ") + kColumns + " FROM reminders WHERE user_id = ?";
  std::vector<db::Value> params{user_id};
  if (page.done) {
    sql += " AND done_at IS NOT NULL";
    if (page.after) {
      sql += " AND (done_at < ? OR (done_at = ? AND id < ?))";
      params.insert(params.end(), {page.after->first, page.after->first, page.after->second});
    }
    sql += " ORDER BY done_at DESC, id DESC LIMIT ?";
  } else {
    sql += " AND done_at IS NULL";
    if (page.after) {
      sql += " AND (remind_at > ? OR (remind_at = ? AND id > ?))";
      params.insert(params.end(), {page.after->first, page.after->first, page.after->second});
    }
    sql += " ORDER BY remind_at, id LIMIT ?";
  }
  params.emplace_back(page.limit);
  return read(c, sql, params);
}

std::vector<Reminder> due(db::Connection& c, int64_t user_id, int64_t until_ms, int64_t limit) {
  return read(c,
              std::string("SELECT ") + kColumns +
                  " FROM reminders WHERE user_id = ? AND done_at IS NULL AND remind_at < ? ORDER BY remind_at, id "
                  "LIMIT ?",
              {user_id, until_ms, limit});
}

int64_t insert(db::Connection& c, const Reminder& r) {
  auto rows = c.execute(
      "INSERT INTO reminders (user_id, customer_id, title, note, remind_at, repeat_every, repeat_from, done_at, "
      "created_by, version, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 1, ?, ?) RETURNING id",
      {r.user_id, optional_value(r.customer_id), r.title, optional_value(r.note), r.remind_at, r.repeat_every,
       r.repeat_from, optional_value(r.done_at), r.created_by, r.created_at, r.updated_at});
  return rows.rows.at(0).integer(0);
}

bool update(db::Connection& c, const Reminder& r, int64_t expected_version) {
  return c.execute(
                 "UPDATE reminders SET customer_id = ?, title = ?, note = ?, remind_at = ?, repeat_every = ?, "
                 "repeat_from = ?, done_at = ?, version = version + 1, updated_at = ? WHERE id = ? AND version = ?",
                 {optional_value(r.customer_id), r.title, optional_value(r.note), r.remind_at, r.repeat_every,
                  r.repeat_from, optional_value(r.done_at), r.updated_at, r.id, expected_version})
             .affected_rows == 1;
}

bool remove(db::Connection& c, int64_t id, int64_t expected_version) {
  return c.execute("DELETE FROM reminders WHERE id = ? AND version = ?", {id, expected_version}).affected_rows == 1;
}

int64_t hand_over_open(db::Connection& c, int64_t from_user, int64_t to_user, int64_t now_ms) {
  return static_cast<int64_t>(
      c.execute("UPDATE reminders SET user_id = ?, version = version + 1, updated_at = ? WHERE user_id = ? AND "
                "done_at IS NULL",
                {to_user, now_ms, from_user})
          .affected_rows);
}

}  // namespace reminder_repository
}  // namespace guanxi::planner
