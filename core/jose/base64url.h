// Strict base64url (RFC 4648 §5) as JOSE requires: no padding, no whitespace, no other alphabet,
// and canonical trailing bits, so every byte string has exactly one encoding.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace fep::jose::base64url {

std::string encode(std::string_view bytes);
// nullopt for any text that is not the canonical encoding of some byte string.
std::optional<std::string> decode(std::string_view text);

}  // namespace fep::jose::base64url
