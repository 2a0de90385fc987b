#pragma once
// Human-readable texts for the stable error codes, Chinese first (UI rule 8).
#include <string>
#include <string_view>
#include <vector>

namespace guanxi {

enum class Locale { zh_CN, en };

// Picks the locale from an Accept-Language header: English only when the client
// prefers it; Chinese otherwise (the default).
Locale locale_from_accept_language(std::string_view header);
std::string_view locale_tag(Locale locale);

// Short title of an error code ("Not found" / "资源不存在").
std::string error_title(std::string_view code, Locale locale);
// Full sentence for an error code with {0}, {1} … replaced by args.
std::string error_detail(std::string_view code, Locale locale, const std::vector<std::string>& args = {});
// Message for a per-field validation code ("required", "must_be_string" …).
std::string field_error_message(std::string_view code, Locale locale);

}  // namespace guanxi
