// HTTP shape of /api/v1/address-book (CUS-15) and /api/v1/customer-history/stats
// (CUS-10): read-only views across customers (docs/openapi.yaml).
#include <boost/json.hpp>

#include "customers/customer_api.h"
#include "http/context.h"

namespace guanxi::customers {

void register_address_book_routes(http::Router& router, AddressBookService& service) {
  router.add("GET", "/api/v1/address-book", {auth::perm::customer_read},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto limit = http::query_integer(ctx.request, "limit", 1, 200);
               if (!limit) return fail(limit.error());
               auto cursor = http::query_text(ctx.request, "cursor");
               if (cursor) cursor = cursor->substr(0, 1000);
               const std::string q = http::query_text(ctx.request, "q").value_or("").substr(0, 200);
               auto page = service.page(ctx.user(), q, cursor, limit->value_or(50), ctx.client());
               if (!page) return fail(page.error());
               return http::json_response(200, *page);
             });
}

void register_history_stats_routes(http::Router& router, HistoryStatsService& service) {
  router.add("GET", "/api/v1/customer-history/stats", {auth::perm::customer_read},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               HistoryStatsQuery query;
               query.group_by = http::query_text(ctx.request, "group_by").value_or("field");
               auto since = http::query_integer(ctx.request, "since", 0, INT64_MAX);
               if (!since) return fail(since.error());
               auto until = http::query_integer(ctx.request, "until", 0, INT64_MAX);
               if (!until) return fail(until.error());
               query.since_ms = *since;
               query.until_ms = *until;
               auto counts = service.count(ctx.user(), query);
               if (!counts) return fail(counts.error());
               return http::json_response(200, *counts);
             });
}

}  // namespace guanxi::customers
