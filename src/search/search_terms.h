#pragma once
// The tokenizer behind customer search (CUS-14, ADR 0010). The index is a plain table of
// (term, customer_id) rows with a B-tree key on (term, customer_id), identical on SQLite and
// PostgreSQL: a term is found by equality, a prefix by the range
//   term >= prefix AND term < prefix_upper_bound(prefix).
// Terms are either raw Han text (one character or an adjacent pair) or ASCII with a kind
// prefix, so one table serves every kind of lookup:
//   华, 华为           Han unigram / bigram
//   p:huaweijishu      full pinyin from a character to the end of its run (12 syllables max)
//   i:hwjs             pinyin initials, the same suffixes
//   w:ibm, w:3m        an ASCII letter/digit word of the name
//   t:00083100831      a phone number's digits reversed (a suffix query becomes a prefix)
#include <cstddef>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace guanxi::search {

inline constexpr std::string_view kPinyinTermPrefix = "p:";
inline constexpr std::string_view kInitialsTermPrefix = "i:";
inline constexpr std::string_view kWordTermPrefix = "w:";
inline constexpr std::string_view kPhoneTermPrefix = "t:";
// A pinyin term covers at most this many syllables, which bounds its length.
inline constexpr size_t kMaxPinyinTermSyllables = 12;
// Shorter digit strings are not searched as phone-number endings (too many hits).
inline constexpr size_t kMinPhoneSuffixDigits = 4;

// Person names read a leading surname with its surname reading (曾 zeng, 单 shan).
enum class NameKind { organization, person };

// CUS-14: the index terms of a customer or contact name, after normalize(): every distinct
// Han character and adjacent Han pair of each run; for each run, full pinyin and initials
// suffixes ("p:huaweijishu", "p:weijishu" …, "i:hwjs", "i:wjs" …), split where a character
// has no reading; and "w:" + each ASCII letter/digit word. Sorted, without duplicates.
// 华为技术有限公司 gives 31 terms.
std::vector<std::string> name_terms(std::string_view name, NameKind kind = NameKind::organization);

// The digits of a phone number in any notation (spaces, dashes, brackets, full-width digits),
// without a leading country code 86 ("+86 138-0013-8000", "008613800138000" → "13800138000").
std::string phone_digits(std::string_view phone);

// CUS-14: {"t:" + phone_digits(phone) reversed}, so "ends with 8000" is the prefix "t:0008".
// Empty when the text has no digits.
std::vector<std::string> phone_terms(std::string_view phone);

// What a search box string asks for. A customer matches when it has every required term and,
// for every group of required_prefixes, a term starting with one of the group's alternatives.
struct SearchQuery {
  // The whole query after normalize(), for exact matches and the name-prefix tier.
  std::string normalized;
  // Exact terms: a Han run of 1 character is that character, of 2 the pair, of 3 or more all
  // its adjacent pairs (a superset: the repository confirms with name_norm LIKE %run%).
  std::vector<std::string> required_terms;
  // One group per ASCII word: letters → {"p:"+w, "i:"+w, "w:"+w}; 4+ digits →
  // {"t:"+reversed, "w:"+digits}; shorter digit strings and letter/digit mixes → {"w:"+w}.
  std::vector<std::vector<std::string>> required_prefixes;
  // The Han runs of the query, for the LIKE check above.
  std::vector<std::string> han_runs;
  // True when the whole query looks like a customer code (KH…), an 18-character resident ID
  // or unified social credit code, a 9-character organization code or a full phone number:
  // the repository tries exact matches on those fields first.
  bool identity_like = false;
  // When identity_like: the query as that identifier, ASCII upper case without spaces or
  // dashes ("KH2026000001", "91350100M000100Y43"), or phone_digits() for a phone. Else empty.
  std::string identity;
};

// CUS-14: reads a search box string. A query made only of digits and phone punctuation
// ("138 0013 8000", "+86-138…") is one number; otherwise ASCII words are split at anything
// that is not a letter or digit, Han runs at anything that is not Han. Characters of other
// scripts only take part through `normalized`. A blank query gives an empty SearchQuery.
SearchQuery parse_query(std::string_view query);

// The smallest string greater than every string that starts with `prefix`, for the range
// term >= prefix AND term < bound under byte order (SQLite BINARY, PostgreSQL COLLATE "C").
// The last code point is incremented (UTF-8 byte order is code point order, and the result
// stays valid UTF-8, which PostgreSQL requires of text parameters); trailing U+10FFFF are
// dropped first. Returns "" when there is no upper bound (empty prefix): omit the condition.
std::string prefix_upper_bound(std::string_view prefix);

// CUS-14: whether one record with index `terms` (sorted, as name_terms gives them) and
// normalized name `name_norm` matches `query` by the same rule the repository applies:
// every required term, one alternative of every prefix group, and each Han run of three or
// more characters contiguous in the name; or the name starting with the query. For picking, among the records of a matched
// customer, the ones that matched themselves (its contacts in the address book).
bool matches(const SearchQuery& query, const std::vector<std::string>& terms, std::string_view name_norm);
// The same, where a Han run may lie in any of `texts` (normalized); the first is the name.
bool matches(const SearchQuery& query, const std::vector<std::string>& terms, std::span<const std::string> texts);

}  // namespace guanxi::search
