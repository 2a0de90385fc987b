// The customer search tokenizer (CUS-14, ADR 0010): index terms, query parsing, prefix ranges.
#include "search/search_terms.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

namespace guanxi::search {
namespace {

using Strings = std::vector<std::string>;
using Groups = std::vector<std::vector<std::string>>;

bool contains(const Strings& terms, const std::string& term) { return std::ranges::binary_search(terms, term); }

// What the repository does with the term table, done here in memory.
bool has_prefix(const Strings& terms, const std::string& prefix) {
  std::string upper = prefix_upper_bound(prefix);
  auto first = std::ranges::lower_bound(terms, prefix);
  return first != terms.end() && (upper.empty() || *first < upper);
}
bool matches(const SearchQuery& query, const Strings& terms) {
  for (const auto& term : query.required_terms)
    if (!contains(terms, term)) return false;
  for (const auto& group : query.required_prefixes)
    if (std::ranges::none_of(group, [&](const std::string& p) { return has_prefix(terms, p); })) return false;
  return true;
}

TEST(NameTerms, CompanyNameGivesHanPinyinAndInitials) {
  Strings terms = name_terms("华为技术有限公司");
  EXPECT_TRUE(std::ranges::is_sorted(terms));
  EXPECT_EQ(std::ranges::adjacent_find(terms), terms.end());
  for (const char* expected :
       {"华", "为", "司", "华为", "为技", "公司", "p:huaweijishuyouxiangongsi", "p:weijishuyouxiangongsi",
        "p:jishuyouxiangongsi", "p:si", "i:hwjsyxgs", "i:wjsyxgs", "i:gs", "i:s"}) {
    EXPECT_TRUE(contains(terms, expected)) << expected;
  }
  EXPECT_FALSE(contains(terms, "华技"));
  EXPECT_EQ(terms.size(), 8u + 7u + 8u + 8u);
}

TEST(NameTerms, NormalizesFirstAndIndexesAsciiWords) {
  Strings terms = name_terms("ＩＢＭ（中國）有限公司 3M");
  for (const char* expected : {"w:ibm", "w:3m", "中", "国", "中国", "有限", "p:zhongguo", "i:zg", "p:youxiangongsi"}) {
    EXPECT_TRUE(contains(terms, expected)) << expected;
  }
  // "(" separates runs: no pair and no pinyin across it.
  EXPECT_FALSE(contains(terms, "国有"));
  EXPECT_FALSE(contains(terms, "p:zhongguoyouxiangongsi"));
  EXPECT_TRUE(name_terms("  ").empty());
}

TEST(NameTerms, WordReadingsAndTheTwelveSyllableCap) {
  EXPECT_TRUE(contains(name_terms("中国银行"), "p:yinhang"));
  EXPECT_TRUE(contains(name_terms("重庆长安汽车"), "p:chongqingchanganqiche"));
  Strings long_name = name_terms("中国石油天然气股份有限公司北京销售分公司");  // 20 characters
  EXPECT_TRUE(contains(long_name, "i:zgsytrqgfyxg"));                          // 12 syllables from the start
  EXPECT_FALSE(contains(long_name, "i:zgsytrqgfyxgs"));                        // 13 is over the cap
  EXPECT_TRUE(contains(long_name, "p:zhongguoshiyoutianranqigufenyouxiangong"));
  EXPECT_TRUE(contains(long_name, "i:gsbjxsfgs"));
}

TEST(NameTerms, PersonNamesUseSurnameReadings) {
  EXPECT_TRUE(contains(name_terms("曾国藩", NameKind::person), "p:zengguofan"));
  EXPECT_TRUE(contains(name_terms("曾国藩"), "p:cengguofan"));
  EXPECT_TRUE(contains(name_terms("单田芳", NameKind::person), "i:stf"));
}

TEST(PhoneTerms, DigitsReversedWhateverTheFormat) {
  EXPECT_EQ(phone_terms("13800138000"), Strings{"t:00083100831"});
  EXPECT_EQ(phone_terms("+86 138-0013-8000"), Strings{"t:00083100831"});
  EXPECT_EQ(phone_terms("0086 13800138000"), Strings{"t:00083100831"});
  EXPECT_EQ(phone_terms("(010) 6552-9988"), Strings{"t:88992556010"});
  EXPECT_EQ(phone_terms("+86 10 6552 9988"), Strings{"t:88992556010"});
  EXPECT_EQ(phone_terms("１３８００１３８０００"), Strings{"t:00083100831"});
  EXPECT_TRUE(phone_terms("n/a").empty());
}

TEST(ParseQuery, HanRunsBecomeUnigramsOrBigrams) {
  SearchQuery name = parse_query("张伟");
  EXPECT_EQ(name.normalized, "张伟");
  EXPECT_EQ(name.required_terms, Strings{"张伟"});
  EXPECT_EQ(name.han_runs, Strings{"张伟"});
  EXPECT_TRUE(name.required_prefixes.empty());
  EXPECT_FALSE(name.identity_like);

  EXPECT_EQ(parse_query("华").required_terms, Strings{"华"});

  SearchQuery company = parse_query("華為技術");
  EXPECT_EQ(company.normalized, "华为技术");
  EXPECT_EQ(company.required_terms, (Strings{"为技", "华为", "技术"}));  // sorted by bytes
  EXPECT_EQ(company.han_runs, Strings{"华为技术"});
  EXPECT_TRUE(matches(company, name_terms("华为技术有限公司")));
  EXPECT_FALSE(matches(company, name_terms("华为终端有限公司")));
}

TEST(ParseQuery, LettersArePinyinInitialsOrWords) {
  SearchQuery pinyin = parse_query("HuaWei");
  EXPECT_EQ(pinyin.normalized, "huawei");
  EXPECT_TRUE(pinyin.required_terms.empty());
  EXPECT_EQ(pinyin.required_prefixes, (Groups{{"p:huawei", "i:huawei", "w:huawei"}}));
  EXPECT_FALSE(pinyin.identity_like);

  SearchQuery initials = parse_query("hwjs");
  EXPECT_EQ(initials.required_prefixes, (Groups{{"p:hwjs", "i:hwjs", "w:hwjs"}}));

  Strings huawei = name_terms("华为技术有限公司");
  EXPECT_TRUE(matches(pinyin, huawei));
  EXPECT_TRUE(matches(initials, huawei));
  EXPECT_TRUE(matches(parse_query("jishu"), huawei));  // from the middle of the name
  EXPECT_TRUE(matches(parse_query("hua wei"), huawei));
  EXPECT_FALSE(matches(parse_query("zhongguo"), huawei));
  EXPECT_TRUE(matches(parse_query("yinhang"), name_terms("中国银行")));
  EXPECT_FALSE(matches(parse_query("yinxing"), name_terms("中国银行")));
}

TEST(ParseQuery, DigitsArePhoneEndingsOrNumbers) {
  SearchQuery suffix = parse_query("1234");
  EXPECT_EQ(suffix.required_prefixes, (Groups{{"t:4321", "w:1234"}}));
  EXPECT_FALSE(suffix.identity_like);
  EXPECT_EQ(parse_query("360").required_prefixes, (Groups{{"w:360"}}));
  EXPECT_TRUE(matches(parse_query("8000"), phone_terms("138 0013 8000")));
  EXPECT_FALSE(matches(parse_query("0013"), phone_terms("138 0013 8000")));

  SearchQuery phone = parse_query("138 0013 8000");
  EXPECT_TRUE(phone.identity_like);
  EXPECT_EQ(phone.identity, "13800138000");
  EXPECT_EQ(phone.required_prefixes, (Groups{{"t:00083100831", "w:13800138000"}}));
  EXPECT_EQ(parse_query("13800138000").identity, "13800138000");
  EXPECT_EQ(parse_query("+86 13800138000").identity, "13800138000");
}

TEST(ParseQuery, IdentifiersAreRecognised) {
  SearchQuery code = parse_query("KH2026000001");
  EXPECT_TRUE(code.identity_like);
  EXPECT_EQ(code.identity, "KH2026000001");
  EXPECT_EQ(code.normalized, "kh2026000001");
  EXPECT_EQ(code.required_prefixes, (Groups{{"w:kh2026000001"}}));

  EXPECT_EQ(parse_query("ｋｈ２０２６０００００１").identity, "KH2026000001");
  EXPECT_EQ(parse_query("91350100M000100Y43").identity, "91350100M000100Y43");  // USCC
  EXPECT_EQ(parse_query("11010519491231002x").identity, "11010519491231002X");  // resident ID
  EXPECT_EQ(parse_query("12345678-9").identity, "123456789");                   // organization code
  EXPECT_FALSE(parse_query("huaweijishuyouxian").identity_like);                // 18 letters, no digit
  EXPECT_FALSE(parse_query("张伟").identity_like);
}

TEST(ParseQuery, MixedAsciiAndHan) {
  SearchQuery mixed = parse_query("IBM中国");
  EXPECT_EQ(mixed.normalized, "ibm中国");
  EXPECT_EQ(mixed.required_terms, Strings{"中国"});
  EXPECT_EQ(mixed.han_runs, Strings{"中国"});
  EXPECT_EQ(mixed.required_prefixes, (Groups{{"p:ibm", "i:ibm", "w:ibm"}}));
  EXPECT_FALSE(mixed.identity_like);
  EXPECT_TRUE(matches(mixed, name_terms("IBM（中国）有限公司")));
}

TEST(ParseQuery, BlankQueryIsEmpty) {
  for (const char* blank : {"", "   ", "\u3000\t"}) {
    SearchQuery query = parse_query(blank);
    EXPECT_EQ(query.normalized, "");
    EXPECT_TRUE(query.required_terms.empty());
    EXPECT_TRUE(query.required_prefixes.empty());
    EXPECT_TRUE(query.han_runs.empty());
    EXPECT_FALSE(query.identity_like);
  }
  SearchQuery punctuation = parse_query("（）");
  EXPECT_EQ(punctuation.normalized, "()");
  EXPECT_TRUE(punctuation.required_terms.empty());
  EXPECT_TRUE(punctuation.required_prefixes.empty());
}

TEST(PrefixUpperBound, IncrementsTheLastCodePoint) {
  EXPECT_EQ(prefix_upper_bound("p:hua"), "p:hub");
  EXPECT_EQ(prefix_upper_bound("t:9"), "t::");
  EXPECT_EQ(prefix_upper_bound("a\x7F"), "a\u0080");  // 1 byte → 2 bytes, still UTF-8
  EXPECT_EQ(prefix_upper_bound("华"), "协");          // U+534E → U+534F
  EXPECT_EQ(prefix_upper_bound("\uD7FF"), "\uE000");  // skips the surrogates
  EXPECT_EQ(prefix_upper_bound("x\U0010FFFF"), "y");  // the last code point has no successor
  EXPECT_EQ(prefix_upper_bound(""), "");
  EXPECT_LT(std::string("p:huawei"), prefix_upper_bound("p:hua"));
  EXPECT_LT(std::string("华为技术"), prefix_upper_bound("华"));
  EXPECT_GE(std::string("协"), prefix_upper_bound("华"));
}

// CUS-15: the address book picks, among a matched customer's people, those who match.
TEST(Matches, AppliesTheRepositoryRuleToOneRecord) {
  auto person = [](std::string_view name, std::string_view phone) {
    auto terms = name_terms(name, NameKind::person);
    auto more = phone_terms(phone);
    terms.insert(terms.end(), more.begin(), more.end());
    std::sort(terms.begin(), terms.end());
    return terms;
  };
  const auto lina = person("李娜", "13912345678");
  EXPECT_TRUE(matches(parse_query("李娜"), lina, "李娜"));
  EXPECT_TRUE(matches(parse_query("lina"), lina, "李娜"));
  EXPECT_TRUE(matches(parse_query("ln"), lina, "李娜"));
  EXPECT_TRUE(matches(parse_query("5678"), lina, "李娜"));
  EXPECT_FALSE(matches(parse_query("王强"), lina, "李娜"));
  EXPECT_FALSE(matches(parse_query("1234"), lina, "李娜"));  // not an ending
  const auto company = name_terms("华为技术有限公司");
  EXPECT_TRUE(matches(parse_query("为技术"), company, "华为技术有限公司"));
  // 华为 and 公司 are in the name, but the query also asks for the pair 为公.
  EXPECT_FALSE(matches(parse_query("华为公司"), company, "华为技术有限公司"));
  EXPECT_TRUE(matches(parse_query(""), lina, "李娜"));
}

}  // namespace
}  // namespace guanxi::search
