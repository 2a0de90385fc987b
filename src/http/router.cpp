#include "http/router.h"

namespace guanxi::http {
namespace {

std::vector<std::string_view> split_path(std::string_view path) {
  std::vector<std::string_view> parts;
  size_t start = 1;
  while (start <= path.size()) {
    size_t end = path.find('/', start);
    if (end == std::string_view::npos) end = path.size();
    parts.push_back(path.substr(start, end - start));
    start = end + 1;
  }
  return parts;
}

bool match_pattern(std::string_view pattern, std::string_view path, std::map<std::string, std::string>& params) {
  const auto want = split_path(pattern);
  const auto have = split_path(path);
  if (want.size() != have.size()) return false;
  for (size_t i = 0; i < want.size(); ++i) {
    if (want[i].size() > 2 && want[i].front() == '{' && want[i].back() == '}') {
      if (have[i].empty()) return false;
      params[std::string(want[i].substr(1, want[i].size() - 2))] = std::string(have[i]);
    } else if (want[i] != have[i]) {
      return false;
    }
  }
  return true;
}

}  // namespace

std::string_view access_name(Access access) {
  switch (access) {
    case Access::public_route: return "public";
    case Access::signed_in: return "signed_in";
    case Access::account_self: return "account_self";
  }
  return "signed_in";
}

void Router::add(std::string method, std::string pattern, Access access, Handler handler) {
  routes_.push_back({std::move(method), std::move(pattern), access, std::move(handler), {}});
}

void Router::add(std::string method, std::string pattern, std::vector<std::string> any_of, Handler handler) {
  routes_.push_back({std::move(method), std::move(pattern), Access::signed_in, std::move(handler), std::move(any_of)});
}

RouteMatch Router::match(const std::string& method, const std::string& path) const {
  RouteMatch result;
  for (const Route& route : routes_) {
    std::map<std::string, std::string> params;
    if (!match_pattern(route.pattern, path, params)) continue;
    const bool same_method = route.method == method || (method == "HEAD" && route.method == "GET");
    if (same_method) {
      result.route = &route;
      result.params = std::move(params);
      return result;
    }
    result.path_matched = true;
    if (!result.allowed_methods.empty()) result.allowed_methods += ", ";
    result.allowed_methods += route.method;
  }
  return result;
}

}  // namespace guanxi::http
