// HTTP shape of /api/v1/daily-notes (CUS-15; docs/openapi.yaml).
#include <boost/json.hpp>

#include "http/context.h"
#include "planner/own_record_routes.h"
#include "planner/planner_api.h"

namespace guanxi::planner {

void register_daily_note_routes(http::Router& router, DailyNoteService& service) {
  router.add("GET", "/api/v1/daily-notes", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto limit = http::query_integer(ctx.request, "limit", 1, 200);
               if (!limit) return fail(limit.error());
               DailyNoteQuery query{http::query_text(ctx.request, "from"), http::query_text(ctx.request, "to"),
                                    http::query_text(ctx.request, "q"), http::query_text(ctx.request, "cursor"),
                                    limit->value_or(50)};
               auto page = service.list(ctx.user(), query);
               if (!page) return fail(page.error());
               return http::json_response(200, *page);
             });

  register_own_record_writes(router, "/api/v1/daily-notes", service,
                             [](const DailyNote& note) { return daily_note_json(note); });
}

}  // namespace guanxi::planner
