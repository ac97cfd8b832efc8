#include "core/jose/base64url.h"

#include <sodium.h>

#include <array>
#include <cstdint>

namespace fep::jose::base64url {

std::string encode(std::string_view bytes) {
  constexpr int kVariant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;
  std::string text(sodium_base64_ENCODED_LEN(bytes.size(), kVariant), '\0');
  sodium_bin2base64(text.data(), text.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    kVariant);
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
    for (std::size_t i = 0; i < kAlphabet.size(); ++i)
      table[static_cast<std::uint8_t>(kAlphabet[i])] = static_cast<std::uint8_t>(i);
    return table;
  }();
  const std::size_t tail = text.size() % 4;
  if (tail == 1) return std::nullopt;  // six bits cannot end a byte string
  std::string bytes(text.size() / 4 * 3 + (tail ? tail - 1 : 0), '\0');
  char* out = bytes.data();
  const auto* in = reinterpret_cast<const std::uint8_t*>(text.data());
  // Whole groups of four characters, three bytes each; one test per group catches any outsider.
  for (const auto* const end = in + text.size() / 4 * 4; in != end; in += 4) {
    const std::uint32_t a = kValues[in[0]], b = kValues[in[1]], c = kValues[in[2]], d = kValues[in[3]];
    if ((a | b | c | d) & 0xc0) return std::nullopt;  // values are 0..63; an outsider is 0xff
    const std::uint32_t group = a << 18 | b << 12 | c << 6 | d;
    *out++ = static_cast<char>(group >> 16);
    *out++ = static_cast<char>(group >> 8);
    *out++ = static_cast<char>(group);
  }
  std::uint32_t accumulator = 0;
  for (std::size_t i = 0; i < tail; ++i) {
    const std::uint8_t value = kValues[in[i]];
    if (value == 0xff) return std::nullopt;
    accumulator = (accumulator << 6) | value;
  }
  // A final group of 2 or 3 characters carries 1 or 2 bytes; its unused low bits must be zero so
  // that each byte string has exactly one encoding.
  if (tail == 2) {
    if (accumulator & 0xf) return std::nullopt;
    *out++ = static_cast<char>(accumulator >> 4);
  } else if (tail == 3) {
    if (accumulator & 0x3) return std::nullopt;
    *out++ = static_cast<char>(accumulator >> 10);
    *out++ = static_cast<char>(accumulator >> 2);
  }
  return bytes;
}

}  // namespace fep::jose::base64url
