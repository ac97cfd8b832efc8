// Strict JSON for signed data: a nesting limit checked before parsing, and duplicate member names
// rejected (RFC 7515 §5.2 lets a JWS parser reject them; two readers picking different duplicates is
// a classic signature-confusion bug). Never throws: the core is built with -fno-exceptions.
#pragma once

#include <nlohmann/json.hpp>

#include <cstddef>
#include <string_view>

#include "result.h"

namespace fep::json {

using Json = nlohmann::json;

constexpr std::size_t kMaxNestingDepth = 32;

// malformed: not JSON, or a duplicate member name; too_large: nested deeper than the limit.
Result<Json> parse_strict(std::string_view text, std::size_t max_depth = kMaxNestingDepth);

// Member access that treats "absent" and "wrong type" alike, returning nullptr.
const Json* find_string(const Json& object, const char* name);
const Json* find_object(const Json& object, const char* name);
const Json* find_integer(const Json& object, const char* name);

}  // namespace fep::json
