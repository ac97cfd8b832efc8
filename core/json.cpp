#include "json.h"

#include <set>
#include <string>
#include <vector>

namespace fep::json {
namespace {

// Deepest array/object nesting, found by one pass that skips string contents. It runs before the
// parser so that hostile input never reaches it.
std::size_t nesting_depth(std::string_view text) {
  std::size_t depth = 0, deepest = 0;
  bool in_string = false, escaped = false;
  for (const char c : text) {
    if (in_string) {
      if (escaped) escaped = false;
      else if (c == '\\') escaped = true;
      else if (c == '"') in_string = false;
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > deepest) deepest = depth;
    } else if ((c == ']' || c == '}') && depth > 0) {
      --depth;
    }
  }
  return deepest;
}

}  // namespace

Result<Json> parse_strict(std::string_view text, std::size_t max_depth) {
  if (nesting_depth(text) > max_depth) return Error{ErrorCode::too_large, "JSON nesting depth"};

  // One set of member names per open object; the callback sees every key as it is read.
  std::vector<std::set<std::string>> open_objects;
  std::string duplicate;
  const Json::parser_callback_t check_duplicates = [&](int, Json::parse_event_t event, Json& parsed) {
    switch (event) {
      case Json::parse_event_t::object_start:
        open_objects.emplace_back();
        break;
      case Json::parse_event_t::object_end:
        if (!open_objects.empty()) open_objects.pop_back();
        break;
      case Json::parse_event_t::key:
        if (!open_objects.empty() && !open_objects.back().insert(parsed.get<std::string>()).second &&
            duplicate.empty()) {
          duplicate = parsed.get<std::string>();
        }
        break;
      default:
        break;
    }
    return true;
  };

  Json value = Json::parse(text.begin(), text.end(), check_duplicates, /*allow_exceptions=*/false);
  if (value.is_discarded()) return Error{ErrorCode::malformed, "not valid JSON"};
  if (!duplicate.empty()) return Error{ErrorCode::malformed, "duplicate member \"" + duplicate + "\""};
  return value;
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

}  // namespace fep::json
