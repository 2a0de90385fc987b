// Field-level permissions (ADR 0015, issue 4 point 2): the union over roles,
// the write and filter checks, and reads that leave hidden fields out.
#include <gtest/gtest.h>

#include "auth/field_rules.h"
#include "customers/customer_field_rules.h"
#include "customers/customer_json.h"
#include "customers/sub_record.h"

#include <algorithm>

namespace guanxi::customers {
namespace {

using auth::FieldAccess;
using auth::FieldRuleMap;
using auth::FieldRules;

TEST(FieldRules, SEC_UnionHidesOnlyWhatEveryReadingRoleHides) {
  const FieldRuleMap clerk{{"grade", FieldAccess::hidden}, {"industry", FieldAccess::hidden}, {"fax", FieldAccess::read}};
  const FieldRuleMap sales{{"grade", FieldAccess::read}, {"industry", FieldAccess::hidden}};
  const FieldRules both = FieldRules::resolve({clerk, sales});
  EXPECT_EQ(both.access("grade"), FieldAccess::read);       // the wider rule wins
  EXPECT_EQ(both.access("industry"), FieldAccess::hidden);  // hidden by every role
  EXPECT_EQ(both.access("fax"), FieldAccess::write);        // one role leaves it open
  EXPECT_EQ(both.hidden_fields(), std::vector<std::string>{"industry"});
  // A role without rules opens every field.
  EXPECT_TRUE(FieldRules::resolve({clerk, FieldRuleMap{}}).empty());
  EXPECT_TRUE(FieldRules::resolve({}).empty());
  EXPECT_EQ(FieldRules::resolve({clerk}).access("fax"), FieldAccess::read);
}

TEST(FieldRules, SEC_WriteIsTheDefaultAndIsNotKept) {
  const FieldRules rules(FieldRuleMap{{"grade", FieldAccess::write}});
  EXPECT_TRUE(rules.empty());
  EXPECT_EQ(rules.access("anything"), FieldAccess::write);
}

Customer stored() {
  Customer c;
  c.set("grade", std::string("B"));
  c.set("fax", std::string("010-1"));
  c.set("custom", std::string(R"({"plan":"蓝鲸","note":"n"})"));
  return c;
}

CustomerInput input(std::initializer_list<std::pair<const char*, db::Value>> values) {
  CustomerInput in;
  for (const auto& [k, v] : values) in.values.emplace(k, v);
  return in;
}

const FieldRules kRules(FieldRuleMap{{"grade", FieldAccess::read}, {"fax", FieldAccess::hidden},
                                     {"custom.plan", FieldAccess::hidden}});

TEST(FieldRules, SEC_ChangingAHiddenOrReadOnlyFieldIsForbidden) {
  const Customer before = stored();
  auto denied = check_field_writes(kRules, input({{"grade", std::string("A")}, {"fax", db::Null{}}}), &before);
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->status, 403);
  EXPECT_EQ(denied->code, "field_forbidden");
  ASSERT_EQ(denied->errors.size(), 2u);
  EXPECT_EQ(denied->errors[0].field, "fax");
  EXPECT_EQ(denied->errors[0].code, "hidden");
  EXPECT_EQ(denied->errors[1].field, "grade");
  EXPECT_EQ(denied->errors[1].code, "read_only");
  // Sent back unchanged, as a form does: accepted.
  EXPECT_FALSE(check_field_writes(kRules, input({{"grade", std::string("B")}, {"name", std::string("x")}}), &before));
}

TEST(FieldRules, SEC_CustomMembersAreCheckedOneByOne) {
  const Customer before = stored();
  EXPECT_FALSE(check_field_writes(kRules, input({{"custom", std::string(R"({"note":"changed"})")}}), &before));
  EXPECT_FALSE(check_field_writes(kRules, input({{"custom", std::string(R"({"plan":"蓝鲸"})")}}), &before));
  auto denied = check_field_writes(kRules, input({{"custom", std::string(R"({"plan":null})")}}), &before);
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->errors.at(0).field, "custom.plan");
}

TEST(FieldRules, SEC_ANewRecordLeavesReadOnlyFieldsEmpty) {
  EXPECT_TRUE(check_field_writes(kRules, input({{"grade", std::string("A")}}), nullptr));
  EXPECT_FALSE(check_field_writes(kRules, input({{"grade", db::Null{}}, {"fax", std::string()}}), nullptr));
  EXPECT_TRUE(check_field_writes(kRules, input({{"custom", std::string(R"({"plan":"x"})")}}), nullptr));
}

TEST(FieldRules, SEC_ContactAndAccountWritesAreCheckedByTheirRuleKeys) {
  const FieldRules rules(FieldRuleMap{{"contact.mobile", FieldAccess::hidden}, {"contact.title", FieldAccess::read}});
  SubRecord stored;
  stored.set("mobile", std::string("13812345678"));
  stored.set("title", std::string("经理"));
  FieldValues input{{"title", std::string("经理")}, {"hobbies", std::string("围棋")}};
  EXPECT_FALSE(check_sub_record_writes(rules, contact_kind(), input, &stored));
  input["mobile"] = std::string("13900000000");
  auto denied = check_sub_record_writes(rules, contact_kind(), input, &stored);
  ASSERT_TRUE(denied);
  EXPECT_EQ(denied->errors.at(0).field, "contact.mobile");
  // The account of the same name is another field.
  EXPECT_FALSE(check_sub_record_writes(rules, account_kind(), {{"mobile", std::string("x")}}, nullptr));
}

TEST(FieldRules, SEC_HistoryLeavesOutHiddenFieldsOfEveryContact) {
  std::vector<db::Value> params{int64_t{1}};
  const std::string clause =
      customer_repository::hidden_fields_clause({"contact.birthday_reminder", "grade", "custom.plan"}, params, "field");
  EXPECT_EQ(clause, " AND (field IS NULL OR (field NOT LIKE ? ESCAPE '\\' AND field NOT IN (?, ?)))");
  ASSERT_EQ(params.size(), 4u);
  EXPECT_EQ(std::get<std::string>(params[1]), "contacts.%.birthday\\_reminder");
  EXPECT_EQ(std::get<std::string>(params[2]), "grade");
  EXPECT_EQ(std::get<std::string>(params[3]), "custom.plan");
}

TEST(FieldRules, SEC_FiltersAndSortOnHiddenFieldsAreForbidden) {
  const FieldRules rules(FieldRuleMap{{"grade", FieldAccess::hidden}, {"region_code", FieldAccess::hidden},
                                      {"custom.plan", FieldAccess::hidden}, {"fax", FieldAccess::read}});
  customer_repository::ListFilter filter;
  EXPECT_FALSE(check_field_filters(rules, filter));
  filter.sort = "grade";
  EXPECT_TRUE(check_field_filters(rules, filter));
  filter.sort = "name";
  filter.region_prefix = "44";
  EXPECT_TRUE(check_field_filters(rules, filter));
  filter.region_prefix.clear();
  filter.custom_equals = {{"plan", "x"}};
  EXPECT_TRUE(check_field_filters(rules, filter));
  filter.custom_equals.clear();
  filter.equals = {{"fax", "1"}};  // read-only is no secret
  EXPECT_FALSE(check_field_filters(rules, filter));
}

TEST(FieldRules, SEC_ReadsLeaveHiddenFieldsOut) {
  Customer c = stored();
  c.id = 7;
  c.set("region_code", std::string("440305"));
  CustomerView view;
  view.masked = false;
  view.region_name = "广东省深圳市南山区";
  view.fields = FieldRules(FieldRuleMap{{"fax", FieldAccess::hidden}, {"region_code", FieldAccess::hidden},
                                        {"custom.plan", FieldAccess::hidden}, {"grade", FieldAccess::read}});
  std::string out;
  append_customer_json(out, c, view);
  EXPECT_EQ(out.find("\"fax\""), std::string::npos) << out;
  EXPECT_EQ(out.find("\"region_code\""), std::string::npos) << out;
  EXPECT_EQ(out.find("\"region_name\""), std::string::npos) << out;
  EXPECT_EQ(out.find("蓝鲸"), std::string::npos) << out;
  EXPECT_NE(out.find("\"custom\":{\"note\":\"n\"}"), std::string::npos) << out;
  EXPECT_NE(out.find("\"grade\":\"B\""), std::string::npos) << out;
  EXPECT_EQ(visible_custom_json(FieldRules{}, R"({"plan":"x"})"), R"({"plan":"x"})");
}

TEST(FieldRules, SEC_IdentityAndBookkeepingAreNeverRuled) {
  const auto fields = rulable_customer_fields({});
  auto ruled = [&](std::string_view key) {
    return std::any_of(fields.begin(), fields.end(), [&](const auth::RulableField& f) { return f.key == key; });
  };
  for (auto key : {"code", "kind", "name", "status", "owner_id", "list_status", "custom", "version"}) {
    EXPECT_FALSE(ruled(key)) << key;
  }
  EXPECT_TRUE(ruled("grade"));
  EXPECT_TRUE(ruled("id_number"));
  for (auto key : {"contact.mobile", "contact.title", "account.account_number", "account.cancel_reason"}) {
    EXPECT_TRUE(ruled(key)) << key;
  }
  for (auto key : {"contact.name", "contact.status", "contact.version", "account.account_name", "account.status",
                   "note.content"}) {
    EXPECT_FALSE(ruled(key)) << key;
  }
  CustomField plan;
  plan.key = "plan";
  plan.label = "计划";
  const auto with_custom = rulable_customer_fields({plan});
  auto it = std::find_if(with_custom.begin(), with_custom.end(), [](const auth::RulableField& f) { return f.key == "custom.plan"; });
  ASSERT_NE(it, with_custom.end());
  EXPECT_EQ(it->label, "计划");
  EXPECT_LT(it - with_custom.begin(), std::find_if(with_custom.begin(), with_custom.end(), [](const auth::RulableField& f) {
              return f.key == "contact.mobile";
            }) - with_custom.begin());
}

}  // namespace
}  // namespace guanxi::customers
