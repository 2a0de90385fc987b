#pragma once
#include "approvals/approval_service.h"
#include "http/router.h"

namespace guanxi::approvals {

// /api/v1/approvals… and /api/v1/approval-flows… (ADR 0016).
void register_approval_routes(http::Router& router, ApprovalService& service);

}  // namespace guanxi::approvals
