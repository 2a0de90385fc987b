#pragma once
// CUS-15: 日常记事, a user's own dated notes.
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "db/database.h"

namespace guanxi::planner {

struct DailyNote {
  int64_t id = 0;
  int64_t user_id = 0;
  std::string note_date;  // YYYY-MM-DD
  std::string content;
  int64_t version = 1;
  int64_t created_at = 0;
  int64_t updated_at = 0;
};

namespace daily_note_repository {

struct Filter {
  std::optional<std::string> from, to;  // note_date bounds, inclusive
  std::optional<std::string> contains;  // a substring of the content
  std::optional<std::pair<std::string, int64_t>> after;  // keyset: (note_date, id) of the last row read
  int64_t limit = 50;
};
// Newest date first, then newest written first.
std::vector<DailyNote> list(db::Connection& c, int64_t user_id, const Filter& filter);
std::optional<DailyNote> find(db::Connection& c, int64_t id);
int64_t insert(db::Connection& c, const DailyNote& note);
bool update(db::Connection& c, const DailyNote& note, int64_t expected_version);
bool remove(db::Connection& c, int64_t id, int64_t expected_version);

}  // namespace daily_note_repository
}  // namespace guanxi::planner
