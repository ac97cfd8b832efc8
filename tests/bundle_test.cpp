// The bundle profile (docs/bundle-format.md): header, keys, claims, time, rollback, revocation, and
// every single-byte change of a valid bundle. Each rejection asserts its exact code.
#include "core/trust/bundle.h"

#include <gtest/gtest.h>

#include "bundle_builder.h"
#include "core/jose/base64url.h"
#include "test_support.h"

namespace fep {
namespace {

using test::BundleBuilder;
using test::kNow;
using test::kNowSeconds;
using test::SigningKey;

class BundleTest : public ::testing::Test {
 protected:
  SigningKey key;
  SigningKey other;
  trust::VerifyOptions options{kNow, std::nullopt, {}, nullptr};

  ErrorCode code_of(const std::string& compact) const {
    return trust::verify_bundle(compact, {key.pub()}, options).code();
  }
  ErrorCode code_of(const BundleBuilder& builder) const { return code_of(builder.compact()); }
};

TEST_F(BundleTest, AValidRecordBundleVerifiesWithAllItsClaims) {
  const BundleBuilder builder(key);
  const auto verified = trust::verify_bundle(builder.compact(), {other.pub(), key.pub()}, options);
  ASSERT_TRUE(verified.ok()) << to_string(verified.code()) << ": " << verified.error().detail;
  EXPECT_EQ(verified->typ, "fep-record+jwt");
  EXPECT_EQ(verified->kid, key.pub().kid);
  EXPECT_EQ(verified->iss, "https://district.example.org");
  EXPECT_EQ(verified->sub, "student-7f3a");
  EXPECT_EQ(verified->seq, 5);
  EXPECT_EQ(verified->ver, 1);
  EXPECT_EQ(verified->data().find("student").find("id").string(), "student-7f3a");
  EXPECT_FALSE(verified->claims.contains("record"));  // the data member stays in the document
  EXPECT_EQ(verified->claims_with_data(), builder.claims);
  const std::string compact = builder.compact();
  EXPECT_EQ(jose::base64url::encode(trust::verify_bundle(compact, {key.pub()}, options)->signature),
            compact.substr(compact.rfind('.') + 1));
}

TEST_F(BundleTest, RosterBundlesCarryARosterInstead) {
  BundleBuilder builder(key, trust::profile::kTypRoster);
  builder.claims.erase("record");
  builder.claims["roster"] = {{"section", "math-7"}};
  const auto verified = trust::verify_bundle(builder.compact(), {key.pub()}, options);
  ASSERT_TRUE(verified.ok()) << verified.error().detail;
  EXPECT_EQ(verified->data().find("section").string(), "math-7");
  builder.claims.erase("roster");
  EXPECT_EQ(code_of(builder), ErrorCode::bad_claims);
}

TEST_F(BundleTest, BothSpellingsOfTheAlgorithmAreAcceptedAndNothingElse) {
  BundleBuilder builder(key);
  builder.header["alg"] = "EdDSA";
  EXPECT_EQ(code_of(builder), ErrorCode::ok);
  for (const char* alg :
       {"none", "None", "HS256", "HS512", "RS256", "PS256", "ES256", "ES256K", "Ed448", "ed25519", ""}) {
    builder.header["alg"] = alg;
    EXPECT_EQ(code_of(builder), ErrorCode::unsupported_alg) << alg;
  }
}

TEST_F(BundleTest, HeaderMembersOutsideTheProfileAreRefused) {
  for (const char* member : {"crit", "jwk", "jku", "x5u", "x5c", "x5t", "zip", "cty", "b64", "nonce", "extra"}) {
    BundleBuilder builder(key);
    builder.header[member] = member == std::string("crit") ? json::Json::array({"exp"}) : json::Json("x");
    EXPECT_EQ(code_of(builder), ErrorCode::bad_header) << member;
  }
  BundleBuilder no_kid(key);
  no_kid.header.erase("kid");
  EXPECT_EQ(code_of(no_kid), ErrorCode::bad_header);
  BundleBuilder no_typ(key);
  no_typ.header.erase("typ");
  EXPECT_EQ(code_of(no_typ), ErrorCode::bad_header);
  BundleBuilder wrong_typ(key);
  for (const char* typ : {"JWT", "FEP-RECORD+JWT", "fep-record"}) {
    wrong_typ.header["typ"] = typ;
    EXPECT_EQ(code_of(wrong_typ), ErrorCode::bad_header) << typ;
  }
  // Our own other kinds are not bundles: wrong_typ names the mix-up.
  for (const char* typ : {"fep-keyset+jwt", "fep-revocation+jwt", "fep-contact+jwt"}) {
    wrong_typ.header["typ"] = typ;
    EXPECT_EQ(code_of(wrong_typ), ErrorCode::wrong_typ) << typ;
  }
  BundleBuilder numeric_kid(key);
  numeric_kid.header["kid"] = 7;
  EXPECT_EQ(code_of(numeric_kid), ErrorCode::bad_header);
}

TEST_F(BundleTest, DuplicateHeaderOrClaimMembersAreMalformed) {
  const BundleBuilder builder(key);
  const std::string header = builder.header.dump();
  const std::string duplicated = header.substr(0, header.size() - 1) + R"(,"alg":"Ed25519"})";
  EXPECT_EQ(code_of(builder.compact_with_raw(duplicated, builder.claims.dump())), ErrorCode::malformed);
  const std::string claims = builder.claims.dump();
  const std::string duplicated_claims = claims.substr(0, claims.size() - 1) + R"(,"sub":"someone-else"})";
  EXPECT_EQ(code_of(builder.compact_with_raw(header, duplicated_claims)), ErrorCode::malformed);
}

TEST_F(BundleTest, KidMustNameATrustedKeyAndTheSignatureMustBeThatKeys) {
  BundleBuilder builder(key);
  builder.header["kid"] = other.pub().kid;  // claims another trusted key, signed by `key`
  EXPECT_EQ(trust::verify_bundle(builder.compact(), {other.pub()}, options).code(), ErrorCode::bad_signature);
  EXPECT_EQ(trust::verify_bundle(BundleBuilder(key).compact(), {other.pub()}, options).code(), ErrorCode::unknown_key);
  EXPECT_EQ(trust::verify_bundle(BundleBuilder(key).compact(), {}, options).code(), ErrorCode::unknown_key);
}

TEST_F(BundleTest, RequiredClaimsAreChecked) {
  for (const char* claim : {"iss", "sub", "iat", "nbf", "exp", "jti", "ver", "seq", "record"}) {
    BundleBuilder builder(key);
    builder.claims.erase(claim);
    EXPECT_EQ(code_of(builder), ErrorCode::bad_claims) << claim;
  }
  struct Case {
    const char* claim;
    json::Json value;
  };
  const Case bad[] = {
      {"iss", "http://district.example.org"},
      {"iss", "district.example.org"},
      {"iss", "https://"},
      {"iss", 5},
      {"sub", ""},
      {"sub", 12},
      {"jti", ""},
      {"iat", "1790000000"},
      {"exp", 1.5e9},
      {"seq", -1},
      {"ver", 3},
      {"ver", 0},
      {"ver", "1"},
      {"rid", ""},
      {"rid", 3},
      {"record", "text"},
      {"record", json::Json::array()},
  };
  for (const auto& c : bad) {
    BundleBuilder builder(key);
    builder.claims[c.claim] = c.value;
    EXPECT_EQ(code_of(builder), ErrorCode::bad_claims) << c.claim << " = " << c.value.dump();
  }
  BundleBuilder exp_before_nbf(key);
  exp_before_nbf.claims["exp"] = kNowSeconds - 61;
  EXPECT_EQ(code_of(exp_before_nbf), ErrorCode::bad_claims);
}

TEST_F(BundleTest, PayloadMustBeAJsonObject) {
  const BundleBuilder builder(key);
  const std::string header = builder.header.dump();
  EXPECT_EQ(code_of(builder.compact_with_raw(header, "")), ErrorCode::malformed);
  EXPECT_EQ(code_of(builder.compact_with_raw(header, std::string(16, '\0'))), ErrorCode::malformed);
  EXPECT_EQ(code_of(builder.compact_with_raw(header, "[1,2]")), ErrorCode::bad_claims);
  EXPECT_EQ(code_of(builder.compact_with_raw(header, std::string(40, '[') + std::string(40, ']'))),
            ErrorCode::too_large);
}

TEST_F(BundleTest, TimeWindowHasA300SecondLeewayOnEachSide) {
  BundleBuilder builder(key);
  builder.claims["nbf"] = kNowSeconds + 300;
  builder.claims["iat"] = kNowSeconds + 300;
  EXPECT_EQ(code_of(builder), ErrorCode::ok);
  builder.claims["nbf"] = kNowSeconds + 301;
  EXPECT_EQ(code_of(builder), ErrorCode::not_yet_valid);
  builder.claims["nbf"] = kNowSeconds - 60;
  builder.claims["iat"] = kNowSeconds + 301;
  EXPECT_EQ(code_of(builder), ErrorCode::not_yet_valid);

  builder.claims["iat"] = kNowSeconds - 1000;
  builder.claims["nbf"] = kNowSeconds - 1000;
  builder.claims["exp"] = kNowSeconds - 299;
  EXPECT_EQ(code_of(builder), ErrorCode::ok);
  builder.claims["exp"] = kNowSeconds - 300;
  EXPECT_EQ(code_of(builder), ErrorCode::expired);
}

TEST_F(BundleTest, LowerSeqIsRolledBackAndEqualSeqMustBeTheSameBundle) {
  const BundleBuilder builder(key);  // seq 5
  const std::string compact = builder.compact();
  options.min_seq = 5;
  EXPECT_EQ(code_of(compact), ErrorCode::ok);
  options.min_seq = 6;
  EXPECT_EQ(code_of(compact), ErrorCode::rolled_back);
  options.min_seq = 4;
  EXPECT_EQ(code_of(compact), ErrorCode::ok);

  options.min_seq = 5;
  options.signature_at_min_seq = *jose::base64url::decode(compact.substr(compact.rfind('.') + 1));
  EXPECT_EQ(code_of(compact), ErrorCode::ok);
  BundleBuilder changed = builder;
  changed.claims["record"]["student"]["displayName"] = "changed";
  EXPECT_EQ(code_of(changed), ErrorCode::rolled_back);
  changed.claims["seq"] = 6;
  EXPECT_EQ(code_of(changed), ErrorCode::ok);

  // The same payload re-signed by another of the issuer's keys is another bundle: it needs a new seq.
  BundleBuilder resigned = builder;
  resigned.key = &other;
  resigned.header["kid"] = other.pub().kid;
  EXPECT_EQ(trust::verify_bundle(resigned.compact(), {key.pub(), other.pub()}, options).code(), ErrorCode::rolled_back);
  options.signature_at_min_seq.clear();  // nothing remembered but the seq: the seq alone decides
  EXPECT_EQ(trust::verify_bundle(resigned.compact(), {key.pub(), other.pub()}, options).code(), ErrorCode::ok);
}

TEST_F(BundleTest, TheSubjectIsTheRecordsStudent) {
  BundleBuilder other_student(key);
  other_student.claims["record"]["student"]["id"] = "student-0000";
  EXPECT_ERROR(trust::verify_bundle(other_student.compact(), {key.pub()}, options), ErrorCode::bad_claims,
               "sub must equal record.student.id");
  other_student.claims["record"]["student"].erase("id");
  EXPECT_EQ(code_of(other_student), ErrorCode::bad_claims);
  // A roster's sub is its teacher; it has no student.
  BundleBuilder roster(key, trust::profile::kTypRoster);
  roster.claims.erase("record");
  roster.claims["roster"] = {{"students", json::Json::array()}};
  EXPECT_EQ(code_of(roster), ErrorCode::ok);
}

TEST_F(BundleTest, RevokedJtiOrRidOfTheSigningKeyIsRefused) {
  trust::RevocationList list;
  list.revoked[key.pub().kid] = {"jti-1"};
  options.revocations = &list;
  EXPECT_EQ(code_of(BundleBuilder(key)), ErrorCode::revoked);

  BundleBuilder with_rid(key);
  with_rid.claims["jti"] = "jti-2";
  with_rid.claims["rid"] = "family-ab12";
  EXPECT_EQ(code_of(with_rid), ErrorCode::ok);
  list.revoked[key.pub().kid].insert("family-ab12");
  EXPECT_EQ(code_of(with_rid), ErrorCode::revoked);

  trust::RevocationList other_key_only;
  other_key_only.revoked[other.pub().kid] = {"jti-1"};  // the same id under another kid revokes nothing here
  options.revocations = &other_key_only;
  EXPECT_EQ(code_of(BundleBuilder(key)), ErrorCode::ok);
}

TEST_F(BundleTest, EverySingleByteChangeOfAValidBundleIsRejected) {
  const std::string good = BundleBuilder(key).compact();
  ASSERT_EQ(code_of(good), ErrorCode::ok);
  std::size_t changes = 0;
  for (std::size_t i = 0; i < good.size(); ++i) {
    // The next base64url letter (every bit pattern of the position changes), a separator, padding, a space.
    const char next = good[i] == 'z'   ? '0'
                      : good[i] == '9' ? '-'
                      : good[i] == '-' ? '_'
                      : good[i] == '_' ? 'A'
                      : good[i] == 'Z' ? 'a'
                                       : static_cast<char>(good[i] + 1);
    for (const char replacement : {next, '.', '=', ' ', '\0'}) {
      if (replacement == good[i]) continue;
      std::string bad = good;
      bad[i] = replacement;
      EXPECT_NE(code_of(bad), ErrorCode::ok) << "byte " << i << " -> " << static_cast<int>(replacement);
      ++changes;
    }
  }
  // Dropping or adding one byte anywhere is rejected too.
  for (std::size_t i = 0; i < good.size(); ++i) {
    EXPECT_NE(code_of(good.substr(0, i) + good.substr(i + 1)), ErrorCode::ok) << "dropped byte " << i;
    EXPECT_NE(code_of(good.substr(0, i) + "A" + good.substr(i)), ErrorCode::ok) << "inserted at " << i;
  }
  EXPECT_GT(changes, good.size() * 4);
}

TEST_F(BundleTest, SizeLimitsApplyBeforeAnyDecoding) {
  EXPECT_EQ(code_of(std::string(jose::jws::kMaxCompactSize + 1, 'A')), ErrorCode::too_large);
  BundleBuilder big_header(key);
  big_header.header["kid"] = std::string(1100, 'k');
  EXPECT_EQ(code_of(big_header), ErrorCode::too_large);
  BundleBuilder big(key);
  big.claims["record"]["padding"] = std::string(800 * 1024, 'x');  // ~1.07 MiB once base64url-encoded
  EXPECT_EQ(code_of(big), ErrorCode::too_large);
}

}  // namespace
}  // namespace fep
