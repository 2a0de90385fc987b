#pragma once
// Working days for deadlines (approvals, SLAs, COL-3's "within 2 working
// days"): Monday to Friday by default, with a per-date table of days off and
// make-up workdays 调休 that overrides the week. The default table comes from
// the State Council notices (resources/holiday-cn); admins edit it later.
#include <chrono>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "core/error.h"

namespace guanxi {

using Date = std::chrono::year_month_day;

class WorkCalendar {
 public:
  // Marks one date as a day off (is_workday = false) or a workday, whatever
  // its weekday; `name` says why (春节, 国庆节 …).
  void set_day(Date date, bool is_workday, std::string name);
  bool is_workday(Date date) const;
  // The name of a listed date ("春节"), or "" for an ordinary day.
  std::string day_name(Date date) const;

  // The date `n` working days after `start` (n >= 1; `start` itself does
  // not count): a request made on Friday with 2 working days is due Tuesday.
  Date add_working_days(Date start, int n) const;
  // Working days in the half-open range (from, to]: 0 when to <= from.
  int working_days_between(Date from, Date to) const;

  // Adds the days of one holiday-cn year file ({"days":[{"name","date",
  // "isOffDay"}]}). Errors: invalid_json for malformed files or dates.
  Result<int> load_holiday_cn_json(std::string_view json);

  size_t listed_days() const { return overrides_.size(); }

  struct ListedDay {
    Date date;
    bool is_workday;
    std::string name;
  };
  // The listed dates in [from, to], by date.
  std::vector<ListedDay> listed(Date from, Date to) const;

 private:
  struct Listed {
    bool is_workday;
    std::string name;
  };
  std::map<std::chrono::sys_days, Listed> overrides_;
};

// Mon–Fri plus every built-in holiday-cn year (2019–2027 at the time of writing).
const WorkCalendar& default_china_calendar();
// The JSON texts of the built-in years (generated at build time).
const std::vector<std::string_view>& builtin_holiday_years();

// "2025-01-28" → Date; nullopt-like error for anything else.
Result<Date> parse_iso_date(std::string_view text);
// Date → "2025-01-28".
std::string format_iso_date(Date date);
// The business date (Asia/Shanghai) of a UTC instant in milliseconds.
Date business_day(int64_t epoch_ms);

}  // namespace guanxi
