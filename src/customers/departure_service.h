#pragma once
// SEC-5, SEC-6: a member of staff leaves in one action. Their account is
// disabled, their sessions end and their API tokens are revoked, and every
// customer they own (with its contacts and accounts, which follow the
// customer) and every open reminder of theirs (CUS-16) passes to a named successor, or to their manager, all in one
// transaction with history and audit. No customer is left to a disabled owner.
#include <optional>

#include "audit/audit_log.h"
#include "auth/user_service.h"
#include "customers/customer_service.h"
#include "planner/reminder_service.h"

namespace guanxi::customers {

struct DepartureResult {
  auth::User user;  // as it was before
  int64_t successor_id = 0;
  int64_t customers_handed_over = 0;
  int64_t reminders_handed_over = 0;  // the open ones
  int64_t sessions_ended = 0;
  int64_t tokens_revoked = 0;
};

class DepartureService {
 public:
  DepartureService(db::Database& database, audit::AuditLog& audit, auth::UserService& users,
                   CustomerService& customers, planner::ReminderService& reminders)
      : database_(database), audit_(audit), users_(users), customers_(customers), reminders_(reminders) {}

  // Errors: not_found, cannot_disable_self (409), forbidden (三员分立),
  // validation_failed: successor_id `required` (none given and no manager),
  // `unknown_value` (not an active user, or the departing user),
  // `no_customer_access` (the successor's roles lack customer.read).
  Result<DepartureResult> depart(const auth::Actor& actor, int64_t user_id, std::optional<int64_t> successor_id);

 private:
  db::Database& database_;
  audit::AuditLog& audit_;
  auth::UserService& users_;
  CustomerService& customers_;
  planner::ReminderService& reminders_;
};

}  // namespace guanxi::customers
