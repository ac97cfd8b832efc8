// Root-signed key sets and revocation lists: signing keys rotate while the widget pins only roots.
#include <gtest/gtest.h>

#include "bundle_builder.h"
#include "core/trust/bundle.h"
#include "core/trust/keys.h"
#include "test_support.h"

namespace fep {
namespace {

using test::BundleBuilder;
using test::kNow;
using test::kNowSeconds;
using test::SigningKey;

json::Json keyset_claims(const std::vector<jose::jwk::PublicKey>& keys, std::int64_t seq) {
  json::Json claims{{"iss", "https://district.example.org"},
                    {"iat", kNowSeconds - 10},
                    {"nbf", kNowSeconds - 10},
                    {"exp", kNowSeconds + 86400},
                    {"seq", seq},
                    {"keys", json::Json::array()}};
  for (const auto& key : keys) claims["keys"].push_back(jose::jwk::to_public_json(key));
  return claims;
}

class TrustTest : public ::testing::Test {
 protected:
  SigningKey root, backup_root, signer, next_signer;

  std::string keyset(const SigningKey& by, const std::vector<jose::jwk::PublicKey>& keys, std::int64_t seq,
                     std::string_view typ = trust::profile::kTypKeyset) {
    BundleBuilder builder(by, typ);
    builder.claims = keyset_claims(keys, seq);
    return builder.compact();
  }
};

TEST_F(TrustTest, ARootSignedKeySetDeliversTheSigningKeys) {
  const auto set =
      trust::verify_keyset(keyset(root, {signer.pub(), next_signer.pub()}, 3), {root.pub(), backup_root.pub()}, kNow);
  ASSERT_TRUE(set.ok()) << set.error().detail;
  EXPECT_EQ(set->seq, 3);
  ASSERT_EQ(set->keys.size(), 2u);
  EXPECT_EQ(set->keys[0].kid, signer.pub().kid);
  // ...and a bundle signed by one of them verifies against the set.
  EXPECT_TRUE(
      trust::verify_bundle(BundleBuilder(next_signer).compact(), set->keys, {kNow, std::nullopt, {}, nullptr}).ok());
}

TEST_F(TrustTest, RotationAndCompromise) {
  const std::vector<jose::jwk::PublicKey> roots{root.pub()};
  const std::string old_bundle = BundleBuilder(signer).compact();
  const trust::VerifyOptions options{kNow, std::nullopt, {}, nullptr};
  // seq 1: the old key only; seq 2: overlap; seq 3: the old key removed (compromised).
  const auto v1 = trust::verify_keyset(keyset(root, {signer.pub()}, 1), roots, kNow);
  const auto v2 = trust::verify_keyset(keyset(root, {signer.pub(), next_signer.pub()}, 2), roots, kNow);
  const auto v3 = trust::verify_keyset(keyset(root, {next_signer.pub()}, 3), roots, kNow);
  ASSERT_TRUE(v1.ok() && v2.ok() && v3.ok());
  EXPECT_TRUE(trust::verify_bundle(old_bundle, v2->keys, options).ok());
  EXPECT_EQ(trust::verify_bundle(old_bundle, v3->keys, options).code(), ErrorCode::unknown_key);
  // Replaying set 2 after set 3 was seen would bring the removed key back: open_test.cpp proves the
  // pipeline refuses it.
}

TEST_F(TrustTest, AKeySetMustBeSignedByAPinnedRootAndBeAKeySet) {
  const std::vector<jose::jwk::PublicKey> roots{root.pub()};
  EXPECT_EQ(trust::verify_keyset(keyset(signer, {signer.pub()}, 1), roots, kNow).code(), ErrorCode::unknown_key);
  EXPECT_EQ(trust::verify_keyset(keyset(root, {signer.pub()}, 1, trust::profile::kTypRecord), roots, kNow).code(),
            ErrorCode::wrong_typ);
  // A record bundle signed by a root is not a key set, and a key set is not a bundle.
  EXPECT_EQ(trust::verify_bundle(keyset(root, {signer.pub()}, 1), roots, {kNow, std::nullopt, {}, nullptr}).code(),
            ErrorCode::wrong_typ);
  EXPECT_EQ(trust::verify_keyset(keyset(root, {signer.pub()}, 1), roots, kNow + std::chrono::hours{48}).code(),
            ErrorCode::expired);

  BundleBuilder bad_keys(root, trust::profile::kTypKeyset);
  bad_keys.claims = keyset_claims({signer.pub()}, 1);
  bad_keys.claims["keys"][0]["d"] = "AAAA";
  EXPECT_EQ(trust::verify_keyset(bad_keys.compact(), roots, kNow).code(), ErrorCode::bad_key);
  bad_keys.claims["keys"] = "none";
  EXPECT_EQ(trust::verify_keyset(bad_keys.compact(), roots, kNow).code(), ErrorCode::bad_claims);
}

TEST_F(TrustTest, RevocationListsAreRootSigned) {
  const std::vector<jose::jwk::PublicKey> roots{root.pub()};
  BundleBuilder list(root, trust::profile::kTypRevocations);
  list.claims = {{"iss", "https://district.example.org"},
                 {"iat", kNowSeconds},
                 {"nbf", kNowSeconds},
                 {"exp", kNowSeconds + 3600},
                 {"seq", 7},
                 {"revoked", {{signer.pub().kid, {"jti-1", "family-9"}}}}};
  const auto verified = trust::verify_revocations(list.compact(), roots, kNow);
  ASSERT_TRUE(verified.ok()) << verified.error().detail;
  EXPECT_TRUE(verified->is_revoked(signer.pub().kid, "family-9"));
  EXPECT_FALSE(verified->is_revoked(signer.pub().kid, "jti-2"));
  EXPECT_FALSE(verified->is_revoked(next_signer.pub().kid, "jti-1"));
  EXPECT_FALSE(verified->is_revoked(signer.pub().kid, ""));

  EXPECT_EQ(trust::verify_revocations(list.compact(), {signer.pub()}, kNow).code(), ErrorCode::unknown_key);
  list.claims["revoked"][signer.pub().kid] = {"ok", 5};
  EXPECT_EQ(trust::verify_revocations(list.compact(), roots, kNow).code(), ErrorCode::bad_claims);
  list.claims.erase("revoked");
  EXPECT_EQ(trust::verify_revocations(list.compact(), roots, kNow).code(), ErrorCode::bad_claims);
}

}  // namespace
}  // namespace fep
