#include "customers/demo_data.h"

#include <array>
#include <string>
#include <string_view>

#include "core/identity.h"

namespace guanxi::customers {
namespace {

constexpr std::array<std::string_view, 16> kCities = {"北京", "上海", "广州", "深圳", "杭州", "南京", "成都", "重庆",
                                                      "武汉", "西安", "长沙", "苏州", "天津", "厦门", "青岛", "宁波"};
constexpr std::array<std::string_view, 40> kTradeChars = {
    "华", "兴", "盛", "达", "宏", "泰", "鑫", "源", "恒", "信", "瑞", "丰", "德", "安", "新", "中", "长", "金", "银", "海",
    "天", "明", "博", "创", "众", "和", "嘉", "永", "汇", "通", "凯", "辉", "正", "远", "方", "力", "宇", "航", "星", "龙"};
constexpr std::array<std::string_view, 12> kTrades = {"科技", "贸易", "实业", "电子", "物流", "建设",
                                                      "食品", "医药", "机械", "网络", "文化", "能源"};
constexpr std::array<std::string_view, 20> kSurnames = {"王", "李", "张", "刘", "陈", "杨", "黄", "赵", "吴", "周",
                                                        "徐", "孙", "马", "朱", "胡", "郭", "何", "林", "罗", "欧阳"};
constexpr std::array<std::string_view, 24> kGiven = {"伟", "芳", "娜", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳",
                                                     "杰", "娟", "涛", "明", "超", "秀英", "霞", "平", "刚", "桂英", "建华", "晓东"};
// GB/T 2260 county codes that exist (the region picker and resident IDs need real ones).
constexpr std::array<std::string_view, 8> kRegions = {"110105", "310115", "440106", "440305",
                                                      "330106", "320102", "510104", "420106"};
constexpr std::array<std::string_view, 5> kIndustries = {"I", "F", "C", "G", "E"};
constexpr std::string_view kUsccChars = "0123456789ABCDEFGHJKLMNPQRTUWXY";

// A small mixing function: the same index always gives the same picks.
uint64_t mix(uint64_t x) {
  x += 0x9E3779B97F4A7C15ULL;
  x = (x ^ (x >> 30)) * 0xBF58476D1CE4E5B9ULL;
  x = (x ^ (x >> 27)) * 0x94D049BB133111EBULL;
  return x ^ (x >> 31);
}

template <size_t N>
std::string_view pick(const std::array<std::string_view, N>& list, uint64_t r) {
  return list[r % N];
}

std::string padded(uint64_t n, size_t width) {
  std::string s = std::to_string(n);
  return std::string(width > s.size() ? width - s.size() : 0, '0') + s;
}

// The last character that makes `body` + it valid, found by the server's own check.
template <class Check>
std::string with_check_char(const std::string& body, std::string_view candidates, Check check) {
  for (char c : candidates) {
    std::string id = body + c;
    if (check(id)) return id;
  }
  return {};
}

// A USCC whose embedded organization code is valid too; unique per index.
std::string demo_uscc(int64_t index, std::string_view region) {
  const std::string org_body = padded(static_cast<uint64_t>(index) % 100000000, 8);
  const std::string org = with_check_char(org_body, "0123456789X", [](const std::string& id) {
    return identity::check_org_code(id).ok();
  });
  return with_check_char("91" + std::string(region) + org, kUsccChars, [](const std::string& id) {
    return identity::check_uscc(id).ok();
  });
}

std::string demo_resident_id(int64_t index, std::string_view region, int today) {
  const int year = 1960 + static_cast<int>(index % 40);
  const int month = 1 + static_cast<int>((index / 40) % 12);
  const int day = 1 + static_cast<int>((index / 480) % 28);
  const std::string body = std::string(region) + std::to_string(year) + padded(month, 2) + padded(day, 2) +
                           padded(static_cast<uint64_t>(index / 13440) % 1000, 3);
  return with_check_char(body, "0123456789X", [today](const std::string& id) {
    return identity::check_resident_id(id, today).ok();
  });
}

}  // namespace

CustomerInput demo_customer(int64_t index, const std::vector<int64_t>& owner_ids, int today) {
  const uint64_t r = mix(static_cast<uint64_t>(index));
  CustomerInput input;
  auto set = [&](const char* key, std::string value) { input.values.emplace(key, std::move(value)); };
  const std::string_view region = pick(kRegions, r >> 8);
  const bool person = r % 10 < 3;
  set("kind", person ? "individual" : "organization");
  if (person) {
    set("name", std::string(pick(kSurnames, r >> 12)) + std::string(pick(kGiven, r >> 20)) +
                    (r % 3 ? std::string(pick(kGiven, r >> 28)) : std::string()));
    // Every tenth person's resident ID is known; the birth date inside it keeps IDs unique per index.
    if (r % 10 == 0 && index < 13'440'000) {
      set("id_type", "resident_id");
      set("id_number", demo_resident_id(index, region, today));
    }
  } else {
    set("name", std::string(pick(kCities, r >> 12)) + std::string(pick(kTradeChars, r >> 16)) +
                    std::string(pick(kTradeChars, r >> 24)) + std::string(pick(kTrades, r >> 32)) + "有限公司");
    set("industry", std::string(pick(kIndustries, r >> 40)));
    if (r % 2 == 0 && index < 100'000'000) set("uscc", demo_uscc(index, region));
  }
  set("mobile", "1" + std::string(1, "3589"[r % 4]) + padded((r >> 16) % 1'000'000'000, 9));
  set("region_code", std::string(region));
  set("grade", std::string(1, "ABCD"[(r >> 44) % 4]));
  set("status", (r >> 48) % 5 == 0 ? "active" : "potential");
  input.values.emplace("owner_id", owner_ids[(r >> 52) % owner_ids.size()]);
  return input;
}

}  // namespace guanxi::customers
