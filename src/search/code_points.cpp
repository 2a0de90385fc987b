#include "search/code_points.h"

#include <unicode/uscript.h>
#include <unicode/utf8.h>

namespace guanxi::search {

std::vector<CodePoint> split_code_points(std::string_view utf8) {
  std::vector<CodePoint> out;
  out.reserve(utf8.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(utf8.data());
  const auto length = static_cast<int32_t>(utf8.size());
  int32_t i = 0;
  while (i < length) {
    int32_t start = i;
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    out.push_back({c < 0 ? U'\uFFFD' : static_cast<char32_t>(c), utf8.substr(start, i - start)});
  }
  return out;
}

bool is_han(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  return uscript_getScript(static_cast<UChar32>(c), &status) == USCRIPT_HAN && U_SUCCESS(status);
}

}  // namespace guanxi::search
