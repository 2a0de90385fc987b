#include "core/identity.h"

#include <array>
#include <cctype>
#include <regex>
#include <set>
#include <vector>

namespace guanxi::identity {
namespace {

// Province-level codes of GB/T 2260 (first two digits), plus 71 台湾, 81 香港,
// 82 澳门 and 83 used by residence permits for Hong Kong, Macao and Taiwan.
bool known_province(int code) {
  static const std::set<int> provinces = {11, 12, 13, 14, 15, 21, 22, 23, 31, 32, 33, 34, 35, 36, 37, 41, 42,
                                          43, 44, 45, 46, 50, 51, 52, 53, 54, 61, 62, 63, 64, 65, 71, 81, 82, 83};
  return provinces.contains(code);
}

// Full-width ASCII (U+FF01..U+FF5E, common in Chinese input) to ASCII, upper case.
std::string fold_ascii(std::string_view input) {
  std::string out;
  for (size_t i = 0; i < input.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(input[i]);
    // U+FF01..U+FF5E is EF BC 81..EF BD 9E in UTF-8.
    if (c == 0xEF && i + 2 < input.size()) {
      const auto b1 = static_cast<unsigned char>(input[i + 1]), b2 = static_cast<unsigned char>(input[i + 2]);
      if ((b1 == 0xBC && b2 >= 0x81) || (b1 == 0xBD && b2 <= 0x9E)) {
        c = static_cast<unsigned char>((b1 == 0xBC ? b2 - 0x80 : b2 - 0x40) + 0x20);
        i += 2;
      }
    }
    out.push_back(static_cast<char>(std::toupper(c)));
  }
  return out;
}

// Folded, without spaces and hyphens.
std::string normalize(std::string_view input) {
  std::string out;
  for (char c : fold_ascii(input)) {
    if (c != ' ' && c != '-' && c != '\t') out.push_back(c);
  }
  return out;
}

bool all_digits(std::string_view s) {
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return false;
  }
  return !s.empty();
}

bool valid_date(int yyyymmdd, int today) {
  const int year = yyyymmdd / 10000, month = yyyymmdd / 100 % 100, day = yyyymmdd % 100;
  if (year < 1850 || month < 1 || month > 12 || day < 1 || yyyymmdd > today) return false;
  static constexpr std::array<int, 12> days = {31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  if (month == 2 && day == 29) return leap;
  return day <= days[month - 1];
}

char resident_id_check_char(std::string_view first17) {
  static constexpr std::array<int, 17> weights = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += (first17[i] - '0') * weights[i];
  return "10X98765432"[sum % 11];
}

Checked verdict(Verdict v, std::string normalized) { return {v, std::move(normalized)}; }

}  // namespace

std::string_view error_code_for_id_type(std::string_view id_type) {
  if (id_type == "uscc") return "invalid_uscc";
  if (id_type == "org_code") return "invalid_org_code";
  return "invalid_id_number";
}

Checked check_resident_id(std::string_view input, int today_yyyymmdd) {
  std::string id = normalize(input);
  if (id.size() == 15 && all_digits(id)) {
    // First generation: YYMMDD birth date, no check character.
    id = id.substr(0, 6) + "19" + id.substr(6);
    id.push_back(resident_id_check_char(id));
  }
  if (id.size() != 18 || !all_digits(std::string_view(id).substr(0, 17)) ||
      !(std::isdigit(static_cast<unsigned char>(id[17])) || id[17] == 'X')) {
    return verdict(Verdict::invalid_format, id);
  }
  if (!known_province(std::stoi(id.substr(0, 2)))) return verdict(Verdict::invalid_region, id);
  if (!valid_date(std::stoi(id.substr(6, 8)), today_yyyymmdd)) return verdict(Verdict::invalid_date, id);
  if (resident_id_check_char(id) != id[17]) return verdict(Verdict::invalid_checksum, id);
  return verdict(Verdict::valid, id);
}

Checked check_uscc(std::string_view input) {
  static constexpr std::string_view charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";
  static constexpr std::array<int, 17> weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
  const std::string code = normalize(input);
  if (code.size() != 18) return verdict(Verdict::invalid_format, code);
  for (char c : code) {
    if (charset.find(c) == std::string_view::npos) return verdict(Verdict::invalid_format, code);
  }
  if (!all_digits(std::string_view(code).substr(2, 6))) return verdict(Verdict::invalid_format, code);
  // Codes of central registration authorities use 100000 as the region.
  const int province = std::stoi(code.substr(2, 2));
  if (province != 10 && !known_province(province)) return verdict(Verdict::invalid_region, code);
  int sum = 0;
  for (size_t i = 0; i < 17; ++i) sum += static_cast<int>(charset.find(code[i])) * weights[i];
  const int check = (31 - sum % 31) % 31;
  if (charset[check] != code[17]) return verdict(Verdict::invalid_checksum, code);
  return verdict(Verdict::valid, code);
}

Checked check_org_code(std::string_view input) {
  static constexpr std::array<int, 8> weights = {3, 7, 9, 10, 5, 8, 4, 2};
  const std::string code = normalize(input);
  if (code.size() != 9) return verdict(Verdict::invalid_format, code);
  int sum = 0;
  for (size_t i = 0; i < 8; ++i) {
    const char c = code[i];
    int value;
    if (std::isdigit(static_cast<unsigned char>(c))) value = c - '0';
    else if (c >= 'A' && c <= 'Z') value = c - 'A' + 10;
    else return verdict(Verdict::invalid_format, code);
    sum += value * weights[i];
  }
  const char last = code[8];
  if (!std::isdigit(static_cast<unsigned char>(last)) && last != 'X') return verdict(Verdict::invalid_format, code);
  const int check = 11 - sum % 11;
  const char expected = check == 10 ? 'X' : check == 11 ? '0' : static_cast<char>('0' + check);
  if (expected != last) return verdict(Verdict::invalid_checksum, code);
  return verdict(Verdict::valid, code);
}

Checked check_passport(std::string_view input) {
  static const std::regex pattern("^[A-Z0-9]{5,17}$");
  std::string code = normalize(input);
  return verdict(std::regex_match(code, pattern) ? Verdict::valid : Verdict::invalid_format, code);
}

Checked check_hk_macao_permit(std::string_view input) {
  static const std::regex pattern("^[HM][0-9]{8}([0-9]{2})?$");
  std::string code = normalize(input);
  return verdict(std::regex_match(code, pattern) ? Verdict::valid : Verdict::invalid_format, code);
}

Checked check_taiwan_permit(std::string_view input) {
  static const std::regex pattern("^([0-9]{8}|[0-9]{10})$");
  std::string code = normalize(input);
  return verdict(std::regex_match(code, pattern) ? Verdict::valid : Verdict::invalid_format, code);
}

Checked check_foreign_permanent_id(std::string_view input, int today_yyyymmdd) {
  static const std::regex old_pattern("^[A-Z]{3}[0-9]{12}$");
  std::string code = normalize(input);
  if (std::regex_match(code, old_pattern)) return verdict(Verdict::valid, code);
  if (code.size() == 18 && code[0] == '9') {
    if (!all_digits(std::string_view(code).substr(0, 17))) return verdict(Verdict::invalid_format, code);
    if (!valid_date(std::stoi(code.substr(6, 8)), today_yyyymmdd)) return verdict(Verdict::invalid_date, code);
    if (resident_id_check_char(code) != code[17]) return verdict(Verdict::invalid_checksum, code);
    return verdict(Verdict::valid, code);
  }
  return verdict(Verdict::invalid_format, code);
}

Checked check_id_number(std::string_view id_type, std::string_view input, int today_yyyymmdd) {
  if (id_type == "resident_id") return check_resident_id(input, today_yyyymmdd);
  if (id_type == "passport") return check_passport(input);
  if (id_type == "hk_macao_permit") return check_hk_macao_permit(input);
  if (id_type == "taiwan_permit") return check_taiwan_permit(input);
  if (id_type == "foreign_permanent_id") return check_foreign_permanent_id(input, today_yyyymmdd);
  if (id_type == "other") {
    std::string code = normalize(input);
    return verdict(code.empty() || code.size() > 40 ? Verdict::invalid_format : Verdict::valid, code);
  }
  return verdict(Verdict::invalid_format, normalize(input));
}

Checked check_phone(std::string_view input) {
  std::string text = fold_ascii(input);
  // An extension follows 转, EXT, X or # ("010-12345678转123"), or is a third
  // hyphen group ("010-12345678-123"); spaces only group digits for reading.
  std::string extension;
  for (std::string_view marker : {"转", "EXT", "X", "#"}) {
    if (const size_t at = text.find(marker); at != std::string::npos) {
      extension = text.substr(at + marker.size());
      text.resize(at);
      break;
    }
  }
  std::vector<std::string> groups(1);
  for (char c : text) {
    if (c == '-') {
      if (!groups.back().empty()) groups.emplace_back();
    } else if (c != '(' && c != ')' && c != ' ') {
      groups.back().push_back(c);
    }
  }
  if (groups.back().empty()) groups.pop_back();
  if (extension.empty() && groups.size() == 3 && groups[0].starts_with("0")) {
    extension = groups.back();
    groups.pop_back();
  }
  std::string digits;
  for (const auto& g : groups) digits += g;
  if (digits.starts_with("+86")) digits = digits.substr(3);
  else if (digits.starts_with("0086")) digits = digits.substr(4);
  if (!extension.empty() && (!all_digits(extension) || extension.size() > 6)) {
    return verdict(Verdict::invalid_format, normalize(input));
  }

  static const std::regex mobile("^1[3-9][0-9]{9}$");
  static const std::regex service("^[48]00[0-9]{7}$");
  if (extension.empty() && (std::regex_match(digits, mobile) || std::regex_match(digits, service))) {
    return verdict(Verdict::valid, digits);
  }
  // Area code 010, 02x (3 digits) or 0xxx (4 digits), then 7 or 8 digits.
  static const std::regex landline("^(0(10|2[0-9]|[3-9][0-9]{2}))([1-9][0-9]{6,7})$");
  std::smatch m;
  if (std::regex_match(digits, m, landline)) {
    std::string out = m[1].str() + "-" + m[3].str();
    if (!extension.empty()) out += "-" + extension;
    return verdict(Verdict::valid, out);
  }
  return verdict(Verdict::invalid_format, normalize(input));
}

Checked check_email(std::string_view input) {
  size_t begin = 0, end = input.size();
  while (begin < end && std::isspace(static_cast<unsigned char>(input[begin]))) ++begin;
  while (end > begin && std::isspace(static_cast<unsigned char>(input[end - 1]))) --end;
  std::string email(input.substr(begin, end - begin));
  static const std::regex pattern(R"(^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$)");
  if (email.size() > 254 || !std::regex_match(email, pattern)) return verdict(Verdict::invalid_format, email);
  const size_t at = email.find('@');
  for (size_t i = at + 1; i < email.size(); ++i) {
    email[i] = static_cast<char>(std::tolower(static_cast<unsigned char>(email[i])));
  }
  return verdict(Verdict::valid, email);
}

}  // namespace guanxi::identity
