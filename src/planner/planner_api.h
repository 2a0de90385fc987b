#pragma once
#include "http/router.h"
#include "planner/daily_note_service.h"
#include "planner/reminder_service.h"

namespace guanxi::planner {

// /api/v1/reminders… (CUS-16) and /api/v1/daily-notes… (CUS-15): every
// signed-in user has their own; docs/openapi.yaml.
void register_reminder_routes(http::Router& router, ReminderService& service);
void register_daily_note_routes(http::Router& router, DailyNoteService& service);

}  // namespace guanxi::planner
