#include "core/work_calendar.h"

#include <boost/json/parse.hpp>
#include <boost/json/value.hpp>

#include <charconv>
#include <cstdio>
#include <stdexcept>

#include "core/clock.h"

namespace guanxi {

using std::chrono::sys_days;

void WorkCalendar::set_day(Date date, bool is_workday, std::string name) {
  overrides_[sys_days(date)] = Listed{is_workday, std::move(name)};
}

bool WorkCalendar::is_workday(Date date) const {
  const sys_days day(date);
  if (auto it = overrides_.find(day); it != overrides_.end()) return it->second.is_workday;
  const std::chrono::weekday weekday(day);
  return weekday != std::chrono::Saturday && weekday != std::chrono::Sunday;
}

std::string WorkCalendar::day_name(Date date) const {
  auto it = overrides_.find(sys_days(date));
  return it == overrides_.end() ? std::string() : it->second.name;
}

Date WorkCalendar::add_working_days(Date start, int n) const {
  sys_days day(start);
  while (n > 0) {
    day += std::chrono::days(1);
    if (is_workday(Date(day))) --n;
  }
  return Date(day);
}

int WorkCalendar::working_days_between(Date from, Date to) const {
  int count = 0;
  for (sys_days day = sys_days(from) + std::chrono::days(1); day <= sys_days(to); day += std::chrono::days(1)) {
    if (is_workday(Date(day))) ++count;
  }
  return count;
}

std::vector<WorkCalendar::ListedDay> WorkCalendar::listed(Date from, Date to) const {
  std::vector<ListedDay> out;
  for (auto it = overrides_.lower_bound(sys_days(from)); it != overrides_.end() && it->first <= sys_days(to); ++it) {
    out.push_back({Date(it->first), it->second.is_workday, it->second.name});
  }
  return out;
}

std::string format_iso_date(Date date) {
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()),
                static_cast<unsigned>(date.month()), static_cast<unsigned>(date.day()));
  return text;
}

Date business_day(int64_t epoch_ms) {
  const int ymd = business_date(epoch_ms);
  return Date{std::chrono::year(ymd / 10000), std::chrono::month(static_cast<unsigned>(ymd / 100 % 100)),
              std::chrono::day(static_cast<unsigned>(ymd % 100))};
}

Result<Date> parse_iso_date(std::string_view text) {
  int y = 0;
  unsigned m = 0, d = 0;
  auto bad = [] { return fail(Error::make(400, "invalid_json", {"bad date"})); };
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return bad();
  if (std::from_chars(text.data(), text.data() + 4, y).ec != std::errc() ||
      std::from_chars(text.data() + 5, text.data() + 7, m).ec != std::errc() ||
      std::from_chars(text.data() + 8, text.data() + 10, d).ec != std::errc()) {
    return bad();
  }
  Date date{std::chrono::year(y), std::chrono::month(m), std::chrono::day(d)};
  if (!date.ok()) return bad();
  return date;
}

Result<int> WorkCalendar::load_holiday_cn_json(std::string_view json) {
  boost::system::error_code ec;
  const boost::json::value root = boost::json::parse(json, ec);
  if (ec || !root.is_object()) return fail(Error::make(400, "invalid_json", {"holiday file is not a JSON object"}));
  const auto* days = root.as_object().if_contains("days");
  if (!days || !days->is_array()) return fail(Error::make(400, "invalid_json", {"holiday file has no days[]"}));
  int added = 0;
  for (const auto& entry : days->as_array()) {
    const auto* object = entry.if_object();
    const auto* date = object ? object->if_contains("date") : nullptr;
    const auto* off = object ? object->if_contains("isOffDay") : nullptr;
    const auto* name = object ? object->if_contains("name") : nullptr;
    if (!date || !date->is_string() || !off || !off->is_bool()) {
      return fail(Error::make(400, "invalid_json", {"holiday entry needs date and isOffDay"}));
    }
    auto parsed = parse_iso_date(date->as_string());
    if (!parsed) return fail(parsed.error());
    set_day(*parsed, !off->as_bool(), name && name->is_string() ? std::string(name->as_string()) : "");
    ++added;
  }
  return added;
}

const WorkCalendar& default_china_calendar() {
  static const WorkCalendar calendar = [] {
    WorkCalendar c;
    for (std::string_view year : builtin_holiday_years()) {
      if (!c.load_holiday_cn_json(year)) throw std::logic_error("a built-in holiday file does not parse");
    }
    return c;
  }();
  return calendar;
}

}  // namespace guanxi
