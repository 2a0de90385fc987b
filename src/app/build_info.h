#pragma once
#include <string_view>

namespace guanxi::app {

std::string_view version();
// The contents of docs/openapi.yaml at build time.
std::string_view openapi_yaml();

}  // namespace guanxi::app
