// HTTP shape of /api/v1/reminders (CUS-16; docs/openapi.yaml).
#include <boost/json.hpp>

#include "http/context.h"
#include "planner/planner_api.h"

namespace guanxi::planner {
namespace {

namespace json = boost::json;

Result<http::Response> reminder_response(Result<json::object> reminder, int status = 200) {
  if (!reminder) return fail(reminder.error());
  const auto version = reminder->at("version").as_int64();
  auto response = http::json_response(status, *reminder);
  response.set_header("ETag", "\"" + std::to_string(version) + "\"");
  return response;
}

}  // namespace

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

  router.add("POST", "/api/v1/reminders", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               return reminder_response(service.create(ctx.user(), *body), 201);
             });

  router.add("PATCH", "/api/v1/reminders/{id}", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto patch = http::read_patch(ctx);
               if (!patch) return fail(patch.error());
               return reminder_response(service.update(ctx.user(), patch->id, patch->body, patch->version));
             });

  router.add("DELETE", "/api/v1/reminders/{id}", http::Access::signed_in,
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
