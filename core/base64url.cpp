#include "base64url.h"

#include <sodium.h>

namespace fep::base64url {

std::string encode(std::string_view bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()),
                    bytes.size(), kVariant);
  text.pop_back();  // libsodium writes a terminating NUL
  return text;
}

std::optional<std::string> decode(std::string_view text) {
  std::string bytes(text.size() / 4 * 3 + 3, '\0');
  std::size_t length = 0;
  const char* end = nullptr;
  // libsodium rejects characters outside the alphabet (no ignore list is given), a dangling single
  // character, and non-zero trailing bits; `end` tells us whether the whole text was consumed.
  const int status = sodium_base642bin(reinterpret_cast<unsigned char*>(bytes.data()), bytes.size(),
                                       text.data(), text.size(), nullptr, &length, &end,
                                       sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  if (status != 0 || end != text.data() + text.size()) return std::nullopt;
  bytes.resize(length);
  return bytes;
}

}  // namespace fep::base64url
