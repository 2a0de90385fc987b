#include "audit/audit_api.h"

#include <algorithm>

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

boost::json::object access_json(const StoredAccessEntry& s) {
  const AccessEntry& e = s.entry;
  boost::json::array customers;
  for (const auto& c : e.customers) customers.push_back({{"id", c.id}, {"code", c.code}});
  boost::system::error_code ec;
  auto detail = e.detail.empty() ? boost::json::value(nullptr) : boost::json::parse(e.detail, ec);
  return {{"id", s.id},
          {"at", s.at},
          {"user_id", e.user_id},
          {"user_name", e.user_name},
          {"action", e.action},
          {"customers", std::move(customers)},
          {"customer_count", s.customer_count},
          {"reason", e.reason.empty() ? boost::json::value(nullptr) : boost::json::value(e.reason)},
          {"until", e.until_ms ? boost::json::value(*e.until_ms) : boost::json::value(nullptr)},
          {"ip", e.ip},
          {"user_agent", e.user_agent},
          {"detail", ec ? boost::json::value(e.detail) : detail}};
}

constexpr std::string_view kAccessActions[] = {"view", "reveal", "list", "history", "export"};

// The filters both logs share; `limit` is the page size plus one (to see whether a next page exists).
struct LogFilters {
  std::optional<int64_t> user_id, since, until, cursor;
  int64_t limit = 51;
};
Result<LogFilters> read_log_filters(const http::Request& r) {
  auto user = http::query_integer(r, "user_id", 1, INT64_MAX);
  auto since = http::query_integer(r, "since", 0, INT64_MAX);
  auto until = http::query_integer(r, "until", 0, INT64_MAX);
  auto limit = http::query_integer(r, "limit", 1, 500);
  auto cursor = http::query_integer(r, "cursor", 1, INT64_MAX);
  for (const auto* p : {&user, &since, &until, &limit, &cursor}) {
    if (!*p) return fail(p->error());
  }
  return LogFilters{*user, *since, *until, *cursor, limit->value_or(50) + 1};
}

}  // namespace

Result<AccessQuery> read_access_query(const http::Request& r) {
  auto filters = read_log_filters(r);
  if (!filters) return fail(filters.error());
  AccessQuery q;
  q.user_id = filters->user_id;
  q.since_ms = filters->since;
  q.until_ms = filters->until;
  q.before_id = filters->cursor;
  q.limit = filters->limit;
  q.action = text_param(r, "action");
  if (!q.action.empty() && std::find(std::begin(kAccessActions), std::end(kAccessActions), q.action) ==
                               std::end(kAccessActions)) {
    return fail(Error::validation({{"action", "unknown_value"}}));
  }
  return q;
}

boost::json::object access_page_json(std::vector<StoredAccessEntry> entries, int64_t page_size) {
  boost::json::value next = nullptr;
  if (static_cast<int64_t>(entries.size()) > page_size) {
    entries.resize(static_cast<size_t>(page_size));
    next = std::to_string(entries.back().id);
  }
  boost::json::array items;
  for (const auto& e : entries) items.push_back(access_json(e));
  return {{"items", std::move(items)}, {"next_cursor", next}};
}

void register_audit_routes(http::Router& router, AuditLog& log, AccessLog& access_log) {
  router.add("GET", "/api/v1/audit/access-log", {auth::perm::audit_read},
             [&access_log](http::RequestContext& ctx) -> Result<http::Response> {
               auto q = read_access_query(ctx.request);
               if (!q) return fail(q.error());
               auto customer = http::query_integer(ctx.request, "customer_id", 1, INT64_MAX);
               if (!customer) return fail(customer.error());
               q->customer_id = *customer;
               return http::json_response(200, access_page_json(access_log.query(*q), q->limit - 1));
             });

  router.add("GET", "/api/v1/audit/events", {auth::perm::audit_read},
             [&log](http::RequestContext& ctx) -> Result<http::Response> {
               const auto& r = ctx.request;
               auto filters = read_log_filters(r);
               if (!filters) return fail(filters.error());
               AuditQuery q;
               q.actor_id = filters->user_id;
               q.since_ms = filters->since;
               q.until_ms = filters->until;
               q.before_seq = filters->cursor;
               q.limit = filters->limit;
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
