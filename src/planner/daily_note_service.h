#pragma once
// CUS-15: 日常记事. Private: a user reads and changes only their own notes;
// another user's note is as absent as one that does not exist.
#include <boost/json/object.hpp>

#include "auth/user.h"
#include "core/clock.h"
#include "core/error.h"
#include "planner/daily_note.h"

namespace guanxi::planner {

struct DailyNoteQuery {
  std::optional<std::string> from, to, q, cursor;
  int64_t limit = 50;
};

class DailyNoteService {
 public:
  DailyNoteService(db::Database& database, const Clock& clock) : database_(database), clock_(clock) {}

  // {"items", "next_cursor"}. Errors: validation_failed (from, to, cursor).
  Result<boost::json::object> list(const auth::Principal& actor, const DailyNoteQuery& query);
  // Errors: validation_failed (content required, ≤ 5000 characters; note_date a date, default today).
  Result<DailyNote> create(const auth::Principal& actor, const boost::json::object& body);
  // Errors: not_found, validation_failed, version_conflict (with the current note).
  Result<DailyNote> update(const auth::Principal& actor, int64_t id, const boost::json::object& body,
                           int64_t expected_version);
  Result<void> remove(const auth::Principal& actor, int64_t id, int64_t expected_version);

 private:
  std::optional<Error> apply(const boost::json::object& body, DailyNote& note, bool creating);

  db::Database& database_;
  const Clock& clock_;
};

boost::json::object daily_note_json(const DailyNote& note);

}  // namespace guanxi::planner
