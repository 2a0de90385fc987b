#pragma once
// Rows of text into an export file, one row at a time, so an export of a
// million customers never holds more than a row in memory (issue 5 point 6).
#include <memory>
#include <string>
#include <vector>

namespace guanxi::customers {

class TableWriter {
 public:
  virtual ~TableWriter() = default;
  virtual void row(const std::vector<std::string>& cells) = 0;
  // Completes the file. Throws std::runtime_error when it cannot be written.
  virtual void finish() = 0;
};

// RFC 4180 CSV in UTF-8 with a byte-order mark (Excel and WPS open it as
// UTF-8 only with one), CRLF line ends.
std::unique_ptr<TableWriter> make_csv_writer(const std::string& path);
// One worksheet named `sheet`, written by libxlsxwriter in its constant-memory mode.
std::unique_ptr<TableWriter> make_xlsx_writer(const std::string& path, const std::string& sheet);

// A cell a spreadsheet would run as a formula (=, +, -, @ followed by
// something other than a digit) gets a leading apostrophe (CSV injection).
std::string spreadsheet_safe(std::string text);
// One CSV field, quoted when it holds a comma, quote, CR or LF.
std::string csv_field(const std::string& text);

}  // namespace guanxi::customers
