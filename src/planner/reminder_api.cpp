// HTTP shape of /api/v1/reminders (CUS-16; docs/openapi.yaml).
#include <boost/json.hpp>

#include "http/context.h"
#include "planner/own_record_routes.h"
#include "planner/planner_api.h"

namespace guanxi::planner {

namespace json = boost::json;

void register_reminder_routes(http::Router& router, ReminderService& service) {
  router.add("GET", "/api/v1/reminders", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto limit = http::query_integer(ctx.request, "limit", 1, 200);
               if (!limit) return fail(limit.error());
               auto page = service.list(ctx.user(), http::query_text(ctx.request, "status").value_or("open"),
                                        http::query_text(ctx.request, "cursor"), limit->value_or(50));
               if (!page) return fail(page.error());
               json::array items;
               for (auto& item : page->items) items.push_back(std::move(item));
               return http::json_response(200, {{"items", std::move(items)},
                                                {"next_cursor", page->next_cursor ? json::value(*page->next_cursor)
                                                                                  : json::value(nullptr)}});
             });

  router.add("GET", "/api/v1/reminders/due", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto days = http::query_integer(ctx.request, "days", 0, 60);
               if (!days) return fail(days.error());
               return http::json_response(200, service.due(ctx.user(), static_cast<int>(days->value_or(7))));
             });

  register_own_record_writes(router, "/api/v1/reminders", service,
                             [](const json::object& reminder) { return reminder; });
}

}  // namespace guanxi::planner
