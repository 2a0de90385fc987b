#pragma once
// Word-level pinyin readings from pinyin-pro's dictionary (embedded at build time), so
// 银行 reads "yin hang" and 重庆 "chong qing" where a per-character reader says "yin xing"
// and "zhong qing". Used by the search index (CUS-14) to let users type pinyin or initials.
#include <string>
#include <string_view>
#include <vector>

namespace guanxi::search {

// CUS-14: one toneless, lower-case syllable per code point of `simplified_han_run` (ü is
// written v: 绿 → "lv"), read by forward maximum matching over the phrase dictionary:
// 中国银行 → {"zhong","guo","yin","hang"}. A code point without a reading (not a Han
// character, or a rare one) gives "". Pass simplified text (normalize() first).
std::vector<std::string> pinyin_syllables(std::string_view simplified_han_run);

// As pinyin_syllables(), but when the run starts with a surname it takes its surname
// reading: 曾国藩 → zeng guo fan (not ceng), 单田芳 → shan tian fang, 万俟 → mo qi.
// For people's names only (contacts): in a company name 单 keeps its word reading.
std::vector<std::string> person_name_pinyin_syllables(std::string_view simplified_han_run);

}  // namespace guanxi::search
