#include "http/message.h"

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

}  // namespace guanxi::http
