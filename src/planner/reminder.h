#pragma once
// A user's reminder (CUS-16) and the date arithmetic of the reminder list:
// when a repeating reminder comes next, and which birthdays fall in a window.
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "db/database.h"

namespace guanxi::planner {

// How often a reminder comes back once it is done.
inline constexpr std::string_view kRepeatChoices[] = {"none", "daily", "weekly", "monthly", "yearly"};
bool is_repeat_choice(std::string_view value);

struct Reminder {
  int64_t id = 0;
  int64_t user_id = 0;  // the person reminded
  std::optional<int64_t> customer_id;
  std::string title;
  std::optional<std::string> note;
  int64_t remind_at = 0;  // epoch ms
  std::string repeat_every = "none";
  int64_t repeat_from = 0;  // the time as the user set it; repeats count from here
  std::optional<int64_t> done_at;
  int64_t created_by = 0;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

// The first time after `after_ms` at which a reminder first set for `at_ms` comes
// back under `every` (daily, weekly, monthly, yearly), in Asia/Shanghai
// calendar terms: a monthly reminder on the 31st falls on the last day of a
// shorter month. REQUIRES: every != "none".
int64_t next_occurrence(int64_t at_ms, std::string_view every, int64_t after_ms);

// One day of a birthday window: the stored month-day it stands for, the date
// it falls on, and how many days from today.
struct BirthdayDay {
  std::string month_day;  // "11-25"
  std::string date;       // "2026-11-25"
  int days_until = 0;
};
// The days from `today` (YYYYMMDD) to `days` later. In a year without
// 29 February, a 29 February birthday is kept on the 28th.
std::vector<BirthdayDay> birthday_window(int today, int days);

namespace reminder_repository {

std::optional<Reminder> find(db::Connection& c, int64_t id);
// Open reminders (done_at NULL) by remind_at, id; done ones newest done first.
// `after` is the keyset position (remind_at or done_at, id) of the last row read.
struct Page {
  bool done = false;
  std::optional<std::pair<int64_t, int64_t>> after;
  int64_t limit = 50;
};
std::vector<Reminder> list(db::Connection& c, int64_t user_id, const Page& page);
// Open reminders due before `until_ms` (overdue ones included), soonest first.
std::vector<Reminder> due(db::Connection& c, int64_t user_id, int64_t until_ms, int64_t limit);
int64_t insert(db::Connection& c, const Reminder& reminder);
// Writes every column of `reminder` if the stored version is still `expected_version`.
bool update(db::Connection& c, const Reminder& reminder, int64_t expected_version);
bool remove(db::Connection& c, int64_t id, int64_t expected_version);
// SEC-6: the open reminders of a leaver pass to the successor; returns how many.
int64_t hand_over_open(db::Connection& c, int64_t from_user, int64_t to_user, int64_t now_ms);

}  // namespace reminder_repository
}  // namespace guanxi::planner
