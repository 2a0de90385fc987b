// Gathers the schema migrations of every module in one list.
#include "approvals/approval_repository.h"
#include "audit/access_log.h"
#include "audit/audit_log.h"
#include "auth/auth_service.h"
#include "calendar/calendar_service.h"
#include "customers/customer_migrations.h"
#include "db/migrations.h"
#include "planner/planner_migrations.h"

namespace guanxi::db {

const std::vector<Migration>& application_migrations() {
  static const std::vector<Migration> all = [] {
    std::vector<Migration> list;
    for (auto& m : auth::migrations()) list.push_back(std::move(m));
    for (auto& m : audit::migrations()) list.push_back(std::move(m));
    for (auto& m : audit::access_log_migrations()) list.push_back(std::move(m));
    for (auto& m : customers::migrations()) list.push_back(std::move(m));
    for (auto& m : planner::migrations()) list.push_back(std::move(m));
    for (auto& m : calendar::migrations()) list.push_back(std::move(m));
    for (auto& m : approvals::approval_repository::migrations()) list.push_back(std::move(m));
    return list;
  }();
  return all;
}

}  // namespace guanxi::db
