#include "search/search_terms.h"

#include <algorithm>
#include <span>

#include "search/code_points.h"
#include "search/pinyin.h"
#include "search/text_normalize.h"

namespace guanxi::search {
namespace {

bool is_ascii_digit(char32_t c) { return c >= U'0' && c <= U'9'; }
bool is_ascii_alnum(char32_t c) { return is_ascii_digit(c) || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'); }
bool is_all_digits(std::string_view s) {
  return std::ranges::all_of(s, [](char c) { return is_ascii_digit(c); });
}
bool is_all_letters(std::string_view s) {
  return std::ranges::all_of(s, [](char c) { return is_ascii_alnum(c) && !is_ascii_digit(c); });
}

std::string concat(std::string_view a, std::string_view b) {
  std::string out;
  out.reserve(a.size() + b.size());
  out.append(a).append(b);
  return out;
}

std::string reversed(std::string_view s) { return std::string(s.rbegin(), s.rend()); }

void sort_unique(std::vector<std::string>& items) {
  std::ranges::sort(items);
  auto [first, last] = std::ranges::unique(items);
  items.erase(first, last);
}

// A maximal run of Han characters, or of ASCII letters and digits, in normalized text.
struct Segment {
  bool han;
  std::span<const CodePoint> chars;
  std::string_view text() const {
    return {chars.front().bytes.data(),
            static_cast<size_t>(chars.back().bytes.data() + chars.back().bytes.size() - chars.front().bytes.data())};
  }
};

// Everything that is neither Han nor an ASCII letter/digit separates segments (spaces,
// punctuation, other scripts).
std::vector<Segment> split_segments(std::span<const CodePoint> chars) {
  std::vector<Segment> segments;
  size_t i = 0;
  while (i < chars.size()) {
    bool han = is_han(chars[i].value);
    if (!han && !is_ascii_alnum(chars[i].value)) {
      ++i;
      continue;
    }
    size_t end = i + 1;
    while (end < chars.size() && (han ? is_han(chars[end].value) : is_ascii_alnum(chars[end].value))) ++end;
    segments.push_back({han, chars.subspan(i, end - i)});
    i = end;
  }
  return segments;
}

// CUS-14: pinyin suffix terms of one run of readable syllables, so a query may start at
// any character of the run: 华为技术 → p:huaweijishu, p:weijishu, p:jishu, p:shu and the
// matching i:hwjs, i:wjs, i:js, i:s.
void add_pinyin_suffixes(std::span<const std::string> syllables, std::vector<std::string>& terms) {
  for (size_t i = 0; i < syllables.size(); ++i) {
    std::string full(kPinyinTermPrefix), initials(kInitialsTermPrefix);
    for (const std::string& syllable : syllables.subspan(i, std::min(kMaxPinyinTermSyllables, syllables.size() - i))) {
      full += syllable;
      initials += syllable.front();
    }
    terms.push_back(std::move(full));
    terms.push_back(std::move(initials));
  }
}

void add_han_run_terms(const Segment& run, bool read_as_person_name, std::vector<std::string>& terms) {
  for (size_t i = 0; i < run.chars.size(); ++i) {
    terms.emplace_back(run.chars[i].bytes);  // CUS-14: unigrams let one character find a name
    if (i + 1 < run.chars.size()) terms.emplace_back(Segment{true, run.chars.subspan(i, 2)}.text());  // bigrams
  }
  std::vector<std::string> syllables =
      read_as_person_name ? person_name_pinyin_syllables(run.text()) : pinyin_syllables(run.text());
  // A character without a reading splits the run: pinyin cannot be typed across it.
  auto readable_begin = syllables.begin();
  while (readable_begin != syllables.end()) {
    auto readable_end = std::find_if(readable_begin, syllables.end(), [](const std::string& s) { return s.empty(); });
    add_pinyin_suffixes(std::span<const std::string>(readable_begin, readable_end), terms);
    readable_begin = readable_end == syllables.end() ? readable_end : readable_end + 1;
  }
}

bool is_phone_text(std::string_view text) {
  return text.find_first_not_of("0123456789 +-()") == std::string_view::npos &&
         text.find_first_of("0123456789") != std::string_view::npos;
}

// A mainland mobile (11 digits, 1…) or a landline with its area code (0…, 10–12 digits).
bool is_full_phone(std::string_view digits) {
  return (digits.size() == 11 && digits.front() == '1') ||
         (digits.size() >= 10 && digits.size() <= 12 && digits.front() == '0');
}

// The query as an identifier when it looks like one (see SearchQuery::identity), else "".
std::string identity_of(std::string_view normalized) {
  if (is_phone_text(normalized)) {
    std::string digits = phone_digits(normalized);
    if (is_full_phone(digits)) return digits;
  }
  std::string compact;
  for (char c : normalized) {
    if (c == ' ' || c == '-') continue;
    if (!is_ascii_alnum(static_cast<unsigned char>(c))) return "";
    compact.push_back(c >= 'a' && c <= 'z' ? static_cast<char>(c - 'a' + 'A') : c);
  }
  bool has_digit = compact.find_first_of("0123456789") != std::string::npos;
  bool customer_code = compact.size() >= 6 && compact.starts_with("KH") && is_all_digits(compact.substr(2));
  bool id_or_credit_code = compact.size() == 18 && has_digit;  // resident ID / USCC
  bool organization_code = compact.size() == 9 && has_digit;   // 组织机构代码 (8 + check character)
  return customer_code || id_or_credit_code || organization_code ? compact : "";
}

void add_word_prefixes(std::string_view word, SearchQuery& query) {
  std::vector<std::string> alternatives;
  if (is_all_letters(word)) {
    // CUS-14: letters may be full pinyin (huawei), initials (hwjs) or an English word (ibm).
    alternatives = {concat(kPinyinTermPrefix, word), concat(kInitialsTermPrefix, word), concat(kWordTermPrefix, word)};
  } else if (is_all_digits(word) && word.size() >= kMinPhoneSuffixDigits) {
    // CUS-14: four or more digits may be the end of a phone number, or a number in the name.
    alternatives = {concat(kPhoneTermPrefix, reversed(word)), concat(kWordTermPrefix, word)};
  } else {
    alternatives = {concat(kWordTermPrefix, word)};
  }
  if (std::ranges::find(query.required_prefixes, alternatives) == query.required_prefixes.end()) {
    query.required_prefixes.push_back(std::move(alternatives));
  }
}

void add_han_query_run(const Segment& run, SearchQuery& query) {
  query.han_runs.emplace_back(run.text());
  if (run.chars.size() <= 2) {
    query.required_terms.emplace_back(run.text());  // CUS-14: 1 char → unigram, 2 → bigram
    return;
  }
  for (size_t i = 0; i + 1 < run.chars.size(); ++i) {  // CUS-14: longer runs → all bigrams
    query.required_terms.emplace_back(Segment{true, run.chars.subspan(i, 2)}.text());
  }
}

void append_utf8(std::string& out, char32_t c) {
  if (c < 0x80) {
    out.push_back(static_cast<char>(c));
  } else if (c < 0x800) {
    out.push_back(static_cast<char>(0xC0 | (c >> 6)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else if (c < 0x10000) {
    out.push_back(static_cast<char>(0xE0 | (c >> 12)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  } else {
    out.push_back(static_cast<char>(0xF0 | (c >> 18)));
    out.push_back(static_cast<char>(0x80 | ((c >> 12) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | ((c >> 6) & 0x3F)));
    out.push_back(static_cast<char>(0x80 | (c & 0x3F)));
  }
}

}  // namespace

std::vector<std::string> name_terms(std::string_view name, NameKind kind) {
  std::string normalized = normalize(name);
  std::vector<CodePoint> chars = split_code_points(normalized);
  std::vector<std::string> terms;
  bool first_segment = true;
  for (const Segment& segment : split_segments(chars)) {
    if (segment.han) {
      // Only a person's name that starts with Han text starts with a surname.
      add_han_run_terms(segment, kind == NameKind::person && first_segment, terms);
    } else {
      terms.push_back(concat(kWordTermPrefix, segment.text()));  // CUS-14: ibm, 3m, 360
    }
    first_segment = false;
  }
  sort_unique(terms);
  return terms;
}

std::string phone_digits(std::string_view phone) {
  std::string normalized = normalize(phone);  // full-width digits count too
  std::string digits;
  for (char c : normalized) {
    if (is_ascii_digit(static_cast<unsigned char>(c))) digits.push_back(c);
  }
  bool international = normalized.starts_with('+') || digits.starts_with("00");
  if (digits.starts_with("0086")) {
    digits.erase(0, 4);
  } else if ((international && digits.starts_with("86")) || (digits.size() == 13 && digits.starts_with("861"))) {
    digits.erase(0, 2);
  } else {
    return digits;
  }
  // Inside China a landline is written with the trunk prefix 0 (+86 10 … is 010 …).
  if (!digits.empty() && !(digits.size() == 11 && digits.front() == '1')) digits = "0" + digits;
  return digits;
}

std::vector<std::string> phone_terms(std::string_view phone) {
  std::string digits = phone_digits(phone);
  if (digits.empty()) return {};
  return {concat(kPhoneTermPrefix, reversed(digits))};  // CUS-14: suffix search as a prefix range
}

SearchQuery parse_query(std::string_view text) {
  SearchQuery query;
  query.normalized = normalize(text);
  if (query.normalized.empty()) return query;

  query.identity = identity_of(query.normalized);
  query.identity_like = !query.identity.empty();

  if (is_phone_text(query.normalized)) {
    add_word_prefixes(phone_digits(query.normalized), query);  // "138 0013 8000" is one number
    return query;
  }
  std::vector<CodePoint> chars = split_code_points(query.normalized);
  for (const Segment& segment : split_segments(chars)) {
    if (segment.han) {
      add_han_query_run(segment, query);
    } else {
      add_word_prefixes(segment.text(), query);
    }
  }
  sort_unique(query.required_terms);
  return query;
}

std::string prefix_upper_bound(std::string_view prefix) {
  std::vector<CodePoint> chars = split_code_points(prefix);
  while (!chars.empty() && chars.back().value == 0x10FFFF) chars.pop_back();
  if (chars.empty()) return "";
  char32_t next = chars.back().value + 1;
  if (next == 0xD800) next = 0xE000;  // surrogates have no UTF-8 form
  std::string bound(prefix.substr(0, chars.back().bytes.data() - prefix.data()));
  append_utf8(bound, next);
  return bound;
}

bool matches(const SearchQuery& query, const std::vector<std::string>& terms, std::string_view name_norm) {
  const std::string name(name_norm);
  return matches(query, terms, std::span<const std::string>(&name, 1));
}

bool matches(const SearchQuery& query, const std::vector<std::string>& terms, std::span<const std::string> texts) {
  if (query.normalized.empty() || (!texts.empty() && texts.front().starts_with(query.normalized))) return true;
  for (const auto& term : query.required_terms) {
    if (!std::binary_search(terms.begin(), terms.end(), term)) return false;
  }
  for (const auto& group : query.required_prefixes) {
    const bool any = std::any_of(group.begin(), group.end(), [&](const std::string& prefix) {
      auto it = std::lower_bound(terms.begin(), terms.end(), prefix);
      return it != terms.end() && it->starts_with(prefix);
    });
    if (!any) return false;
  }
  for (const auto& run : query.han_runs) {
    if (run.size() <= 6) continue;
    const bool inside = std::any_of(texts.begin(), texts.end(),
                                    [&](const std::string& text) { return text.find(run) != std::string::npos; });
    if (!inside) return false;
  }
  return true;
}

}  // namespace guanxi::search
