#pragma once
#include "auth/second_factor_service.h"
#include "http/router.h"

namespace guanxi::auth {

// /api/v1/auth/totp…: the caller's own second factor (ADR 0013). Reachable
// while an enrolment is required, like the password change.
void register_second_factor_routes(http::Router& router, SecondFactorService& service);

}  // namespace guanxi::auth
