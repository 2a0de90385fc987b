#include "db/change_watch.h"

#include <algorithm>
#include <cctype>

namespace guanxi::db {
namespace {

bool is_word_char(char ch) { return std::isalnum(static_cast<unsigned char>(ch)) || ch == '_'; }

// Reads the next word (letters, digits, underscore), skipping spaces before it.
std::string_view next_word(std::string_view& sql) {
  size_t start = 0;
  while (start < sql.size() && std::isspace(static_cast<unsigned char>(sql[start]))) ++start;
  size_t end = start;
  while (end < sql.size() && is_word_char(sql[end])) ++end;
  const std::string_view word = sql.substr(start, end - start);
  sql.remove_prefix(end);
  return word;
}

bool same_word(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return std::tolower(static_cast<unsigned char>(x)) == std::tolower(static_cast<unsigned char>(y));
         });
}

// The table an INSERT [OR …] INTO, UPDATE or DELETE FROM statement writes, or "".
std::string_view written_table(std::string_view sql) {
  const std::string_view verb = next_word(sql);
  if (same_word(verb, "UPDATE")) return next_word(sql);
  if (same_word(verb, "DELETE")) return same_word(next_word(sql), "FROM") ? next_word(sql) : std::string_view();
  if (!same_word(verb, "INSERT")) return {};
  std::string_view word = next_word(sql);
  if (same_word(word, "OR")) {
    next_word(sql);  // REPLACE, IGNORE …
    word = next_word(sql);
  }
  return same_word(word, "INTO") ? next_word(sql) : std::string_view();
}

}  // namespace

void ChangeWatch::watch(std::initializer_list<std::string_view> tables) {
  for (auto table : tables) {
    if (std::find(tables_.begin(), tables_.end(), table) == tables_.end()) tables_.emplace_back(table);
  }
}

bool ChangeWatch::writes_watched(std::string_view sql) const {
  if (tables_.empty()) return false;
  const std::string_view table = written_table(sql);
  if (table.empty()) return false;
  return std::any_of(tables_.begin(), tables_.end(), [&](const std::string& t) { return same_word(t, table); });
}

}  // namespace guanxi::db
