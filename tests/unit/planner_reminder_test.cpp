// CUS-16: when a repeating reminder comes back, and which birthdays a
// reminder window holds (Asia/Shanghai dates, 29 February in other years).
#include <gtest/gtest.h>

#include "planner/reminder.h"

namespace guanxi::planner {
namespace {

constexpr int64_t kDay = 24LL * 3600 * 1000;
// 2026-01-31T09:00:00+08:00
constexpr int64_t kJan31Nine = 1'769'821'200'000;

TEST(NextOccurrence, DailyAndWeeklyStepPastNow) {
  EXPECT_EQ(next_occurrence(kJan31Nine, "daily", kJan31Nine - 1), kJan31Nine + kDay);
  // Three days late: the next daily time after now, not three times the same day.
  EXPECT_EQ(next_occurrence(kJan31Nine, "daily", kJan31Nine + 3 * kDay), kJan31Nine + 4 * kDay);
  EXPECT_EQ(next_occurrence(kJan31Nine, "weekly", kJan31Nine + kDay), kJan31Nine + 7 * kDay);
}

TEST(NextOccurrence, MonthlyKeepsTheDayWhereTheMonthHasIt) {
  const int64_t feb28 = kJan31Nine + 28 * kDay;  // 2026-02-28 09:00 (no 29th in 2026)
  EXPECT_EQ(next_occurrence(kJan31Nine, "monthly", kJan31Nine), feb28);
  const int64_t mar31 = kJan31Nine + 59 * kDay;  // counted from the 31st again, not from the 28th
  EXPECT_EQ(next_occurrence(kJan31Nine, "monthly", feb28), mar31);
}

TEST(NextOccurrence, YearlyFromLeapDay) {
  const int64_t feb29_2028 = 1'835'398'800'000;  // 2028-02-29T09:00:00+08:00
  EXPECT_EQ(next_occurrence(feb29_2028, "yearly", feb29_2028), feb29_2028 + 365 * kDay);  // 2029-02-28
}

TEST(BirthdayWindow, ListsEachDayWithItsDistance) {
  auto days = birthday_window(20261230, 3);
  ASSERT_EQ(days.size(), 4u);
  EXPECT_EQ(days[0].month_day, "12-30");
  EXPECT_EQ(days[2].date, "2027-01-01");
  EXPECT_EQ(days[2].month_day, "01-01");
  EXPECT_EQ(days[3].days_until, 3);
}

TEST(BirthdayWindow, LeapDayBirthdaysFallOnTheTwentyEighthInOtherYears) {
  auto days = birthday_window(20270227, 2);
  ASSERT_EQ(days.size(), 4u);  // 02-27, 02-28, 02-29 (kept on the 28th), 03-01
  EXPECT_EQ(days[2].month_day, "02-29");
  EXPECT_EQ(days[2].date, "2027-02-28");
  EXPECT_EQ(days[2].days_until, 1);
  auto leap = birthday_window(20280228, 1);
  ASSERT_EQ(leap.size(), 2u);
  EXPECT_EQ(leap[1].month_day, "02-29");
  EXPECT_EQ(leap[1].date, "2028-02-29");
}

TEST(RepeatChoices, AreTheDocumentedOnes) {
  EXPECT_TRUE(is_repeat_choice("monthly"));
  EXPECT_FALSE(is_repeat_choice("hourly"));
}

}  // namespace
}  // namespace guanxi::planner
