// Working days on the Chinese calendar (COL-3 deadlines, approvals, SLAs).
#include <gtest/gtest.h>

#include "core/work_calendar.h"

namespace guanxi {
namespace {

using namespace std::chrono;

constexpr Date d(int y, unsigned m, unsigned day) { return Date{year(y), month(m), std::chrono::day(day)}; }

TEST(WorkCalendar, WeekdaysWorkByDefault) {
  WorkCalendar plain;
  EXPECT_TRUE(plain.is_workday(d(2026, 11, 23)));   // Monday
  EXPECT_FALSE(plain.is_workday(d(2026, 11, 28)));  // Saturday
  EXPECT_FALSE(plain.is_workday(d(2026, 11, 29)));  // Sunday
  // Friday + 2 working days = Tuesday.
  EXPECT_EQ(plain.add_working_days(d(2026, 11, 27), 2), d(2026, 12, 1));
  EXPECT_EQ(plain.working_days_between(d(2026, 11, 27), d(2026, 12, 1)), 2);
  EXPECT_EQ(plain.working_days_between(d(2026, 12, 1), d(2026, 11, 27)), 0);
}

TEST(WorkCalendar, SpringFestival2025FollowsTheStateCouncilNotice) {
  const WorkCalendar& cn = default_china_calendar();
  // Jan 28 – Feb 4 are days off, Sunday Jan 26 and Saturday Feb 8 are workdays.
  for (unsigned day = 28; day <= 31; ++day) EXPECT_FALSE(cn.is_workday(d(2025, 1, day))) << "Jan " << day;
  for (unsigned day = 1; day <= 4; ++day) EXPECT_FALSE(cn.is_workday(d(2025, 2, day))) << "Feb " << day;
  EXPECT_TRUE(cn.is_workday(d(2025, 1, 26)));
  EXPECT_TRUE(cn.is_workday(d(2025, 2, 8)));
  EXPECT_TRUE(cn.is_workday(d(2025, 2, 5)));
  EXPECT_EQ(cn.day_name(d(2025, 1, 29)), "春节");
  // Collected on Monday Jan 27, due within 2 working days: Wednesday Feb 5
  // is the first, Thursday Feb 6 the second.
  EXPECT_EQ(cn.add_working_days(d(2025, 1, 27), 2), d(2025, 2, 6));
  // Friday Jan 24 + 1 working day is the make-up Sunday Jan 26.
  EXPECT_EQ(cn.add_working_days(d(2025, 1, 24), 1), d(2025, 1, 26));
}

TEST(WorkCalendar, EveryBuiltInYearLoads) {
  EXPECT_GE(builtin_holiday_years().size(), 9u);  // 2019–2027
  EXPECT_GT(default_china_calendar().listed_days(), 200u);
  EXPECT_FALSE(default_china_calendar().is_workday(d(2026, 10, 1)));  // 国庆节
  // 2027 has no notice yet (its file is empty): plain weekdays until an admin adds it.
  EXPECT_TRUE(default_china_calendar().is_workday(d(2027, 10, 1)));
}

TEST(WorkCalendar, AdminOverridesWin) {
  WorkCalendar c = default_china_calendar();
  c.set_day(d(2026, 11, 23), false, "公司年会");
  EXPECT_FALSE(c.is_workday(d(2026, 11, 23)));
  EXPECT_EQ(c.day_name(d(2026, 11, 23)), "公司年会");
}

TEST(WorkCalendar, MalformedFilesAreRefused) {
  WorkCalendar c;
  EXPECT_EQ(c.load_holiday_cn_json("{").error().code, "invalid_json");
  EXPECT_FALSE(c.load_holiday_cn_json(R"({"days":[{"date":"2025-02-30","isOffDay":true}]})"));
  EXPECT_FALSE(c.load_holiday_cn_json(R"({"days":[{"date":"2025-02-03"}]})"));
  EXPECT_EQ(c.listed_days(), 0u);
  EXPECT_EQ(*c.load_holiday_cn_json(R"({"days":[{"name":"x","date":"2025-02-03","isOffDay":true}]})"), 1);
}

}  // namespace
}  // namespace guanxi
