// vCard 4.0 for exported contacts (issue 5 point 6, RFC 6350).
#include <gtest/gtest.h>

#include "customers/vcard.h"

namespace guanxi::customers {
namespace {

TEST(VCard, HoldsTheRequiredPropertiesWithCrLfLines) {
  const std::string card = vcard({"张伟", "华为技术有限公司", "采购部", "采购经理", "138****1234", "", "", "1980-05-06",
                                  "", "urn:guanxi:contact:7"});
  EXPECT_EQ(card,
            "BEGIN:VCARD\r\nVERSION:4.0\r\nFN:张伟\r\nORG:华为技术有限公司;采购部\r\nTITLE:采购经理\r\n"
            "TEL;TYPE=cell:138****1234\r\nBDAY:19800506\r\nUID:urn:guanxi:contact:7\r\nEND:VCARD\r\n");
}

TEST(VCard, AMaskedYearKeepsTheDayAndAnythingElseIsLeftOut) {
  EXPECT_EQ(vcard_date("1980-05-06"), "19800506");
  EXPECT_EQ(vcard_date("****-05-06"), "--0506");
  EXPECT_EQ(vcard_date("**********"), "");
  EXPECT_EQ(vcard_date(""), "");
}

TEST(VCard, EscapesTextValues) {
  EXPECT_EQ(vcard_escape("a,b;c\\d\ne"), "a\\,b\\;c\\\\d\\ne");
}

TEST(VCard, FoldsLongLinesWithoutSplittingACharacter) {
  std::string note;
  for (int i = 0; i < 40; ++i) note += "客户";  // 240 octets
  const std::string card = vcard({"李四", "", "", "", "", "", "", "", note, ""});
  size_t line_start = 0;
  std::string unfolded;
  while (line_start < card.size()) {
    const size_t end = card.find("\r\n", line_start);
    ASSERT_NE(end, std::string::npos);
    const std::string line = card.substr(line_start, end - line_start);
    EXPECT_LE(line.size(), 75u) << line;
    // A continuation starts with one space; the octet after it begins a character.
    if (!line.empty() && line[0] == ' ') {
      EXPECT_NE(static_cast<unsigned char>(line[1]) & 0xC0, 0x80);
      unfolded += line.substr(1);
    } else {
      unfolded += "\n" + line;
    }
    line_start = end + 2;
  }
  EXPECT_NE(unfolded.find("\nNOTE:" + note), std::string::npos);
}

}  // namespace
}  // namespace guanxi::customers
