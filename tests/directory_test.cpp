// The trust directory (core/trust/directory.h) in the one trust pipeline: two districts, each with its
// own roots and key set, listed by one directory that the verifier pins.
#include "core/trust/directory.h"

#include <gtest/gtest.h>

#include "bundle_builder.h"
#include "core/trust/open.h"
#include "test_support.h"

namespace fep {
namespace {

using test::BundleBuilder;
using test::kNow;
using test::kNowSeconds;
using test::SigningKey;

constexpr const char* kLincoln = "https://lincoln.example.org";
constexpr const char* kRiverside = "https://riverside.example.org";
constexpr const char* kDirectory = "https://directory.example.org";

json::Json validity(std::string_view iss, std::int64_t seq) {
  return {
      {"iss", iss}, {"iat", kNowSeconds - 10}, {"nbf", kNowSeconds - 10}, {"exp", kNowSeconds + 86400}, {"seq", seq}};
}

struct District {
  explicit District(const char* issuer) : iss(issuer) {}
  const char* iss;
  SigningKey root, signer;

  std::string keyset() const {
    BundleBuilder builder(root, trust::profile::kTypKeyset);
    builder.claims = validity(iss, 1);
    builder.claims["keys"] = json::Json::array({jose::jwk::to_public_json(signer.pub())});
    return builder.compact();
  }
  std::string bundle(std::int64_t seq = 5) const {
    BundleBuilder builder(signer);
    builder.claims["iss"] = iss;
    builder.claims["seq"] = seq;
    return builder.compact();
  }
  json::Json listing(std::string_view name) const {
    return {{"iss", iss}, {"name", name}, {"roots", json::Json::array({jose::jwk::to_public_json(root.pub())})}};
  }
};

class DirectoryTest : public ::testing::Test {
 protected:
  SigningKey directory_key;
  District lincoln{kLincoln}, riverside{kRiverside};

  std::string directory(std::int64_t seq, json::Json issuers, const SigningKey* by = nullptr) const {
    BundleBuilder builder(by ? *by : directory_key, trust::profile::kTypDirectory);
    builder.claims = validity(kDirectory, seq);
    builder.claims["issuers"] = std::move(issuers);
    return builder.compact();
  }
  std::string both(std::int64_t seq = 1) const {
    return directory(
        seq, json::Json::array({lincoln.listing("Lincoln County Schools"), riverside.listing("Riverside Unified")}));
  }
  trust::OpenRequest request(const std::string& bundle, const std::string& keyset, const std::string& listed) const {
    trust::OpenRequest r;
    r.bundle = bundle;
    r.typ = trust::profile::kTypRecord;
    r.keyset = keyset;
    r.directory = listed;
    r.directory_keys = {directory_key.pub()};
    r.now = kNow;
    return r;
  }
};

TEST_F(DirectoryTest, EachListedIssuerIsVerifiedWithItsOwnRoots) {
  const std::string listed = both();
  const std::string lincoln_bundle = lincoln.bundle(), lincoln_keys = lincoln.keyset();
  const std::string riverside_bundle = riverside.bundle(), riverside_keys = riverside.keyset();
  const auto from_lincoln = trust::open(request(lincoln_bundle, lincoln_keys, listed), {});
  ASSERT_TRUE(from_lincoln.ok()) << from_lincoln.error().detail;
  EXPECT_EQ(from_lincoln->bundle.iss, kLincoln);
  EXPECT_EQ(from_lincoln->issuer_name, "Lincoln County Schools");
  const auto from_riverside = trust::open(request(riverside_bundle, riverside_keys, listed), from_lincoln->seen);
  ASSERT_TRUE(from_riverside.ok()) << from_riverside.error().detail;
  EXPECT_EQ(from_riverside->issuer_name, "Riverside Unified");
  EXPECT_EQ(from_riverside->seen.streams.at(std::string("directory ") + kDirectory).seq, 1);
}

TEST_F(DirectoryTest, OneDistrictsKeysNeverVouchForAnother) {
  // Riverside's bundle with Lincoln's key set: Riverside's roots did not sign that set.
  const std::string bundle = riverside.bundle(), keys = lincoln.keyset(), listed = both();
  EXPECT_EQ(trust::open(request(bundle, keys, listed), {}).code(), ErrorCode::unknown_key);
  // A bundle signed by Lincoln's key but claiming to be Riverside's: its claim chooses Riverside's roots,
  // under which Lincoln's key set does not verify.
  BundleBuilder forged(lincoln.signer);
  forged.claims["iss"] = kRiverside;
  const std::string forged_bundle = forged.compact();
  EXPECT_EQ(trust::open(request(forged_bundle, keys, listed), {}).code(), ErrorCode::unknown_key);
}

TEST_F(DirectoryTest, AnUnlistedIssuerIsRefusedWithItsOwnCode) {
  const std::string only_lincoln = directory(1, json::Json::array({lincoln.listing("Lincoln County Schools")}));
  const std::string bundle = riverside.bundle(), keys = riverside.keyset();
  EXPECT_ERROR(trust::open(request(bundle, keys, only_lincoln), {}), ErrorCode::unlisted_issuer,
               "https://riverside.example.org is not in the directory");
}

TEST_F(DirectoryTest, ATamperedOrForeignDirectoryIsRefused) {
  const std::string bundle = lincoln.bundle(), keys = lincoln.keyset();
  SigningKey stranger;
  const std::string foreign = directory(1, json::Json::array({lincoln.listing("Lincoln County Schools")}), &stranger);
  EXPECT_EQ(trust::open(request(bundle, keys, foreign), {}).code(), ErrorCode::unknown_key);
  std::string tampered = both();
  const auto payload_at = tampered.find('.') + 5;
  tampered[payload_at] = tampered[payload_at] == 'A' ? 'B' : 'A';
  const auto refused = trust::open(request(bundle, keys, tampered), {});
  EXPECT_TRUE(refused.code() == ErrorCode::bad_signature || refused.code() == ErrorCode::malformed)
      << to_string(refused.code());
}

TEST_F(DirectoryTest, AReplayedOlderDirectoryCannotBringBackARemovedIssuer) {
  const std::string with_riverside = both(1);
  const std::string without_riverside = directory(2, json::Json::array({lincoln.listing("Lincoln County Schools")}));
  const std::string lincoln_bundle = lincoln.bundle(), lincoln_keys = lincoln.keyset();
  const std::string riverside_bundle = riverside.bundle(), riverside_keys = riverside.keyset();
  const auto current = trust::open(request(lincoln_bundle, lincoln_keys, without_riverside), {});
  ASSERT_TRUE(current.ok()) << current.error().detail;
  EXPECT_ERROR(trust::open(request(riverside_bundle, riverside_keys, with_riverside), current->seen),
               ErrorCode::rolled_back, "directory seq below the last one seen");
}

TEST_F(DirectoryTest, EntriesAreCheckedBeforeAnythingIsTrusted) {
  const json::Json twice = json::Json::array({lincoln.listing("Lincoln"), lincoln.listing("Lincoln again")});
  EXPECT_ERROR(trust::read_issuers(twice), ErrorCode::bad_claims,
               "issuers/1: https://lincoln.example.org is listed twice");
  // json::Json::array: a braced list of one object would be that object under libc++.
  json::Json private_root = json::Json::array({lincoln.listing("Lincoln")});
  private_root[0]["roots"][0]["d"] = "c2VjcmV0";
  EXPECT_ERROR(trust::read_issuers(private_root), ErrorCode::bad_claims, "issuers/0: roots must be public keys");
  json::Json plain_http = json::Json::array({lincoln.listing("Lincoln")});
  plain_http[0]["iss"] = "http://lincoln.example.org";
  EXPECT_EQ(trust::read_issuers(plain_http).code(), ErrorCode::bad_claims);
  // What is written back is what is read: the CLI signs exactly what verifiers accept.
  const auto read =
      trust::read_issuers(json::Json::array({lincoln.listing("Lincoln"), riverside.listing("Riverside")}));
  ASSERT_TRUE(read.ok());
  EXPECT_EQ(trust::issuers_to_json(*read),
            json::Json::array({lincoln.listing("Lincoln"), riverside.listing("Riverside")}));
}

}  // namespace
}  // namespace fep
