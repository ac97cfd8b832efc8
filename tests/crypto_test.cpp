// Ed25519 and SHA-256 through libsodium, checked against RFC 8032 §7.1 and all 151 Wycheproof cases.
#include "core/jose/crypto.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace fep {
namespace {

using test::from_hex;
using test::to_hex;

TEST(Rfc8032, EveryVectorDerivesItsPublicKeySignsAndVerifies) {
  const auto vectors = test::read_vector_json("rfc8032_vectors.json")["vectors"];
  ASSERT_EQ(vectors.size(), 5u);
  for (const auto& v : vectors) {
    SCOPED_TRACE(v["name"].get<std::string>());
    const auto key = jose::crypto::SecretKey::from_seed(from_hex(v["secret_key"]));
    ASSERT_TRUE(key.has_value());
    EXPECT_EQ(to_hex(key->public_key()), v["public_key"].get<std::string>());
    const std::string message = from_hex(v["message"]);
    ASSERT_EQ(message.size(), v["message_length"].get<std::size_t>());
    EXPECT_EQ(to_hex(jose::crypto::ed25519_sign(message, *key)), v["signature"].get<std::string>());
    EXPECT_TRUE(jose::crypto::ed25519_verify(from_hex(v["signature"]), message, key->public_key()));
  }
}

TEST(Rfc8032, AFlippedBitInMessageSignatureOrKeyFailsVerification) {
  const auto v = test::read_vector_json("rfc8032_vectors.json")["vectors"][2];  // TEST 3
  const std::string message = from_hex(v["message"]), signature = from_hex(v["signature"]),
                    public_key = from_hex(v["public_key"]);
  for (std::size_t i = 0; i < signature.size(); ++i) {
    std::string bad = signature;
    bad[i] = static_cast<char>(bad[i] ^ 0x01);
    EXPECT_FALSE(jose::crypto::ed25519_verify(bad, message, public_key)) << "signature byte " << i;
  }
  std::string bad_message = message;
  bad_message[0] = static_cast<char>(bad_message[0] ^ 0x80);
  EXPECT_FALSE(jose::crypto::ed25519_verify(signature, bad_message, public_key));
  std::string bad_key = public_key;
  bad_key[5] = static_cast<char>(bad_key[5] ^ 0x10);
  EXPECT_FALSE(jose::crypto::ed25519_verify(signature, message, bad_key));
}

TEST(Ed25519, WrongLengthSignatureOrKeyIsRejectedBeforeLibsodiumReadsIt) {
  const std::string key(32, '\x01');
  EXPECT_FALSE(jose::crypto::ed25519_verify(std::string(63, '\0'), "m", key));
  EXPECT_FALSE(jose::crypto::ed25519_verify(std::string(65, '\0'), "m", key));
  EXPECT_FALSE(jose::crypto::ed25519_verify(std::string(64, '\0'), "m", std::string(31, '\x01')));
  EXPECT_FALSE(jose::crypto::ed25519_verify({}, "m", {}));
}

TEST(Ed25519, GeneratedKeysAreDistinctAndSignVerifiably) {
  const auto a = jose::crypto::SecretKey::generate();
  const auto b = jose::crypto::SecretKey::generate();
  EXPECT_NE(a.public_key(), b.public_key());
  const auto signature = jose::crypto::ed25519_sign("hello", a);
  EXPECT_TRUE(jose::crypto::ed25519_verify(signature, "hello", a.public_key()));
  EXPECT_FALSE(jose::crypto::ed25519_verify(signature, "hello", b.public_key()));
  EXPECT_FALSE(jose::crypto::SecretKey::from_seed(std::string(31, 'x')).has_value());
}

TEST(Wycheproof, All151Ed25519CasesGiveTheirExpectedResult) {
  const auto suite = test::read_vector_json("wycheproof/ed25519_test.json");
  std::size_t cases = 0, valid = 0, wrong_length = 0;
  for (const auto& group : suite["testGroups"]) {
    const std::string public_key = from_hex(group["publicKey"]["pk"]);
    for (const auto& t : group["tests"]) {
      const std::string signature = from_hex(t["sig"]);
      const bool expected = t["result"] == "valid";
      EXPECT_EQ(jose::crypto::ed25519_verify(signature, from_hex(t["msg"]), public_key), expected)
          << "tcId " << t["tcId"].get<int>() << ": " << t["comment"].get<std::string>();
      ++cases;
      valid += expected;
      wrong_length += signature.size() != jose::crypto::kEd25519SignatureSize;
    }
  }
  EXPECT_EQ(cases, suite["numberOfTests"].get<std::size_t>());
  EXPECT_EQ(cases, 151u);
  EXPECT_EQ(valid, 88u);
  EXPECT_EQ(wrong_length, 12u);
}

TEST(Sha256, KnownDigests) {
  EXPECT_EQ(to_hex(jose::crypto::sha256("")), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  EXPECT_EQ(to_hex(jose::crypto::sha256("abc")), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace fep
