#pragma once
// PIPL masking (SEC-3, issue 4 point 4): how each sensitive field shows to a
// caller who may not, or has not chosen to, see it in full. A pattern keeps
// some characters at the start and the end and hides the rest behind stars:
// 110105********002X, 138****1234, z***@example.com. The security
// administrator sets the patterns; the defaults are the ones above.
#include <map>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "core/error.h"

namespace guanxi::customers {

struct MaskPattern {
  int keep_start = 0;  // characters (not bytes) shown at the start; of an e-mail's name part
  int keep_end = 0;    // characters shown at the end (an e-mail keeps its domain anyway)
  int stars = 0;       // how many stars; 0: one per hidden character. Never fewer than 3.
  bool operator==(const MaskPattern&) const = default;
};

class MaskPatterns {
 public:
  // The fields that can be masked, in the order pages list them.
  static std::span<const std::string_view> fields();
  static const MaskPatterns& defaults();
  // A JSON object {field: {keep_start, keep_end, stars}}; fields not named keep
  // the default. Errors name `<field>.<member>` (unknown_field, out_of_range).
  static Result<MaskPatterns> parse(std::string_view json_text);

  std::string mask(std::string_view field, const std::string& value) const;
  const MaskPattern& pattern(std::string_view field) const;
  // Every field's pattern as a JSON object (the form parse reads).
  std::string to_json() const;

 private:
  std::map<std::string, MaskPattern, std::less<>> patterns_;
};

using SharedMaskPatterns = std::shared_ptr<const MaskPatterns>;

}  // namespace guanxi::customers
