// Default values of the customer dictionaries (CUS-5). Administrators rename,
// reorder, retire and add to them; these only make a fresh install usable.
// Industries are the 20 sections of GB/T 4754-2017 国民经济行业分类.
#include <string>
#include <vector>

#include "customers/customer_migrations.h"

namespace guanxi::customers {
namespace {

struct SeedItem {
  const char* dictionary;
  const char* code;
  const char* label;
  const char* label_en;
};

const std::vector<SeedItem>& seed_items() {
  static const std::vector<SeedItem> items = {
      // CUS-1: tenants, dealers, suppliers, government … are categories, not kinds.
      {"customer_type", "end_customer", "终端客户", "End customer"},
      {"customer_type", "dealer", "经销商", "Dealer"},
      {"customer_type", "agent", "代理商", "Agent"},
      {"customer_type", "supplier", "供应商", "Supplier"},
      {"customer_type", "tenant", "租赁户", "Tenant"},
      {"customer_type", "government", "政府机构", "Government body"},
      {"customer_type", "partner", "合作伙伴", "Partner"},
      {"customer_type", "other", "其他", "Other"},
      {"industry", "A", "农、林、牧、渔业", "Agriculture, forestry, animal husbandry and fishery"},
      {"industry", "B", "采矿业", "Mining"},
      {"industry", "C", "制造业", "Manufacturing"},
      {"industry", "D", "电力、热力、燃气及水生产和供应业", "Electricity, heat, gas and water"},
      {"industry", "E", "建筑业", "Construction"},
      {"industry", "F", "批发和零售业", "Wholesale and retail"},
      {"industry", "G", "交通运输、仓储和邮政业", "Transport, storage and post"},
      {"industry", "H", "住宿和餐饮业", "Accommodation and catering"},
      {"industry", "I", "信息传输、软件和信息技术服务业", "Information transmission, software and IT services"},
      {"industry", "J", "金融业", "Finance"},
      {"industry", "K", "房地产业", "Real estate"},
      {"industry", "L", "租赁和商务服务业", "Leasing and business services"},
      {"industry", "M", "科学研究和技术服务业", "Scientific research and technical services"},
      {"industry", "N", "水利、环境和公共设施管理业", "Water, environment and public facilities"},
      {"industry", "O", "居民服务、修理和其他服务业", "Resident, repair and other services"},
      {"industry", "P", "教育", "Education"},
      {"industry", "Q", "卫生和社会工作", "Health and social work"},
      {"industry", "R", "文化、体育和娱乐业", "Culture, sports and entertainment"},
      {"industry", "S", "公共管理、社会保障和社会组织", "Public administration and social organizations"},
      {"industry", "T", "国际组织", "International organizations"},
      {"source", "phone", "电话营销", "Telemarketing"},
      {"source", "web", "网络推广", "Online"},
      {"source", "exhibition", "展会", "Exhibition"},
      {"source", "referral", "客户介绍", "Referral"},
      {"source", "walk_in", "主动来访", "Walk-in"},
      {"source", "advertising", "广告", "Advertising"},
      {"source", "partner", "合作伙伴", "Partner"},
      {"source", "other", "其他", "Other"},
      {"nature", "state_owned", "国有企业", "State-owned enterprise"},
      {"nature", "collective", "集体企业", "Collective enterprise"},
      {"nature", "private", "私营企业", "Private enterprise"},
      {"nature", "joint_stock", "股份有限公司", "Joint-stock company"},
      {"nature", "foreign_invested", "外商投资企业", "Foreign-invested enterprise"},
      {"nature", "hmt_invested", "港澳台投资企业", "Hong Kong, Macao or Taiwan invested"},
      {"nature", "individual_business", "个体工商户", "Individual business"},
      {"nature", "public_institution", "事业单位", "Public institution"},
      {"nature", "government_agency", "机关", "Government agency"},
      {"nature", "social_organization", "社会团体", "Social organization"},
      {"nature", "other", "其他", "Other"},
      {"position", "chairman", "董事长", "Chairman"},
      {"position", "general_manager", "总经理", "General manager"},
      {"position", "deputy_manager", "副总经理", "Deputy general manager"},
      {"position", "cfo", "财务负责人", "Head of finance"},
      {"position", "purchasing", "采购负责人", "Head of purchasing"},
      {"position", "department_manager", "部门经理", "Department manager"},
      {"position", "technical_lead", "技术负责人", "Technical lead"},
      {"position", "staff", "业务人员", "Staff"},
      {"position", "other", "其他", "Other"},
  };
  return items;
}

}  // namespace

std::string seed_dictionaries_sql() {
  std::string sql;
  int order = 0;
  std::string last;
  for (const auto& item : seed_items()) {
    if (last != item.dictionary) order = 0;
    last = item.dictionary;
    order += 10;
    sql += "INSERT INTO dictionary_items (dictionary, code, label, label_en, sort_order) VALUES ('";
    sql += item.dictionary + std::string("', '") + item.code + "', '" + item.label + "', '" + item.label_en + "', " +
           std::to_string(order) + ");\n";
  }
  return sql;
}

}  // namespace guanxi::customers
