#include "search/text_normalize.h"

#include <opencc/opencc.h>
#include <unicode/coll.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/uniset.h>
#include <unicode/unistr.h>

#include <memory>
#include <stdexcept>

namespace guanxi::search {
namespace {

// Only full-width ASCII (U+FF01–FF5E) and the ideographic space are folded. Unfiltered NFKC
// would also rewrite ① and ㈱, and ICU's Fullwidth-Halfwidth transliterator mangles 。「」、
// and katakana (docs/research/search-data-sources.md).
const icu::Normalizer2& fullwidth_ascii_folder() {
  static const icu::Normalizer2* const folder = [] {
    UErrorCode status = U_ZERO_ERROR;
    const icu::Normalizer2* nfkc = icu::Normalizer2::getNFKCInstance(status);
    auto* fullwidth = new icu::UnicodeSet(u"[\\uFF01-\\uFF5E\\u3000]", status);
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU NFKC unavailable: ") + u_errorName(status));
    fullwidth->freeze();  // frozen sets are safe to read from many threads
    return new icu::FilteredNormalizer2(*nfkc, *fullwidth);
  }();
  return *folder;
}

// One OpenCC handle for the whole process: converting through a shared handle was verified
// to be safe (4 threads × 20,000 conversions); only opencc_error() is not thread-safe, and
// it is read once, during creation. OpenCC rather than ICU's Traditional-Simplified because
// ICU turns 乾隆 into 干隆 and takes a process-wide lock.
class TraditionalToSimplified {
 public:
  TraditionalToSimplified() : handle_(opencc_open("t2s.json")) {
    if (handle_ == reinterpret_cast<opencc_t>(-1)) {
      throw std::runtime_error(std::string("OpenCC t2s.json could not be opened (install libopencc-data): ") +
                               opencc_error());
    }
  }
  ~TraditionalToSimplified() { opencc_close(handle_); }
  TraditionalToSimplified(const TraditionalToSimplified&) = delete;
  TraditionalToSimplified& operator=(const TraditionalToSimplified&) = delete;

  std::string convert(const std::string& utf8) const {
    if (utf8.empty()) return utf8;
    std::unique_ptr<char, void (*)(char*)> converted(opencc_convert_utf8(handle_, utf8.c_str(), utf8.size()),
                                                     opencc_convert_utf8_free);
    if (!converted) throw std::runtime_error("OpenCC t2s conversion failed");
    return std::string(converted.get());
  }

 private:
  opencc_t handle_;
};

const TraditionalToSimplified& traditional_to_simplified() {
  static const TraditionalToSimplified converter;
  return converter;
}

bool is_space_like(UChar32 c) { return c < 0x20 || c == 0x7F || (c >= 0x80 && c <= 0x9F) || u_isUWhiteSpace(c); }

// Steps 3 and 4 of normalize(): lower-case ASCII, collapse white space, drop format characters.
icu::UnicodeString fold_case_and_space(const icu::UnicodeString& text) {
  icu::UnicodeString out;
  bool pending_space = false;
  for (int32_t i = 0; i < text.length(); i = text.moveIndex32(i, 1)) {
    UChar32 c = text.char32At(i);
    if (is_space_like(c)) {
      pending_space = !out.isEmpty();  // leading space is dropped; trailing is never flushed
      continue;
    }
    if (u_charType(c) == U_FORMAT_CHAR) continue;
    if (pending_space) out.append(u' ');
    pending_space = false;
    if (c >= u'A' && c <= u'Z') c += u'a' - u'A';
    out.append(c);
  }
  return out;
}

const icu::Collator& pinyin_collator_prototype() {
  static const std::unique_ptr<const icu::Collator> prototype = [] {
    UErrorCode status = U_ZERO_ERROR;
    std::unique_ptr<icu::Collator> collator(icu::Collator::createInstance(icu::Locale("zh"), status));
    if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU collator zh: ") + u_errorName(status));
    return std::unique_ptr<const icu::Collator>(std::move(collator));
  }();
  return *prototype;
}

// ICU collators are not thread-safe: each thread sorts with its own clone.
const icu::Collator& thread_pinyin_collator() {
  thread_local const std::unique_ptr<icu::Collator> collator(pinyin_collator_prototype().clone());
  return *collator;
}

}  // namespace

std::string normalize(std::string_view utf8) {
  // fromUTF8 replaces each invalid sequence with U+FFFD.
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(utf8.data(), utf8.size()));
  UErrorCode status = U_ZERO_ERROR;
  icu::UnicodeString halfwidth = fullwidth_ascii_folder().normalize(text, status);
  if (U_FAILURE(status)) throw std::runtime_error(std::string("ICU normalize: ") + u_errorName(status));
  std::string folded;
  fold_case_and_space(halfwidth).toUTF8String(folded);
  return traditional_to_simplified().convert(folded);
}

std::string collation_key(std::string_view utf8) {
  // A code point takes at most 4 bytes, so the first kCollationKeyMaxChars code points are
  // always inside this many bytes; a sequence cut here lies past them and is truncated away.
  constexpr size_t kMaxBytes = 4 * kCollationKeyMaxChars;
  std::string_view head = utf8.substr(0, kMaxBytes);
  icu::UnicodeString text = icu::UnicodeString::fromUTF8(icu::StringPiece(head.data(), head.size()));
  if (text.countChar32() > kCollationKeyMaxChars) text.truncate(text.moveIndex32(0, kCollationKeyMaxChars));

  const icu::Collator& collator = thread_pinyin_collator();
  std::string key(256, '\0');
  int32_t length = collator.getSortKey(text, reinterpret_cast<uint8_t*>(key.data()), static_cast<int32_t>(key.size()));
  if (length > static_cast<int32_t>(key.size())) {
    key.resize(length);
    length = collator.getSortKey(text, reinterpret_cast<uint8_t*>(key.data()), length);
  }
  // getSortKey counts its terminating zero byte; the key itself never contains a zero.
  key.resize(length > 0 ? length - 1 : 0);

  static constexpr char kHexDigits[] = "0123456789abcdef";  // '0'–'9' < 'a'–'f' in ASCII
  std::string hex;
  hex.reserve(key.size() * 2);
  for (unsigned char byte : key) {
    hex.push_back(kHexDigits[byte >> 4]);
    hex.push_back(kHexDigits[byte & 0x0F]);
  }
  return hex;
}

}  // namespace guanxi::search
