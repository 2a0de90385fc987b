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

bool is_parameter(std::string_view segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

bool matches(const Route& route, const std::vector<std::string_view>& have) {
  if (route.segments.size() != have.size()) return false;
  for (size_t i = 0; i < have.size(); ++i) {
    const std::string& want = route.segments[i];
    if (is_parameter(want) ? have[i].empty() : want != have[i]) return false;
  }
  return true;
}

std::map<std::string, std::string> parameters(const Route& route, const std::vector<std::string_view>& have) {
  std::map<std::string, std::string> params;
  for (size_t i = 0; i < have.size(); ++i) {
    const std::string& want = route.segments[i];
    if (is_parameter(want)) params[want.substr(1, want.size() - 2)] = std::string(have[i]);
  }
  return params;
}

std::vector<std::string> segments_of(std::string_view pattern) {
  std::vector<std::string> out;
  for (auto part : split_path(pattern)) out.emplace_back(part);
  return out;
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
  auto segments = segments_of(pattern);
  routes_.push_back({std::move(method), std::move(pattern), access, std::move(handler), {}, std::move(segments)});
}

void Router::add(std::string method, std::string pattern, std::vector<std::string> any_of, Handler handler) {
  auto segments = segments_of(pattern);
  routes_.push_back({std::move(method), std::move(pattern), Access::signed_in, std::move(handler), std::move(any_of),
                     std::move(segments)});
}

RouteMatch Router::match(const std::string& method, const std::string& path) const {
  RouteMatch result;
  const auto have = split_path(path);
  for (const Route& route : routes_) {
    if (!matches(route, have)) continue;
    const bool same_method = route.method == method || (method == "HEAD" && route.method == "GET");
    if (same_method) {
      result.route = &route;
      result.params = parameters(route, have);
      return result;
    }
    result.path_matched = true;
    if (!result.allowed_methods.empty()) result.allowed_methods += ", ";
    result.allowed_methods += route.method;
  }
  return result;
}

}  // namespace guanxi::http
