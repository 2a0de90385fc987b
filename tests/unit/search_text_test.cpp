// Text normalization and pinyin sort keys for customer search (CUS-14).
#include <gtest/gtest.h>

#include <string>
#include <thread>
#include <vector>

#include "search/text_normalize.h"

namespace guanxi::search {
namespace {

TEST(Normalize, TraditionalBecomesSimplified) {
  EXPECT_EQ(normalize("華為技術"), "华为技术");
  EXPECT_EQ(normalize("臺灣"), "台湾");
  EXPECT_EQ(normalize("乾隆"), "乾隆");  // not 干隆: the reason OpenCC is used instead of ICU
}

TEST(Normalize, FullWidthAsciiBecomesHalfWidthLowerCase) {
  EXPECT_EQ(normalize("ＡＢＣ１２３"), "abc123");
  EXPECT_EQ(normalize("ＩＢＭ（中国）"), "ibm(中国)");
  EXPECT_EQ(normalize("Hello World"), "hello world");
}

TEST(Normalize, OtherFullWidthPunctuationAndSymbolsStay) {
  EXPECT_EQ(normalize("你好。「公司」、①㈱"), "你好。「公司」、①㈱");
}

TEST(Normalize, WhitespaceCollapsesAndTrims) {
  EXPECT_EQ(normalize("华为\u3000技术"), "华为 技术");  // ideographic space
  EXPECT_EQ(normalize("  a \t\n b\u00A0\u00A0c  "), "a b c");
  EXPECT_EQ(normalize("华\u200B为"), "华为");  // zero-width space dropped
  EXPECT_EQ(normalize("\u3000 \t"), "");
  EXPECT_EQ(normalize(""), "");
}

TEST(Normalize, InvalidUtf8BecomesReplacementCharacters) {
  EXPECT_EQ(normalize(std::string("ab\xFF"
                                  "cd")),
            "ab\uFFFDcd");
  EXPECT_EQ(normalize(std::string("\xE5\x8D")), "\uFFFD");  // truncated 华
  EXPECT_EQ(normalize(std::string("A\0B", 3)), "a b");      // NUL is a control character
}

TEST(Normalize, SafeFromManyThreads) {
  std::vector<std::thread> threads;
  std::vector<int> wrong(4, 0);
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([t, &wrong] {
      for (int i = 0; i < 500; ++i) {
        if (normalize("華為技術 ＡＢＣ") != "华为技术 abc") ++wrong[t];
        if (collation_key("中国") != collation_key("中国")) ++wrong[t];
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(wrong, std::vector<int>(4, 0));
}

TEST(CollationKey, SortsInPinyinOrder) {
  std::string a = collation_key("阿里巴巴"), bei = collation_key("北京"), chang = collation_key("长沙"),
              zhong = collation_key("中国");
  EXPECT_LT(a, bei);
  EXPECT_LT(bei, chang);
  EXPECT_LT(chang, zhong);
  EXPECT_LT(collation_key("阿"), collation_key("北"));
  EXPECT_LT(collation_key("北"), collation_key("长"));
  EXPECT_LT(collation_key("长"), collation_key("中"));
  // A prefix sorts first; CLDR's Chinese order puts Han before Latin letters, digits first.
  EXPECT_LT(collation_key("中国"), collation_key("中国银行"));
  EXPECT_LT(collation_key("阿里巴巴"), collation_key("IBM"));
  EXPECT_LT(collation_key("3M"), collation_key("阿里巴巴"));
  EXPECT_LT(collation_key("ibm"), collation_key("Intel"));
}

TEST(CollationKey, IsLowerCaseHex) {
  std::string key = collation_key("华为");
  ASSERT_FALSE(key.empty());
  EXPECT_EQ(key.size() % 2, 0u);
  EXPECT_EQ(key.find_first_not_of("0123456789abcdef"), std::string::npos) << key;
  EXPECT_LT(collation_key(""), collation_key("3M"));  // the empty name sorts first
}

TEST(CollationKey, OnlyTheFirstHundredCharactersCount) {
  std::string hundred;
  for (int i = 0; i < kCollationKeyMaxChars; ++i) hundred += "中";
  EXPECT_EQ(collation_key(hundred + "阿"), collation_key(hundred + "北"));
  EXPECT_LT(collation_key(hundred.substr(3) + "阿"), collation_key(hundred.substr(3) + "北"));
  EXPECT_LT(collation_key(hundred).size(), 1200u);
}

}  // namespace
}  // namespace guanxi::search
