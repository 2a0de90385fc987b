#include "search/pinyin.h"

#include <algorithm>
#include <span>
#include <unordered_map>

#include "search/code_points.h"
#include "search/embedded_data.h"

namespace guanxi::search {
namespace {

// A word → reading table over the embedded TSV text; keys and values view static storage.
struct ReadingTable {
  std::unordered_map<std::string_view, std::string_view> readings;
  size_t max_word_chars = 0;  // the longest key in code points (5 in pinyin-pro 3.29.4)
};

size_t count_code_points(std::string_view utf8) {
  return std::ranges::count_if(utf8, [](char byte) { return (static_cast<unsigned char>(byte) & 0xC0) != 0x80; });
}

ReadingTable load_table(std::span<const std::string_view> tsv_chunks) {
  ReadingTable table;
  table.readings.reserve(32 * 1024);
  for (std::string_view chunk : tsv_chunks) {
    while (!chunk.empty()) {
      size_t line_end = chunk.find('\n');
      std::string_view line = chunk.substr(0, line_end);
      chunk.remove_prefix(line_end == std::string_view::npos ? chunk.size() : line_end + 1);
      size_t tab = line.find('\t');
      if (tab == std::string_view::npos || tab == 0) continue;
      std::string_view word = line.substr(0, tab);
      table.readings.emplace(word, line.substr(tab + 1));
      table.max_word_chars = std::max(table.max_word_chars, count_code_points(word));
    }
  }
  return table;
}

// Loaded on first use; C++ guarantees the initialization runs once even with many threads.
const ReadingTable& word_readings() {
  static const ReadingTable table = load_table(embedded::pinyin_tsv());
  return table;
}

const ReadingTable& surname_readings() {
  static const ReadingTable table = load_table(embedded::surname_tsv());
  return table;
}

std::string_view span_bytes(std::span<const CodePoint> chars) {
  const char* begin = chars.front().bytes.data();
  const char* end = chars.back().bytes.data() + chars.back().bytes.size();
  return {begin, static_cast<size_t>(end - begin)};
}

// Appends one syllable per character of `word_chars` from a space-separated reading. The
// extractor guarantees equal counts for phrases; a single character may list several readings
// and the first is its default.
void append_syllables(std::string_view reading, size_t word_chars, std::vector<std::string>& out) {
  for (size_t i = 0; i < word_chars; ++i) {
    size_t space = reading.find(' ');
    out.emplace_back(reading.substr(0, space));
    reading.remove_prefix(space == std::string_view::npos ? reading.size() : space + 1);
  }
}

// Longest dictionary word starting at chars[0], or 0 when not even the character is listed.
size_t match_longest(const ReadingTable& table, std::span<const CodePoint> chars, std::string_view& reading) {
  for (size_t n = std::min(table.max_word_chars, chars.size()); n >= 1; --n) {
    auto found = table.readings.find(span_bytes(chars.first(n)));
    if (found != table.readings.end()) {
      reading = found->second;
      return n;
    }
  }
  return 0;
}

// Forward maximum matching: at each position take the longest listed word.
void read_words(std::span<const CodePoint> chars, std::vector<std::string>& out) {
  const ReadingTable& table = word_readings();
  while (!chars.empty()) {
    std::string_view reading;
    size_t n = match_longest(table, chars, reading);
    if (n == 0) {
      out.emplace_back();
      n = 1;
    } else {
      append_syllables(reading, n, out);
    }
    chars = chars.subspan(n);
  }
}

}  // namespace

std::vector<std::string> pinyin_syllables(std::string_view simplified_han_run) {
  std::vector<CodePoint> chars = split_code_points(simplified_han_run);
  std::vector<std::string> out;
  out.reserve(chars.size());
  read_words(chars, out);
  return out;
}

std::vector<std::string> person_name_pinyin_syllables(std::string_view simplified_han_run) {
  std::vector<CodePoint> chars = split_code_points(simplified_han_run);
  std::vector<std::string> out;
  out.reserve(chars.size());
  std::span<const CodePoint> rest(chars);
  // Only the first one or two characters can be the surname; the given name reads as words.
  if (!rest.empty()) {
    std::string_view reading;
    size_t n = match_longest(surname_readings(), rest, reading);
    if (n > 0) {
      append_syllables(reading, n, out);
      rest = rest.subspan(n);
    }
  }
  read_words(rest, out);
  return out;
}

}  // namespace guanxi::search
