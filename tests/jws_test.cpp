// JWS Compact with Ed25519: RFC 8037 Appendix A, the IETF JOSE cookbook, and structural rejections.
#include "core/jose/jws.h"

#include <gtest/gtest.h>

#include "core/jose/base64url.h"
#include "test_support.h"

namespace fep {
namespace {

struct Rfc8037 {
  json::Json v = test::read_vector_json("rfc8037_vectors.json");
  std::string compact() const { return v["A.5_validation"]["jws_compact"]; }
  jose::jwk::PublicKey key() const { return jose::jwk::parse_public(v["A.2_public_key_jwk"]).value(); }
};

Result<std::string> verify(std::string_view compact, const jose::jwk::PublicKey& key) {
  const auto decoded = jose::jws::decode(compact);
  if (!decoded) return decoded.error();
  return jose::jws::verify(*decoded, key);
}

TEST(Rfc8037, AppendixA5VerifiesToThePayloadBytes) {
  const Rfc8037 rfc;
  const auto payload = verify(rfc.compact(), rfc.key());
  ASSERT_TRUE(payload.ok()) << to_string(payload.code()) << ": " << payload.error().detail;
  // The bytes say lowercase "signing" (the RFC's prose capitalises it).
  EXPECT_EQ(*payload, rfc.v["A.5_validation"]["decoded_payload"].get<std::string>());
  EXPECT_EQ(*payload, "Example of Ed25519 signing");
}

TEST(Rfc8037, AppendixA4SigningReproducesTheCompactJwsExactly) {
  const Rfc8037 rfc;
  const auto key = jose::crypto::SecretKey::from_seed(test::from_hex(rfc.v["A.1_private_key_hex"]));
  const auto& a4 = rfc.v["A.4_signing"];
  EXPECT_EQ(jose::jws::sign(a4["protected_header"].get<std::string>(), a4["payload_text"].get<std::string>(), *key),
            a4["jws_compact"].get<std::string>());
}

TEST(JoseCookbook, Ed25519CompactVerifiesWithTheCookbookKey) {
  const auto cookbook = test::read_vector_json("jose-cookbook/curve25519_jws.json");
  auto jwk = cookbook["input"]["key"];
  jwk.erase("d");  // the cookbook lists the private key; the verifier gets the public half only
  const auto key = jose::jwk::parse_public(jwk);
  ASSERT_TRUE(key.ok()) << key.error().detail;
  const auto payload = verify(cookbook["output"]["compact"].get<std::string>(), *key);
  ASSERT_TRUE(payload.ok()) << to_string(payload.code());
  EXPECT_EQ(*payload, cookbook["input"]["payload"].get<std::string>());
}

TEST(Jws, EverySingleByteChangeOfTheRfcJwsIsRejected) {
  const Rfc8037 rfc;
  const std::string good = rfc.compact();
  const auto key = rfc.key();
  for (std::size_t i = 0; i < good.size(); ++i) {
    for (const char replacement : {'A', 'B', '.', '='}) {
      if (good[i] == replacement) continue;
      std::string bad = good;
      bad[i] = replacement;
      EXPECT_FALSE(verify(bad, key).ok()) << "position " << i << " replaced by " << replacement;
    }
  }
}

TEST(Jws, StructuralErrorsHaveExactCodes) {
  const Rfc8037 rfc;
  const std::string good = rfc.compact();
  const auto key = rfc.key();
  const auto dot = good.rfind('.');
  EXPECT_EQ(verify("", key).code(), ErrorCode::malformed);
  EXPECT_EQ(verify("a.b", key).code(), ErrorCode::malformed);
  EXPECT_EQ(verify(good + ".", key).code(), ErrorCode::malformed);
  EXPECT_EQ(verify(good + "=", key).code(), ErrorCode::malformed);
  EXPECT_EQ(verify(good.substr(0, dot + 1), key).code(), ErrorCode::malformed);          // empty signature
  EXPECT_EQ(verify(good.substr(0, good.size() - 2), key).code(), ErrorCode::malformed);  // 63-byte signature
  EXPECT_EQ(verify(" " + good, key).code(), ErrorCode::malformed);
  EXPECT_EQ(verify(std::string(jose::jws::kMaxCompactSize + 1, 'A'), key).code(), ErrorCode::too_large);
}

TEST(Jws, AlgOtherThanEd25519IsRefusedBeforeTheKeyIsUsed) {
  const Rfc8037 rfc;
  const auto key = jose::crypto::SecretKey::from_seed(test::from_hex(rfc.v["A.1_private_key_hex"]));
  for (const char* alg : {"none", "HS256", "RS256", "ES256", "Ed448", "eddsa"}) {
    const std::string compact = jose::jws::sign(std::string(R"({"alg":")") + alg + "\"}", "x", *key);
    EXPECT_EQ(verify(compact, rfc.key()).code(), ErrorCode::unsupported_alg) << alg;
  }
  const std::string modern = jose::jws::sign(R"({"alg":"Ed25519"})", "x", *key);
  EXPECT_TRUE(verify(modern, rfc.key()).ok());
}

TEST(Jws, HeaderMustBeAnObjectWithoutDuplicatesAndWithinLimits) {
  const Rfc8037 rfc;
  const auto key = jose::crypto::SecretKey::from_seed(test::from_hex(rfc.v["A.1_private_key_hex"]));
  auto code_for_header = [&](const std::string& header) {
    return verify(jose::jws::sign(header, "x", *key), rfc.key()).code();
  };
  EXPECT_EQ(code_for_header(R"({"alg":"EdDSA","alg":"EdDSA"})"), ErrorCode::malformed);
  EXPECT_EQ(code_for_header(R"(["alg","EdDSA"])"), ErrorCode::malformed);
  EXPECT_EQ(code_for_header(R"({"alg":1})"), ErrorCode::malformed);
  EXPECT_EQ(code_for_header("{}"), ErrorCode::malformed);
  EXPECT_EQ(code_for_header("not json"), ErrorCode::malformed);
  EXPECT_EQ(code_for_header(R"({"alg":"EdDSA","x":")" + std::string(1100, 'a') + "\"}"), ErrorCode::too_large);
}

}  // namespace
}  // namespace fep
