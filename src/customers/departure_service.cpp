#include "customers/departure_service.h"

#include <boost/json.hpp>

#include "auth/permissions.h"

namespace guanxi::customers {

Result<DepartureResult> DepartureService::depart(const auth::Actor& actor, int64_t user_id,
                                                 std::optional<int64_t> successor_id) {
  auto c = database_.acquire();
  db::Transaction tx(*c, true);
  auto closed = users_.close_for_departure(*c, user_id, actor);
  if (!closed) return fail(closed.error());
  const auto to = successor_id ? successor_id : closed->user.manager_id;
  if (!to) return fail(Error::validation({{"successor_id", "required"}}));
  auto successor = users_.find(*c, *to);
  if (!successor || successor->status != "active" || successor->id == user_id) {
    return fail(Error::validation({{"successor_id", "unknown_value"}}));
  }
  // An owner who may not even read customers could not look after them.
  if (!auth::UserService::holds(*c, *successor, auth::perm::customer_read)) {
    return fail(Error::validation({{"successor_id", "no_customer_access"}}));
  }
  DepartureResult result{closed->user,
                         successor->id,
                         customers_.hand_over_all(*c, actor, user_id, successor->id),
                         reminders_.hand_over_open(*c, user_id, successor->id),
                         closed->sessions_ended,
                         closed->tokens_revoked};
  boost::json::object detail{{"successor_id", result.successor_id},
                             {"successor", successor->username},
                             {"customers", result.customers_handed_over},
                             {"reminders", result.reminders_handed_over},
                             {"sessions_ended", result.sessions_ended},
                             {"tokens_revoked", result.tokens_revoked}};
  audit_.record(*c, {actor.user_id, actor.name, "user.departed", "user:" + closed->user.username, actor.client.ip,
                     actor.client.user_agent, boost::json::serialize(detail)});
  tx.commit();
  return result;
}

}  // namespace guanxi::customers
