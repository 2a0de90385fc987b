#pragma once
// DOC-6: readable customer codes 客户编号 from a configurable rule such as
// "KH{yyyy}{seq:6}" → KH2026000001. Tokens: {yyyy} {yy} {mm} {dd} (business
// date, Asia/Shanghai) and exactly one {seq:N} (N = 1..12 digits, zero-padded;
// longer numbers are written in full rather than wrapped). The sequence counts
// per expanded prefix, so a rule with {yyyy} restarts every year.
#include <string>

#include "core/error.h"

namespace guanxi::customers {

class CodeRule {
 public:
  static Result<CodeRule> parse(const std::string& rule);
  // The counter key for a date (the rule with the date tokens filled in).
  std::string counter_key(int yyyymmdd) const;
  std::string format(int yyyymmdd, int64_t number) const;
  const std::string& text() const { return rule_; }

 private:
  std::string rule_;
  std::string before_, after_;  // around {seq:N}, date tokens unexpanded
  int width_ = 6;
};

}  // namespace guanxi::customers
