// Strict JSON for signed data: nesting deeper than the limit is refused as soon as it is met, and so
// is a duplicate member name (RFC 7515 §5.2 lets a JWS parser reject them; two readers picking
// different duplicates is a classic signature-confusion bug). Never throws: the core is built with
// -fno-exceptions. The parser (nlohmann's SAX reader) is iterative, so depth never costs stack.
// For small texts; a verified payload is read by json::Document (json_document.h), which accepts
// exactly the same texts.
#pragma once

#include <cstddef>
#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

#include "core/result.h"

namespace fep::json {

// I-JSON (RFC 7493, section 2.2): integers within ±(2^53 − 1), which every JSON reader (JavaScript's
// included) holds exactly. Both readers refuse a larger integer literal as malformed, with this detail.
inline constexpr std::uint64_t kMaxSafeInteger = (std::uint64_t{1} << 53) - 1;
inline constexpr const char* kUnsafeInteger = "integer outside ±(2^53 - 1)";

using Json = nlohmann::json;

constexpr std::size_t kMaxNestingDepth = 32;

// malformed: not JSON, or a duplicate member name; too_large: nested deeper than `max_depth`.
Result<Json> parse_strict(std::string_view text, std::size_t max_depth = kMaxNestingDepth);

// JSON text for output (an HTTP answer, a report): a string that is not UTF-8 is written with U+FFFD
// in place of its bad bytes, where dump() would throw (and, without exceptions, end the process).
std::string to_text(const Json& value, int indent = -1);

// Member access that treats "absent" and "wrong type" alike, returning nullptr.
const Json* find_string(const Json& object, const char* name);
const Json* find_object(const Json& object, const char* name);
const Json* find_integer(const Json& object, const char* name);

}  // namespace fep::json
