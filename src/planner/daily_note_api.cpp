// HTTP shape of /api/v1/daily-notes (CUS-15; docs/openapi.yaml).
#include <boost/json.hpp>

#include "http/context.h"
#include "planner/planner_api.h"

namespace guanxi::planner {
namespace {

namespace json = boost::json;

Result<http::Response> note_response(Result<DailyNote> note, int status = 200) {
  if (!note) return fail(note.error());
  auto response = http::json_response(status, daily_note_json(*note));
  response.set_header("ETag", "\"" + std::to_string(note->version) + "\"");
  return response;
}

}  // namespace

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

  router.add("POST", "/api/v1/daily-notes", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               return note_response(service.create(ctx.user(), *body), 201);
             });

  router.add("PATCH", "/api/v1/daily-notes/{id}", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto patch = http::read_patch(ctx);
               if (!patch) return fail(patch.error());
               return note_response(service.update(ctx.user(), patch->id, patch->body, patch->version));
             });

  router.add("DELETE", "/api/v1/daily-notes/{id}", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto version = http::expected_version(ctx.request, json::object{});
               if (!version) return fail(version.error());
               auto removed = service.remove(ctx.user(), *id, *version);
               if (!removed) return fail(removed.error());
               return http::no_content();
             });
}

}  // namespace guanxi::planner
