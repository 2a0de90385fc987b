#include "search/regions.h"

#include <algorithm>
#include <charconv>
#include <deque>
#include <unordered_map>

#include "search/embedded_data.h"

namespace guanxi::search {
namespace {

struct RegionTable {
  std::deque<Region> regions;  // a deque: pointers stay valid while it grows
  std::unordered_map<std::string_view, const Region*> by_code;
  std::unordered_map<std::string_view, std::vector<const Region*>> children;  // "" → provinces
};

// Splits "a\tb\tc\td" into its fields; false if the count differs.
bool split_fields(std::string_view line, std::string_view (&fields)[4]) {
  for (size_t i = 0; i < 4; ++i) {
    size_t tab = line.find('\t');
    if ((tab == std::string_view::npos) != (i == 3)) return false;
    fields[i] = line.substr(0, tab);
    line.remove_prefix(tab == std::string_view::npos ? line.size() : tab + 1);
  }
  return true;
}

RegionTable load_regions() {
  RegionTable table;
  for (std::string_view chunk : embedded::division_tsv()) {
    while (!chunk.empty()) {
      size_t line_end = chunk.find('\n');
      std::string_view line = chunk.substr(0, line_end);
      chunk.remove_prefix(line_end == std::string_view::npos ? chunk.size() : line_end + 1);
      std::string_view fields[4];
      int level = 0;
      if (!split_fields(line, fields)) continue;
      std::from_chars(fields[3].data(), fields[3].data() + fields[3].size(), level);
      const Region& region = table.regions.emplace_back(Region{fields[0], fields[1], fields[2], level});
      table.by_code.emplace(region.code, &region);
      table.children[region.parent_code].push_back(&region);
    }
  }
  for (auto& [parent, list] : table.children) {
    std::ranges::sort(list, {}, &Region::code);
  }
  return table;
}

const RegionTable& region_table() {
  static const RegionTable table = load_regions();  // parsed once, on first use, thread-safe
  return table;
}

// 省直辖县级行政区划 / 自治区直辖县级行政区划 group counties that report to the province; the
// label is not part of a place's name.
bool is_grouping_label(std::string_view name) { return name.ends_with("直辖县级行政区划"); }

}  // namespace

const Region* find_region(std::string_view code) {
  const RegionTable& table = region_table();
  auto found = table.by_code.find(code);
  return found == table.by_code.end() ? nullptr : found->second;
}

bool is_valid_region(std::string_view code) { return find_region(code) != nullptr; }

std::vector<const Region*> region_children(std::string_view parent_code) {
  const RegionTable& table = region_table();
  if (!parent_code.empty() && !table.by_code.contains(parent_code)) return {};
  auto found = table.children.find(parent_code);
  return found == table.children.end() ? std::vector<const Region*>{} : found->second;
}

std::string region_full_name(std::string_view code) {
  std::vector<std::string_view> names;
  for (const Region* region = find_region(code); region != nullptr; region = find_region(region->parent_code)) {
    if (!is_grouping_label(region->name)) names.push_back(region->name);
    if (region->parent_code.empty()) break;
  }
  std::string full;
  for (auto name = names.rbegin(); name != names.rend(); ++name) {
    if (!full.empty()) full += ' ';
    full += *name;
  }
  return full;
}

}  // namespace guanxi::search
