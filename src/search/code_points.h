#pragma once
// UTF-8 code point helpers shared by the pinyin reader and the search tokenizer.
#include <string_view>
#include <vector>

namespace guanxi::search {

struct CodePoint {
  char32_t value;          // U+FFFD for an invalid sequence
  std::string_view bytes;  // the bytes of this code point in the source text
};

// The code points of `utf8` in order; each invalid byte sequence becomes one U+FFFD whose
// `bytes` are the bad bytes, so the pieces still tile the input.
std::vector<CodePoint> split_code_points(std::string_view utf8);

// A Chinese character (Unicode script Han: CJK ideographs of every block, 〇, 々).
bool is_han(char32_t c);

}  // namespace guanxi::search
