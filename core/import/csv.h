// CSV as RFC 4180 says (quoted fields, "" inside quotes, line breaks inside quotes, CRLF or LF, a
// UTF-8 byte order mark), read one row at a time from a file so memory stays bounded by one row.
#pragma once

#include <cstdio>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.h"

namespace fep::import {

struct CsvRow {
  std::size_t line = 0;  // where the row starts, 1-based (the header is line 1)
  std::vector<std::string> cells;
};

class CsvReader {
 public:
  static Result<CsvReader> open(const std::string& path);

  // The next row, or nullopt at the end. A malformed row (a quote inside an unquoted field, a quoted
  // field that never ends) is an error naming its line; the reader cannot go on after one.
  Result<std::optional<CsvRow>> next();

 private:
  struct Closer {
    void operator()(std::FILE* file) const { std::fclose(file); }
  };
  int get();
  std::unique_ptr<std::FILE, Closer> file_;
  std::string path_;
  std::size_t line_ = 1;
  bool first_ = true;
};

// A CSV file with a header: cells by column name. Columns may come in any order; extra columns are
// ignored; a missing required column is an error naming the file and the column.
class CsvTable {
 public:
  static Result<CsvTable> open(const std::string& path, const std::vector<std::string>& required);

  Result<std::optional<CsvRow>> next() { return reader_.next(); }
  bool has(std::string_view column) const { return columns_.count(std::string(column)) > 0; }
  // The cell of `column` in `row` (empty when the column is absent or the row is short).
  std::string_view get(const CsvRow& row, std::string_view column) const;
  const std::string& path() const { return path_; }

 private:
  explicit CsvTable(CsvReader reader) : reader_(std::move(reader)) {}
  CsvReader reader_;
  std::string path_;
  std::map<std::string, std::size_t> columns_;
};

}  // namespace fep::import
