// HTTP shape of /api/v1/address-book (CUS-15; docs/openapi.yaml).
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

}  // namespace guanxi::customers
