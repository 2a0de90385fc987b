#include "http/message.h"

#include <algorithm>

#include <boost/url/parse.hpp>
#include <boost/url/url_view.hpp>

namespace guanxi::http {

std::string_view Request::header(std::string_view lower_name) const {
  for (const auto& [name, value] : headers) {
    if (name == lower_name) return value;
  }
  return {};
}

std::string_view Request::cookie(std::string_view name) const {
  std::string_view all = header("cookie");
  while (!all.empty()) {
    size_t end = all.find(';');
    std::string_view pair = all.substr(0, end);
    while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
    size_t eq = pair.find('=');
    if (eq != std::string_view::npos && pair.substr(0, eq) == name) return pair.substr(eq + 1);
    if (end == std::string_view::npos) break;
    all.remove_prefix(end + 1);
  }
  return {};
}

bool parse_target(std::string_view target, std::string& path, std::map<std::string, std::string>& query) {
  auto parsed = boost::urls::parse_origin_form(target);
  if (!parsed) return false;
  const boost::urls::url_view& url = *parsed;
  path = url.path();
  if (path.empty()) path.push_back('/');
  for (auto param : url.params()) query.emplace(param.key, param.has_value ? param.value : "");
  return true;
}

namespace {

bool looks_like_ip(std::string_view text) {
  return !text.empty() && text.size() <= 45 &&
         text.find_first_not_of("0123456789abcdefABCDEF.:") == std::string_view::npos;
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

std::string client_address(const Request& request, const std::vector<std::string>& trusted_proxies) {
  auto trusted = [&](std::string_view address) {
    return std::find(trusted_proxies.begin(), trusted_proxies.end(), address) != trusted_proxies.end();
  };
  if (!trusted(request.remote_address)) return request.remote_address;
  std::string_view forwarded = request.header("x-forwarded-for");
  while (!forwarded.empty()) {
    const auto comma = forwarded.rfind(',');
    const std::string_view entry = trimmed(comma == std::string_view::npos ? forwarded : forwarded.substr(comma + 1));
    if (!looks_like_ip(entry)) break;
    if (!trusted(entry)) return std::string(entry);
    if (comma == std::string_view::npos) break;
    forwarded = forwarded.substr(0, comma);
  }
  return request.remote_address;
}

}  // namespace guanxi::http
