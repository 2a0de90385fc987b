#include "auth/org_api.h"

#include <boost/json.hpp>

#include "auth/permissions.h"
#include "http/context.h"

namespace guanxi::auth {
namespace {

boost::json::object unit_json(const OrgUnit& u) {
  return {{"id", u.id},
          {"parent_id", u.parent_id ? boost::json::value(*u.parent_id) : boost::json::value(nullptr)},
          {"name", u.name},
          {"kind", u.kind},
          {"path", u.path},
          {"status", u.status},
          {"sort_order", u.sort_order},
          {"created_at", u.created_at},
          {"updated_at", u.updated_at},
          {"version", u.version}};
}

Result<http::Response> unit_response(Result<OrgUnit> unit, int status = 200) {
  if (!unit) return fail(unit.error());
  auto response = http::json_response(status, unit_json(*unit));
  response.set_header("ETag", "\"" + std::to_string(unit->version) + "\"");
  return response;
}

Result<http::Response> set_closed(OrgService& service, http::RequestContext& ctx, bool closed) {
  auto id = http::path_id(ctx);
  if (!id) return fail(id.error());
  boost::json::object body;
  if (!ctx.request.body.empty()) {
    auto parsed = http::parse_json_object(ctx.request);
    if (!parsed) return fail(parsed.error());
    body = std::move(*parsed);
  }
  auto version = http::expected_version(ctx.request, body);
  if (!version) return fail(version.error());
  return unit_response(service.set_closed(ctx.user(), *id, closed, *version, ctx.client()));
}

}  // namespace

void register_org_routes(http::Router& router, OrgService& service) {
  router.add("GET", "/api/v1/org-units", http::Access::signed_in,
             [&service](http::RequestContext&) -> Result<http::Response> {
               boost::json::array items;
               for (const auto& u : service.list()) items.push_back(unit_json(u));
               return http::json_response(200, {{"items", std::move(items)}, {"next_cursor", nullptr}});
             });

  router.add("GET", "/api/v1/org-units/{id}", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               return unit_response(service.get(*id));
             });

  router.add("POST", "/api/v1/org-units", {perm::org_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               http::FieldReader fields(*body);
               NewOrgUnit unit;
               unit.name = fields.required_string("name", 400);
               unit.kind = fields.optional_string("kind", 40).value_or("department");
               unit.parent_id = fields.optional_integer("parent_id");
               unit.sort_order = fields.optional_integer("sort_order").value_or(0);
               if (auto invalid = fields.finish()) return fail(*invalid);
               return unit_response(service.create(ctx.user(), unit, ctx.client()), 201);
             });

  router.add("PATCH", "/api/v1/org-units/{id}", {perm::org_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto patch = http::read_patch(ctx);
               if (!patch) return fail(patch.error());
               http::FieldReader fields(patch->body);
               OrgUnitChange change;
               change.name = fields.optional_string("name", 400);
               change.kind = fields.optional_string("kind", 40);
               change.parent_id = fields.optional_integer("parent_id");
               change.sort_order = fields.optional_integer("sort_order");
               if (auto invalid = fields.finish()) return fail(*invalid);
               return unit_response(service.update(ctx.user(), patch->id, change, patch->version, ctx.client()));
             });

  router.add("POST", "/api/v1/org-units/{id}/close", {perm::org_manage},
             [&service](http::RequestContext& ctx) { return set_closed(service, ctx, true); });
  router.add("POST", "/api/v1/org-units/{id}/reopen", {perm::org_manage},
             [&service](http::RequestContext& ctx) { return set_closed(service, ctx, false); });
}

}  // namespace guanxi::auth
