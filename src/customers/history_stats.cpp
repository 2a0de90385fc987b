#include "customers/history_stats.h"

#include <boost/json.hpp>

#include "auth/permissions.h"
#include "core/clock.h"
#include "customers/customer_repository.h"

namespace guanxi::customers {
namespace {

namespace json = boost::json;

constexpr int64_t kDayMs = 24LL * 3600 * 1000;
constexpr int64_t kShanghaiOffsetMs = 8LL * 3600 * 1000;

// The group key of a history row as SQL over alias h.
std::string group_sql(const std::string& group_by) {
  if (group_by == "user") return "h.user_id";
  if (group_by == "action") return "h.action";
  if (group_by == "day") return "(h.at + " + std::to_string(kShanghaiOffsetMs) + ") / " + std::to_string(kDayMs);
  // A customer field is its own key; a sub-record's changes count under their action.
  return "CASE WHEN h.field LIKE 'contacts.%' OR h.field LIKE 'accounts.%' OR h.field LIKE 'notes.%' THEN h.action"
         " ELSE COALESCE(h.field, h.action) END";
}

}  // namespace

Result<json::object> HistoryStatsService::count(const auth::Principal& actor, const HistoryStatsQuery& request) {
  HistoryStatsQuery query = request;
  if (!query.until_ms) query.until_ms = clock_.now_ms();
  if (!query.since_ms) query.since_ms = *query.until_ms - 30 * kDayMs;
  std::vector<FieldError> errors;
  if (query.group_by != "field" && query.group_by != "user" && query.group_by != "action" && query.group_by != "day") {
    errors.push_back({"group_by", "unknown_value"});
  }
  if (*query.until_ms <= *query.since_ms) errors.push_back({"until", "out_of_range"});
  if (!errors.empty()) return fail(Error::validation(std::move(errors)));

  auto c = database_.acquire();
  const auto scope = access_.owner_scope(*c, actor, auth::perm::customer_read);
  json::array items;
  int64_t total = 0;
  if (!scope.empty()) {
    std::vector<db::Value> params{*query.since_ms, *query.until_ms};
    std::string where = "h.at >= ? AND h.at < ?";
    if (auto clause = customer_repository::scope_clause(c->dialect(), scope, params, "c.owner_id"); !clause.empty()) {
      where += " AND " + clause;
    }
    // ADR 0015: changes to a field hidden from the caller are not counted for them.
    where += customer_repository::hidden_fields_clause(actor.field_rules.hidden_fields(), params, "h.field");
    const std::string key = group_sql(query.group_by);
    const std::string name = query.group_by == "user" ? "MAX(h.user_name)" : "NULL";
    const std::string order = query.group_by == "day" ? " ORDER BY 1" : " ORDER BY 2 DESC, 1";
    auto rows = c->execute("SELECT " + key + ", COUNT(*), " + name +
                               " FROM customer_history h JOIN customers c ON c.id = h.customer_id WHERE " + where +
                               " GROUP BY " + key + order,
                           params);
    for (const auto& row : rows.rows) {
      const int64_t n = row.integer(1);
      total += n;
      if (items.size() >= 100) continue;  // counted in the total, not listed
      json::object item;
      if (query.group_by == "day") {
        item["key"] = business_date_iso(row.integer(0) * kDayMs);
      } else if (query.group_by == "user") {
        item["key"] = row.is_null(0) ? json::value(nullptr) : json::value(row.integer(0));
        item["user_name"] = row.is_null(2) ? json::value(nullptr) : json::value(row.text(2));
      } else {
        item["key"] = row.text(0);
      }
      item["count"] = n;
      items.push_back(std::move(item));
    }
  }
  return json::object{{"group_by", query.group_by}, {"since", *query.since_ms}, {"until", *query.until_ms},
                      {"total", total},           {"items", std::move(items)}};
}

}  // namespace guanxi::customers
