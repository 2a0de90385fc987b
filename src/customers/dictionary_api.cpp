// HTTP shape of /api/v1/dictionaries (CUS-5) and /api/v1/regions (GB/T 2260).
#include <boost/json.hpp>

#include "customers/customer_api.h"
#include "http/context.h"
#include "search/regions.h"

namespace guanxi::customers {
namespace {

namespace json = boost::json;

json::object item_json(const DictionaryItem& item) {
  return {{"code", item.code},
          {"label", item.label},
          {"label_en", item.label_en ? json::value(*item.label_en) : nullptr},
          {"sort_order", item.sort_order},
          {"retired", item.retired},
          {"version", item.version}};
}

Result<http::Response> item_response(Result<DictionaryItem> item, int status = 200) {
  if (!item) return fail(item.error());
  auto response = http::json_response(status, item_json(*item));
  response.set_header("ETag", "\"" + std::to_string(item->version) + "\"");
  return response;
}

}  // namespace

void register_dictionary_routes(http::Router& router, DictionaryService& service) {
  // Every signed-in user fills in forms that use these lists.
  router.add("GET", "/api/v1/dictionaries", http::Access::signed_in,
             [](http::RequestContext& ctx) -> Result<http::Response> {
               json::array items;
               for (const auto& d : dictionaries()) {
                 items.push_back({{"name", d.name}, {"label", ctx.locale == Locale::en ? d.en_label : d.zh_label}});
               }
               return http::json_response(200, {{"items", std::move(items)}});
             });

  router.add("GET", "/api/v1/dictionaries/{name}", http::Access::signed_in,
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto items = service.items(ctx.request.path_params.at("name"));
               if (!items) return fail(items.error());
               json::array out;
               for (const auto& item : *items) out.push_back(item_json(item));
               return http::json_response(200, {{"items", std::move(out)}});
             });

  router.add("POST", "/api/v1/dictionaries/{name}/items", {auth::perm::dictionary_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               http::FieldReader fields(*body);
               DictionaryItem item;
               item.dictionary = ctx.request.path_params.at("name");
               item.code = fields.required_string("code", 64);
               item.label = fields.required_string("label", 400);
               item.label_en = fields.optional_string("label_en", 400);
               item.sort_order = fields.optional_integer("sort_order").value_or(1000);
               if (auto invalid = fields.finish()) return fail(*invalid);
               return item_response(service.add(ctx.user(), item, ctx.client()), 201);
             });

  router.add("PATCH", "/api/v1/dictionaries/{name}/items/{code}", {auth::perm::dictionary_manage},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               auto version = http::expected_version(ctx.request, *body);
               if (!version) return fail(version.error());
               http::FieldReader fields(*body);
               DictionaryItemChange change;
               change.label = fields.optional_string("label", 400);
               if (fields.is_null("label_en")) {
                 change.label_en = std::optional<std::string>{};
               } else if (auto en = fields.optional_string("label_en", 400)) {
                 change.label_en = en;
               }
               change.sort_order = fields.optional_integer("sort_order");
               change.retired = fields.optional_bool("retired");
               if (fields.has("code")) fields.add_error("code", "read_only");
               if (auto invalid = fields.finish()) return fail(*invalid);
               return item_response(service.update(ctx.user(), ctx.request.path_params.at("name"),
                                                   ctx.request.path_params.at("code"), change, *version,
                                                   ctx.client()));
             });
}

void register_region_routes(http::Router& router) {
  router.add("GET", "/api/v1/regions", http::Access::signed_in,
             [](http::RequestContext& ctx) -> Result<http::Response> {
               std::string parent;
               if (auto it = ctx.request.query.find("parent"); it != ctx.request.query.end()) parent = it->second;
               if (!parent.empty() && !search::is_valid_region(parent)) return fail(Error::not_found());
               json::array items;
               for (const auto* region : search::region_children(parent)) {
                 items.push_back({{"code", region->code},
                                  {"name", region->name},
                                  {"level", region->level},
                                  {"has_children", !search::region_children(region->code).empty()}});
               }
               return http::json_response(200, {{"items", std::move(items)}});
             });
}

}  // namespace guanxi::customers
