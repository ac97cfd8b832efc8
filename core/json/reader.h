// Reading typed members out of a strictly parsed json::Document, remembering the first problem with
// its JSON pointer (RFC 6901): "/enrollments/0/entryDate: must be a YYYY-MM-DD date". Every parser of
// signed data (records, rosters, contact records) reads through this.
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

#include "core/error.h"
#include "core/json/document.h"

namespace fep::json {

// Where a value sits, turned into text only when a problem is reported: reading a year visits
// thousands of values and reports at most one.
class Pointer {
 public:
  Pointer() = default;  // the whole document, ""
  Pointer operator/(std::string_view member) const { return Pointer(this, member, 0); }
  Pointer operator/(std::size_t index) const { return Pointer(this, {}, index + 1); }
  std::string text() const;

 private:
  Pointer(const Pointer* parent, std::string_view member, std::size_t index_plus_one)
      : parent_(parent), member_(member), index_plus_one_(index_plus_one) {}
  const Pointer* parent_ = nullptr;  // outlives this one: a Pointer is made for one call or one loop step
  std::string_view member_;
  std::size_t index_plus_one_ = 0;
};

enum class Need { required, optional };

// The one name table of an enum whose values are 0..N-1: names[i] is the wire name of value i.
template <class Enum, std::size_t N>
struct NameTable {
  std::array<std::string_view, N> names;

  std::optional<Enum> find(std::string_view name) const {
    for (std::size_t i = 0; i < N; ++i) {
      if (names[i] == name) return static_cast<Enum>(i);
    }
    return std::nullopt;
  }
  std::string_view operator[](Enum value) const { return names[static_cast<std::size_t>(value)]; }
};

class Reader {
 public:
  // Problems are reported with `code` (bad_record for records, rosters and contact records).
  explicit Reader(ErrorCode code = ErrorCode::bad_record) : code_(code) {}

  bool ok() const { return error_.code == ErrorCode::ok; }
  const Error& error() const { return error_; }
  // Records the first problem; returns false so a reader can `return fail(...)`.
  bool fail(const Pointer& pointer, const std::string& message);

  // The member `name`, absent when it is missing or null (a problem only when required).
  Value member(Value object, const Pointer& at, const char* name, Need need);
  // A string; a required one must not be empty.
  bool text(Value object, const Pointer& at, const char* name, std::string& out, Need need = Need::required);
  bool number(Value object, const Pointer& at, const char* name, std::optional<double>& out);
  bool integer(Value object, const Pointer& at, const char* name, int& out, int min, int max, Need need);
  bool boolean(Value object, const Pointer& at, const char* name, bool& out);

  // A name from `table`, as its enum value.
  template <class Enum, std::size_t N>
  bool one_of(Value object, const Pointer& at, const char* name, Enum& out, const NameTable<Enum, N>& table) {
    std::string value;
    if (!text(object, at, name, value)) return false;
    return parse_name(value, at / name, out, table);
  }
  template <class Enum, std::size_t N>
  bool one_of(Value object, const Pointer& at, const char* name, std::optional<Enum>& out,
              const NameTable<Enum, N>& table) {
    std::string value;
    if (!text(object, at, name, value, Need::optional)) return false;
    if (value.empty()) return true;
    Enum parsed{};
    if (!parse_name(value, at / name, parsed, table)) return false;
    out = parsed;
    return true;
  }

  // Calls `read(item, pointer)` for each element of the array member `name` (absent: none); each
  // element must be an object.
  template <class Read>
  bool each(Value object, const Pointer& at, const char* name, Read read) {
    const Value array = member(object, at, name, Need::optional);
    if (!array.exists()) return ok();
    if (!array.is_array()) return fail(at / name, "must be an array");
    const Pointer array_at = at / name;
    std::size_t i = 0;
    for (const Value item : array.elements()) {
      if (!ok()) break;
      const Pointer item_at = array_at / i++;
      if (!item.is_object()) return fail(item_at, "must be an object");
      read(item, item_at);
    }
    return ok();
  }

 private:
  template <class Enum, std::size_t N>
  bool parse_name(const std::string& value, const Pointer& at, Enum& out, const NameTable<Enum, N>& table) {
    const auto parsed = table.find(value);
    if (!parsed) return fail(at, "\"" + value + "\" is not an allowed value");
    out = *parsed;
    return true;
  }

  ErrorCode code_;
  Error error_;
};

}  // namespace fep::json
