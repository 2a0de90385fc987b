#pragma once
// Contacts as vCard 4.0 (RFC 6350) for phones and mail programs (issue 5
// point 6). Values arrive already masked or left out as the caller may see
// them; this only writes the format.
#include <string>
#include <string_view>

namespace guanxi::customers {

struct VCardContact {
  std::string full_name;     // FN, the one property vCard 4.0 requires
  std::string organization;  // ORG: the customer's name
  std::string department;    // ORG's second component
  std::string title;         // TITLE
  std::string mobile;        // TEL;TYPE=cell
  std::string phone;         // TEL;TYPE=work
  std::string email;         // EMAIL
  std::string birthday;      // BDAY, YYYY-MM-DD (written YYYYMMDD)
  std::string note;          // NOTE
  std::string uid;           // UID, stable per contact
};

// One BEGIN:VCARD … END:VCARD block: CRLF line ends, lines folded at 75
// octets without splitting a UTF-8 character, text values escaped.
std::string vcard(const VCardContact& contact);

// YYYY-MM-DD as a vCard date (19800506), a masked year as --0506 (RFC 6350
// 4.3.1 reduced accuracy); "" when no day can be read from it.
std::string vcard_date(std::string_view date);

// A text value with backslash, comma, semicolon and line breaks escaped (RFC 6350 3.4).
std::string vcard_escape(std::string_view text);

}  // namespace guanxi::customers
