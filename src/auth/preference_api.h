#pragma once
#include "auth/preference_service.h"
#include "http/router.h"

namespace guanxi::auth {

// /api/v1/preferences/{key}: the caller's own page settings.
void register_preference_routes(http::Router& router, PreferenceService& service);

}  // namespace guanxi::auth
