// HTTP shape of /api/v1/customers/{id}/contacts and …/accounts (docs/openapi.yaml).
#include <boost/json.hpp>

#include "customers/customer_api.h"
#include "customers/sub_record_service.h"
#include "http/context.h"

namespace guanxi::customers {
namespace {

namespace json = boost::json;
namespace perm = auth::perm;

// A form may echo these back from what it was given.
constexpr std::string_view kEchoed[] = {"version", "id", "customer_id", "masked", "revealable"};

Result<FieldValues> read_input(const SubRecordKind& kind, const json::object& body, InputMode mode) {
  FieldValues values;
  auto errors = read_fields(body, kind.fields, mode, kEchoed, values);
  if (!errors.empty()) return fail(Error::validation(std::move(errors)));
  return values;
}

Result<http::Response> record_response(const SubRecordKind& kind, Result<SubRecord> record, const Unmasking& shown,
                                       int status = 200) {
  if (!record) return fail(record.error());
  auto response = http::json_response(status, sub_record_json(kind, *record, shown.masking(), shown.fields));
  response.set_header("ETag", "\"" + std::to_string(record->version()) + "\"");
  return response;
}

void register_kind(http::Router& router, SubRecordService& service, const SubRecordKind& kind,
                   const std::string& item_param) {
  const std::string base = "/api/v1/customers/{id}/" + std::string(kind.history_key);
  const std::string item = base + "/{" + item_param + "}";

  router.add("GET", base, {perm::customer_read},
             [&service, &kind](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto list = service.list(ctx.user(), kind, *id);
               if (!list) return fail(list.error());
               json::array items;
               const bool masked = list->unmasking.masked();
               for (const auto& record : list->items) {
                 items.push_back(sub_record_json(kind, record, list->unmasking.masking(), list->unmasking.fields));
               }
               return http::json_response(200, {{"items", std::move(items)},
                                                {"masked", masked},
                                                {"revealable", list->unmasking.revealable}});
             });

  const std::string write(kind.write_permission);
  router.add("POST", base, {write},
             [&service, &kind](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               auto input = read_input(kind, *body, InputMode::create);
               if (!input) return fail(input.error());
               auto created = service.create(ctx.user(), kind, *id, *input, ctx.client());
               return record_response(kind, std::move(created), service.unmasking_for(ctx.user(), *id), 201);
             });

  router.add("PATCH", item, {write},
             [&service, &kind, item_param](http::RequestContext& ctx) -> Result<http::Response> {
               auto patch = http::read_patch(ctx);
               if (!patch) return fail(patch.error());
               auto record_id = http::path_id(ctx, item_param.c_str());
               if (!record_id) return fail(record_id.error());
               auto input = read_input(kind, patch->body, InputMode::update);
               if (!input) return fail(input.error());
               auto updated = service.update(ctx.user(), kind, patch->id, *record_id, *input, patch->version, ctx.client());
               return record_response(kind, std::move(updated), service.unmasking_for(ctx.user(), patch->id));
             });
}

// CUS-4: a contact who is gone is removed; CUS-18: so is a note or record
// entered by mistake. The history keeps what it was.
void register_removal(http::Router& router, SubRecordService& service, const SubRecordKind& kind,
                      const std::string& item_param) {
  const std::string item = "/api/v1/customers/{id}/" + std::string(kind.history_key) + "/{" + item_param + "}";
  router.add("DELETE", item, {std::string(kind.write_permission)},
             [&service, &kind, item_param](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto record_id = http::path_id(ctx, item_param.c_str());
               if (!record_id) return fail(record_id.error());
               auto version = http::expected_version(ctx.request, json::object{});
               if (!version) return fail(version.error());
               auto removed = service.remove(ctx.user(), kind, *id, *record_id, "", *version, ctx.client());
               if (!removed) return fail(removed.error());
               return http::no_content();
             });
}

}  // namespace

void register_sub_record_routes(http::Router& router, SubRecordService& service) {
  register_kind(router, service, contact_kind(), "contact_id");
  register_kind(router, service, account_kind(), "account_id");
  register_kind(router, service, note_kind(), "note_id");
  register_removal(router, service, contact_kind(), "contact_id");
  register_removal(router, service, note_kind(), "note_id");

  // CUS-7: an account is cancelled with a reason, never deleted.
  router.add("POST", "/api/v1/customers/{id}/accounts/{account_id}/cancel", {perm::customer_update},
             [&service](http::RequestContext& ctx) -> Result<http::Response> {
               auto id = http::path_id(ctx);
               if (!id) return fail(id.error());
               auto account_id = http::path_id(ctx, "account_id");
               if (!account_id) return fail(account_id.error());
               auto body = http::parse_json_object(ctx.request);
               if (!body) return fail(body.error());
               auto version = http::expected_version(ctx.request, *body);
               if (!version) return fail(version.error());
               auto reason = read_reason(*body);
               if (!reason) return fail(reason.error());
               auto cancelled =
                   service.remove(ctx.user(), account_kind(), *id, *account_id, *reason, *version, ctx.client());
               return record_response(account_kind(), std::move(cancelled),
                                      service.unmasking_for(ctx.user(), *id));
             });
}

}  // namespace guanxi::customers
