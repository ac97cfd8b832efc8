#include "core/json/json.h"

#include <string>
#include <vector>

namespace fep::json {
namespace {

// Builds the DOM from nlohmann's SAX events, refusing a duplicate member name (one map insertion
// decides it) and nesting beyond the limit, both as they are met.
class StrictDomBuilder {
 public:
  StrictDomBuilder(Json& root, std::size_t max_depth) : root_(root), max_depth_(max_depth) {}

  bool null() { return put(nullptr) != nullptr; }
  bool boolean(bool value) { return put(value) != nullptr; }
  bool number_integer(Json::number_integer_t value) {
    const auto magnitude = value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
    return safe(magnitude <= kMaxSafeInteger) && put(value) != nullptr;
  }
  bool number_unsigned(Json::number_unsigned_t value) {
    return safe(value <= kMaxSafeInteger) && put(value) != nullptr;
  }
  bool number_float(Json::number_float_t value, const std::string& text) {
    // An integer literal too large even for 64 bits arrives here as a double.
    return safe(text.find_first_of(".eE") != std::string::npos) && put(value) != nullptr;
  }
  bool string(std::string& value) { return put(std::move(value)) != nullptr; }
  bool binary(Json::binary_t&) { return false; }  // not produced by the JSON reader

  bool start_object(std::size_t) { return open(Json::value_t::object); }
  bool start_array(std::size_t) { return open(Json::value_t::array); }
  bool end_object() { return close(); }
  bool end_array() { return close(); }

  bool key(std::string& name) {
    auto& members = open_.back()->get_ref<Json::object_t&>();
    const auto [slot, added] = members.emplace(std::move(name), nullptr);
    if (!added) {
      duplicate_ = slot->first;
      return false;
    }
    next_member_ = &slot->second;
    return true;
  }

  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception&) { return false; }

  const std::string& duplicate() const { return duplicate_; }
  bool too_deep() const { return too_deep_; }
  bool unsafe_integer() const { return unsafe_integer_; }

 private:
  // Places a value where the grammar says: the root, the next array element, or the pending member.
  Json* put(Json value) {
    if (open_.empty()) {
      root_ = std::move(value);
      return &root_;
    }
    Json& parent = *open_.back();
    if (parent.is_array()) {
      auto& elements = parent.get_ref<Json::array_t&>();
      elements.push_back(std::move(value));
      return &elements.back();
    }
    *next_member_ = std::move(value);
    return next_member_;
  }

  bool open(Json::value_t type) {
    if (open_.size() >= max_depth_) {
      too_deep_ = true;
      return false;
    }
    open_.push_back(put(Json(type)));
    return true;
  }

  bool close() {
    open_.pop_back();
    return true;
  }

  Json& root_;
  std::size_t max_depth_;
  std::vector<Json*> open_;
  Json* next_member_ = nullptr;
  std::string duplicate_;
  bool too_deep_ = false;
  bool unsafe_integer_ = false;

  bool safe(bool in_range) {
    unsafe_integer_ = !in_range;
    return in_range;
  }
};

}  // namespace

Result<Json> parse_strict(std::string_view text, std::size_t max_depth) {
  // nlohmann's reader takes a NUL byte for the end of the input and would ignore what follows; raw
  // NUL is never valid JSON (inside a string it must be escaped), so it is refused outright.
  if (text.find('\0') != std::string_view::npos) return Error{ErrorCode::malformed, "not valid JSON"};
  Json value;
  StrictDomBuilder builder(value, max_depth);
  if (Json::sax_parse(text.begin(), text.end(), &builder)) return value;
  if (builder.too_deep()) return Error{ErrorCode::too_large, "JSON nesting depth"};
  if (builder.unsafe_integer()) return Error{ErrorCode::malformed, kUnsafeInteger};
  if (!builder.duplicate().empty())
    return Error{ErrorCode::malformed, "duplicate member \"" + builder.duplicate() + "\""};
  return Error{ErrorCode::malformed, "not valid JSON"};
}

const Json* find_string(const Json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_string() ? &*it : nullptr;
}

const Json* find_object(const Json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_object() ? &*it : nullptr;
}

const Json* find_integer(const Json& object, const char* name) {
  const auto it = object.find(name);
  return it != object.end() && it->is_number_integer() ? &*it : nullptr;
}

std::string to_text(const Json& value, int indent) {
  return value.dump(indent, ' ', false, Json::error_handler_t::replace);
}

}  // namespace fep::json
