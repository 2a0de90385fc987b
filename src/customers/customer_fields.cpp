#include "customers/customer_fields.h"

#include <algorithm>
#include <array>
#include <map>
#include <stdexcept>
#include <string>

#include "customers/field_builders.h"

namespace guanxi::customers {
namespace {

using namespace std::string_view_literals;

constexpr std::array kKinds{"individual"sv, "organization"sv};
constexpr std::array kIdTypes{"resident_id"sv,   "passport"sv, "hk_macao_permit"sv, "taiwan_permit"sv,
                              "foreign_permanent_id"sv, "other"sv};
constexpr std::array kStatuses{"potential"sv, "target"sv, "active"sv, "lost"sv, "deregistered"sv};
constexpr std::array kGrades{"A"sv, "B"sv, "C"sv, "D"sv};
constexpr std::array kGenders{"male"sv, "female"sv};
constexpr std::array kValueTiers{"vip"sv, "major"sv, "normal"sv, "small"sv};           // CUS-9
constexpr std::array kSettlements{"cash"sv, "prepaid"sv, "credit"sv};                  // CUS-9
constexpr std::array kClasses{"government"sv, "social"sv, "foreign"sv, "internal"sv};  // CUS-9
constexpr std::array kVerification{"pending"sv, "in_progress"sv, "passed"sv, "failed"sv};  // CUS-12
constexpr std::array kListStatus{"none"sv, "black"sv, "white"sv};                       // CUS-21

using namespace field;

const std::vector<FieldSpec>& catalogue() {
  static const std::vector<FieldSpec> fields = {
      server(text("code", 40), false),
      {.key = "kind", .type = FieldType::choice, .writable = Writable::create, .choices = kKinds},
      text("name", 200),
      text("short_name", 100),
      server(text("name_norm", 800), false),
      server(text("name_sort_key", 800), false),
      // Identity (CUS-2, CUS-11)
      identity(choice("id_type", kIdTypes)),
      identity(sensitive(text("id_number", 40))),
      identity(text("uscc", 40)),  // lengths before normalizing; the check is exact
      identity(text("org_code", 40)),
      server(text("identity_override_reason", 500)),
      // Basic data (CUS-3)
      sensitive(text("phone", 40)),
      sensitive(text("mobile", 40)),
      text("fax", 40),
      sensitive(text("email", 254)),
      text("website", 200),
      text("region_code", 6),
      sensitive(text("address", 300)),
      text("postal_code", 6),
      sensitive({.key = "birthday", .type = FieldType::date}),
      choice("gender", kGenders),
      {.key = "birthday_reminder", .type = FieldType::flag},  // CUS-16: remind the owner yearly
      text("legal_representative", 100),
      text("business_scope", 2000),
      text("staff_size", 50),
      {.key = "founded_on", .type = FieldType::date},
      {.key = "registered_capital_fen", .type = FieldType::integer},
      dict("customer_type", "customer_type"),
      dict("industry", "industry"),
      dict("source", "source"),
      dict("nature", "nature"),
      // Lifecycle (CUS-8): potential ⇄ target ⇄ active ⇄ lost by editing; deregistering
      // and restoring are actions of their own (with a reason and customer.delete).
      choice("status", kStatuses),
      server(text("deregister_reason", 500)),
      server({.key = "deregistered_at", .type = FieldType::timestamp}, false),
      server(text("status_before_deregister", 20), false),  // what restoring returns to
      // Classification (CUS-9) and evaluation (CUS-17)
      choice("grade", kGrades),
      server(choice("suggested_grade", kGrades)),
      server(text("suggested_grade_reason", 500), false),
      choice("value_tier", kValueTiers),
      choice("settlement", kSettlements),
      choice("customer_class", kClasses),
      {.key = "strategic", .type = FieldType::flag},
      text("route", 50),
      score("star_rating"),
      score("importance"),
      score("friendliness"),
      score("satisfaction"),
      // Characteristics, business status, trading status (CUS-3)
      text("service_region", 500),
      text("sales_capacity", 500),
      text("potential", 500),
      text("management_style", 500),
      text("performance", 500),
      text("cooperation_attitude", 500),
      text("competitor_relation", 500),
      text("credit_standing", 500),
      text("trading_terms", 500),
      text("credit_problems", 500),
      // Black/white list (CUS-21)
      server(choice("list_status", kListStatus)),
      server(text("list_reason", 500)),
      server({.key = "list_decided_by", .type = FieldType::user_ref}, false),
      server({.key = "list_decided_at", .type = FieldType::timestamp}, false),
      // Verification and correction (CUS-11, CUS-12)
      server(choice("verification_status", kVerification)),
      server({.key = "identity_locked", .type = FieldType::flag}, false),
      server({.key = "abnormal", .type = FieldType::flag}),
      server({.key = "replaced_by_id", .type = FieldType::integer}),
      server({.key = "replaces_id", .type = FieldType::integer}, false),
      // Accountability (CUS-13); owner changes need customer.assign.
      {.key = "owner_id", .type = FieldType::user_ref},
      {.key = "collected_by", .type = FieldType::user_ref},
      server({.key = "entered_by", .type = FieldType::user_ref}, false),
      server({.key = "reviewed_by", .type = FieldType::user_ref}),
      {.key = "tags", .type = FieldType::tags},
      {.key = "custom", .type = FieldType::custom},
      server({.key = "version", .type = FieldType::integer}, false),
      server({.key = "created_at", .type = FieldType::timestamp}, false),
      server({.key = "updated_at", .type = FieldType::timestamp}, false),
  };
  return fields;
}

}  // namespace

namespace choices {
const std::span<const std::string_view> kind = kKinds;
const std::span<const std::string_view> id_type = kIdTypes;
const std::span<const std::string_view> status = kStatuses;
const std::span<const std::string_view> grade = kGrades;
const std::span<const std::string_view> verification_status = kVerification;
const std::span<const std::string_view> list_status = kListStatus;
const std::span<const std::string_view> gender = kGenders;
}  // namespace choices

std::span<const FieldSpec> customer_fields() { return catalogue(); }

std::optional<size_t> field_index(std::string_view key) {
  static const std::map<std::string_view, size_t> index = [] {
    std::map<std::string_view, size_t> m;
    for (size_t i = 0; i < catalogue().size(); ++i) m.emplace(catalogue()[i].key, i);
    return m;
  }();
  auto it = index.find(key);
  if (it == index.end()) return std::nullopt;
  return it->second;
}

const FieldSpec& field_spec(std::string_view key) {
  auto i = field_index(key);
  if (!i) throw std::logic_error("unknown customer field " + std::string(key));
  return catalogue()[*i];
}

bool is_choice(std::span<const std::string_view> allowed, std::string_view value) {
  return std::find(allowed.begin(), allowed.end(), value) != allowed.end();
}

}  // namespace guanxi::customers
