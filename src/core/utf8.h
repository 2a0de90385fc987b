#pragma once
// Length limits on text count characters, not bytes: 100 Chinese characters
// are 300 bytes of UTF-8.
#include <cstddef>
#include <string_view>

namespace guanxi {

// Number of Unicode code points in valid UTF-8.
inline size_t utf8_length(std::string_view text) {
  size_t n = 0;
  for (unsigned char c : text) {
    if ((c & 0xC0) != 0x80) ++n;
  }
  return n;
}

}  // namespace guanxi
