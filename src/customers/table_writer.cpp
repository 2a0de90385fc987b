#include "customers/table_writer.h"

#include <xlsxwriter.h>

#include <cctype>
#include <filesystem>
#include <fstream>
#include <stdexcept>

namespace guanxi::customers {

std::string spreadsheet_safe(std::string text) {
  if (text.empty()) return text;
  const char first = text.front();
  const bool formula_start = first == '=' || first == '@' || first == '\t' || first == '\r' ||
                             ((first == '+' || first == '-') &&
                              (text.size() == 1 || !std::isdigit(static_cast<unsigned char>(text[1]))));
  if (formula_start) text.insert(text.begin(), '\'');
  return text;
}

std::string csv_field(const std::string& text) {
  if (text.find_first_of(",\"\r\n") == std::string::npos) return text;
  std::string out = "\"";
  for (char ch : text) {
    if (ch == '"') out += '"';
    out += ch;
  }
  return out + '"';
}

namespace {

class CsvWriter final : public TableWriter {
 public:
  explicit CsvWriter(const std::string& path) : out_(path, std::ios::binary | std::ios::trunc) {
    if (!out_) throw std::runtime_error("cannot create " + path);
    out_ << "\xEF\xBB\xBF";
  }
  void row(const std::vector<std::string>& cells) override {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (i) out_ << ',';
      out_ << csv_field(spreadsheet_safe(cells[i]));
    }
    out_ << "\r\n";
  }
  void finish() override {
    out_.flush();
    if (!out_) throw std::runtime_error("the export file could not be written");
    out_.close();
  }

 private:
  std::ofstream out_;
};

class XlsxWriter final : public TableWriter {
 public:
  XlsxWriter(const std::string& path, const std::string& sheet)
      : tmpdir_(std::filesystem::path(path).parent_path().string()) {
    lxw_workbook_options options{};
    options.constant_memory = LXW_TRUE;  // rows go to disk as they are written
    options.tmpdir = tmpdir_.data();     // beside the export, not in /tmp
    workbook_ = workbook_new_opt(path.c_str(), &options);
    if (!workbook_) throw std::runtime_error("cannot create " + path);
    sheet_ = workbook_add_worksheet(workbook_, sheet.c_str());
  }
  ~XlsxWriter() override {
    if (workbook_) workbook_close(workbook_);  // an unfinished export is discarded by the caller
  }
  void row(const std::vector<std::string>& cells) override {
    for (size_t i = 0; i < cells.size(); ++i) {
      if (cells[i].empty()) continue;
      // Strings only: an .xlsx cell never runs as a formula, and codes and
      // phone numbers keep their leading zeros.
      worksheet_write_string(sheet_, row_, static_cast<lxw_col_t>(i), cells[i].c_str(), nullptr);
    }
    ++row_;
  }
  void finish() override {
    const lxw_error error = workbook_close(workbook_);
    workbook_ = nullptr;
    if (error != LXW_NO_ERROR) throw std::runtime_error(std::string("xlsx: ") + lxw_strerror(error));
  }

 private:
  std::string tmpdir_;
  lxw_workbook* workbook_ = nullptr;
  lxw_worksheet* sheet_ = nullptr;
  lxw_row_t row_ = 0;
};

}  // namespace

std::unique_ptr<TableWriter> make_csv_writer(const std::string& path) { return std::make_unique<CsvWriter>(path); }

std::unique_ptr<TableWriter> make_xlsx_writer(const std::string& path, const std::string& sheet) {
  return std::make_unique<XlsxWriter>(path, sheet);
}

}  // namespace guanxi::customers
