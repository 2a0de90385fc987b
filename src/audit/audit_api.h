#pragma once
#include <boost/json/object.hpp>

#include "audit/access_log.h"
#include "audit/audit_log.h"
#include "http/router.h"

namespace guanxi::audit {

// GET /api/v1/audit/events: the audit log, newest first (audit.read only).
// GET /api/v1/audit/access-log: the access log (SEC-7), newest first.
void register_audit_routes(http::Router& router, AuditLog& log, AccessLog& access_log);

// The filters and page of an access-log request: user_id, action, since,
// until (epoch ms), limit, cursor. Errors: validation_failed.
Result<AccessQuery> read_access_query(const http::Request& request);
// A page of entries as {"items", "next_cursor"}; `entries` holds one more
// than the page when there is a next page.
boost::json::object access_page_json(std::vector<StoredAccessEntry> entries, int64_t page_size);

}  // namespace guanxi::audit
