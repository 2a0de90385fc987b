#pragma once
#include "audit/audit_log.h"
#include "http/router.h"

namespace guanxi::audit {

// GET /api/v1/audit/events: the audit log, newest first (audit.read only).
void register_audit_routes(http::Router& router, AuditLog& log);

}  // namespace guanxi::audit
