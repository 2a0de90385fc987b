#include <boost/json.hpp>

#include "approvals/approval_api.h"
#include "auth/permissions.h"
#include "customers/customer_api.h"
#include "customers/customer_export.h"
#include "http/context.h"

namespace guanxi::customers {
namespace {

// The export's own parameters; the rest of the query is the list's (read_search).
Result<ExportRequest> read_export(const http::Request& request) {
  auto search = read_search(request);
  if (!search) return fail(search.error());
  ExportRequest out;
  out.search = std::move(*search);
  out.format = http::query_text(request, "format").value_or("");
  if (auto columns = http::query_text(request, "columns")) {
    size_t start = 0;
    while (start <= columns->size()) {
      const size_t comma = columns->find(',', start);
      const std::string key = columns->substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!key.empty()) out.columns.push_back(key);
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  if (auto reason = http::query_text(request, "reveal_reason")) out.reveal_reason = *reason;
  const size_t question = request.target.find('?');
  out.query = question == std::string::npos ? "" : request.target.substr(question + 1);
  return out;
}

Result<http::Response> export_response(Result<ExportOutcome> outcome, const http::RequestContext& ctx,
                                       const approvals::ApprovalService& approvals) {
  if (!outcome) return fail(outcome.error());
  if (outcome->approval) {
    return http::json_response(
        202, {{"approval", approvals::approval_request_json(*outcome->approval, ctx.locale, approvals)}});
  }
  http::Response response;
  response.content_type = outcome->file->content_type;
  response.body_file = outcome->file->path;
  response.set_header("Content-Disposition", "attachment; filename=\"" + outcome->file->filename + "\"");
  response.set_header("Cache-Control", "no-store");
  response.set_header("X-Export-Rows", std::to_string(outcome->file->rows));
  return response;
}

}  // namespace

void register_customer_export_routes(http::Router& router, CustomerExportService& service,
                                     approvals::ApprovalService& approvals) {
  // Registered before GET /api/v1/customers/{id}, which would take "export" for an id.
  router.add("GET", "/api/v1/customers/export", {auth::perm::customer_export},
             [&service, &approvals](http::RequestContext& ctx) -> Result<http::Response> {
               // HEAD would run (and log, or ask approval for) a whole export to send nothing.
               if (ctx.request.method == "HEAD") return fail(Error::make(405, "method_not_allowed"));
               auto approval_id = http::query_integer(ctx.request, "approval_id", 1, INT64_MAX);
               if (!approval_id) return fail(approval_id.error());
               if (!*approval_id) {
                 auto request = read_export(ctx.request);
                 if (!request) return fail(request.error());
                 return export_response(service.run(ctx.user(), *request, ctx.locale, ctx.client()), ctx, approvals);
               }
               // An approved export runs the query stored in its request, under the
               // requester's permissions of today.
               auto query = service.approved_query(ctx.user(), **approval_id);
               if (!query) return fail(query.error());
               http::Request stored;
               stored.target = "/api/v1/customers/export?" + *query;
               if (!http::parse_target(stored.target, stored.path, stored.query)) return fail(Error::not_found());
               auto request = read_export(stored);
               if (!request) return fail(request.error());
               return export_response(
                   service.run_approved(ctx.user(), *request, **approval_id, ctx.locale, ctx.client()), ctx, approvals);
             });
}

}  // namespace guanxi::customers
