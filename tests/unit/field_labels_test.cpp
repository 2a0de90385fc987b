// Labels of the customer fields (issue 5 points 3 and 6): the export's header row says what the
// web UI says, and an import recognises the headers people write in either language.
#include <gtest/gtest.h>

#include "customers/customer_fields.h"
#include "customers/field_labels.h"

namespace guanxi::customers {
namespace {

// What a header names, with a readable stand-in for nothing so failures print plainly.
std::string_view named(std::string_view header) { return field_for_header(header).value_or("(nothing)"); }

TEST(FieldLabels, COL3_EveryCatalogueFieldHasAChineseAndAnEnglishLabel) {
  for (const FieldSpec& field : customer_fields()) {
    const std::string_view zh = field_label(field.key, Locale::zh_CN);
    const std::string_view en = field_label(field.key, Locale::en);
    EXPECT_FALSE(zh.empty()) << field.key;
    EXPECT_NE(zh, field.key) << "no Chinese label for " << field.key;
    EXPECT_FALSE(en.empty()) << field.key;
    EXPECT_NE(en, zh) << field.key;
  }
}

TEST(FieldLabels, COL3_LabelsAreTheWebUisTexts) {
  EXPECT_EQ(field_label("name", Locale::zh_CN), "客户名称");
  EXPECT_EQ(field_label("name", Locale::en), "Name");
  EXPECT_EQ(field_label("id_number", Locale::zh_CN), "证件号码");
  EXPECT_EQ(field_label("id_number", Locale::en), "ID number");
  EXPECT_EQ(field_label("uscc", Locale::zh_CN), "统一社会信用代码");
  EXPECT_EQ(field_label("uscc", Locale::en), "Unified social credit code");
  EXPECT_EQ(field_label("mobile", Locale::zh_CN), "手机");
  EXPECT_EQ(field_label("phone", Locale::zh_CN), "电话");
  EXPECT_EQ(field_label("code", Locale::zh_CN), "客户编号");
  EXPECT_EQ(field_label("code", Locale::en), "Customer no.");
  EXPECT_EQ(field_label("updated_at", Locale::zh_CN), "最后修改");
  EXPECT_EQ(field_label("updated_at", Locale::en), "Last changed");
}

TEST(FieldLabels, COL3_AnUnknownKeyIsItsOwnLabel) {
  EXPECT_EQ(field_label("no_such_field", Locale::zh_CN), "no_such_field");
  EXPECT_EQ(field_label("no_such_field", Locale::en), "no_such_field");
  EXPECT_EQ(field_label("", Locale::zh_CN), "");
}

TEST(FieldLabels, COL4_ChineseLabelsNameTheirFields) {
  EXPECT_EQ(named("客户名称"), "name");
  EXPECT_EQ(named("证件号码"), "id_number");
  EXPECT_EQ(named("统一社会信用代码"), "uscc");
  EXPECT_EQ(named("手机"), "mobile");
  EXPECT_EQ(named("电话"), "phone");
  EXPECT_EQ(named("所属行业"), "industry");
  EXPECT_EQ(named("负责人"), "owner_id");
}

TEST(FieldLabels, COL4_EnglishLabelsAndKeysIgnoreCase) {
  EXPECT_EQ(named("NAME"), "name");
  EXPECT_EQ(named("Id Number"), "id_number");
  EXPECT_EQ(named("id_number"), "id_number");
  EXPECT_EQ(named("uscc"), "uscc");
  EXPECT_EQ(named("USCC"), "uscc");
  EXPECT_EQ(named("unified SOCIAL credit code"), "uscc");
  EXPECT_EQ(named("Mobile"), "mobile");
  EXPECT_EQ(named("customer no."), "code");
}

TEST(FieldLabels, COL4_BlanksAndFullWidthCharactersAreFolded) {
  EXPECT_EQ(named("ｎａｍｅ"), "name");
  EXPECT_EQ(named("ＮＡＭＥ"), "name");
  EXPECT_EQ(named("  客户名称\t"), "name");
  EXPECT_EQ(named("\u3000客户名称\u3000"), "name");  // the ideographic space
  EXPECT_EQ(named("ＩＤ\u3000ｎｕｍｂｅｒ"), "id_number");
  EXPECT_EQ(named("\xEF\xBB\xBF客户名称"), "name");  // a CSV's byte-order mark
}

TEST(FieldLabels, COL4_RequiredMarksAreIgnored) {
  EXPECT_EQ(named("客户名称*"), "name");
  EXPECT_EQ(named("客户名称 *"), "name");
  EXPECT_EQ(named("客户名称＊"), "name");
  EXPECT_EQ(named("*客户名称"), "name");
  EXPECT_EQ(named("客户名称（必填）"), "name");
  EXPECT_EQ(named("客户名称(必填)"), "name");
  EXPECT_EQ(named("证件号码 （必填） "), "id_number");
  EXPECT_EQ(named("Name*"), "name");
}

TEST(FieldLabels, COL4_AliasesNameTheirFields) {
  EXPECT_EQ(named("名称"), "name");
  EXPECT_EQ(named("企业名称"), "name");
  EXPECT_EQ(named("公司名称"), "name");
  EXPECT_EQ(named("手机号"), "mobile");
  EXPECT_EQ(named("手机号码"), "mobile");
  EXPECT_EQ(named("身份证号"), "id_number");
  EXPECT_EQ(named("联系电话"), "phone");
  EXPECT_EQ(named("邮箱"), "email");
  EXPECT_EQ(named("邮编"), "postal_code");
  EXPECT_EQ(named("Company Name"), "name");
}

TEST(FieldLabels, COL4_UnknownHeadersNameNothing) {
  EXPECT_EQ(field_for_header("备注2"), std::nullopt);
  EXPECT_EQ(field_for_header("客户名称称"), std::nullopt);
  EXPECT_EQ(field_for_header("name_x"), std::nullopt);
  EXPECT_EQ(field_for_header(""), std::nullopt);
  EXPECT_EQ(field_for_header("   "), std::nullopt);
  EXPECT_EQ(field_for_header("*"), std::nullopt);
  EXPECT_EQ(field_for_header("（必填）"), std::nullopt);
}

// Each field's key and labels lead back to it. The table of names is also checked as a whole
// when first used (no name or alias for two fields), so a clash fails here as an exception.
TEST(FieldLabels, COL4_EveryFieldIsNamedByItsKeyAndLabelsAlone) {
  for (const FieldSpec& field : customer_fields()) {
    EXPECT_EQ(named(field.key), field.key);
    EXPECT_EQ(named(field_label(field.key, Locale::zh_CN)), field.key);
    EXPECT_EQ(named(field_label(field.key, Locale::en)), field.key);
  }
}

}  // namespace
}  // namespace guanxi::customers
