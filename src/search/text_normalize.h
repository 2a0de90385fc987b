#pragma once
// Text normalization shared by the customer search index and its queries (CUS-14), and the
// pinyin sort key for customer lists. Both sides of a search go through normalize(), so
// "華為", "华为" and "华为 " find the same customer and "ＩＢＭ" finds "IBM".
#include <string>
#include <string_view>

namespace guanxi::search {

// CUS-14: the canonical form of a name or query, in this order:
//  1. invalid UTF-8 bytes become U+FFFD (never a crash, never a silent merge of neighbours);
//  2. full-width ASCII (Ａ１＠) and the ideographic space U+3000 become half-width; other
//     full-width punctuation (。「」、) and characters like ① ㈱ stay as they are;
//  3. ASCII upper case becomes lower case (other scripts are left alone);
//  4. whitespace (any Unicode white space or control character) runs become one ASCII space,
//     invisible format characters (zero-width space, BOM) are dropped, both ends are trimmed;
//  5. traditional characters become simplified (OpenCC t2s: 華為技術 → 华为技术, 乾隆 stays).
// Thread-safe. Throws std::runtime_error only if OpenCC's t2s data is not installed
// (Debian package libopencc-data).
std::string normalize(std::string_view utf8);

// A sort key for ORDER BY in pinyin order (ICU collator for locale "zh": 阿 < 北 < 长 < 中;
// CLDR's Chinese order puts digits first, then Han, then Latin: 3M < 阿里巴巴 < IBM),
// written as lower-case hex so that plain byte comparison (SQLite BINARY, PostgreSQL
// COLLATE "C") equals collation order. Only the first 100 code points count: names that
// agree that far sort as equal, which keeps the column small. Thread-safe (one collator per
// thread). Invalid UTF-8 is read as U+FFFD.
std::string collation_key(std::string_view utf8);

// The number of code points collation_key() looks at.
inline constexpr int kCollationKeyMaxChars = 100;

}  // namespace guanxi::search
