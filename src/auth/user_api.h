#pragma once
#include "auth/user_service.h"
#include "core/clock.h"
#include "http/router.h"

namespace guanxi::auth {

// /api/v1/users (administration) and POST /api/v1/auth/password (own password).
void register_user_routes(http::Router& router, UserService& service, const Clock& clock);

}  // namespace guanxi::auth
