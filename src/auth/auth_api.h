#pragma once
#include "auth/auth_service.h"
#include "http/router.h"

namespace guanxi::auth {

inline constexpr const char* kSessionCookie = "guanxi_session";

struct CookieSettings {
  bool always_secure = false;  // set behind TLS; X-Forwarded-Proto: https also turns it on
};

// POST /api/v1/auth/login, POST /api/v1/auth/logout, GET /api/v1/auth/me.
void register_auth_routes(http::Router& router, AuthService& service, CookieSettings cookies);

}  // namespace guanxi::auth
