#pragma once
// The writes of records each user keeps for themselves (reminders, daily
// notes): POST <base> creates (201), PATCH <base>/{id} changes and DELETE
// <base>/{id} removes, both with the record's version (If-Match or
// "version"). Created and changed records come back with their ETag.
#include <boost/json.hpp>

#include <string>

#include "http/context.h"
#include "http/router.h"

namespace guanxi::planner {

// `Service`: create(user, body), update(user, id, body, version), remove(user, id, version).
// `to_json`: the service's record as a JSON object holding its "version".
template <class Service, class ToJson>
void register_own_record_writes(http::Router& router, const std::string& base, Service& service, ToJson to_json) {
  auto respond = [to_json](auto record, int status) -> Result<http::Response> {
    if (!record) return fail(record.error());
    const boost::json::object body = to_json(*record);
    auto response = http::json_response(status, body);
    response.set_header("ETag", "\"" + std::to_string(body.at("version").as_int64()) + "\"");
    return response;
  };

  router.add("POST", base, http::Access::signed_in,
             [&service, respond](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               return respond(service.create(ctx.user(), *body), 201);
             });

  router.add("PATCH", base + "/{id}", http::Access::signed_in,
             [&service, respond](http::RequestContext& ctx) -> Result<http::Response> {
               auto patch = http::read_patch(ctx);
               if (!patch) return fail(patch.error());
               return respond(service.update(ctx.user(), patch->id, patch->body, patch->version), 200);
             });

  router.add("DELETE", base + "/{id}", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto version = http::expected_version(ctx.request, boost::json::object{});
               if (!version) return fail(version.error());
               auto removed = service.remove(ctx.user(), *id, *version);
               if (!removed) return fail(removed.error());
               return http::no_content();
             });
}

}  // namespace guanxi::planner
