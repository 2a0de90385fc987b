// Pure rules of the customer module: code rule (DOC-6), suggested grade
// (CUS-9), masking (SEC-3) and body reading (CUS-3, CUS-6).
#include <gtest/gtest.h>

#include <algorithm>

#include <boost/json.hpp>

#include "customers/customer_code.h"
#include "customers/customer_json.h"
#include "customers/grade_rules.h"
#include "customers/masking.h"
#include "customers/sub_record.h"

namespace guanxi::customers {
namespace {

TEST(CustomerCodeRule, DOC6_ExpandsDateAndZeroPadsTheSequence) {
  auto rule = CodeRule::parse("KH{yyyy}{seq:6}");
  ASSERT_TRUE(rule);
  EXPECT_EQ(rule->format(20261123, 1), "KH2026000001");
  EXPECT_EQ(rule->format(20261123, 1234567), "KH20261234567");  // wider numbers are written in full
  EXPECT_EQ(rule->counter_key(20261123), "KH2026{seq}");
  EXPECT_NE(rule->counter_key(20270101), rule->counter_key(20261231));  // restarts every year
  auto monthly = CodeRule::parse("C{yy}{mm}-{seq:4}X");
  ASSERT_TRUE(monthly);
  EXPECT_EQ(monthly->format(20260305, 7), "C2603-0007X");
}

TEST(CustomerCodeRule, DOC6_RefusesRulesWithoutExactlyOneSequenceOrWithStrangeTokens) {
  EXPECT_FALSE(CodeRule::parse("KH{yyyy}"));
  EXPECT_FALSE(CodeRule::parse("KH{seq:6}{seq:6}"));
  EXPECT_FALSE(CodeRule::parse("KH{year}{seq:6}"));
  EXPECT_FALSE(CodeRule::parse("KH 客户{seq:6}"));
  EXPECT_FALSE(CodeRule::parse("KH{seq:0}"));
}

Customer with(std::initializer_list<std::pair<const char*, db::Value>> values) {
  Customer c;
  for (const auto& [k, v] : values) c.set(k, v);
  return c;
}

TEST(SuggestedGrade, CUS9_FirstMatchingRuleDecidesWithItsReason) {
  const auto rules = GradeRules::defaults();
  auto vip = rules.suggest(with({{"value_tier", std::string("vip")}}));
  EXPECT_EQ(vip.grade, "A");
  EXPECT_EQ(vip.reason, "价值层级为 VIP");
  EXPECT_EQ(rules.suggest(with({{"registered_capital_fen", int64_t{10'000'000'00}}})).grade, "B");
  EXPECT_EQ(rules.suggest(with({{"registered_capital_fen", int64_t{9'999'999'99}}})).grade, "D");
  EXPECT_EQ(rules.suggest(with({{"status", std::string("active")}})).grade, "C");
  EXPECT_EQ(rules.suggest(Customer{}).grade, "D");
}

TEST(SuggestedGrade, CUS9_RulesFromJsonAreCheckedStrictly) {
  auto rules = GradeRules::parse(
      R"([{"grade":"A","field":"star_rating","op":"gte","value":5,"reason":"五星"}])");
  ASSERT_TRUE(rules);
  EXPECT_EQ(rules->suggest(with({{"star_rating", int64_t{5}}})).reason, "五星");
  EXPECT_EQ(rules->suggest(with({{"star_rating", int64_t{4}}})).grade, "D");
  EXPECT_FALSE(GradeRules::parse(R"([{"grade":"E","field":"star_rating","op":"gte","value":5,"reason":"x"}])"));
  EXPECT_FALSE(GradeRules::parse(R"([{"grade":"A","field":"stars","op":"gte","value":5,"reason":"x"}])"));
  EXPECT_FALSE(GradeRules::parse(R"([{"grade":"A","field":"star_rating","op":"lt","value":5,"reason":"x"}])"));
  EXPECT_FALSE(GradeRules::parse(R"([{"grade":"A","field":"star_rating","op":"gte","value":"5","reason":"x"}])"));
  EXPECT_FALSE(GradeRules::parse("{}"));
}

TEST(Masking, SEC3_DefaultPatterns) {
  const auto mask_value = [](std::string_view field, const std::string& value) {
    return MaskPatterns::defaults().mask(field, value);
  };
  EXPECT_EQ(mask_value("id_number", "11010519491231002X"), "110105********002X");
  EXPECT_EQ(mask_value("mobile", "13812341234"), "138****1234");
  EXPECT_EQ(mask_value("phone", "010-12345678"), "010****5678");
  EXPECT_EQ(mask_value("email", "zhang.san@example.com"), "z***@example.com");
  EXPECT_EQ(mask_value("birthday", "1990-05-17"), "****-05-17");
  EXPECT_EQ(mask_value("address", "北京市朝阳区建国路88号"), "北京市朝阳区****");
  EXPECT_EQ(mask_value("id_number", "E1234"), "*****");  // too short to keep both ends
  EXPECT_EQ(mask_value("account_number", "6222021001123456789"), "****6789");  // CUS-7
  EXPECT_EQ(mask_value("wechat", "nana_oy"), "n****");                       // CUS-4
}

TEST(Masking, SEC3_PatternsTheSecurityAdministratorSets) {
  auto patterns = MaskPatterns::parse(
      R"({"id_number":{"keep_start":3,"keep_end":1},"address":{"keep_start":3,"stars":6},"mobile":{"keep_start":0}})");
  ASSERT_TRUE(patterns) << patterns.error().code;
  EXPECT_EQ(patterns->mask("id_number", "11010519491231002X"), "110**************X");
  EXPECT_EQ(patterns->mask("address", "北京市朝阳区建国路88号"), "北京市******");  // characters, not bytes
  EXPECT_EQ(patterns->mask("mobile", "13812341234"), "****1234");              // stars stay as they were
  EXPECT_EQ(patterns->mask("phone", "010-12345678"), "010****5678");            // not named: the default
  // However little is hidden, at least three stars show it is masked (record checks rely on "***").
  auto thin = MaskPatterns::parse(R"({"wechat":{"keep_start":5,"keep_end":1,"stars":0}})");
  EXPECT_EQ(thin->mask("wechat", "nana_oy"), "nana_***y");
  EXPECT_EQ(thin->mask("wechat", "abc"), "***");
  // Round trip through the stored form.
  EXPECT_EQ(MaskPatterns::parse(patterns->to_json())->to_json(), patterns->to_json());

  auto bad = MaskPatterns::parse(R"({"salary":{},"id_number":{"keep_start":-1,"stars":2,"colour":1}})");
  ASSERT_FALSE(bad);
  std::vector<std::string> fields;
  for (const auto& e : bad.error().errors) fields.push_back(e.field + ":" + e.code);
  std::sort(fields.begin(), fields.end());
  EXPECT_EQ(fields, (std::vector<std::string>{"id_number.colour:unknown_field", "id_number.keep_start:out_of_range",
                                              "id_number.stars:out_of_range", "salary:unknown_field"}));
}

TEST(Masking, SEC3_HistoryEntriesOfContactsAndAccountsKnowTheirField) {
  ASSERT_NE(history_field_spec("mobile"), nullptr);
  EXPECT_TRUE(history_field_spec("mobile")->sensitive);
  ASSERT_NE(history_field_spec("contacts.12.wechat"), nullptr);
  EXPECT_TRUE(history_field_spec("contacts.12.wechat")->sensitive);
  EXPECT_FALSE(history_field_spec("contacts.12.title")->sensitive);
  EXPECT_TRUE(history_field_spec("accounts.3.account_number")->sensitive);
  EXPECT_EQ(history_field_spec("contacts.12"), nullptr);  // the record itself: its name, not a field
  EXPECT_EQ(history_field_spec("contacts.12.no_such"), nullptr);
  EXPECT_EQ(history_field_spec("orders.1.mobile"), nullptr);
}

Result<CustomerInput> read(const char* json, InputMode mode = InputMode::create) {
  return read_customer_input(boost::json::parse(json).as_object(), mode);
}

TEST(CustomerInput, ReadsTypedFieldsAndTrimsText) {
  auto input = read(R"({"kind":"organization","name":"  华为  ","star_rating":3,"strategic":true,
                        "tags":["重点","重点"," 华南 "],"founded_on":"2020-02-29","short_name":""})");
  ASSERT_TRUE(input);
  EXPECT_EQ(std::get<std::string>(input->values.at("name")), "华为");
  EXPECT_EQ(std::get<int64_t>(input->values.at("star_rating")), 3);
  EXPECT_EQ(std::get<int64_t>(input->values.at("strategic")), 1);
  EXPECT_EQ(std::get<std::string>(input->values.at("tags")), R"(["重点","华南"])");
  EXPECT_TRUE(std::holds_alternative<db::Null>(input->values.at("short_name")));  // blank clears
}

TEST(CustomerInput, ListsEveryBadFieldAtOnce) {
  std::string long_name;
  for (int i = 0; i < 201; ++i) long_name += "长";
  const std::string body = R"({"kind":"robot","code":"KH1","colour":1,"star_rating":6,"founded_on":"2021-02-29",)"
                           R"("grade":"E","registered_capital_fen":-1,"name":")" + long_name + "\"}";
  auto input = read(body.c_str());
  ASSERT_FALSE(input);
  std::map<std::string, std::string> got;
  for (const auto& e : input.error().errors) got[e.field] = e.code;
  EXPECT_EQ(got["kind"], "unknown_value");
  EXPECT_EQ(got["code"], "read_only");
  EXPECT_EQ(got["colour"], "unknown_field");
  EXPECT_EQ(got["star_rating"], "out_of_range");
  EXPECT_EQ(got["founded_on"], "invalid_date");
  EXPECT_EQ(got["grade"], "unknown_value");
  EXPECT_EQ(got["registered_capital_fen"], "out_of_range");
  EXPECT_EQ(got["name"], "too_long");
}

TEST(CustomerInput, KindIsFixedAfterCreation) {
  auto input = read(R"({"kind":"individual"})", InputMode::update);
  ASSERT_FALSE(input);
  EXPECT_EQ(input.error().errors.at(0).code, "read_only");
}

// The customer as JSON text (written directly, not through json::object):
// valid JSON whatever the text holds, every catalogue field present once,
// masked fields masked, stored tags and custom values passed through.
TEST(CustomerJson, SEC3_WritesValidJsonWithEveryFieldAndMasksSensitiveOnes) {
  Customer c = with({{"name", std::string("引号\"反斜杠\\换行\n制表\t\x01 😀 華為")},
                     {"mobile", std::string("13812341234")},
                     {"strategic", int64_t{1}},
                     {"registered_capital_fen", int64_t{123456}},
                     {"tags", std::string(R"(["重点","老客户"])")},
                     {"custom", std::string(R"({"contract_no":"HT-1","level":3})")}});
  c.id = 42;
  CustomerView view;
  view.owner_name = "王\"五";
  std::string text;
  append_customer_json(text, c, view);
  boost::system::error_code ec;
  const auto parsed = boost::json::parse(text, ec);
  ASSERT_FALSE(ec) << text;
  const auto& o = parsed.as_object();
  EXPECT_EQ(o.at("id").as_int64(), 42);
  EXPECT_EQ(o.at("name").as_string(), "引号\"反斜杠\\换行\n制表\t\x01 😀 華為");
  EXPECT_EQ(o.at("mobile").as_string(), "138****1234");
  EXPECT_EQ(o.at("strategic").as_bool(), true);
  EXPECT_EQ(o.at("registered_capital_fen").as_int64(), 123456);
  EXPECT_EQ(o.at("tags").as_array().size(), 2u);
  EXPECT_EQ(o.at("custom").as_object().at("level").as_int64(), 3);
  EXPECT_TRUE(o.at("email").is_null());
  EXPECT_EQ(o.at("owner_name").as_string(), "王\"五");
  EXPECT_TRUE(o.at("region_name").is_null());
  EXPECT_EQ(o.at("masked").as_bool(), true);
  EXPECT_FALSE(o.contains("name_norm"));
  EXPECT_FALSE(o.contains("name_sort_key"));
  // Every other catalogue field is there, null or not.
  EXPECT_EQ(o.size(), customer_fields().size() - 2 + 1 + 5);

  view.masked = false;
  text.clear();
  append_customer_json(text, c, view);
  EXPECT_EQ(boost::json::parse(text).as_object().at("mobile").as_string(), "13812341234");
}

TEST(CustomerJson, UnreadableStoredTagsOrCustomValuesBecomeEmpty) {
  Customer c = with({{"tags", std::string("not json")}, {"custom", std::string("[1,2]")}});
  std::string text;
  append_customer_json(text, c, CustomerView{});
  const auto o = boost::json::parse(text).as_object();
  EXPECT_TRUE(o.at("tags").as_array().empty());
  EXPECT_TRUE(o.at("custom").as_object().empty());
}

}  // namespace
}  // namespace guanxi::customers
