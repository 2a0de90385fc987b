#include "planner/planner_migrations.h"

namespace guanxi::planner {

std::vector<db::Migration> migrations() {
  return {{12, "reminders and daily notes", R"SQL(
-- CUS-16: a user's own reminders, optionally about a customer. Birthdays are
-- not stored here: they are read from the customers and contacts whose
-- birthday_reminder switch is on, so a changed birthday needs no sync.
CREATE TABLE reminders (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  customer_id BIGINT,
  title TEXT NOT NULL,
  note TEXT,
  remind_at BIGINT NOT NULL,
  repeat_every TEXT NOT NULL DEFAULT 'none',
  -- The time the user set: a monthly reminder on the 31st comes back on the
  -- 31st where a month has one, not on the 30th forever after one short month.
  repeat_from BIGINT NOT NULL,
  done_at BIGINT,
  created_by BIGINT REFERENCES users (id),
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX reminders_open ON reminders (user_id, done_at, remind_at, id);

-- CUS-15: 日常记事, private to the user who writes them.
CREATE TABLE daily_notes (
  id {{id}},
  user_id BIGINT NOT NULL REFERENCES users (id),
  note_date TEXT NOT NULL,
  content TEXT NOT NULL,
  version BIGINT NOT NULL DEFAULT 1,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
CREATE INDEX daily_notes_user ON daily_notes (user_id, note_date, id);
)SQL",
           "",
           ""}};
}

}  // namespace guanxi::planner
