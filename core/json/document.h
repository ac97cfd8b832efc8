// A strict, read-only JSON document for the large verified payloads (a student's year is ~160 KB).
// It accepts exactly what json::parse_strict accepts (RFC 8259, valid UTF-8, no duplicate member
// names, nesting up to the limit) except a leading byte-order mark, and is several times faster in
// WebAssembly: the text is scanned once, strings are unescaped in place in the document's own copy,
// and values are one flat array of nodes, so reading a year allocates a handful of times instead of
// once per value. tests/json_document_test.cpp and the json_document fuzzer hold it to parse_strict.
#pragma once

#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "core/json/json.h"
#include "core/result.h"

namespace fep::json {

class Document;

namespace detail {
enum class Kind : std::uint8_t { absent, null, boolean, integer, number, string, array, object };
struct Node {
  Kind kind;
  std::uint32_t count;  // string: bytes; array: elements; object: members (each a name node, then a value)
  std::uint32_t skip;   // nodes from this one to its next sibling (1 + the nodes of its contents)
  union {
    bool boolean;
    std::int64_t integer;
    double number;
    std::uint32_t offset;  // string: where its (unescaped) bytes start in the document's text
  };
};
}  // namespace detail

class ElementIterator;
class MemberIterator;
template <class Iterator>
class Range;

// A value inside a Document, or "absent" (what find() gives for a missing member). A small handle:
// copy it freely; it stays valid as long as its Document exists, wherever the Document is moved.
class Value {
 public:
  using Kind = detail::Kind;

  Value() = default;

  Kind kind() const { return node_ ? node_->kind : Kind::absent; }
  bool exists() const { return kind() != Kind::absent; }
  bool is_null() const { return kind() == Kind::null; }
  bool is_boolean() const { return kind() == Kind::boolean; }
  bool is_integer() const { return kind() == Kind::integer; }  // no fraction or exponent, fits int64
  bool is_number() const { return kind() == Kind::integer || kind() == Kind::number; }
  bool is_string() const { return kind() == Kind::string; }
  bool is_array() const { return kind() == Kind::array; }
  bool is_object() const { return kind() == Kind::object; }

  // Each accessor expects its kind; on another kind it returns false, 0 or "".
  bool boolean() const;
  std::int64_t integer() const;
  double number() const;
  std::string_view string() const;

  std::size_t size() const;                 // elements of an array, members of an object, else 0
  Value find(std::string_view name) const;  // absent unless this is an object with that member

  // Elements of an array, in order: for (Value item : value.elements()).
  Range<ElementIterator> elements() const;
  // Members of an object, in document order: for (auto [name, value] : value.members()).
  Range<MemberIterator> members() const;

  Json to_json() const;  // the same value as an nlohmann DOM (for small parts handed to other code)

 private:
  friend class Document;
  friend class Parser;
  friend class ElementIterator;
  friend class MemberIterator;
  Value(const detail::Node* node, const char* text) : node_(node), text_(text) {}
  Value next_sibling() const { return Value(node_ + node_->skip, text_); }
  Value first_child() const { return Value(node_ + 1, text_); }

  const detail::Node* node_ = nullptr;
  const char* text_ = nullptr;
};

class Document {
 public:
  // malformed: not JSON, invalid UTF-8, or a duplicate member name; too_large: nested deeper than
  // `max_depth`.
  static Result<Document> parse(std::string text, std::size_t max_depth = kMaxNestingDepth);

  Value root() const { return nodes_.empty() ? Value() : Value(nodes_.data(), text_->data()); }  // absent when empty

  Document() = default;
  Document(Document&&) = default;
  Document& operator=(Document&&) = default;
  Document(const Document&) = delete;  // values point at their document
  Document& operator=(const Document&) = delete;

 private:
  friend class Parser;
  // Both buffers stay put when the Document moves, so its Values stay valid.
  std::unique_ptr<std::string> text_;
  std::vector<detail::Node> nodes_;
};

// Steps from a value to its next sibling, skipping its contents.
class ElementIterator {
 public:
  explicit ElementIterator(Value at) : at_(at) {}
  Value operator*() const { return at_; }
  ElementIterator& operator++() {
    at_ = at_.next_sibling();
    return *this;
  }
  bool operator!=(const ElementIterator& other) const { return at_.node_ != other.at_.node_; }

 private:
  Value at_;
};

// A member is two nodes, its name (a string) and its value.
class MemberIterator {
 public:
  struct Member {
    std::string_view name;
    Value value;
  };
  explicit MemberIterator(Value name) : name_(name) {}
  Member operator*() const { return {name_.string(), value()}; }
  MemberIterator& operator++() {
    name_ = value().next_sibling();
    return *this;
  }
  bool operator!=(const MemberIterator& other) const { return name_.node_ != other.name_.node_; }

 private:
  Value value() const { return Value(name_.node_ + 1, name_.text_); }
  Value name_;
};

// The children of an array or an object, for range-based for.
template <class Iterator>
class Range {
 public:
  Range(Value first, Value end) : first_(first), end_(end) {}
  Iterator begin() const { return Iterator(first_); }
  Iterator end() const { return Iterator(end_); }

 private:
  Value first_, end_;
};

}  // namespace fep::json
