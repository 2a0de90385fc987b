#pragma once
// Every module service, built once over one database and clock. The server
// and the command line (`guanxi user …`) use the same set, so both apply the
// same rules.
#include "app/config.h"
#include "approvals/approval_service.h"
#include "audit/access_log.h"
#include "audit/audit_log.h"
#include "auth/access_service.h"
#include "auth/account_service.h"
#include "auth/auth_service.h"
#include "auth/org_service.h"
#include "auth/password.h"
#include "auth/preference_service.h"
#include "auth/role_service.h"
#include "auth/second_factor_service.h"
#include "auth/user_service.h"
#include "calendar/calendar_service.h"
#include "core/clock.h"
#include "customers/address_book.h"
#include "customers/customer_export.h"
#include "customers/customer_service.h"
#include "customers/departure_service.h"
#include "customers/dictionary.h"
#include "customers/history_stats.h"
#include "customers/sub_record_service.h"
#include "db/database.h"
#include "planner/daily_note_service.h"
#include "planner/reminder_service.h"

namespace guanxi::app {

// The audit chain key: GUANXI_AUDIT_KEY, else <data_dir>/audit.key (created
// 0600 with 256 random bits on first use when `create`). Throws when there is
// no key (and `create` is false) or the file does not hold one.
std::string load_audit_key(const Config& config, bool create = true);
// The key sealing second-factor secrets (ADR 0013): GUANXI_SECRET_KEY, else
// <data_dir>/secret.key, created like audit.key. Its first 32 bytes are used.
std::string load_secret_key(const Config& config);

struct Services {
  Services(db::Database& database, const Clock& clock, const Config& config,
           auth::HashStrength strength = auth::HashStrength::interactive);

  // Brings reference data up to date after migrations: the built-in roles of
  // this binary and the root unit of the organization.
  void prepare();

  auth::PasswordHasher hasher;
  audit::AuditLog audit;
  audit::AccessLog access_log;  // SEC-7
  auth::AccessService access;
  auth::RoleService roles;
  auth::OrgService org;
  auth::UserService users;
  auth::SecondFactorService second_factor;  // ADR 0013
  auth::AuthService auth;
  auth::AccountService account;
  auth::PreferenceService preferences;  // issue 3 point 7: saved page layouts
  customers::DictionaryService dictionaries;
  customers::CustomFieldService custom_fields;  // CUS-6
  customers::CustomerRulesService customer_rules;  // DOC-6, CUS-9
  customers::MaskingService masking;               // SEC-3: masking patterns
  customers::CustomerService customers;
  customers::SubRecordService sub_records;  // contacts, accounts and notes
  customers::AddressBookService address_book;  // CUS-15
  customers::HistoryStatsService history_stats;  // CUS-10
  planner::ReminderService reminders;       // CUS-16
  planner::DailyNoteService daily_notes;    // CUS-15
  customers::DepartureService departures;   // SEC-6
  calendar::CalendarService calendar;       // issue 5 point 1: working days
  approvals::ApprovalService approvals;     // issue 5 point 1, ADR 0016
  customers::CustomerExportService exports;  // issue 5 point 6
};

// Code rule and grade rules from the configuration (what applies until an
// administrator sets them on the settings page). Throws when the grade rules
// file is missing or invalid: a server must not guess at them.
customers::CustomerRules load_customer_rules(const Config& config);

}  // namespace guanxi::app
