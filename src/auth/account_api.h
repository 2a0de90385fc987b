#pragma once
#include "auth/account_service.h"
#include "http/router.h"

namespace guanxi::auth {

// /api/v1/auth/sessions and /api/v1/auth/tokens: the caller's own sessions
// and API tokens.
void register_account_routes(http::Router& router, AccountService& service);

}  // namespace guanxi::auth
