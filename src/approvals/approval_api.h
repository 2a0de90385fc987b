#pragma once
#include <boost/json/object.hpp>

#include "core/messages.h"
#include "approvals/approval_service.h"
#include "http/router.h"

namespace guanxi::approvals {

// /api/v1/approvals… and /api/v1/approval-flows… (ADR 0016).
void register_approval_routes(http::Router& router, ApprovalService& service);
// A request as the approval routes answer it (for other modules' routes that answer 202 with one).
boost::json::object approval_request_json(const RequestView& view, Locale locale, const ApprovalService& service);

}  // namespace guanxi::approvals
