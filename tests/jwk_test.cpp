// OKP/Ed25519 JWKs and their RFC 7638 thumbprints, from RFC 8037 Appendix A.
#include "core/jose/jwk.h"

#include <gtest/gtest.h>

#include "core/jose/base64url.h"
#include "test_support.h"

namespace fep {
namespace {

json::Json rfc8037() { return test::read_vector_json("rfc8037_vectors.json"); }

TEST(Jwk, Rfc8037PublicKeyParsesWithItsThumbprintAsKid) {
  const auto v = rfc8037();
  const auto key = jose::jwk::parse_public(v["A.2_public_key_jwk"]);
  ASSERT_TRUE(key.ok()) << key.error().detail;
  EXPECT_EQ(test::to_hex(key->bytes), v["A.1_public_key_hex"].get<std::string>());
  EXPECT_EQ(key->kid, v["A.3_thumbprint"]["base64url"].get<std::string>());
}

TEST(Jwk, ThumbprintHashesTheRfc7638CanonicalForm) {
  const auto v = rfc8037();
  const auto key = test::from_hex(v["A.1_public_key_hex"]);
  EXPECT_EQ(jose::jwk::thumbprint(key), v["A.3_thumbprint"]["base64url"].get<std::string>());
  EXPECT_EQ(test::to_hex(*jose::base64url::decode(jose::jwk::thumbprint(key))),
            v["A.3_thumbprint"]["sha256_hex"].get<std::string>());
}

TEST(Jwk, PrivateKeyIsRefusedWhereAPublicKeyIsExpected) {
  const auto key = jose::jwk::parse_public(rfc8037()["A.1_private_key_jwk"]);
  EXPECT_EQ(key.code(), ErrorCode::bad_key);
}

TEST(Jwk, RejectsOtherKeyTypesCurvesAndBadMembers) {
  const auto good = rfc8037()["A.2_public_key_jwk"];
  auto with = [&](const char* name, json::Json value) {
    auto jwk = good;
    jwk[name] = std::move(value);
    return jose::jwk::parse_public(jwk).code();
  };
  EXPECT_EQ(with("kty", "EC"), ErrorCode::bad_key);
  EXPECT_EQ(with("crv", "X25519"), ErrorCode::bad_key);
  EXPECT_EQ(with("crv", "Ed448"), ErrorCode::bad_key);
  EXPECT_EQ(with("x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHUR"), ErrorCode::bad_key);    // 31.5 bytes
  EXPECT_EQ(with("x", "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo="), ErrorCode::bad_key);  // padded
  EXPECT_EQ(with("x", 12), ErrorCode::bad_key);
  EXPECT_EQ(with("kid", "not-the-thumbprint"), ErrorCode::bad_key);
  EXPECT_EQ(with("alg", "ES256"), ErrorCode::bad_key);
  EXPECT_EQ(with("use", "enc"), ErrorCode::bad_key);
  EXPECT_EQ(with("alg", "EdDSA"), ErrorCode::ok);
  EXPECT_EQ(with("use", "sig"), ErrorCode::ok);
  EXPECT_EQ(jose::jwk::parse_public(json::Json::array()).code(), ErrorCode::bad_key);
}

TEST(JwkSet, ParsesAKeySetAndRejectsBadSets) {
  const auto key = rfc8037()["A.2_public_key_jwk"];
  const auto set = jose::jwk::parse_set(json::Json{{"keys", {key}}}.dump());
  ASSERT_TRUE(set.ok()) << set.error().detail;
  ASSERT_EQ(set->size(), 1u);
  EXPECT_EQ(jose::jwk::parse_set("{}").code(), ErrorCode::bad_key);
  EXPECT_EQ(jose::jwk::parse_set("[]").code(), ErrorCode::bad_key);
  EXPECT_EQ(jose::jwk::parse_set("not json").code(), ErrorCode::bad_key);
  EXPECT_EQ(jose::jwk::parse_set(R"({"keys":[{"kty":"OKP"}]})").code(), ErrorCode::bad_key);
  json::Json many{{"keys", json::Json::array()}};
  for (int i = 0; i < 65; ++i) many["keys"].push_back(key);
  EXPECT_EQ(jose::jwk::parse_set(many.dump()).code(), ErrorCode::too_large);
}

TEST(JwkSet, PublicJsonRoundTrips) {
  const auto key = jose::jwk::parse_public(rfc8037()["A.2_public_key_jwk"]);
  const auto again = jose::jwk::parse_public(jose::jwk::to_public_json(*key));
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->kid, key->kid);
  EXPECT_EQ(again->bytes, key->bytes);
}

}  // namespace
}  // namespace fep
