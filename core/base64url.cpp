#include "base64url.h"

#include <sodium.h>

#include <array>
#include <cstdint>

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
  // Table-driven: bundles are public data, so libsodium's constant-time decoder (several times slower)
  // buys nothing here. 0xff marks a character outside the alphabet.
  static const auto kValues = [] {
    std::array<std::uint8_t, 256> table{};
    table.fill(0xff);
    constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    for (std::size_t i = 0; i < kAlphabet.size(); ++i) table[static_cast<std::uint8_t>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
    return table;
  }();
  const std::size_t tail = text.size() % 4;
  if (tail == 1) return std::nullopt;  // six bits cannot end a byte string
  std::string bytes(text.size() / 4 * 3 + (tail ? tail - 1 : 0), '\0');
  char* out = bytes.data();
  std::uint32_t accumulator = 0;
  std::size_t pending = 0;
  for (const char c : text) {
    const std::uint8_t value = kValues[static_cast<std::uint8_t>(c)];
    if (value == 0xff) return std::nullopt;
    accumulator = (accumulator << 6) | value;
    if (++pending == 4) {
      *out++ = static_cast<char>(accumulator >> 16);
      *out++ = static_cast<char>(accumulator >> 8);
      *out++ = static_cast<char>(accumulator);
      accumulator = 0;
      pending = 0;
    }
  }
  // A final group of 2 or 3 characters carries 1 or 2 bytes; its unused low bits must be zero so
  // that each byte string has exactly one encoding.
  if (pending == 2) {
    if (accumulator & 0xf) return std::nullopt;
    *out++ = static_cast<char>(accumulator >> 4);
  } else if (pending == 3) {
    if (accumulator & 0x3) return std::nullopt;
    *out++ = static_cast<char>(accumulator >> 10);
    *out++ = static_cast<char>(accumulator >> 2);
  }
  return bytes;
}

}  // namespace fep::base64url
