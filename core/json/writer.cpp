#include "core/json/writer.h"

#include <cmath>

namespace fep::json {

void Writer::separate() {
  if (after_key_) {
    after_key_ = false;
    return;
  }
  if (!has_items_.empty()) {
    if (has_items_.back()) out_ += ',';
    has_items_.back() = true;
  }
}

Writer& Writer::open(char bracket) {
  separate();
  out_ += bracket;
  has_items_.push_back(false);
  return *this;
}

Writer& Writer::close(char bracket) {
  has_items_.pop_back();
  out_ += bracket;
  return *this;
}

Writer& Writer::key(std::string_view name) {
  value(name);
  out_ += ':';
  after_key_ = true;
  return *this;
}

Writer& Writer::value(std::string_view text) {
  separate();
  static constexpr char kHex[] = "0123456789abcdef";
  out_ += '"';
  // Runs of characters that need no escape are appended at once.
  std::size_t run = 0;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte != '"' && byte != '\\') continue;  // UTF-8 passes through: the parser validated it
    out_.append(text.data() + run, i - run);
    run = i + 1;
    if (byte == '"' || byte == '\\') {
      out_ += '\\';
      out_ += static_cast<char>(byte);
    } else {
      out_ += "\\u00";
      out_ += kHex[byte >> 4];
      out_ += kHex[byte & 15];
    }
  }
  out_.append(text.data() + run, text.size() - run);
  out_ += '"';
  return *this;
}

Writer& Writer::value(bool flag) {
  separate();
  out_ += flag ? "true" : "false";
  return *this;
}

Writer& Writer::value(std::int64_t number) {
  separate();
  // Digits from the end of a buffer; the magnitude as unsigned so INT64_MIN does not overflow.
  char buffer[20];
  char* start = buffer + sizeof buffer;
  std::uint64_t magnitude = number < 0 ? 0 - static_cast<std::uint64_t>(number) : static_cast<std::uint64_t>(number);
  do {
    *--start = static_cast<char>('0' + magnitude % 10);
    magnitude /= 10;
  } while (magnitude);
  if (number < 0) out_ += '-';
  out_.append(start, static_cast<std::size_t>(buffer + sizeof buffer - start));
  return *this;
}

Writer& Writer::value(double number) {
  separate();
  if (!std::isfinite(number)) {
    out_ += "null";
    return *this;
  }
  // nlohmann's shortest round-trip formatting (Grisu2), as dump() writes numbers.
  char buffer[64];
  char* end = nlohmann::detail::to_chars(buffer, buffer + sizeof buffer, number);
  out_.append(buffer, end);
  return *this;
}

Writer& Writer::value(std::nullptr_t) {
  separate();
  out_ += "null";
  return *this;
}

Writer& Writer::value(const Json& document) {
  separate();
  out_ += document.dump();
  return *this;
}

Writer& Writer::raw(std::string_view json) {
  separate();
  out_ += json;
  return *this;
}

}  // namespace fep::json
