#include "core/jose/crypto.h"

#include <sodium.h>

#include <cstdlib>

namespace fep::jose::crypto {
namespace {

const unsigned char* bytes_of(std::string_view s) { return reinterpret_cast<const unsigned char*>(s.data()); }

}  // namespace

void ensure_initialized() {
  // sodium_init is idempotent and thread-safe; it fails only if no random source exists, in which
  // case nothing here may run.
  static const bool ready = sodium_init() >= 0;
  if (!ready) std::abort();
}

SecretKey::~SecretKey() { sodium_memzero(key_.data(), key_.size()); }

SecretKey SecretKey::generate() {
  ensure_initialized();
  SecretKey key;
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_keypair(public_key, key.key_.data());
  return key;
}

std::optional<SecretKey> SecretKey::from_seed(std::string_view seed) {
  if (seed.size() != crypto_sign_SEEDBYTES) return std::nullopt;
  ensure_initialized();
  SecretKey key;
  unsigned char public_key[crypto_sign_PUBLICKEYBYTES];
  crypto_sign_seed_keypair(public_key, key.key_.data(), bytes_of(seed));
  return key;
}

std::string SecretKey::seed() const {
  return std::string(reinterpret_cast<const char*>(key_.data()), crypto_sign_SEEDBYTES);
}

std::string SecretKey::public_key() const {
  return std::string(reinterpret_cast<const char*>(key_.data()) + crypto_sign_SEEDBYTES, crypto_sign_PUBLICKEYBYTES);
}

std::string ed25519_sign(std::string_view message, const SecretKey& key) {
  ensure_initialized();
  std::string signature(crypto_sign_BYTES, '\0');
  crypto_sign_detached(reinterpret_cast<unsigned char*>(signature.data()), nullptr, bytes_of(message), message.size(),
                       key.key_.data());
  return signature;
}

bool ed25519_verify(std::string_view signature, std::string_view message, std::string_view public_key) {
  // Lengths first: libsodium reads fixed-size buffers and must never be handed a short one.
  if (signature.size() != crypto_sign_BYTES || public_key.size() != crypto_sign_PUBLICKEYBYTES) {
    return false;
  }
  ensure_initialized();
  return crypto_sign_verify_detached(bytes_of(signature), bytes_of(message), message.size(), bytes_of(public_key)) == 0;
}

std::string sha256(std::string_view data) {
  ensure_initialized();
  std::string digest(crypto_hash_sha256_BYTES, '\0');
  crypto_hash_sha256(reinterpret_cast<unsigned char*>(digest.data()), bytes_of(data), data.size());
  return digest;
}

std::string random_bytes(std::size_t count) {
  ensure_initialized();
  std::string bytes(count, '\0');
  randombytes_buf(bytes.data(), bytes.size());
  return bytes;
}

}  // namespace fep::jose::crypto
