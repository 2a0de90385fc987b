#pragma once
// The working-day calendar in force (issue 5 point 1, ADR 0016): Monday to
// Friday, overridden by the days listed in the database. The built-in
// holiday-cn years are copied there once each, so an administrator's edits
// and removals of seeded days stay. Deadlines (approvals, COL-3) count on it.
#include <memory>
#include <string>
#include <vector>

#include "audit/audit_log.h"
#include "auth/user.h"
#include "core/clock.h"
#include "core/error.h"
#include "core/work_calendar.h"
#include "db/database.h"
#include "db/migrations.h"
#include "db/watched_cache.h"

namespace guanxi::calendar {

using SharedCalendar = std::shared_ptr<const WorkCalendar>;

class CalendarService {
 public:
  CalendarService(db::Database& database, const Clock& clock, audit::AuditLog& audit)
      : database_(database), clock_(clock), audit_(audit), cache_(database.changes(), std::chrono::seconds(1), 1) {
    database.changes().watch({"work_calendar_days"});
  }

  // Copies every built-in year not copied before; returns how many years it copied.
  int seed_builtin_years();

  // The calendar in force, read on the caller's connection when not cached.
  SharedCalendar current(db::Connection& c);
  // The same on a connection of its own: never call it while holding one.
  SharedCalendar current();

  // The listed days of one year, by date.
  std::vector<WorkCalendar::ListedDay> year(int year);
  // Lists a date as a workday or a day off. Errors: validation_failed (name).
  Result<WorkCalendar::ListedDay> set_day(const auth::Principal& actor, Date date, bool is_workday, std::string name,
                                          const auth::ClientInfo& client);
  // Back to the weekday rule. Errors: not_found when the date is not listed.
  Result<void> remove_day(const auth::Principal& actor, Date date, const auth::ClientInfo& client);

  // Today in Asia/Shanghai.
  Date today() const { return business_day(clock_.now_ms()); }

 private:
  SharedCalendar load(db::Connection& c);

  db::Database& database_;
  const Clock& clock_;
  audit::AuditLog& audit_;
  db::WatchedCache<int, SharedCalendar> cache_;
};

std::vector<db::Migration> migrations();

}  // namespace guanxi::calendar
