#include "core/import/csv.h"

#include "core/text/utf8.h"

namespace fep::import {

Result<CsvReader> CsvReader::open(const std::string& path) {
  CsvReader reader;
  reader.file_.reset(std::fopen(path.c_str(), "rb"));
  if (!reader.file_) return Error{ErrorCode::unavailable, path + ": cannot be read"};
  reader.path_ = path;
  return reader;
}

int CsvReader::get() { return std::getc(file_.get()); }

Result<std::optional<CsvRow>> CsvReader::next() {
  int c = get();
  if (first_) {
    first_ = false;
    // A UTF-8 byte order mark (spreadsheet exports write one) is not part of the first column's name.
    if (c == 0xEF) {
      if (get() != 0xBB || get() != 0xBF) return Error{ErrorCode::malformed, path_ + ":1: a broken byte order mark"};
      c = get();
    }
  }
  if (c == EOF) return std::optional<CsvRow>();
  CsvRow row;
  row.line = line_;
  std::string cell;
  bool quoted = false;      // inside a quoted field
  bool was_quoted = false;  // this field was quoted (only a separator or line end may follow)
  for (;; c = get()) {
    if (quoted) {
      if (c == EOF)
        return Error{ErrorCode::malformed, path_ + ":" + std::to_string(row.line) + ": a quoted field never ends"};
      if (c == '"') {
        const int after = get();
        if (after == '"') {
          cell += '"';
          continue;
        }
        quoted = false;
        c = after;  // fall through to the unquoted handling of the character after the quote
      } else {
        if (c == '\n') ++line_;
        cell += static_cast<char>(c);
        continue;
      }
    }
    if (c == ',') {
      row.cells.push_back(std::move(cell));
      cell.clear();
      was_quoted = false;
      continue;
    }
    if (c == '\r') {
      const int after = get();
      if (after != '\n' && after != EOF) std::ungetc(after, file_.get());
      c = '\n';
    }
    if (c == '\n' || c == EOF) {
      if (c == '\n') ++line_;
      row.cells.push_back(std::move(cell));
      // Every later step writes cells into JSON, which holds UTF-8 only.
      for (const auto& text : row.cells) {
        if (!text::is_utf8(text))
          return Error{ErrorCode::malformed,
                       path_ + ":" + std::to_string(row.line) + ": not UTF-8 (save the file as UTF-8)"};
      }
      return std::optional<CsvRow>(std::move(row));
    }
    if (c == '"' && cell.empty() && !was_quoted) {
      quoted = was_quoted = true;
      continue;
    }
    if (c == '"' || was_quoted) {
      return Error{ErrorCode::malformed,
                   path_ + ":" + std::to_string(line_) + ": a quote inside a field must be in a quoted field, doubled"};
    }
    cell += static_cast<char>(c);
  }
}

Result<CsvTable> CsvTable::open(const std::string& path, const std::vector<std::string>& required) {
  auto reader = CsvReader::open(path);
  if (!reader) return reader.error();
  CsvTable table(std::move(reader).value());
  table.path_ = path;
  auto header = table.reader_.next();
  if (!header) return header.error();
  if (!header->has_value()) return Error{ErrorCode::malformed, path + ": empty, expected a header line"};
  const auto& names = (*header)->cells;
  for (std::size_t i = 0; i < names.size(); ++i) table.columns_.emplace(names[i], i);
  for (const auto& column : required) {
    if (!table.has(column))
      return Error{ErrorCode::malformed, path + ":1: the header has no column \"" + column + "\""};
  }
  return table;
}

std::string_view CsvTable::get(const CsvRow& row, std::string_view column) const {
  const auto found = columns_.find(std::string(column));
  if (found == columns_.end() || found->second >= row.cells.size()) return {};
  return row.cells[found->second];
}

}  // namespace fep::import
