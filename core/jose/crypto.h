// Every cryptographic operation of the project, each a thin call into libsodium. Nothing here is
// hand-written cryptography; this file only fixes sizes and hides the C API.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace fep::jose::crypto {

constexpr std::size_t kEd25519PublicKeySize = 32;
constexpr std::size_t kEd25519SeedSize = 32;
constexpr std::size_t kEd25519SignatureSize = 64;
constexpr std::size_t kSha256Size = 32;

// Initialises libsodium once; every function below calls it, so callers need not.
void ensure_initialized();

// A private Ed25519 key, wiped from memory when destroyed.
class SecretKey {
 public:
  SecretKey() = default;
  SecretKey(const SecretKey&) = default;
  SecretKey& operator=(const SecretKey&) = default;
  ~SecretKey();

  static SecretKey generate();
  // nullopt unless `seed` is exactly 32 bytes.
  static std::optional<SecretKey> from_seed(std::string_view seed);

  std::string seed() const;        // the 32-byte RFC 8032 private key
  std::string public_key() const;  // the 32-byte encoded point

 private:
  friend std::string ed25519_sign(std::string_view message, const SecretKey& key);
  std::array<std::uint8_t, 64> key_{};  // libsodium's seed || public key
};

std::string ed25519_sign(std::string_view message, const SecretKey& key);
// False for a signature or key of the wrong length, as well as for a signature that does not verify.
bool ed25519_verify(std::string_view signature, std::string_view message, std::string_view public_key);

std::string sha256(std::string_view data);
std::string random_bytes(std::size_t count);

}  // namespace fep::jose::crypto
