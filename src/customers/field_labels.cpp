#include "customers/field_labels.h"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>

#include "customers/customer_fields.h"

namespace guanxi::customers {
namespace {

struct FieldNames {
  std::string_view key;
  std::string_view zh;  // customers.field.<key> of web/src/locales/zh-CN/customers.ts
  std::string_view en;  // the same of web/src/locales/en/customers.ts
  std::array<std::string_view, 8> aliases;  // other headers spreadsheets use for the field
};

// One line per catalogue field, in catalogue order. A name (key, label or alias) belongs to one
// field only: header_index() refuses a table that breaks this, so a test fails instead of an
// import silently filling the wrong field. The UI shows neither name_norm, name_sort_key,
// status_before_deregister nor version, so their labels are this file's own; custom takes the
// UI's title of the custom-field group.
constexpr FieldNames kFields[] = {
    {"code", "客户编号", "Customer no.", {"编号", "客户编码", "客户代码", "customer code", "customer number"}},
    {"kind", "个人/单位", "Kind", {"个人或单位", "客户种类", "customer kind"}},
    {"name", "客户名称", "Name", {"名称", "姓名", "企业名称", "公司名称", "单位名称", "customer name", "company name"}},
    {"short_name", "简称", "Short name", {"客户简称", "abbreviation"}},
    {"name_norm", "规范化名称", "Normalized name", {}},
    {"name_sort_key", "名称排序键", "Name sort key", {}},
    {"id_type", "证件类型", "ID type", {"证件种类", "document type"}},
    {"id_number", "证件号码", "ID number", {"证件号", "身份证号", "身份证号码", "身份证", "id no.", "id card number"}},
    {"uscc", "统一社会信用代码", "Unified social credit code", {"社会信用代码", "信用代码", "credit code"}},
    {"org_code", "组织机构代码", "Organization code", {"机构代码", "组织代码", "organisation code"}},
    {"identity_override_reason", "证件校验说明", "ID check note", {}},
    {"phone", "电话", "Phone", {"联系电话", "电话号码", "固定电话", "座机", "telephone", "tel", "phone number"}},
    {"mobile", "手机", "Mobile", {"手机号", "手机号码", "移动电话", "mobile phone", "mobile number", "cellphone"}},
    {"fax", "传真", "Fax", {"传真号码", "fax number"}},
    {"email", "电子邮箱", "Email", {"邮箱", "电子邮件", "邮件地址", "e-mail", "email address"}},
    {"website", "网址", "Website", {"网站", "公司网址", "主页", "homepage", "web site", "url"}},
    {"region_code", "所在地区", "Region", {"地区", "地区代码", "行政区划代码", "region code"}},
    {"address", "详细地址", "Address", {"地址", "联系地址", "通讯地址"}},
    {"postal_code", "邮政编码", "Postal code", {"邮编", "postcode", "zip code", "zip"}},
    {"birthday", "出生日期", "Date of birth", {"生日", "出生年月", "birth date"}},
    {"gender", "性别", "Gender", {"sex"}},
    {"birthday_reminder", "生日提醒", "Birthday reminder", {}},
    {"legal_representative", "法定代表人", "Legal representative", {"法人", "法人代表", "legal person"}},
    {"business_scope", "经营范围", "Business scope", {}},
    {"staff_size", "人员规模", "Staff size", {"员工人数", "人数", "employees", "headcount"}},
    {"founded_on", "成立日期", "Founded on", {"成立时间", "注册日期", "founded", "date founded"}},
    {"registered_capital_fen", "注册资本", "Registered capital", {"注册资金"}},
    {"customer_type", "客户类型", "Customer type", {}},
    {"industry", "所属行业", "Industry", {"行业"}},
    {"source", "客户来源", "Source", {"来源", "customer source"}},
    {"nature", "企业性质", "Ownership nature", {"单位性质", "公司性质", "ownership"}},
    {"status", "客户状态", "Status", {"状态", "customer status"}},
    {"deregister_reason", "注销原因", "Deregistration reason", {}},
    {"deregistered_at", "注销时间", "Deregistered at", {"注销日期"}},
    {"status_before_deregister", "注销前状态", "Status before deregistration", {}},
    {"grade", "客户等级", "Grade", {"等级", "客户级别", "级别", "customer grade"}},
    {"suggested_grade", "建议等级", "Suggested grade", {}},
    {"suggested_grade_reason", "建议依据", "Why suggested", {}},
    {"value_tier", "价值层级", "Value tier", {"客户价值"}},
    {"settlement", "结算方式", "Settlement", {"settlement method"}},
    {"customer_class", "客户分类", "Class", {"分类", "customer class"}},
    {"strategic", "战略客户", "Strategic", {"strategic customer"}},
    {"route", "路序", "Route", {}},
    {"star_rating", "星级", "Star rating", {"客户星级", "stars"}},
    {"importance", "重要程度", "Importance", {"重要性"}},
    {"friendliness", "友好程度", "Friendliness", {}},
    {"satisfaction", "满意度", "Satisfaction", {"满意程度"}},
    {"service_region", "服务区域", "Service region", {}},
    {"sales_capacity", "销售能力", "Sales capacity", {}},
    {"potential", "发展潜力", "Potential", {}},
    {"management_style", "经营管理风格", "Management style", {}},
    {"performance", "经营业绩", "Performance", {}},
    {"cooperation_attitude", "合作态度", "Cooperation attitude", {}},
    {"competitor_relation", "与竞争对手的关系", "Relation to competitors", {}},
    {"credit_standing", "信用状况", "Credit standing", {}},
    {"trading_terms", "交易条件", "Trading terms", {}},
    {"credit_problems", "以往信用问题", "Past credit problems", {}},
    {"list_status", "黑白名单", "Black/white list", {}},
    {"list_reason", "列入原因", "Listing reason", {}},
    {"list_decided_by", "决定人", "Decided by", {}},
    {"list_decided_at", "决定时间", "Decided at", {}},
    {"verification_status", "验证状态", "Verification", {"verification status"}},
    {"identity_locked", "身份已锁定", "Identity locked", {}},
    {"abnormal", "非正常", "Abnormal", {}},
    {"replaced_by_id", "取代它的档案", "Replaced by", {}},
    {"replaces_id", "被取代的档案", "Replaces", {}},
    {"owner_id", "负责人", "Owner", {"客户经理", "业务员", "account manager", "salesperson"}},
    {"collected_by", "采集人", "Collected by", {}},
    {"entered_by", "录入人", "Entered by", {}},
    {"reviewed_by", "审核人", "Reviewed by", {}},
    {"tags", "标签", "Tags", {"tag"}},
    {"custom", "附加信息", "Additional information", {}},
    {"version", "版本", "Version", {}},
    {"created_at", "建档时间", "Created", {"创建时间", "建档日期", "created at"}},
    {"updated_at", "最后修改", "Last changed", {"最后修改时间", "修改时间", "更新时间", "updated at", "last modified"}},
};

constexpr std::string_view kRequiredMark = "(必填)";

char lower(unsigned c) { return static_cast<char>(c >= 'A' && c <= 'Z' ? c - 'A' + 'a' : c); }

// Chinese input methods type full-width letters and blanks (Ａ, （, the ideographic space), and
// Excel starts a UTF-8 CSV with a byte-order mark; none of them should make a header unknown.
std::string fold(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size(); ++i) {
    const auto at = [&](size_t k) -> unsigned {
      return i + k < text.size() ? static_cast<unsigned char>(text[i + k]) : 0u;
    };
    const unsigned b0 = at(0), b1 = at(1), b2 = at(2);
    if (b0 == 0xEF && b1 == 0xBC && b2 >= 0x81 && b2 <= 0xBF) {  // U+FF01–FF3F
      out += lower(b2 - 0x81 + 0x21);
      i += 2;
    } else if (b0 == 0xEF && b1 == 0xBD && b2 >= 0x80 && b2 <= 0x9E) {  // U+FF40–FF5E
      out += lower(b2 - 0x80 + 0x60);
      i += 2;
    } else if (b0 == 0xE3 && b1 == 0x80 && b2 == 0x80) {  // U+3000
      out += ' ';
      i += 2;
    } else if (b0 == 0xEF && b1 == 0xBB && b2 == 0xBF) {  // U+FEFF
      i += 2;
    } else {
      out += lower(b0);
    }
  }
  return out;
}

std::string_view trim(std::string_view text) {
  constexpr std::string_view blanks = " \t\r\n";
  const size_t first = text.find_first_not_of(blanks);
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(blanks) - first + 1);
}

// Import templates mark required columns: "客户名称*", "*客户名称", "客户名称（必填）".
std::string normalize(std::string_view header) {
  const std::string folded = fold(header);
  std::string_view name = trim(folded);
  if (name.ends_with('*'))
    name.remove_suffix(1);
  else if (name.ends_with(kRequiredMark))
    name.remove_suffix(kRequiredMark.size());
  if (name.starts_with('*')) name.remove_prefix(1);
  return std::string(trim(name));
}

// Normalized name → catalogue key, built on first use.
const std::map<std::string, std::string_view>& header_index() {
  static const std::map<std::string, std::string_view> index = [] {
    std::map<std::string, std::string_view> m;
    const auto add = [&m](std::string_view name, std::string_view key) {
      if (name.empty()) return;  // the unused places of `aliases`
      const auto [it, added] = m.emplace(normalize(name), key);
      if (!added && it->second != key) {
        throw std::logic_error("customer field header \"" + std::string(name) + "\" names both " +
                               std::string(it->second) + " and " + std::string(key));
      }
    };
    for (const FieldNames& field : kFields) {
      if (!field_index(field.key)) throw std::logic_error("unknown customer field " + std::string(field.key));
      add(field.key, field.key);
      add(field.zh, field.key);
      add(field.en, field.key);
      for (std::string_view alias : field.aliases) add(alias, field.key);
    }
    return m;
  }();
  return index;
}

}  // namespace

std::string_view field_label(std::string_view key, Locale locale) {
  const FieldNames* field = std::ranges::find(kFields, key, &FieldNames::key);
  if (field == std::ranges::end(kFields)) return key;
  return locale == Locale::en ? field->en : field->zh;
}

std::optional<std::string_view> field_for_header(std::string_view header) {
  const auto& index = header_index();
  const auto it = index.find(normalize(header));
  if (it == index.end()) return std::nullopt;
  return it->second;
}

}  // namespace guanxi::customers
