#pragma once
#include "auth/role_service.h"
#include "http/router.h"

namespace guanxi::auth {

// /api/v1/roles and /api/v1/permissions: the permission matrix.
void register_role_routes(http::Router& router, RoleService& service);

}  // namespace guanxi::auth
