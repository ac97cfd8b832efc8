// Text from outside (a URL, a header, a CSV cell) before it reaches JSON or a store: nlohmann's dump()
// throws on bytes that are not UTF-8, and with -fno-exceptions a throw ends the whole process.
#pragma once

#include <cstddef>
#include <string_view>

namespace fep::text {

// Whether `bytes` is well-formed UTF-8 (RFC 3629: no overlong forms, no surrogates, nothing past
// U+10FFFF).
bool is_utf8(std::string_view bytes);

// An identifier given from outside (a student id in a URL, a scope's id): 1 to kMaxIdBytes bytes of
// UTF-8 without control characters. Checked before the id is looked up, stored or written anywhere.
inline constexpr std::size_t kMaxIdBytes = 200;
bool is_valid_id(std::string_view id);

}  // namespace fep::text
