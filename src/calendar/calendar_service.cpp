#include "calendar/calendar_service.h"

#include <boost/json.hpp>

namespace guanxi::calendar {

std::vector<db::Migration> migrations() {
  return {{19, "working-day calendar", R"SQL(
-- Issue 5 point 1: days that differ from the Monday-to-Friday rule (holidays,
-- make-up workdays 调休), editable by administrators.
CREATE TABLE work_calendar_days (
  day TEXT PRIMARY KEY,
  is_workday INTEGER NOT NULL,
  name TEXT NOT NULL DEFAULT '',
  updated_at BIGINT NOT NULL
);
-- The built-in years already copied into work_calendar_days: each is copied
-- once, so a seeded day an administrator removed does not come back.
CREATE TABLE work_calendar_years (
  year INTEGER PRIMARY KEY,
  seeded_at BIGINT NOT NULL
);
)SQL",
           "", ""}};
}

int CalendarService::seed_builtin_years() {
  int seeded = 0;
  auto c = database_.acquire();
  for (std::string_view text : builtin_holiday_years()) {
    WorkCalendar file;
    if (!file.load_holiday_cn_json(text)) continue;  // the build checks these files
    const auto days = file.listed(Date{std::chrono::year(1900), std::chrono::January, std::chrono::day(1)},
                                  Date{std::chrono::year(2999), std::chrono::December, std::chrono::day(31)});
    if (days.empty()) continue;
    const int year = static_cast<int>(days.front().date.year());
    db::Transaction tx(*c, true);
    if (!c->query("SELECT 1 FROM work_calendar_years WHERE year = ?", {int64_t{year}}).empty()) continue;
    const int64_t now = clock_.now_ms();
    for (const auto& day : days) {
      c->query("INSERT INTO work_calendar_days (day, is_workday, name, updated_at) VALUES (?, ?, ?, ?)"
               " ON CONFLICT (day) DO NOTHING",
               {format_iso_date(day.date), int64_t{day.is_workday}, day.name, now});
    }
    c->query("INSERT INTO work_calendar_years (year, seeded_at) VALUES (?, ?)", {int64_t{year}, now});
    tx.commit();
    ++seeded;
  }
  return seeded;
}

SharedCalendar CalendarService::load(db::Connection& c) {
  auto calendar = std::make_shared<WorkCalendar>();
  for (const auto& row : c.query("SELECT day, is_workday, name FROM work_calendar_days").rows) {
    // Rows were checked when written; one a later binary cannot read is skipped, not fatal.
    if (auto date = parse_iso_date(row.text(0))) calendar->set_day(*date, row.integer(1) != 0, row.text(2));
  }
  return calendar;
}

SharedCalendar CalendarService::current(db::Connection& c) {
  return cache_.get_or_load(0, [&] { return load(c); });
}

SharedCalendar CalendarService::current() {
  if (auto cached = cache_.find(0)) return *cached;
  auto c = database_.acquire();
  return current(*c);
}

std::vector<WorkCalendar::ListedDay> CalendarService::year(int year) {
  return current()->listed(Date{std::chrono::year(year), std::chrono::January, std::chrono::day(1)},
                           Date{std::chrono::year(year), std::chrono::December, std::chrono::day(31)});
}

namespace {
boost::json::object day_json(const std::string& date, bool is_workday, const std::string& name) {
  return {{"date", date}, {"is_workday", is_workday}, {"name", name}};
}
}  // namespace

Result<WorkCalendar::ListedDay> CalendarService::set_day(const auth::Principal& actor, Date date, bool is_workday,
                                                         std::string name, const auth::ClientInfo& client) {
  const std::string day = format_iso_date(date);
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto before = c->query("SELECT is_workday, name FROM work_calendar_days WHERE day = ?", {day});
  c->query("INSERT INTO work_calendar_days (day, is_workday, name, updated_at) VALUES (?, ?, ?, ?)"
           " ON CONFLICT (day) DO UPDATE SET is_workday = excluded.is_workday, name = excluded.name,"
           " updated_at = excluded.updated_at",
           {day, int64_t{is_workday}, name, clock_.now_ms()});
  boost::json::object detail{{"after", day_json(day, is_workday, name)}};
  if (!before.empty()) {
    detail["before"] = day_json(day, before.rows.front().integer(0) != 0, before.rows.front().text(1));
  }
  audit_.record(*c, {actor.user_id, actor.username, "settings.calendar_day_set", "calendar:" + day, client.ip,
                     client.user_agent, boost::json::serialize(detail)});
  tx.commit();
  return WorkCalendar::ListedDay{date, is_workday, std::move(name)};
}

Result<void> CalendarService::remove_day(const auth::Principal& actor, Date date, const auth::ClientInfo& client) {
  const std::string day = format_iso_date(date);
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto before = c->query("SELECT is_workday, name FROM work_calendar_days WHERE day = ?", {day});
  if (before.empty()) return fail(Error::not_found());
  c->query("DELETE FROM work_calendar_days WHERE day = ?", {day});
  audit_.record(*c, {actor.user_id, actor.username, "settings.calendar_day_removed", "calendar:" + day, client.ip,
                     client.user_agent,
                     boost::json::serialize(boost::json::object{
                         {"before", day_json(day, before.rows.front().integer(0) != 0, before.rows.front().text(1))}})});
  tx.commit();
  return {};
}

}  // namespace guanxi::calendar
