// json::Document: one pass over the text into a flat node array. Longer than most files here (~470
// lines) because a JSON grammar reads best whole: values, strings with their escapes, numbers with
// their exact fast path, and the accessors over the nodes they produce.
#include "core/json/document.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdlib>
#include <cstring>
#include <limits>

#include "core/json/json.h"

namespace fep::json {

namespace {

// Bytes a string may hold as they are: ASCII but for control characters, the quote and the backslash.
constexpr auto kPlainAscii = [] {
  std::array<bool, 256> table{};
  for (int c = 0x20; c < 0x80; ++c) table[c] = c != '"' && c != '\\';
  return table;
}();

}  // namespace

// One pass over the text, recursive descent bounded by the depth limit. Strings are unescaped in
// place: an escape is never shorter than the UTF-8 it stands for, so writing never overtakes reading.
class Parser {
 public:
  Parser(Document& document, std::size_t max_depth) : doc_(document), max_depth_(max_depth) {}

  Status run() {
    const std::size_t size = doc_.text_->size();
    if (size >= std::numeric_limits<std::uint32_t>::max()) return Error{ErrorCode::too_large, "JSON text too large"};
    // As parse_strict: raw NUL is never valid JSON, and refusing it first keeps both readers' codes equal.
    if (doc_.text_->find('\0') != std::string::npos) return fail("not valid JSON");
    text_ = doc_.text_->data();
    at_ = text_;
    end_ = text_ + size;
    doc_.nodes_.reserve(size / 8 + 1);  // about one value per 8 bytes in record-like data
    skip_space();
    if (!value(0)) return error_;
    skip_space();
    if (at_ != end_) return fail("not valid JSON");
    return {};
  }

 private:
  using Node = detail::Node;
  using Kind = Value::Kind;

  // Every grammar, encoding or range problem has the one message parse_strict gives.
  bool invalid() {
    fail("not valid JSON");
    return false;
  }
  Error fail(std::string detail, ErrorCode code = ErrorCode::malformed) {
    if (error_.code == ErrorCode::ok) error_ = Error{code, std::move(detail)};
    return error_;
  }

  void skip_space() {
    while (at_ != end_ && (*at_ == ' ' || *at_ == '\n' || *at_ == '\r' || *at_ == '\t')) ++at_;
  }

  std::uint32_t push(Kind kind) {
    Node node;
    node.kind = kind;
    node.count = 0;
    node.integer = 0;
    node.skip = 1;
    doc_.nodes_.push_back(node);
    return static_cast<std::uint32_t>(doc_.nodes_.size() - 1);
  }

  bool literal(const char* word, Kind kind, bool truth) {
    const std::size_t length = std::strlen(word);
    if (static_cast<std::size_t>(end_ - at_) < length || std::memcmp(at_, word, length) != 0) return invalid();
    at_ += length;
    doc_.nodes_[push(kind)].boolean = truth;
    return true;
  }

  bool value(std::size_t depth) {
    if (at_ == end_) return invalid();
    switch (*at_) {
      case '{':
        return object(depth + 1);
      case '[':
        return array(depth + 1);
      case '"':
        return string();
      case 't':
        return literal("true", Kind::boolean, true);
      case 'f':
        return literal("false", Kind::boolean, false);
      case 'n':
        return literal("null", Kind::null, false);
      default:
        return number();
    }
  }

  bool open(std::size_t depth) {
    if (depth > max_depth_) {
      fail("JSON nesting depth", ErrorCode::too_large);
      return false;
    }
    ++at_;
    skip_space();
    return true;
  }

  bool array(std::size_t depth) {
    return container(depth, Kind::array, ']', [&] { return value(depth); });
  }

  bool object(std::size_t depth) {
    return container(depth, Kind::object, '}', [&] {
      if (at_ == end_ || *at_ != '"' || !string()) return invalid();
      skip_space();
      if (at_ == end_ || *at_ != ':') return invalid();
      ++at_;
      skip_space();
      return value(depth);
    });
  }

  // An array's elements or an object's members: items separated by commas up to `close`.
  template <class ReadItem>
  bool container(std::size_t depth, Kind kind, char close, ReadItem read_item) {
    if (!open(depth)) return false;
    const auto index = push(kind);
    std::uint32_t count = 0;
    if (at_ != end_ && *at_ == close) {
      ++at_;
    } else {
      for (;;) {
        if (!read_item()) return false;
        ++count;
        skip_space();
        if (at_ == end_) return invalid();
        if (*at_ == close) {
          ++at_;
          break;
        }
        if (*at_ != ',') return invalid();
        ++at_;
        skip_space();
      }
    }
    doc_.nodes_[index].count = count;
    doc_.nodes_[index].skip = static_cast<std::uint32_t>(doc_.nodes_.size()) - index;
    return kind != Kind::object || unique_names(index);
  }

  // A duplicate member name is refused (json.h says why). Small objects compare pairs; large ones sort.
  bool unique_names(std::uint32_t object) {
    names_.clear();
    for (const auto member : Value(&doc_.nodes_[object], text_).members()) names_.push_back(member.name);
    if (names_.size() <= 16) {
      for (std::size_t i = 1; i < names_.size(); ++i) {
        for (std::size_t j = 0; j < i; ++j) {
          if (names_[i] == names_[j]) return duplicate(names_[i]);
        }
      }
      return true;
    }
    std::sort(names_.begin(), names_.end());
    const auto twice = std::adjacent_find(names_.begin(), names_.end());
    return twice == names_.end() || duplicate(*twice);
  }

  bool duplicate(std::string_view name) {
    fail("duplicate member \"" + std::string(name) + "\"");
    return false;
  }

  static int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  }

  // Four hex digits after "\u"; -1 if they are not.
  long hex4() {
    if (end_ - at_ < 4) return -1;
    long value = 0;
    for (int i = 0; i < 4; ++i) {
      const int digit = hex_digit(at_[i]);
      if (digit < 0) return -1;
      value = value * 16 + digit;
    }
    at_ += 4;
    return value;
  }

  static char* put_utf8(char* out, unsigned long code_point) {
    if (code_point < 0x80) {
      *out++ = static_cast<char>(code_point);
    } else if (code_point < 0x800) {
      *out++ = static_cast<char>(0xC0 | (code_point >> 6));
      *out++ = static_cast<char>(0x80 | (code_point & 0x3F));
    } else if (code_point < 0x10000) {
      *out++ = static_cast<char>(0xE0 | (code_point >> 12));
      *out++ = static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
      *out++ = static_cast<char>(0x80 | (code_point & 0x3F));
    } else {
      *out++ = static_cast<char>(0xF0 | (code_point >> 18));
      *out++ = static_cast<char>(0x80 | ((code_point >> 12) & 0x3F));
      *out++ = static_cast<char>(0x80 | ((code_point >> 6) & 0x3F));
      *out++ = static_cast<char>(0x80 | (code_point & 0x3F));
    }
    return out;
  }

  // The length of the well-formed UTF-8 sequence (RFC 3629 §4) starting at `at_`, or 0.
  std::size_t utf8_sequence() const {
    const auto byte = [&](std::ptrdiff_t i) { return static_cast<unsigned char>(at_[i]); };
    const auto in = [&](std::ptrdiff_t i, unsigned low, unsigned high) {
      return end_ - at_ > i && byte(i) >= low && byte(i) <= high;
    };
    const unsigned lead = byte(0);
    if (lead >= 0xC2 && lead <= 0xDF) return in(1, 0x80, 0xBF) ? 2 : 0;
    if (lead == 0xE0) return in(1, 0xA0, 0xBF) && in(2, 0x80, 0xBF) ? 3 : 0;
    if ((lead >= 0xE1 && lead <= 0xEC) || lead == 0xEE || lead == 0xEF)
      return in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) ? 3 : 0;
    if (lead == 0xED) return in(1, 0x80, 0x9F) && in(2, 0x80, 0xBF) ? 3 : 0;
    if (lead == 0xF0) return in(1, 0x90, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
    if (lead >= 0xF1 && lead <= 0xF3) return in(1, 0x80, 0xBF) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
    if (lead == 0xF4) return in(1, 0x80, 0x8F) && in(2, 0x80, 0xBF) && in(3, 0x80, 0xBF) ? 4 : 0;
    return 0;
  }

  bool string() {
    ++at_;  // the opening quote
    char* const start = at_;
    char* out = at_;
    for (;;) {
      // The common case: a run of plain ASCII, which stays where it is until an escape shifts it.
      const char* run = at_;
      while (at_ != end_ && kPlainAscii[static_cast<unsigned char>(*at_)]) ++at_;
      if (out != run) std::memmove(out, run, static_cast<std::size_t>(at_ - run));
      out += at_ - run;
      if (at_ == end_) return invalid();
      const auto c = static_cast<unsigned char>(*at_);
      if (c == '"') {
        ++at_;
        break;
      }
      if (c < 0x20) return invalid();
      if (c >= 0x80) {
        const std::size_t length = utf8_sequence();
        if (length == 0) return invalid();
        std::memmove(out, at_, length);
        out += length;
        at_ += length;
        continue;
      }
      ++at_;  // the backslash
      if (at_ == end_) return invalid();
      const char escape = *at_++;
      switch (escape) {
        case '"':
          *out++ = '"';
          break;
        case '\\':
          *out++ = '\\';
          break;
        case '/':
          *out++ = '/';
          break;
        case 'b':
          *out++ = '\b';
          break;
        case 'f':
          *out++ = '\f';
          break;
        case 'n':
          *out++ = '\n';
          break;
        case 'r':
          *out++ = '\r';
          break;
        case 't':
          *out++ = '\t';
          break;
        case 'u': {
          long code_point = hex4();
          if (code_point < 0) return invalid();
          if (code_point >= 0xDC00 && code_point <= 0xDFFF) return invalid();  // a lone low surrogate
          if (code_point >= 0xD800 && code_point <= 0xDBFF) {
            if (end_ - at_ < 2 || at_[0] != '\\' || at_[1] != 'u') return invalid();
            at_ += 2;
            const long low = hex4();
            if (low < 0xDC00 || low > 0xDFFF) return invalid();
            code_point = 0x10000 + ((code_point - 0xD800) << 10) + (low - 0xDC00);
          }
          out = put_utf8(out, static_cast<unsigned long>(code_point));
          break;
        }
        default:
          return invalid();
      }
    }
    const auto index = push(Kind::string);
    doc_.nodes_[index].offset = static_cast<std::uint32_t>(start - text_);
    doc_.nodes_[index].count = static_cast<std::uint32_t>(out - start);
    return true;
  }

  // -? (0 | [1-9][0-9]*) (.[0-9]+)? ([eE][+-]?[0-9]+)?  An integer that fits int64 stays exact.
  bool number() {
    const char* const start = at_;
    const bool negative = at_ != end_ && *at_ == '-';
    if (negative) ++at_;
    const auto digit = [&] { return at_ != end_ && *at_ >= '0' && *at_ <= '9'; };
    if (!digit()) return invalid();
    std::uint64_t magnitude = 0;
    bool overflow = false;
    if (*at_ == '0') {
      ++at_;
    } else {
      while (digit()) {
        const unsigned d = static_cast<unsigned>(*at_ - '0');
        if (magnitude > (std::numeric_limits<std::uint64_t>::max() - d) / 10) overflow = true;
        magnitude = magnitude * 10 + d;
        ++at_;
      }
    }
    bool integral = true;
    // Fraction digits, gathered into the mantissa while it stays exact (below 2^53).
    std::uint64_t mantissa = magnitude;
    int fraction_digits = 0;
    bool exact = !overflow && magnitude < (std::uint64_t{1} << 53);
    if (at_ != end_ && *at_ == '.') {
      integral = false;
      ++at_;
      if (!digit()) return invalid();
      while (digit()) {
        mantissa = mantissa * 10 + static_cast<unsigned>(*at_ - '0');
        exact = exact && mantissa < (std::uint64_t{1} << 53) && ++fraction_digits <= 22;
        ++at_;
      }
    }
    const bool has_exponent = at_ != end_ && (*at_ == 'e' || *at_ == 'E');
    if (has_exponent) {
      integral = false;
      ++at_;
      if (at_ != end_ && (*at_ == '+' || *at_ == '-')) ++at_;
      if (!digit()) return invalid();
      while (digit()) ++at_;
    }
    if (integral) {
      // I-JSON (RFC 7493): an integer a JavaScript reader could not hold exactly is refused, so the
      // widget never keeps a different number than the core verified.
      if (overflow || magnitude > kMaxSafeInteger) {
        fail(kUnsafeInteger);
        return false;
      }
      doc_.nodes_[push(Kind::integer)].integer =
          negative ? -static_cast<std::int64_t>(magnitude) : static_cast<std::int64_t>(magnitude);
      return true;
    }
    // A plain decimal like 17.5: both the mantissa and 10^digits are exact doubles, so one IEEE division
    // is correctly rounded, the same double strtod gives (Clinger's fast path), at a fraction of its cost.
    if (!integral && !has_exponent && exact) {
      static constexpr double kPowersOfTen[] = {1e0,  1e1,  1e2,  1e3,  1e4,  1e5,  1e6,  1e7,  1e8,  1e9,  1e10, 1e11,
                                                1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22};
      const double value = static_cast<double>(mantissa) / kPowersOfTen[fraction_digits];
      doc_.nodes_[push(Kind::number)].number = negative ? -value : value;
      return true;
    }
    // strtod needs a terminated copy; the grammar above has already been checked.
    number_text_.assign(start, static_cast<std::size_t>(at_ - start));
    const double number = std::strtod(number_text_.c_str(), nullptr);
    if (!std::isfinite(number)) return invalid();  // out of range, like parse_strict
    doc_.nodes_[push(Kind::number)].number = number;
    return true;
  }

  Document& doc_;
  std::size_t max_depth_;
  char* text_ = nullptr;
  char* at_ = nullptr;
  char* end_ = nullptr;
  Error error_;
  std::vector<std::string_view> names_;
  std::string number_text_;
};

Result<Document> Document::parse(std::string text, std::size_t max_depth) {
  Document document;
  document.text_ = std::make_unique<std::string>(std::move(text));
  if (auto status = Parser(document, max_depth).run(); !status) return status.error();
  return document;
}

bool Value::boolean() const { return is_boolean() && node_->boolean; }
std::int64_t Value::integer() const { return is_integer() ? node_->integer : 0; }
double Value::number() const {
  if (is_integer()) return static_cast<double>(node_->integer);
  return kind() == Kind::number ? node_->number : 0;
}
std::string_view Value::string() const {
  return is_string() ? std::string_view(text_ + node_->offset, node_->count) : std::string_view();
}

std::size_t Value::size() const { return is_array() || is_object() ? node_->count : 0; }

namespace {

// Member names are short: an inlined loop beats a call to memcmp, which WebAssembly cannot inline.
bool same_text(std::string_view a, std::string_view b) {
  if (a.size() != b.size()) return false;
  for (std::size_t i = 0; i < a.size(); ++i) {
    if (a[i] != b[i]) return false;
  }
  return true;
}

}  // namespace

Value Value::find(std::string_view name) const {
  if (!is_object()) return {};
  for (const auto member : members()) {
    if (same_text(member.name, name)) return member.value;
  }
  return {};
}

Range<ElementIterator> Value::elements() const {
  if (!is_array()) return {Value(), Value()};
  return {first_child(), next_sibling()};
}

Range<MemberIterator> Value::members() const {
  if (!is_object()) return {Value(), Value()};
  return {first_child(), next_sibling()};
}

Json Value::to_json() const {
  switch (kind()) {
    case Kind::absent:
    case Kind::null:
      return nullptr;
    case Kind::boolean:
      return boolean();
    case Kind::integer:
      return integer();
    case Kind::number:
      return number();
    case Kind::string:
      return std::string(string());
    case Kind::array: {
      Json array = Json::array();
      for (const Value item : elements()) array.push_back(item.to_json());
      return array;
    }
    case Kind::object: {
      Json object = Json::object();
      for (const auto member : members()) object.emplace(std::string(member.name), member.value.to_json());
      return object;
    }
  }
  return nullptr;
}

}  // namespace fep::json
