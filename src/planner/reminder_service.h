#pragma once
// CUS-16: my reminders. A user sees and changes only their own; a reminder
// about a customer needs that customer readable when it is set, and shows the
// customer only while it still is. The due list mixes reminders with the
// birthdays of the customers the user owns whose switch is on.
#include <boost/json/object.hpp>

#include "core/clock.h"
#include "core/error.h"
#include "customers/customer_service.h"
#include "planner/reminder.h"

namespace guanxi::planner {

struct ReminderPage {
  std::vector<boost::json::object> items;
  std::optional<std::string> next_cursor;
};

class ReminderService {
 public:
  ReminderService(db::Database& database, const Clock& clock, customers::CustomerService& customers)
      : database_(database), clock_(clock), customers_(customers) {}

  // status "open" or "done"; cursor from an earlier page. Errors: validation_failed.
  Result<ReminderPage> list(const auth::Principal& actor, const std::string& status,
                            const std::optional<std::string>& cursor, int64_t limit);
  // Open reminders due within `days` days (overdue ones too) and the birthdays
  // in that window, soonest first: {"items", "count", "today"}.
  boost::json::object due(const auth::Principal& actor, int days);
  // Errors: validation_failed (title, note, remind_at, repeat, customer_id).
  Result<boost::json::object> create(const auth::Principal& actor, const boost::json::object& body);
  // Errors: not_found (absent or someone else's), validation_failed, version_conflict.
  // {"done": true} on a repeating reminder moves it to its next time instead.
  Result<boost::json::object> update(const auth::Principal& actor, int64_t id, const boost::json::object& body,
                                     int64_t expected_version);
  Result<void> remove(const auth::Principal& actor, int64_t id, int64_t expected_version);

  // SEC-6: inside the departure's transaction; returns how many passed.
  int64_t hand_over_open(db::Connection& c, int64_t from_user, int64_t to_user);

 private:
  boost::json::object to_json(db::Connection& c, const auth::Principal& actor, const Reminder& reminder);
  std::optional<Error> apply(db::Connection& c, const auth::Principal& actor, const boost::json::object& body,
                             Reminder& reminder, bool creating);

  db::Database& database_;
  const Clock& clock_;
  customers::CustomerService& customers_;
};

}  // namespace guanxi::planner
