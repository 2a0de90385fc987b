#include "customers/customer_code.h"

#include <cstdio>
#include <regex>

namespace guanxi::customers {
namespace {

std::string expand_date(std::string text, int yyyymmdd) {
  char buf[8];
  auto replace = [&](const char* token, const char* format, int value) {
    std::snprintf(buf, sizeof buf, format, value);
    for (size_t pos = text.find(token); pos != std::string::npos; pos = text.find(token)) {
      text.replace(pos, std::char_traits<char>::length(token), buf);
    }
  };
  replace("{yyyy}", "%04d", yyyymmdd / 10000);
  replace("{yy}", "%02d", yyyymmdd / 10000 % 100);
  replace("{mm}", "%02d", yyyymmdd / 100 % 100);
  replace("{dd}", "%02d", yyyymmdd % 100);
  return text;
}

}  // namespace

Result<CodeRule> CodeRule::parse(const std::string& rule) {
  static const std::regex seq(R"(\{seq:([0-9]{1,2})\})");
  static const std::regex allowed(R"(^([A-Za-z0-9_-]|\{yyyy\}|\{yy\}|\{mm\}|\{dd\}|\{seq:[0-9]{1,2}\})+$)");
  std::smatch m;
  const auto invalid = [] { return fail(Error::validation({{"customer_code_rule", "invalid_format"}})); };
  if (rule.size() > 40 || !std::regex_match(rule, allowed) || !std::regex_search(rule, m, seq)) return invalid();
  CodeRule r;
  r.rule_ = rule;
  r.width_ = std::stoi(m[1].str());
  if (r.width_ < 1 || r.width_ > 12) return invalid();
  r.before_ = m.prefix().str();
  r.after_ = m.suffix().str();
  if (std::regex_search(r.after_, seq)) return invalid();  // exactly one sequence
  return r;
}

std::string CodeRule::counter_key(int yyyymmdd) const {
  return expand_date(before_, yyyymmdd) + "{seq}" + expand_date(after_, yyyymmdd);
}

std::string CodeRule::format(int yyyymmdd, int64_t number) const {
  char buf[32];
  std::snprintf(buf, sizeof buf, "%0*lld", width_, static_cast<long long>(number));
  return expand_date(before_, yyyymmdd) + buf + expand_date(after_, yyyymmdd);
}

}  // namespace guanxi::customers
