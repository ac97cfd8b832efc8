// The one trust pipeline (core/trust/open.h): roots -> key set -> revocation list -> bundle ->
// rollback, with every seq-bearing object's stream kept in one Seen value.
#include "core/trust/open.h"

#include <gtest/gtest.h>

#include "bundle_builder.h"
#include "test_support.h"

namespace fep {
namespace {

using test::BundleBuilder;
using test::kNow;
using test::kNowSeconds;
using test::SigningKey;

constexpr const char* kIss = "https://district.example.org";

class OpenTest : public ::testing::Test {
 protected:
  SigningKey root, old_signer, new_signer;

  std::string signed_by_root(std::string_view typ, json::Json claims) const {
    BundleBuilder builder(root, typ);
    builder.claims = std::move(claims);
    return builder.compact();
  }
  std::string keyset(std::int64_t seq, const std::vector<const SigningKey*>& keys, std::string_view iss = kIss) const {
    json::Json claims{
        {"iss", iss}, {"iat", kNowSeconds - 10},    {"nbf", kNowSeconds - 10}, {"exp", kNowSeconds + 86400},
        {"seq", seq}, {"keys", json::Json::array()}};
    for (const auto* key : keys) claims["keys"].push_back(jose::jwk::to_public_json(key->pub()));
    return signed_by_root(trust::profile::kTypKeyset, claims);
  }
  std::string revocations(std::int64_t seq, json::Json revoked, std::string_view iss = kIss) const {
    return signed_by_root(trust::profile::kTypRevocations, {{"iss", iss},
                                                            {"iat", kNowSeconds - 10},
                                                            {"nbf", kNowSeconds - 10},
                                                            {"exp", kNowSeconds + 86400},
                                                            {"seq", seq},
                                                            {"revoked", revoked}});
  }
  static std::string bundle(const SigningKey& by, std::int64_t seq, std::string_view typ = trust::profile::kTypRecord) {
    BundleBuilder builder(by, typ);
    builder.claims["seq"] = seq;
    builder.claims["jti"] = "jti-" + std::to_string(seq);
    if (typ == trust::profile::kTypRoster) {
      builder.claims.erase("record");
      builder.claims["roster"] = {{"students", json::Json::array()}};
    }
    return builder.compact();
  }
  static std::string archive(const SigningKey& by, std::int64_t seq, int part, const char* student = "student-7f3a") {
    BundleBuilder builder(by, trust::profile::kTypArchive);
    builder.claims["seq"] = seq;
    builder.claims["jti"] = "archive-" + std::to_string(seq);
    builder.claims.erase("record");
    builder.claims["archive"] = {{"studentId", student}, {"part", part}, {"contactRecords", json::Json::array()}};
    return builder.compact();
  }
  trust::OpenRequest request(const std::string& bundle_text, const std::string& keyset_text,
                             const std::string& revocations_text = {}) const {
    trust::OpenRequest r;
    r.bundle = bundle_text;
    r.typ = trust::profile::kTypRecord;
    r.roots = {root.pub()};
    r.keyset = keyset_text;
    r.revocations = revocations_text;
    r.now = kNow;
    return r;
  }
};

TEST_F(OpenTest, AnOlderKeySetCannotBringBackARemovedKey) {
  const std::string set1 = keyset(1, {&old_signer}), set2 = keyset(2, {&new_signer});
  const std::string old_key_bundle = bundle(old_signer, 999), genuine = bundle(new_signer, 6);

  const auto with_set2 = trust::open(request(genuine, set2), {});
  ASSERT_TRUE(with_set2.ok()) << with_set2.error().detail;
  EXPECT_EQ(with_set2->seen.streams.at(std::string("keyset ") + kIss).seq, 2);
  // The newer set lists only the new key...
  EXPECT_EQ(trust::open(request(old_key_bundle, set2), with_set2->seen).code(), ErrorCode::unknown_key);
  // ...and replaying set 1 (which listed the removed key) is refused before the bundle is looked at.
  EXPECT_ERROR(trust::open(request(old_key_bundle, set1), with_set2->seen), ErrorCode::rolled_back,
               "key set seq below the last one seen");
  // A device that has seen nothing yet accepts set 1: the state is what protects.
  EXPECT_TRUE(trust::open(request(old_key_bundle, set1), {}).ok());
}

TEST_F(OpenTest, AnOlderRevocationListCannotUnrevoke) {
  const std::string set = keyset(1, {&new_signer});
  const std::string revoked_bundle = bundle(new_signer, 7);
  const std::string list1 = revocations(1, json::Json::object());
  const std::string list2 = revocations(2, {{new_signer.pub().kid, {"jti-7"}}});

  const auto first = trust::open(request(bundle(new_signer, 6), set, list2), {});
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_EQ(trust::open(request(revoked_bundle, set, list2), first->seen).code(), ErrorCode::revoked);
  EXPECT_ERROR(trust::open(request(revoked_bundle, set, list1), first->seen), ErrorCode::rolled_back,
               "revocation list seq below the last one seen");
}

TEST_F(OpenTest, BundlesRollBackPerStudentAndAnEqualSeqMustBeTheSameBundle) {
  const std::string set = keyset(1, {&new_signer});
  const auto opened = trust::open(request(bundle(new_signer, 6), set), {});
  ASSERT_TRUE(opened.ok());
  const auto& entry = opened->seen.streams.at(std::string(kIss) + " student-7f3a");
  EXPECT_EQ(entry.seq, 6);
  EXPECT_EQ(entry.signature, opened->bundle.signature);

  EXPECT_ERROR(trust::open(request(bundle(new_signer, 5), set), opened->seen), ErrorCode::rolled_back,
               "bundle seq below the last one seen");
  EXPECT_TRUE(trust::open(request(bundle(new_signer, 6), set), opened->seen).ok());  // the same bundle again
  BundleBuilder other(new_signer);
  other.claims["seq"] = 6;
  other.claims["jti"] = "another";
  const std::string other_text = other.compact();
  EXPECT_ERROR(trust::open(request(other_text, set), opened->seen), ErrorCode::rolled_back,
               "bundle: same seq with a different signature");
  EXPECT_TRUE(trust::open(request(bundle(new_signer, 7), set), opened->seen).ok());
}

TEST_F(OpenTest, ARosterIsNotARecordAndKeepsItsOwnStream) {
  const std::string set = keyset(1, {&new_signer});
  const std::string roster = bundle(new_signer, 9, trust::profile::kTypRoster);
  EXPECT_ERROR(trust::open(request(roster, set), {}), ErrorCode::wrong_typ,
               "typ \"fep-roster+jwt\" is not accepted here");
  auto as_roster = request(roster, set);
  as_roster.typ = trust::profile::kTypRoster;
  const auto opened = trust::open(as_roster, {});
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  EXPECT_EQ(opened->seen.streams.count(std::string("roster ") + kIss + " student-7f3a"), 1u);
  // A roster at seq 9 does not hold back the student's record at seq 6.
  EXPECT_TRUE(trust::open(request(bundle(new_signer, 6), set), opened->seen).ok());
}

TEST_F(OpenTest, EachArchivePartIsItsOwnStreamAndBelongsToItsStudent) {
  const std::string set = keyset(1, {&new_signer});
  EXPECT_ERROR(trust::open(request(archive(new_signer, 3, 1), set), {}), ErrorCode::wrong_typ,
               "typ \"fep-archive+jwt\" is not accepted here");
  auto as_archive = [&](const std::string& text) {
    auto r = request(text, set);
    r.typ = trust::profile::kTypArchive;
    return r;
  };
  const std::string part1 = archive(new_signer, 3, 1), part2 = archive(new_signer, 1, 2);
  const auto first = trust::open(as_archive(part1), {});
  ASSERT_TRUE(first.ok()) << first.error().detail;
  EXPECT_EQ(first->seen.streams.at(std::string("archive ") + kIss + " student-7f3a 1").seq, 3);
  // Part 2 at seq 1 is not held back by part 1 at seq 3, nor the record by either.
  const auto second = trust::open(as_archive(part2), first->seen);
  ASSERT_TRUE(second.ok()) << second.error().detail;
  EXPECT_TRUE(trust::open(request(bundle(new_signer, 1), set), second->seen).ok());
  EXPECT_ERROR(trust::open(as_archive(archive(new_signer, 2, 1)), second->seen), ErrorCode::rolled_back,
               "bundle seq below the last one seen");
  // Signed for one student, filed under another's sub: refused.
  EXPECT_ERROR(trust::open(as_archive(archive(new_signer, 1, 1, "someone-else")), {}), ErrorCode::bad_claims,
               "sub must equal archive.studentId");
  // A record is not an archive.
  EXPECT_EQ(trust::open(as_archive(bundle(new_signer, 1)), {}).code(), ErrorCode::wrong_typ);
}

TEST_F(OpenTest, SeenRoundTripsThroughJsonAndRefusesAnythingElse) {
  const auto opened = trust::open(request(bundle(new_signer, 6), keyset(3, {&new_signer})), {});
  ASSERT_TRUE(opened.ok());
  const auto again = trust::Seen::parse(opened->seen.to_json().dump());
  ASSERT_TRUE(again.ok());
  EXPECT_EQ(again->to_json(), opened->seen.to_json());
  EXPECT_EQ(trust::Seen::parse("").code(), ErrorCode::ok);
  EXPECT_ERROR(trust::Seen::parse("[]"), ErrorCode::malformed, "seen: must be a JSON object");
  EXPECT_ERROR(trust::Seen::parse(R"({"k": {"seq": -1}})"), ErrorCode::malformed, "seen: k needs a whole seq");
  EXPECT_ERROR(trust::Seen::parse(R"({"k": {"seq": 1, "signature": "!"}})"), ErrorCode::malformed,
               "seen: k: signature is not base64url");
}

TEST_F(OpenTest, KeysAndRevocationsSpeakForTheirOwnIssuerOnly) {
  // The same root signs for two districts (a state service, say): district B's key set may list the
  // very key that signed A's bundle, and still never vouches for A's data.
  const std::string other = "https://other-district.example.org";
  const std::string genuine = bundle(new_signer, 6);
  EXPECT_ERROR(trust::open(request(genuine, keyset(1, {&new_signer}, other)), {}), ErrorCode::issuer_mismatch,
               "key set of " + other);
  const std::string set = keyset(1, {&new_signer});
  EXPECT_ERROR(trust::open(request(genuine, set, revocations(1, json::Json::object(), other)), {}),
               ErrorCode::issuer_mismatch, "revocation list of " + other);
  EXPECT_TRUE(trust::open(request(genuine, set, revocations(1, json::Json::object())), {}).ok());
}

TEST_F(OpenTest, ExplicitMinSeqAppliesOnTopOfSeen) {
  const std::string set = keyset(1, {&new_signer});
  const std::string text = bundle(new_signer, 6);
  auto r = request(text, set);
  r.min_seq = trust::SeenEntry{7, {}};
  EXPECT_ERROR(trust::open(r, {}), ErrorCode::rolled_back, "seq below the last one seen");
}

}  // namespace
}  // namespace fep
