#pragma once
// CUS-10: the change history is countable: how many changes in a period,
// by field, by person, by kind of action or by day, over the customers the
// caller may read. Changes to contacts, accounts and notes count under their
// action (contact_updated …), not one key per record.
#include <boost/json/object.hpp>

#include "auth/access_service.h"
#include "core/clock.h"
#include "core/error.h"

namespace guanxi::customers {

struct HistoryStatsQuery {
  std::string group_by = "field";  // field | user | action | day
  std::optional<int64_t> since_ms;  // default: 30 days before until
  std::optional<int64_t> until_ms;  // exclusive; default: now
};

class HistoryStatsService {
 public:
  HistoryStatsService(db::Database& database, auth::AccessService& access, const Clock& clock)
      : database_(database), access_(access), clock_(clock) {}

  // {"group_by", "since", "until", "total", "items": [{"key", "count"[, "user_name"]}]},
  // the 100 largest groups by count (days in date order).
  // Errors: validation_failed (group_by unknown_value; until before since).
  Result<boost::json::object> count(const auth::Principal& actor, const HistoryStatsQuery& query);

 private:
  db::Database& database_;
  auth::AccessService& access_;
  const Clock& clock_;
};

}  // namespace guanxi::customers
