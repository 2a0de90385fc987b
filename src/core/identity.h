#pragma once
// Format and checksum rules for Chinese identity numbers and contact data
// (CUS-2, CUS-12, COL-7). Pure functions: no I/O, no locale.
//
// Every check returns the normalized value (upper case, separators removed)
// and a verdict. A checksum failure is told apart from a format failure
// because some real, early codes fail their checksum (e.g. USCCs of the 2015
// Fujian pilot): a permitted user may save those with an override and a
// reason, while a malformed value is always refused.
#include <string>
#include <string_view>

namespace guanxi::identity {

enum class Verdict {
  valid,
  invalid_format,    // wrong length, characters or structure
  invalid_checksum,  // well-formed but the check character does not match
  invalid_date,      // resident ID: no such birth date, or in the future
  invalid_region,    // resident ID / USCC: no such province code
};

struct Checked {
  Verdict verdict;
  std::string normalized;
  bool ok() const { return verdict == Verdict::valid; }
  // Overridable by a permitted user with a reason (see header comment).
  bool checksum_only() const { return verdict == Verdict::invalid_checksum; }
};

// Stable API error code for a failed identity field: invalid_id_number,
// invalid_uscc or invalid_org_code.
std::string_view error_code_for_id_type(std::string_view id_type);

// 居民身份证, GB 11643-1999: 6-digit region, birth date YYYYMMDD, 3-digit
// sequence, ISO 7064 MOD 11-2 check character (0-9 or X). A 15-digit
// first-generation number is upgraded to 18 digits (century 19 added, check
// computed). `today_yyyymmdd` bounds the birth date (e.g. 20261123).
Checked check_resident_id(std::string_view input, int today_yyyymmdd);

// 统一社会信用代码, GB 32100-2015: 18 characters from
// 0-9 A-H J-N P-R T U W-Y, positions 3-8 a region code, MOD 31 check.
Checked check_uscc(std::string_view input);

// 组织机构代码, GB 11714-1997: 8 digits or capital letters, a hyphen
// (optional here) and a MOD 11 check character (0-9 or X).
Checked check_org_code(std::string_view input);

// Passports: letters and digits, 5 to 17 characters (foreign passports vary;
// Chinese ones are E/G + 8 characters).
Checked check_passport(std::string_view input);
// 港澳居民来往内地通行证: H or M + 8 digits (+ 2 digits of issue count).
Checked check_hk_macao_permit(std::string_view input);
// 台湾居民来往大陆通行证: 8 digits (since 2015) or the older 10 digits.
Checked check_taiwan_permit(std::string_view input);
// 外国人永久居留身份证: 3 letters + 12 digits (2004), or 18 digits starting
// with 9 using the resident-ID check character (2023).
Checked check_foreign_permanent_id(std::string_view input, int today_yyyymmdd);

// Dispatches on an id_type key of the API (resident_id, passport,
// hk_macao_permit, taiwan_permit, foreign_permanent_id, other).
Checked check_id_number(std::string_view id_type, std::string_view input, int today_yyyymmdd);

// Mainland mobile (11 digits starting 13-19, optional +86/0086 prefix),
// landline (0 + 2-3 digit area code + 7-8 digits, optional extension) or a
// 400/800 service number. Normalized: digits, landline as 010-12345678[-123].
Checked check_phone(std::string_view input);

// A practical address check: one @, a dotted domain, no spaces, at most 254
// characters. Normalized: trimmed, domain in lower case.
Checked check_email(std::string_view input);

}  // namespace guanxi::identity
