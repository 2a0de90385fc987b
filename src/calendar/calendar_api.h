#pragma once
#include "calendar/calendar_service.h"
#include "http/router.h"

namespace guanxi::calendar {

// GET /api/v1/calendar, PUT/DELETE /api/v1/calendar/days/{date}, GET /api/v1/calendar/due.
void register_calendar_routes(http::Router& router, CalendarService& service);

}  // namespace guanxi::calendar
