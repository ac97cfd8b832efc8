// The hub's rules without HTTP: invite codes, DPoP proofs, the authorisation matrix, and the store's
// promises (an invite burns once, a bundle seq is issued once, a contact batch commits whole).
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <set>

#include "core/jose/base64url.h"
#include "core/jose/crypto.h"
#include "core/jose/jws.h"
#include "core/record/timestamp.h"
#include "hub/auth.h"
#include "hub/schema.h"
#include "hub/sql.h"
#include "hub/store.h"
#include "record_fixture.h"
#include "test_support.h"

namespace fep {
namespace {

using hub::Account;
using record::timestamp::from_epoch;

const date::sys_seconds kNow = from_epoch(1'790'000'000);

std::string proof(const jose::crypto::SecretKey& key, const json::Json& header_extra, const json::Json& claims) {
  json::Json header = {
      {"typ", "dpop+jwt"}, {"alg", "EdDSA"}, {"jwk", jose::jwk::to_public_json({"", key.public_key()})}};
  header["jwk"].erase("kid");
  if (header_extra.is_object()) header.update(header_extra);
  return jose::jws::sign(header.dump(), claims.dump(), key);
}

json::Json claims(const char* method = "GET", const char* url = "https://hub.example/api/me",
                  std::int64_t iat = 1'790'000'000) {
  return {{"jti", "j-1"}, {"htm", method}, {"htu", url}, {"iat", iat}};
}

TEST(HubInvite, CodesAreEightyBitsInFourTypableGroupsAndForgiveHowTheyAreTyped) {
  std::set<std::string> codes;
  for (int i = 0; i < 200; ++i) {
    const std::string code = hub::new_invite_code();
    ASSERT_EQ(code.size(), 19u) << code;
    for (std::size_t at : {4u, 9u, 14u}) EXPECT_EQ(code[at], '-');
    EXPECT_EQ(code.find_first_of("ILOU"), std::string::npos) << code;
    codes.insert(code);
  }
  EXPECT_EQ(codes.size(), 200u);
  EXPECT_EQ(hub::invite_hash("7K2M-QX40-9RTA-C31N"), hub::invite_hash("7k2m qx4o 9rta c3ln"));
  EXPECT_NE(hub::invite_hash("7K2M-QX40-9RTA-C31N"), hub::invite_hash("7K2M-QX40-9RTA-C31M"));
}

TEST(HubProof, AFreshProofForThisRequestVerifiesAndNothingElseDoes) {
  const auto key = jose::crypto::SecretKey::generate();
  const auto good = hub::verify_proof(proof(key, {}, claims()), "GET", "https://hub.example/api/me", kNow);
  ASSERT_TRUE(good.ok()) << good.error().detail;
  EXPECT_EQ(good->key.kid, jose::jwk::thumbprint(key.public_key()));
  EXPECT_EQ(good->jti, "j-1");
  const auto code = [&](const std::string& text, const char* method = "GET") {
    return hub::verify_proof(text, method, "https://hub.example/api/me", kNow).code();
  };
  EXPECT_EQ(code(proof(key, {{"alg", "Ed25519"}}, claims())), ErrorCode::ok);
  EXPECT_EQ(code(proof(key, {}, claims()), "POST"), ErrorCode::bad_claims);
  EXPECT_EQ(code(proof(key, {}, claims("GET", "https://hub.example/api/roster"))), ErrorCode::bad_claims);
  EXPECT_EQ(code(proof(key, {}, claims("GET", "https://hub.example/api/me", 1'790'000'000 - 301))), ErrorCode::expired);
  EXPECT_EQ(code(proof(key, {}, claims("GET", "https://hub.example/api/me", 1'790'000'000 + 301))),
            ErrorCode::not_yet_valid);
  EXPECT_EQ(code(proof(key, {{"typ", "JWT"}}, claims())), ErrorCode::bad_header);
  EXPECT_EQ(code(proof(key, {{"kid", "k"}}, claims())), ErrorCode::bad_header);
  EXPECT_EQ(code(proof(key, {{"alg", "HS256"}}, claims())), ErrorCode::unsupported_alg);
  auto no_jti = claims();
  no_jti.erase("jti");
  EXPECT_EQ(code(proof(key, {}, no_jti)), ErrorCode::bad_claims);
  // Signed by another key than the one it names.
  const auto other = jose::crypto::SecretKey::generate();
  json::Json header = {
      {"typ", "dpop+jwt"}, {"alg", "EdDSA"}, {"jwk", jose::jwk::to_public_json({"", key.public_key()})}};
  header["jwk"].erase("kid");
  EXPECT_EQ(code(jose::jws::sign(header.dump(), claims().dump(), other)), ErrorCode::bad_signature);
  // A private key in the header is refused, not used.
  json::Json leaky = header;
  leaky["jwk"]["d"] = jose::base64url::encode(std::string(32, 'x'));
  EXPECT_EQ(code(jose::jws::sign(leaky.dump(), claims().dump(), key)), ErrorCode::bad_key);
  EXPECT_EQ(code(""), ErrorCode::bad_header);
}

TEST(HubAuthorisation, TheMatrixOfTheDesignNote) {
  const Account family{"contact:c-1", "c-1", hub::Role::family, {"s-1", "s-2"}};
  const Account teacher{"staff:t-1", "T", hub::Role::teacher, {"s-1"}};
  const Account admin{"staff:a", "A", hub::Role::admin, {"s-1", "s-2", "s-3"}};
  using contact::Direction;
  EXPECT_TRUE(hub::may_see(family, "s-2"));
  EXPECT_FALSE(hub::may_see(family, "s-3"));
  EXPECT_TRUE(hub::may_write(family, "s-1", Direction::family_to_school));
  EXPECT_FALSE(hub::may_write(family, "s-1", Direction::school_to_family));
  EXPECT_FALSE(hub::may_write(family, "s-3", Direction::family_to_school));
  EXPECT_TRUE(hub::may_write(teacher, "s-1", Direction::school_to_family));
  EXPECT_FALSE(hub::may_write(teacher, "s-1", Direction::family_to_school));
  EXPECT_FALSE(hub::may_write(teacher, "s-2", Direction::school_to_family));
  EXPECT_TRUE(hub::may_write(admin, "s-3", Direction::family_to_school));
  EXPECT_TRUE(hub::may_write(admin, "s-3", Direction::school_to_family));
  EXPECT_FALSE(hub::may_read_roster(family));
  EXPECT_TRUE(hub::may_read_roster(teacher));
}

// The store's rules on SQLite, or on the PostgreSQL database FEP_TEST_DATABASE names (a throwaway one:
// tests/postgres/store.test.mjs starts a cluster and runs these tests against it, emptied per test).
class HubStore : public ::testing::Test {
 protected:
  void SetUp() override {
    if (const char* url = std::getenv("FEP_TEST_DATABASE")) {
      location_ = url;
      auto db = hub::sql::open_postgres(location_, 1);
      ASSERT_TRUE(db.ok()) << db.error().detail;
      auto connection = (*db)->connection();
      ASSERT_TRUE(connection.ok());
      ASSERT_TRUE((*connection)->script("DROP SCHEMA public CASCADE; CREATE SCHEMA public").ok());
    } else {
      location_ = ::testing::TempDir() + "hub-store-" +
                  std::to_string(::testing::UnitTest::GetInstance()->random_seed()) + "-" +
                  ::testing::UnitTest::GetInstance()->current_test_info()->name() + ".sqlite";
      std::remove(location_.c_str());
    }
    auto opened = hub::open_store(location_);
    ASSERT_TRUE(opened.ok()) << opened.error().detail;
    store = std::move(opened).value();
  }
  void TearDown() override {
    store.reset();
    for (const char* suffix : {"", "-wal", "-shm"}) std::remove((location_ + suffix).c_str());
  }
  std::string location_;
  std::unique_ptr<hub::Store> store;
};

TEST_F(HubStore, AnInviteBurnsOnceAndNotAfterItExpires) {
  ASSERT_TRUE(store->add_invite("h1", "contact:c-1", kNow + std::chrono::hours(1)).ok());
  ASSERT_TRUE(store->add_invite("h2", "contact:c-1", kNow - std::chrono::seconds(1)).ok());
  const auto device = [](const char* kid) { return hub::Device{kid, "{}", "", kNow, false}; };
  EXPECT_EQ(store->enroll_device("h1", device("d-1"), kNow)->value_or(""), "contact:c-1");
  EXPECT_FALSE(store->enroll_device("h1", device("d-2"), kNow)->has_value());
  EXPECT_FALSE(store->enroll_device("h2", device("d-2"), kNow)->has_value());
  EXPECT_FALSE(store->enroll_device("nope", device("d-2"), kNow)->has_value());
  EXPECT_EQ((*store->device("d-1"))->account, "contact:c-1");
  EXPECT_FALSE(store->device("d-2")->has_value());
}

TEST_F(HubStore, ACodeIsNotSpentOnADeviceAlreadyEnrolled) {
  ASSERT_TRUE(store->add_invite("h1", "contact:c-1", kNow + std::chrono::hours(1)).ok());
  ASSERT_TRUE(store->add_invite("h2", "contact:c-2", kNow + std::chrono::hours(1)).ok());
  const hub::Device device{"d-1", "{}", "", kNow, false};
  ASSERT_TRUE(store->enroll_device("h1", device, kNow)->has_value());
  const auto again = store->enroll_device("h2", device, kNow);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.code(), fep::ErrorCode::bad_key);
  EXPECT_EQ((*store->device("d-1"))->account, "contact:c-1");  // unchanged
  // h2 is still good for another device.
  EXPECT_EQ(store->enroll_device("h2", {"d-2", "{}", "", kNow, false}, kNow)->value_or(""), "contact:c-2");
}

TEST_F(HubStore, ABundleSeqIsIssuedOnceAndAProofJtiOnce) {
  hub::StoredBundle bundle{"a.b.c", 1, kNow + std::chrono::hours(1), 0};
  EXPECT_TRUE(*store->save_bundle("s-1", bundle, 0));
  EXPECT_FALSE(*store->save_bundle("s-1", bundle, 0));  // seq 1 again: another writer was first
  bundle.seq = 3;
  EXPECT_FALSE(*store->save_bundle("s-1", bundle, 0));  // no gaps either
  bundle.seq = 2;
  EXPECT_TRUE(*store->save_bundle("s-1", bundle, 0));
  EXPECT_EQ((*store->bundle("s-1"))->seq, 2);
  EXPECT_TRUE(*store->remember_proof("j-1", kNow));
  EXPECT_FALSE(*store->remember_proof("j-1", kNow));
}

TEST_F(HubStore, AChangeMadeWhileABundleIsSignedStaysCounted) {
  ASSERT_TRUE(store->put_record("s-1", "{}", {{"c-1", true}}, {}).ok());
  const auto before = *store->bundle("s-1");  // a row for a bundle never signed: seq 0, one change
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(before->seq, 0);
  EXPECT_EQ(before->changes, 1);
  // While the bundle is signed from what was read, the record changes again.
  ASSERT_TRUE(store->put_record("s-1", "{\"v\":2}", {{"c-1", true}}, {}).ok());
  EXPECT_TRUE(*store->save_bundle("s-1", {"a.b.c", 1, kNow + std::chrono::hours(1), 0}, before->changes));
  const auto after = *store->bundle("s-1");
  EXPECT_EQ(after->seq, 1);
  EXPECT_EQ(after->changes, 1);  // not current: the next request signs again
  EXPECT_TRUE(*store->save_bundle("s-1", {"a.b.d", 2, kNow + std::chrono::hours(1), 0}, after->changes));
  EXPECT_EQ((*store->bundle("s-1"))->changes, 0);
}

TEST_F(HubStore, AContactBatchCommitsWholeOrNotAtAll) {
  const hub::StoredContact one{"dev", "i-1", "s-1", "staff:t", "a.b.c", "h1", 1, true, "", "r-1"};
  const hub::StoredContact two{"dev", "i-2", "s-1", "staff:t", "a.b.d", "h2", 2, true, "", "r-2"};
  ASSERT_TRUE(store->append_contacts({one, two}).ok());
  EXPECT_EQ(store->head("dev")->first, 2);
  EXPECT_TRUE(*store->holds("dev", "i-2"));
  // A batch repeating a held record fails whole: the new record in it is not stored either.
  const hub::StoredContact three{"dev", "i-3", "s-1", "staff:t", "a.b.e", "h3", 3, true, "", "r-3"};
  EXPECT_FALSE(store->append_contacts({three, two}).ok());
  EXPECT_FALSE(*store->holds("dev", "i-3"));
  EXPECT_EQ(store->accepted_contacts("s-1")->size(), 2u);
}

TEST_F(HubStore, AStudentsRecordsComeInTheOrderTheyArrivedWhateverTheDevice) {
  // Device "z" writes first, then "a", then "z" again: archives keep the older records, so the order
  // is arrival, not device name.
  ASSERT_TRUE(store->append_contacts({{"z", "i-1", "s-1", "staff:t", "a.b.c", "h1", 1, true, "", "r-1"}}).ok());
  ASSERT_TRUE(store
                  ->append_contacts({{"a", "i-2", "s-1", "contact:c", "a.b.d", "h2", 1, true, "", "r-2"},
                                     {"b", "i-9", "s-2", "staff:t", "a.b.x", "h9", 1, true, "", "r-9"}})
                  .ok());
  ASSERT_TRUE(store->append_contacts({{"z", "i-3", "s-1", "staff:t", "a.b.e", "h3", 2, true, "", "r-3"}}).ok());
  const auto contacts = store->accepted_contacts("s-1");
  ASSERT_TRUE(contacts.ok());
  std::vector<std::string> order;
  for (const auto& c : *contacts) order.push_back(c.idem);
  EXPECT_EQ(order, (std::vector<std::string>{"i-1", "i-2", "i-3"}));
}

TEST_F(HubStore, AHistorysRecordIdsAndFamilyAreLookedUpNotRead) {
  ASSERT_TRUE(store->put_record("s-1", "{}", {{"c-1", true}}, {"sis-1", "sis-2"}).ok());
  EXPECT_TRUE(*store->uses_record_id("s-1", "sis-2"));
  EXPECT_FALSE(*store->uses_record_id("s-2", "sis-2"));  // ids are per student
  EXPECT_TRUE(*store->is_family_of("c-1", "s-1"));
  EXPECT_FALSE(*store->is_family_of("c-2", "s-1"));
  hub::StoredContact accepted{"dev", "i-1", "s-1", "staff:t", "a.b.c", "h1", 1, true, "", "cr-7"};
  hub::StoredContact refused{"dev", "i-2", "s-1", "staff:t", "a.b.d", "h2", 2, false, "forbidden", "cr-8"};
  ASSERT_TRUE(store->append_contacts({accepted, refused}).ok());
  EXPECT_TRUE(*store->uses_record_id("s-1", "cr-7"));
  EXPECT_FALSE(*store->uses_record_id("s-1", "cr-8"));  // a refused record uses no id
  // The record put again without one of its own contact records: that id is free, the accepted one kept.
  ASSERT_TRUE(store->put_record("s-1", "{\"v\":2}", {{"c-1", true}}, {"sis-1"}).ok());
  EXPECT_FALSE(*store->uses_record_id("s-1", "sis-2"));
  EXPECT_TRUE(*store->uses_record_id("s-1", "cr-7"));
}

TEST_F(HubStore, AQuarantinedRecordIsKeptHiddenAndAudited) {
  const hub::StoredContact one{"dev", "i-1", "s-1", "staff:t", "a.b.c", "h1", 1, true, "", "r-1"};
  const hub::StoredContact two{"dev", "i-2", "s-1", "staff:t", "a.b.d", "h2", 2, true, "", "r-2"};
  ASSERT_TRUE(store->append_contacts({one, two}).ok());
  const auto changes_before = (*store->bundle("s-1"))->changes;
  EXPECT_TRUE(*store->quarantine_contact("i-1", "alice", "wrong family", kNow));
  EXPECT_FALSE(*store->quarantine_contact("i-1", "alice", "again", kNow));  // already out
  EXPECT_FALSE(*store->quarantine_contact("nope", "alice", "none", kNow));
  ASSERT_EQ(store->accepted_contacts("s-1")->size(), 1u);
  EXPECT_EQ((*store->accepted_contacts("s-1"))[0].idem, "i-2");
  const auto all = *store->contacts_of("s-1");
  ASSERT_EQ(all.size(), 2u);  // kept
  EXPECT_FALSE(all[0].accepted);
  EXPECT_EQ(all[0].code, "quarantined");
  EXPECT_GT((*store->bundle("s-1"))->changes, changes_before);  // the next bundle is signed without it
  const auto audit = *store->audit_log();
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_NE(audit[0].find("\tcontacts.quarantine\ti-1\talice\twrong family"), std::string::npos);
}

TEST_F(HubStore, AttemptsCountInBulk) {
  ASSERT_TRUE(store->add_attempts("k", kNow, 3).ok());
  ASSERT_TRUE(store->add_attempt("k", kNow).ok());
  EXPECT_EQ(*store->attempts("k", kNow - std::chrono::hours(1)), 4);
  EXPECT_EQ(*store->attempts("k", kNow + std::chrono::seconds(1)), 0);
}

TEST_F(HubStore, ATransferIsStoredOnceAndListedForItsStudentOnly) {
  const hub::StoredTransfer maya{"rv-1",    "https://lincoln.example.org",
                                 "stu-1",   4,
                                 "Lincoln", "contact:c-1",
                                 "a.b.c",   "k.s.j",
                                 "",        record::timestamp::from_epoch(1790000000)};
  EXPECT_TRUE(*store->add_transfer(maya));
  EXPECT_FALSE(*store->add_transfer(maya));  // held: not stored twice
  auto newer = maya;
  newer.seq = 5;
  newer.compact = "a.b.d";
  EXPECT_TRUE(*store->add_transfer(newer));
  const auto held = store->transfers("rv-1");
  ASSERT_TRUE(held.ok());
  ASSERT_EQ(held->size(), 2u);
  EXPECT_EQ((*held)[0].compact, "a.b.c");
  EXPECT_EQ((*held)[1].seq, 5);
  EXPECT_EQ((*held)[0].received, maya.received);
  EXPECT_TRUE(store->transfers("rv-2")->empty());
}

// Data from before the hub told readers apart (schema 6) opens with each record's parents and legal
// guardians reading it, and nobody else.
TEST(HubMigration, ReadersAreFilledFromTheRecordsWhenAnOlderDatabaseOpens) {
  if (std::getenv("FEP_TEST_DATABASE")) GTEST_SKIP() << "SQLite's file; the same statements run on PostgreSQL";
  const std::string path = ::testing::TempDir() + "hub-schema-6.sqlite";
  std::remove(path.c_str());
  {
    auto db = hub::sql::open_sqlite(path);
    ASSERT_TRUE(db.ok()) << db.error().detail;
    auto c = (*db)->connection();
    ASSERT_TRUE(c.ok());
    for (std::size_t step = 0; step < 6; ++step) ASSERT_TRUE((*c)->script(hub::schema::migrations()[step]).ok());
    auto record = test::base_record();
    record["contacts"] = {
        {{"id", "c-mom"}, {"name", "R. H."}, {"relation", "Mother"}},
        {{"id", "c-gran"}, {"name", "L. P."}, {"relation", "Grandmother"}, {"restrictions", "Pick-up only"}},
        {{"id", "c-aunt"}, {"name", "A. H."}, {"relation", "Aunt"}, {"legalGuardian", true}}};
    const std::string student = record["student"]["id"];
    for (const auto& [statement, parameters] : std::vector<std::pair<std::string, std::vector<hub::sql::Value>>>{
             {"INSERT INTO meta (name, value) VALUES ('schema_version', '6')", {}},
             {"INSERT INTO records (student, record) VALUES ($1, $2)", {student, record.dump()}},
             {"INSERT INTO family (contact, student) VALUES ('c-mom', $1), ('c-gran', $1), ('c-aunt', $1)",
              {student}}}) {
      ASSERT_TRUE((*c)->run(statement, parameters).ok()) << statement;
    }
  }
  auto opened = hub::open_store(path);
  ASSERT_TRUE(opened.ok()) << opened.error().detail;
  auto& store = **opened;
  EXPECT_EQ(store.setting("schema_version")->value_or(""), "8");
  const auto reads = [&](const char* contact) { return store.account(contact)->has_value(); };
  EXPECT_TRUE(reads("contact:c-mom"));   // a parent
  EXPECT_TRUE(reads("contact:c-aunt"));  // a legal guardian
  EXPECT_FALSE(reads("contact:c-gran"));
  EXPECT_EQ(*store.accounts(true), (std::vector<std::string>{"contact:c-aunt", "contact:c-mom"}));
}

TEST_F(HubStore, TheSchemaIsVersionedAndReopensAsIs) {
  EXPECT_EQ(store->setting("schema_version")->value_or(""), "8");  // 8: transfers held for confirmation
  ASSERT_TRUE(store->set_setting("iss", "https://hub.example").ok());
  store.reset();
  auto again = hub::open_store(location_);
  ASSERT_TRUE(again.ok());
  EXPECT_EQ((*again)->setting("iss")->value_or(""), "https://hub.example");
}

}  // namespace
}  // namespace fep
