#include "auth/field_rules.h"

#include <algorithm>

namespace guanxi::auth {

std::string_view field_access_name(FieldAccess access) {
  switch (access) {
    case FieldAccess::hidden: return "hidden";
    case FieldAccess::read: return "read";
    case FieldAccess::write: return "write";
  }
  return "write";
}

std::optional<FieldAccess> parse_field_access(std::string_view name) {
  for (auto a : {FieldAccess::hidden, FieldAccess::read, FieldAccess::write}) {
    if (field_access_name(a) == name) return a;
  }
  return std::nullopt;
}

FieldRules::FieldRules(FieldRuleMap rules) {
  std::erase_if(rules, [](const auto& rule) { return rule.second == FieldAccess::write; });
  if (!rules.empty()) rules_ = std::make_shared<const FieldRuleMap>(std::move(rules));
}

FieldRules FieldRules::resolve(const std::vector<FieldRuleMap>& roles) {
  if (roles.empty()) return {};
  // A field stays ruled only when every role rules it; then the widest rule wins.
  FieldRuleMap merged = roles.front();
  for (size_t i = 1; i < roles.size(); ++i) {
    for (auto it = merged.begin(); it != merged.end();) {
      auto other = roles[i].find(it->first);
      if (other == roles[i].end()) {
        it = merged.erase(it);
      } else {
        it->second = std::max(it->second, other->second);
        ++it;
      }
    }
  }
  return FieldRules(std::move(merged));
}

FieldAccess FieldRules::access(std::string_view field) const {
  if (!rules_) return FieldAccess::write;
  auto it = rules_->find(field);
  return it == rules_->end() ? FieldAccess::write : it->second;
}

const FieldRuleMap& FieldRules::rules() const {
  static const FieldRuleMap none;
  return rules_ ? *rules_ : none;
}

std::vector<std::string> FieldRules::hidden_fields() const {
  std::vector<std::string> out;
  for (const auto& [field, access] : rules()) {
    if (access == FieldAccess::hidden) out.push_back(field);
  }
  return out;
}

}  // namespace guanxi::auth
