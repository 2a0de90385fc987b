#include "customers/masking.h"

#include <boost/json.hpp>

namespace guanxi::customers {
namespace {

constexpr std::string_view kFields[] = {"id_number", "phone",   "mobile",  "email",
                                        "wechat",    "address", "birthday", "account_number"};
constexpr int kMinStars = 3;   // what record checks recognise as a masked value ("***")
constexpr int kMaxKeep = 20;
constexpr int kMaxStars = 20;

// Byte offsets of the UTF-8 characters of `text`, plus its end.
std::vector<size_t> char_starts(std::string_view text) {
  std::vector<size_t> starts;
  for (size_t i = 0; i < text.size(); ++i) {
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) starts.push_back(i);
  }
  starts.push_back(text.size());
  return starts;
}

std::string keep_ends(std::string_view text, const MaskPattern& p) {
  const auto starts = char_starts(text);
  const size_t length = starts.size() - 1;
  const size_t start = static_cast<size_t>(p.keep_start), end = static_cast<size_t>(p.keep_end);
  if (length <= start + end) return std::string(std::max<size_t>(kMinStars, length), '*');
  const size_t hidden = length - start - end;
  const size_t stars = p.stars > 0 ? static_cast<size_t>(p.stars) : std::max<size_t>(kMinStars, hidden);
  return std::string(text.substr(0, starts[start])) + std::string(stars, '*') +
         std::string(text.substr(starts[length - end]));
}

}  // namespace

std::span<const std::string_view> MaskPatterns::fields() { return kFields; }

const MaskPatterns& MaskPatterns::defaults() {
  static const MaskPatterns patterns = [] {
    MaskPatterns p;
    p.patterns_ = {{"id_number", {6, 4, 0}}, {"phone", {3, 4, 4}},  {"mobile", {3, 4, 4}},
                   {"email", {1, 0, 3}},     {"wechat", {1, 0, 4}}, {"address", {6, 0, 4}},
                   {"birthday", {0, 6, 4}},  {"account_number", {0, 4, 4}}};  // ****1234, as on a bank slip
    return p;
  }();
  return patterns;
}

Result<MaskPatterns> MaskPatterns::parse(std::string_view json_text) {
  boost::system::error_code ec;
  auto doc = boost::json::parse(json_text, ec);
  if (ec || !doc.is_object()) return fail(Error::validation({{"fields", "must_be_object"}}));
  MaskPatterns out = defaults();
  std::vector<FieldError> errors;
  for (const auto& [key, value] : doc.as_object()) {
    const std::string field(key);
    auto it = out.patterns_.find(field);
    if (it == out.patterns_.end()) {
      errors.push_back({field, "unknown_field"});
      continue;
    }
    if (!value.is_object()) {
      errors.push_back({field, "must_be_object"});
      continue;
    }
    MaskPattern pattern = it->second;
    for (const auto& [member, number] : value.as_object()) {
      int* target = member == "keep_start" ? &pattern.keep_start
                    : member == "keep_end" ? &pattern.keep_end
                    : member == "stars"    ? &pattern.stars
                                           : nullptr;
      const std::string at = field + "." + std::string(member);
      if (!target) {
        errors.push_back({at, "unknown_field"});
      } else if (!number.is_int64()) {
        errors.push_back({at, "must_be_integer"});
      } else {
        const int64_t n = number.as_int64();
        const bool ok = member == "stars" ? n == 0 || (n >= kMinStars && n <= kMaxStars) : n >= 0 && n <= kMaxKeep;
        if (!ok) errors.push_back({at, "out_of_range"});
        else *target = static_cast<int>(n);
      }
    }
    it->second = pattern;
  }
  if (!errors.empty()) return fail(Error::validation(std::move(errors)));
  return out;
}

const MaskPattern& MaskPatterns::pattern(std::string_view field) const {
  static const MaskPattern hide_all{0, 0, 4};
  auto it = patterns_.find(field);
  return it == patterns_.end() ? hide_all : it->second;
}

std::string MaskPatterns::mask(std::string_view field, const std::string& value) const {
  const MaskPattern& p = pattern(field);
  if (field == "email") {
    const auto at = value.find('@');
    if (at == std::string::npos || at == 0) return "***";
    // The domain says little about the person; the name part is what is hidden.
    MaskPattern name = p;
    name.keep_end = 0;
    return keep_ends(std::string_view(value).substr(0, at), name) + value.substr(at);
  }
  return keep_ends(value, p);
}

std::string MaskPatterns::to_json() const {
  boost::json::object out;
  for (auto field : kFields) {
    const MaskPattern& p = pattern(field);
    out[field] = {{"keep_start", p.keep_start}, {"keep_end", p.keep_end}, {"stars", p.stars}};
  }
  return boost::json::serialize(out);
}

}  // namespace guanxi::customers
