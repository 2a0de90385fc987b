#pragma once
#include "auth/org_service.h"
#include "http/router.h"

namespace guanxi::auth {

// /api/v1/org-units: the organization tree (DESIGN.md contract).
void register_org_routes(http::Router& router, OrgService& service);

}  // namespace guanxi::auth
