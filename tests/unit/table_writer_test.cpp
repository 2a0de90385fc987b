// Export files (issue 5 point 6): CSV as Excel and WPS read it, spreadsheet
// cells that cannot run as formulas, and an .xlsx that is a real workbook.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "customers/table_writer.h"

namespace guanxi::customers {
namespace {

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

TEST(TableWriter, CsvQuotesOnlyWhatNeedsQuoting) {
  EXPECT_EQ(csv_field("华为技术有限公司"), "华为技术有限公司");
  EXPECT_EQ(csv_field("a,b"), "\"a,b\"");
  EXPECT_EQ(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
  EXPECT_EQ(csv_field("two\nlines"), "\"two\nlines\"");
}

TEST(TableWriter, FormulaLookingCellsGetAnApostropheButPhoneNumbersDoNot) {
  EXPECT_EQ(spreadsheet_safe("=HYPERLINK(\"http://x\")"), "'=HYPERLINK(\"http://x\")");
  EXPECT_EQ(spreadsheet_safe("@SUM(A1)"), "'@SUM(A1)");
  EXPECT_EQ(spreadsheet_safe("+cmd"), "'+cmd");
  EXPECT_EQ(spreadsheet_safe("-x"), "'-x");
  EXPECT_EQ(spreadsheet_safe("+8613800000000"), "+8613800000000");
  EXPECT_EQ(spreadsheet_safe("-5"), "-5");
  EXPECT_EQ(spreadsheet_safe(""), "");
  EXPECT_EQ(spreadsheet_safe("客户"), "客户");
}

TEST(TableWriter, CsvStartsWithABomAndEndsLinesWithCrLf) {
  const auto path = (std::filesystem::temp_directory_path() / "guanxi-table-writer.csv").string();
  auto writer = make_csv_writer(path);
  writer->row({"客户编号", "客户名称"});
  writer->row({"KH2026000001", "=1+1"});
  writer->finish();
  EXPECT_EQ(read_file(path), "\xEF\xBB\xBF客户编号,客户名称\r\nKH2026000001,'=1+1\r\n");
  std::filesystem::remove(path);
}

TEST(TableWriter, XlsxIsAZipWorkbookWithTheSheetNamed) {
  const auto dir = std::filesystem::temp_directory_path() / "guanxi-table-writer";
  std::filesystem::create_directories(dir);
  const auto path = (dir / "export.xlsx").string();
  auto writer = make_xlsx_writer(path, "客户");
  writer->row({"客户编号", "客户名称"});
  writer->row({"KH2026000001", ""});
  writer->finish();
  const std::string bytes = read_file(path);
  ASSERT_GT(bytes.size(), 100u);
  EXPECT_EQ(bytes.substr(0, 2), "PK");
  // The sheet name is stored in xl/workbook.xml, compressed; the zip's file
  // list is not, so at least the parts are there.
  EXPECT_NE(bytes.find("xl/worksheets/sheet1.xml"), std::string::npos);
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace guanxi::customers
