// Writes JSON text directly, for large outputs (the view model) where building a DOM first would double
// the work. Strings are escaped per RFC 8259; numbers use the shortest round-trip form.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/json.h"

namespace fep::json {

class Writer {
 public:
  explicit Writer(std::size_t expected_size = 0) { out_.reserve(expected_size); }

  Writer& begin_object() { return open('{'); }
  Writer& end_object() { return close('}'); }
  Writer& begin_array() { return open('['); }
  Writer& end_array() { return close(']'); }
  Writer& key(std::string_view name);

  Writer& value(std::string_view text);
  Writer& value(const char* text) { return value(std::string_view(text)); }
  Writer& value(const std::string& text) { return value(std::string_view(text)); }
  Writer& value(bool flag);
  Writer& value(int number) { return value(static_cast<std::int64_t>(number)); }
  Writer& value(std::int64_t number);
  Writer& value(std::size_t number) { return value(static_cast<std::int64_t>(number)); }
  Writer& value(double number);
  Writer& value(std::nullptr_t);
  Writer& value(const Json& document);  // an existing DOM, e.g. template parameters
  // A value already written as JSON text (a part serialised once and used many times). The caller
  // vouches that `json` is one well-formed JSON value.
  Writer& raw(std::string_view json);
  template <class T>
  Writer& value(const std::optional<T>& maybe) {
    return maybe ? value(*maybe) : value(nullptr);
  }

  // A member: key(name).value(v).
  template <class T>
  Writer& member(std::string_view name, const T& v) {
    key(name);
    return value(v);
  }

  std::string take() { return std::move(out_); }

 private:
  Writer& open(char bracket);
  Writer& close(char bracket);
  void separate();

  std::string out_;
  std::vector<bool> has_items_;  // per open container
  bool after_key_ = false;
};

}  // namespace fep::json
