#include "calendar/calendar_api.h"

#include <boost/json.hpp>

#include "auth/permissions.h"
#include "core/utf8.h"
#include "http/context.h"

namespace guanxi::calendar {
namespace {

boost::json::object day_json(const WorkCalendar::ListedDay& day) {
  return {{"date", format_iso_date(day.date)}, {"is_workday", day.is_workday}, {"name", day.name}};
}

Result<Date> path_date(const http::RequestContext& ctx) {
  auto date = parse_iso_date(ctx.request.path_params.at("date"));
  if (!date) return fail(Error::validation({{"date", "invalid_date"}}));
  return *date;
}

}  // namespace

void register_calendar_routes(http::Router& router, CalendarService& service) {
  router.add("GET", "/api/v1/calendar", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto year = http::query_integer(ctx.request, "year", 2000, 2100);
               if (!year) return fail(year.error());
               const int shown = year->has_value() ? static_cast<int>(**year)
                                                   : static_cast<int>(service.today().year());
               boost::json::array days;
               for (const auto& day : service.year(shown)) days.push_back(day_json(day));
               return http::json_response(200, {{"year", shown}, {"days", std::move(days)}});
             });

  router.add("PUT", "/api/v1/calendar/days/{date}", {auth::perm::settings_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto date = path_date(ctx);
               if (!date) return fail(date.error());
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               http::FieldReader reader(*body);
               for (const auto& [member, value] : *body) {
                 if (member != "is_workday" && member != "name") reader.add_error(std::string(member), "unknown_field");
               }
               auto is_workday = reader.optional_bool("is_workday");
               if (!is_workday && !reader.has("is_workday")) reader.add_error("is_workday", "required");
               auto name = reader.optional_string("name", 200);
               if (name && utf8_length(*name) > 20) reader.add_error("name", "too_long");
               if (auto error = reader.finish()) return fail(*error);
               auto day = service.set_day(ctx.user(), *date, *is_workday, name.value_or(""), ctx.client());
               if (!day) return fail(day.error());
               return http::json_response(200, day_json(*day));
             });

  router.add("DELETE", "/api/v1/calendar/days/{date}", {auth::perm::settings_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto date = path_date(ctx);
               if (!date) return fail(date.error());
               auto removed = service.remove_day(ctx.user(), *date, ctx.client());
               if (!removed) return fail(removed.error());
               return http::no_content();
             });

  router.add("GET", "/api/v1/calendar/due", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               std::vector<FieldError> errors;
               Date from = service.today();
               if (auto text = http::query_text(ctx.request, "from")) {
                 if (auto parsed = parse_iso_date(*text)) from = *parsed;
                 else errors.push_back({"from", "invalid_date"});
               }
               auto days = http::query_integer(ctx.request, "days", 0, 365);
               if (!days) errors.push_back(days.error().errors.front());
               else if (!days->has_value()) errors.push_back({"days", "required"});
               if (!errors.empty()) return fail(Error::validation(std::move(errors)));
               const int n = static_cast<int>(**days);
               const Date due = n == 0 ? from : service.current()->add_working_days(from, n);
               return http::json_response(
                   200, {{"from", format_iso_date(from)}, {"days", n}, {"due_on", format_iso_date(due)}});
             });
}

}  // namespace guanxi::calendar
