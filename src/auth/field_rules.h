#pragma once
// Field-level permissions (ADR 0015, issue 4 point 2): per role and field,
// hidden or read-only; a field without a rule is read-write. A user's rules
// are the union over its roles that read customers: a field is hidden only
// when every one of them hides it, read-only when none lets it be written.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace guanxi::auth {

// Ordered from narrowest to widest, as DataScope.
enum class FieldAccess { hidden = 0, read = 1, write = 2 };

std::string_view field_access_name(FieldAccess access);
std::optional<FieldAccess> parse_field_access(std::string_view name);

using FieldRuleMap = std::map<std::string, FieldAccess, std::less<>>;

// A field the security administrator may rule: a customer catalogue key or
// custom.<key>. `server_set` fields are never written by users, so they can
// only be hidden. The customer module supplies the list (auth knows no fields).
struct RulableField {
  std::string key;
  std::string label;  // custom fields only; the UI names built-in fields itself
  bool server_set = false;
};

// One user's resolved rules; cheap to copy (requests copy the principal).
class FieldRules {
 public:
  FieldRules() = default;
  explicit FieldRules(FieldRuleMap rules);
  // The union over roles, each given as its own rule map (ADR 0015).
  static FieldRules resolve(const std::vector<FieldRuleMap>& roles);

  FieldAccess access(std::string_view field) const;
  bool hidden(std::string_view field) const { return access(field) == FieldAccess::hidden; }
  bool empty() const { return !rules_ || rules_->empty(); }
  // Only the ruled fields.
  const FieldRuleMap& rules() const;
  // The hidden ones, for SQL that leaves them out.
  std::vector<std::string> hidden_fields() const;

 private:
  std::shared_ptr<const FieldRuleMap> rules_;
};

}  // namespace guanxi::auth
