#include "customers/vcard.h"

#include <algorithm>

namespace guanxi::customers {
namespace {

// RFC 6350 3.2: a line longer than 75 octets continues on the next line after
// CRLF and one space; a fold never falls inside a UTF-8 sequence.
void append_folded(std::string& out, const std::string& line) {
  size_t start = 0;
  size_t limit = 75;
  while (line.size() - start > limit) {
    size_t cut = start + limit;
    while (cut > start && (static_cast<unsigned char>(line[cut]) & 0xC0) == 0x80) --cut;
    out.append(line, start, cut - start);
    out += "\r\n ";
    start = cut;
    limit = 74;  // the leading space counts
  }
  out.append(line, start, std::string::npos);
  out += "\r\n";
}

void property(std::string& out, std::string_view name, const std::string& value, bool escape = true) {
  if (value.empty()) return;
  append_folded(out, std::string(name) + ":" + (escape ? vcard_escape(value) : value));
}

bool digits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](char ch) { return ch >= '0' && ch <= '9'; });
}

}  // namespace

std::string vcard_date(std::string_view date) {
  if (date.size() != 10 || date[4] != '-' || date[7] != '-') return "";
  const std::string_view month = date.substr(5, 2), day = date.substr(8, 2);
  if (!digits(month) || !digits(day)) return "";
  // A masked year ("****-05-06") still gives the day a phone reminds of.
  return std::string(digits(date.substr(0, 4)) ? date.substr(0, 4) : "--") + std::string(month) + std::string(day);
}

std::string vcard_escape(std::string_view text) {
  std::string out;
  for (char ch : text) {
    switch (ch) {
      case '\\': out += "\\\\"; break;
      case ',': out += "\\,"; break;
      case ';': out += "\\;"; break;
      case '\n': out += "\\n"; break;
      case '\r': break;
      default: out += ch;
    }
  }
  return out;
}

std::string vcard(const VCardContact& c) {
  std::string out = "BEGIN:VCARD\r\nVERSION:4.0\r\n";
  property(out, "FN", c.full_name.empty() ? "-" : c.full_name);
  if (!c.organization.empty() || !c.department.empty()) {
    append_folded(out, "ORG:" + vcard_escape(c.organization) +
                           (c.department.empty() ? "" : ";" + vcard_escape(c.department)));
  }
  property(out, "TITLE", c.title);
  property(out, "TEL;TYPE=cell", c.mobile);
  property(out, "TEL;TYPE=work", c.phone);
  property(out, "EMAIL", c.email);
  property(out, "BDAY", vcard_date(c.birthday), false);
  property(out, "NOTE", c.note);
  property(out, "UID", c.uid, false);
  out += "END:VCARD\r\n";
  return out;
}

}  // namespace guanxi::customers
