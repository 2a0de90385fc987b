#include "audit/audit_api.h"

#include <boost/json.hpp>

#include "auth/permissions.h"
#include "http/context.h"

namespace guanxi::audit {
namespace {

boost::json::object event_json(const StoredAuditEvent& s) {
  boost::json::object o{{"id", s.id},
                        {"seq", s.seq},
                        {"occurred_at", s.occurred_at},
                        {"actor_id", s.event.actor_id ? boost::json::value(*s.event.actor_id) : nullptr},
                        {"actor_name", s.event.actor_name},
                        {"action", s.event.action},
                        {"target", s.event.target},
                        {"ip", s.event.ip},
                        {"user_agent", s.event.user_agent}};
  // The detail is JSON written by the server; show it as JSON, not as a string.
  boost::system::error_code ec;
  auto detail = s.event.detail.empty() ? boost::json::value(nullptr) : boost::json::parse(s.event.detail, ec);
  o["detail"] = ec ? boost::json::value(s.event.detail) : detail;
  return o;
}

std::string text_param(const http::Request& request, const char* name) {
  auto it = request.query.find(name);
  return it == request.query.end() ? std::string() : it->second.substr(0, 200);
}

}  // namespace

void register_audit_routes(http::Router& router, AuditLog& log) {
  router.add("GET", "/api/v1/audit/events", {auth::perm::audit_read},
             [&log](http::RequestContext& ctx) -> Result<http::Response> {
               AuditQuery q;
               const auto& r = ctx.request;
               auto user = http::query_integer(r, "user_id", 1, INT64_MAX);
               auto since = http::query_integer(r, "since", 0, INT64_MAX);
               auto until = http::query_integer(r, "until", 0, INT64_MAX);
               auto limit = http::query_integer(r, "limit", 1, 500);
               auto cursor = http::query_integer(r, "cursor", 1, INT64_MAX);
               for (const auto* p : {&user, &since, &until, &limit, &cursor}) {
                 if (!*p) return fail(p->error());
               }
               q.actor_id = *user;
               q.since_ms = *since;
               q.until_ms = *until;
               q.before_seq = *cursor;
               q.limit = limit->value_or(50) + 1;
               q.action_prefix = text_param(r, "action");
               q.target = text_param(r, "target");
               auto events = log.query(q);
               boost::json::value next = nullptr;
               if (static_cast<int64_t>(events.size()) >= q.limit) {
                 events.pop_back();
                 next = std::to_string(events.back().seq);
               }
               boost::json::array items;
               for (const auto& e : events) items.push_back(event_json(e));
               return http::json_response(200, {{"items", std::move(items)}, {"next_cursor", next}});
             });
}

}  // namespace guanxi::audit
