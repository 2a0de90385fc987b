// CUS-2 / CUS-12 / COL-7: identity numbers, phones and e-mail addresses.
// Valid vectors are the worked examples printed in the standards themselves
// (GB 11643, GB 32100, GB 11714) and published company codes.
#include <gtest/gtest.h>

#include "core/identity.h"

namespace guanxi::identity {
namespace {

constexpr int kToday = 20261123;

TEST(ResidentId, AcceptsTheStandardsExamples) {
  EXPECT_TRUE(check_resident_id("11010519491231002X", kToday).ok());
  EXPECT_TRUE(check_resident_id("440524188001010014", kToday).ok());
  // Lower-case x, spaces and full-width digits are normalized.
  auto folded = check_resident_id("１１０１０５ 19491231002x", kToday);
  EXPECT_TRUE(folded.ok());
  EXPECT_EQ(folded.normalized, "11010519491231002X");
}

TEST(ResidentId, TellsChecksumFromFormatDateAndRegionErrors) {
  EXPECT_EQ(check_resident_id("110105194912310021", kToday).verdict, Verdict::invalid_checksum);
  EXPECT_TRUE(check_resident_id("110105194912310021", kToday).checksum_only());
  EXPECT_EQ(check_resident_id("11010519491231002", kToday).verdict, Verdict::invalid_format);
  EXPECT_EQ(check_resident_id("1101051949123100AX", kToday).verdict, Verdict::invalid_format);
  EXPECT_EQ(check_resident_id("110105194902300028", kToday).verdict, Verdict::invalid_date);  // 30 February
  EXPECT_EQ(check_resident_id("110105203001010010", kToday).verdict, Verdict::invalid_date);  // in the future
  EXPECT_EQ(check_resident_id("990105194912310021", kToday).verdict, Verdict::invalid_region);
}

TEST(ResidentId, KnowsLeapYears) {
  // 2000-02-29 existed, 1900-02-29 did not; check digits computed per GB 11643.
  EXPECT_TRUE(check_resident_id("110105200002290013", kToday).ok());
  EXPECT_EQ(check_resident_id("110105190002290017", kToday).verdict, Verdict::invalid_date);
}

TEST(ResidentId, UpgradesFirstGenerationNumbers) {
  auto old = check_resident_id("110105491231002", kToday);
  EXPECT_TRUE(old.ok());
  EXPECT_EQ(old.normalized, "11010519491231002X");
}

TEST(Uscc, AcceptsTheStandardsExampleAndRealCodes) {
  EXPECT_TRUE(check_uscc("91350100M000100Y43").ok());  // GB 32100-2015 example
  EXPECT_TRUE(check_uscc("914403001922038216").ok());  // 华为技术有限公司
  EXPECT_EQ(check_uscc(" 91350100m000100y43 ").normalized, "91350100M000100Y43");
}

TEST(Uscc, RefusesForbiddenLettersBadLengthAndBadChecksum) {
  EXPECT_EQ(check_uscc("91350100M000100Y44").verdict, Verdict::invalid_checksum);
  EXPECT_EQ(check_uscc("91350100M000100Y4").verdict, Verdict::invalid_format);
  EXPECT_EQ(check_uscc("91350100I000100Y43").verdict, Verdict::invalid_format);  // I is not in the charset
  EXPECT_EQ(check_uscc("913501O0M000100Y43").verdict, Verdict::invalid_format);  // letter in the region
  EXPECT_EQ(check_uscc("91990100M000100Y43").verdict, Verdict::invalid_region);
}

TEST(OrgCode, AcceptsTheStandardsExampleWithOrWithoutHyphen) {
  EXPECT_TRUE(check_org_code("D2143569-X").ok());  // GB 11714-1997 example
  EXPECT_TRUE(check_org_code("D2143569X").ok());
  EXPECT_TRUE(check_org_code("19220382-1").ok());  // inside 华为's USCC
  EXPECT_EQ(check_org_code("D2143569-1").verdict, Verdict::invalid_checksum);
  EXPECT_EQ(check_org_code("D2143569").verdict, Verdict::invalid_format);
  EXPECT_EQ(check_org_code("D214356*-X").verdict, Verdict::invalid_format);
}

TEST(OtherDocuments, FollowTheirFormats) {
  EXPECT_TRUE(check_passport("E12345678").ok());
  EXPECT_TRUE(check_passport("EA1234567").ok());
  EXPECT_EQ(check_passport("E1234").verdict, Verdict::valid);
  EXPECT_EQ(check_passport("E12*45678").verdict, Verdict::invalid_format);
  EXPECT_TRUE(check_hk_macao_permit("H12345678").ok());
  EXPECT_TRUE(check_hk_macao_permit("M1234567801").ok());
  EXPECT_EQ(check_hk_macao_permit("C12345678").verdict, Verdict::invalid_format);
  EXPECT_TRUE(check_taiwan_permit("12345678").ok());
  EXPECT_EQ(check_taiwan_permit("1234567").verdict, Verdict::invalid_format);
  EXPECT_TRUE(check_foreign_permanent_id("USA110078120001", kToday).ok());
  EXPECT_TRUE(check_foreign_permanent_id("91110519491231002X", kToday).ok());
  EXPECT_EQ(check_foreign_permanent_id("911105194912310021", kToday).verdict, Verdict::invalid_checksum);
}

TEST(IdNumber, DispatchesOnTheApiIdType) {
  EXPECT_TRUE(check_id_number("resident_id", "11010519491231002X", kToday).ok());
  EXPECT_TRUE(check_id_number("passport", "E12345678", kToday).ok());
  EXPECT_FALSE(check_id_number("resident_id", "E12345678", kToday).ok());
  EXPECT_FALSE(check_id_number("no_such_type", "E12345678", kToday).ok());
  EXPECT_EQ(error_code_for_id_type("resident_id"), "invalid_id_number");
  EXPECT_EQ(error_code_for_id_type("uscc"), "invalid_uscc");
  EXPECT_EQ(error_code_for_id_type("org_code"), "invalid_org_code");
}

TEST(Phone, AcceptsMobilesWithCountryPrefixAndSeparators) {
  EXPECT_EQ(check_phone("13812341234").normalized, "13812341234");
  EXPECT_EQ(check_phone("+86 138-1234-1234").normalized, "13812341234");
  EXPECT_EQ(check_phone("0086 13812341234").normalized, "13812341234");
  EXPECT_EQ(check_phone("１３８１２３４１２３４").normalized, "13812341234");
  EXPECT_EQ(check_phone("12812341234").verdict, Verdict::invalid_format);  // no 12x networks
  EXPECT_EQ(check_phone("1381234123").verdict, Verdict::invalid_format);
}

TEST(Phone, NormalizesLandlinesWithExtensions) {
  EXPECT_EQ(check_phone("010-12345678").normalized, "010-12345678");
  EXPECT_EQ(check_phone("(0591) 8765432").normalized, "0591-8765432");
  EXPECT_EQ(check_phone("021 6234 5678").normalized, "021-62345678");
  EXPECT_EQ(check_phone("010-12345678-123").normalized, "010-12345678-123");
  EXPECT_EQ(check_phone("0591-8765432转8001").normalized, "0591-8765432-8001");
  EXPECT_EQ(check_phone("400-820-8820").normalized, "4008208820");
  EXPECT_EQ(check_phone("12345678").verdict, Verdict::invalid_format);      // no area code
  EXPECT_EQ(check_phone("010-02345678").verdict, Verdict::invalid_format);  // numbers do not start with 0
  EXPECT_EQ(check_phone("phone").verdict, Verdict::invalid_format);
}

TEST(Email, IsPracticalNotPedantic) {
  EXPECT_EQ(check_email(" Li.Lei+crm@Example.COM.cn ").normalized, "Li.Lei+crm@example.com.cn");
  EXPECT_TRUE(check_email("张三@例子.中国").ok());
  EXPECT_FALSE(check_email("li lei@example.com").ok());
  EXPECT_FALSE(check_email("lilei@example").ok());
  EXPECT_FALSE(check_email("lilei@@example.com").ok());
  EXPECT_FALSE(check_email("@example.com").ok());
}

}  // namespace
}  // namespace guanxi::identity
