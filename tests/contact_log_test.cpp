// Contact records as a device's hash chain: each fault is detected with its own code.
#include <gtest/gtest.h>

#include "bundle_builder.h"
#include "core/contact/limits.h"
#include "core/contact/log.h"
#include "core/jose/base64url.h"
#include "core/jose/jws.h"
#include "core/record/timestamp.h"
#include "core/trust/profile.h"
#include "test_support.h"

namespace fep {
namespace {

using record::timestamp::from_epoch;

using contact::Link;
using test::SigningKey;

json::Json contact(int n) {
  return {{"id", "cr-" + std::to_string(n)},
          {"at", "2026-03-0" + std::to_string(1 + n % 9) + "T15:00:00Z"},
          {"direction", n % 2 ? "family_to_school" : "school_to_family"},
          {"channel", "phone"},
          {"topics", {"attendance"}},
          {"note", "Contact " + std::to_string(n)},
          {"outcome", "reached"}};
}

class ContactLog : public ::testing::Test {
 protected:
  SigningKey device, other_device;

  // A chain of n records from this device.
  std::vector<std::string> chain(int n) {
    std::vector<std::string> records;
    Link at;
    for (int i = 1; i <= n; ++i) {
      auto compact = contact::sign(contact(i), "stu-1", device.secret, at, from_epoch(1790000000 + i));
      EXPECT_TRUE(compact.ok()) << compact.error().detail;
      records.push_back(compact->compact);
      EXPECT_EQ(compact->seq, i);
      EXPECT_EQ(compact->dev, device.pub().kid);
      EXPECT_EQ(compact->hash, contact::hash_of(compact->compact));
      at = {i, compact->hash};
    }
    return records;
  }
  ErrorCode code_of(const std::vector<std::string>& records) {
    return contact::verify_chain(records, device.pub()).code();
  }
};

TEST_F(ContactLog, AnIntactChainVerifiesWithEveryField) {
  const auto records = chain(5);
  const auto entries = contact::verify_chain(records, device.pub());
  ASSERT_TRUE(entries.ok()) << entries.error().detail;
  ASSERT_EQ(entries->size(), 5u);
  EXPECT_EQ((*entries)[0].seq, 1);
  EXPECT_TRUE((*entries)[0].prev.empty());
  EXPECT_EQ((*entries)[3].prev, contact::hash_of(records[2]));
  EXPECT_EQ((*entries)[4].record.note, "Contact 5");
  EXPECT_EQ((*entries)[4].student, "stu-1");
  EXPECT_EQ((*entries)[4].dev, device.pub().kid);
  EXPECT_EQ(jose::base64url::decode((*entries)[0].idem)->size(), 16u);
  EXPECT_NE((*entries)[0].idem, (*entries)[1].idem);
}

TEST_F(ContactLog, AMissingRecordIsAGap) {
  auto records = chain(5);
  records.erase(records.begin() + 2);
  EXPECT_EQ(code_of(records), ErrorCode::chain_gap);
  EXPECT_EQ(code_of({records.begin() + 1, records.end()}), ErrorCode::chain_gap);  // the first is missing
}

TEST_F(ContactLog, TwoDifferentRecordsWithOneSeqAreAFork) {
  auto records = chain(3);
  // The device signs another record 2 after record 1: two histories.
  const auto second_two =
      contact::sign(contact(9), "stu-1", device.secret, {1, contact::hash_of(records[0])}, from_epoch(1790000100));
  records.push_back(second_two->compact);
  EXPECT_EQ(code_of(records), ErrorCode::chain_fork);
}

TEST_F(ContactLog, OutOfOrderRecordsAreReordered) {
  auto records = chain(4);
  std::swap(records[1], records[2]);
  EXPECT_EQ(code_of(records), ErrorCode::chain_reordered);
  auto backwards = chain(3);
  std::reverse(backwards.begin(), backwards.end());
  EXPECT_EQ(code_of(backwards), ErrorCode::chain_reordered);
}

TEST_F(ContactLog, AnEditedRecordIsTampered) {
  // Edited bytes: the signature no longer matches.
  auto records = chain(3);
  const auto dot = records[1].find('.');
  records[1][dot + 20] = records[1][dot + 20] == 'A' ? 'B' : 'A';
  EXPECT_EQ(code_of(records), ErrorCode::chain_tampered);

  // Edited and re-signed with the device's key (a compromised device rewriting history): the next
  // record's prev still names the original.
  auto rewritten = chain(3);
  auto edited = contact(2);
  edited["note"] = "Changed afterwards";
  rewritten[1] =
      contact::sign(edited, "stu-1", device.secret, {1, contact::hash_of(rewritten[0])}, from_epoch(1790000002))
          ->compact;
  EXPECT_EQ(code_of(rewritten), ErrorCode::chain_tampered);
}

TEST_F(ContactLog, ARepeatedUploadOfTheSameRecordIsIdempotent) {
  auto records = chain(3);
  records.insert(records.begin() + 2, records[1]);  // record 2 sent twice
  const auto entries = contact::verify_chain(records, device.pub());
  ASSERT_TRUE(entries.ok()) << entries.error().detail;
  EXPECT_EQ(entries->size(), 3u);
}

TEST_F(ContactLog, AChainContinuesFromAKnownLink) {
  const auto records = chain(5);
  const Link after_two{2, contact::hash_of(records[1])};
  EXPECT_TRUE(contact::verify_chain({records.begin() + 2, records.end()}, device.pub(), after_two).ok());
  EXPECT_EQ(contact::verify_chain({records.begin() + 3, records.end()}, device.pub(), after_two).code(),
            ErrorCode::chain_gap);
  EXPECT_EQ(contact::verify_chain({records.begin() + 1, records.end()}, device.pub(), after_two).code(),
            ErrorCode::ok);  // 2 again: a retry
  auto other_two = contact(7);
  const auto forked_two =
      contact::sign(other_two, "stu-1", device.secret, {1, contact::hash_of(records[0])}, from_epoch(5));
  EXPECT_EQ(contact::verify_chain({forked_two->compact}, device.pub(), after_two).code(), ErrorCode::chain_fork);
}

TEST_F(ContactLog, RecordsAreValidatedAndBoundToTheirDevice) {
  const auto records = chain(2);
  EXPECT_EQ(contact::verify_chain(records, other_device.pub()).code(), ErrorCode::unknown_key);
  auto long_note = contact(1);
  long_note["note"] = std::string(2001, 'x');
  EXPECT_EQ(contact::sign(long_note, "stu-1", device.secret, {}, from_epoch(1)).code(), ErrorCode::bad_record);
  auto bad_channel = contact(1);
  bad_channel["channel"] = "pigeon";
  const auto refused = contact::sign(bad_channel, "stu-1", device.secret, {}, from_epoch(1));
  EXPECT_ERROR(refused, ErrorCode::bad_record, "/channel: \"pigeon\" is not an allowed value");
  EXPECT_EQ(contact::sign(contact(1), "", device.secret, {}, from_epoch(1)).code(), ErrorCode::bad_claims);
  // A bundle-profile JWS signed by the device is not a contact record.
  test::BundleBuilder bundle(device);
  EXPECT_EQ(contact::verify_record(bundle.compact(), device.pub()).code(), ErrorCode::wrong_typ);
}

TEST_F(ContactLog, EveryFieldIsBoundedInBytesAndNoOtherMemberIsTaken) {
  // What one family could once send: notes of 2,000 four-byte characters, 8 KB each, until the
  // student's bundle passed the verifiers' 1 MiB and nobody could read it.
  std::string emoji;
  for (int i = 0; i < 1600; ++i) emoji += "\xF0\x9F\x98\x80";  // 6,400 bytes, 1,600 characters
  std::string accents;
  for (int i = 0; i < 2000; ++i) accents += "\xC3\xA9";  // 4,000 bytes, 2,000 characters: fine
  const auto with = [&](const char* name, json::Json value) {
    auto record = contact(1);
    record[name] = std::move(value);
    return contact::sign(record, "stu-1", device.secret, {}, from_epoch(1));
  };
  EXPECT_TRUE(with("note", accents).ok());
  EXPECT_ERROR(with("note", emoji), ErrorCode::bad_record, "/note: is longer than 6000 bytes");
  EXPECT_ERROR(with("id", std::string(129, 'i')), ErrorCode::bad_record, "/id: is longer than 128 bytes");
  EXPECT_ERROR(with("language", std::string(36, 'l')), ErrorCode::bad_record, "/language: is longer than 35 bytes");
  EXPECT_ERROR(with("html", "<b>"), ErrorCode::bad_record, "/html: is not a member of a contact record");
  EXPECT_ERROR(with("topics", json::Json(std::vector<std::string>(8, "other"))), ErrorCode::bad_record,
               "/topics: names more topics than there are");

  // Claims beyond the format's are refused, and so is an oversized record before any work.
  const json::Json claims = {{"dev", device.pub().kid}, {"seq", 1},     {"prev", nullptr},
                             {"idem", "i-1"},           {"iat", 1},     {"sub", "stu-1"},
                             {"record", contact(1)},    {"admin", true}};
  const std::string extra =
      jose::jws::sign(trust::profile::header_json(contact::kTyp, device.pub().kid), claims.dump(), device.secret);
  EXPECT_ERROR(contact::verify_record(extra, device.pub()), ErrorCode::bad_claims,
               "\"admin\" is not a claim of a contact record");
  EXPECT_EQ(contact::verify_record(std::string(17 * 1024, 'a'), device.pub()).code(), ErrorCode::too_large);
}

TEST_F(ContactLog, AKeyTheCoreNeverHoldsSignsThroughPrepareAndAssemble) {
  // The browser signs with a non-extractable CryptoKey: the core prepares the bytes and checks the result.
  const auto prepared = contact::prepare(contact(1), "stu-1", device.pub(), {}, from_epoch(1790000000));
  ASSERT_TRUE(prepared.ok()) << prepared.error().detail;
  EXPECT_EQ(prepared->seq, 1);
  EXPECT_EQ(prepared->dev, device.pub().kid);
  const std::string signature = jose::crypto::ed25519_sign(prepared->signing_input, device.secret);
  const auto assembled = contact::assemble(*prepared, signature, device.pub());
  ASSERT_TRUE(assembled.ok());
  EXPECT_TRUE(contact::verify_chain({assembled->compact}, device.pub()).ok());
  // Another key's signature, or a garbled one, never leaves as a record.
  EXPECT_ERROR(contact::assemble(*prepared, jose::crypto::ed25519_sign(prepared->signing_input, other_device.secret),
                                 device.pub()),
               ErrorCode::bad_signature, "the signature does not verify with the device's key");
  EXPECT_EQ(contact::assemble(*prepared, signature.substr(1), device.pub()).code(), ErrorCode::bad_signature);
  EXPECT_EQ(contact::prepare(contact(1), "", device.pub(), {}, from_epoch(1)).code(), ErrorCode::bad_claims);
}

// What a record says must be what happened (docs/contact-log.md, "What a record may say").
TEST_F(ContactLog, ANewRecordSaysWhatHappened) {
  const auto signs = [&](json::Json record) {
    return contact::sign(record, "stu-1", device.secret, {}, from_epoch(1790000000));
  };
  json::Json portal = contact(2);
  portal["channel"] = "app_message";
  portal["outcome"] = "sent";
  EXPECT_TRUE(signs(portal).ok());
  portal.erase("outcome");
  EXPECT_TRUE(signs(portal).ok());  // a family's older widget said nothing: not a claim
  portal["outcome"] = "reached";    // a message through the portal reached nobody yet
  EXPECT_EQ(signs(portal).code(), ErrorCode::bad_record);
  EXPECT_NE(signs(portal).error().detail.find("/outcome"), std::string::npos);

  json::Json call = contact(2);  // school to family, by phone
  call["outcome"] = "sent";      // a call is not sent
  EXPECT_EQ(signs(call).code(), ErrorCode::bad_record);
  call.erase("outcome");  // nor saved without how it went
  EXPECT_EQ(signs(call).code(), ErrorCode::bad_record);
  call["outcome"] = "no_answer";
  EXPECT_TRUE(signs(call).ok());
  call["channel"] = "email";
  call["outcome"] = "sent";
  EXPECT_TRUE(signs(call).ok());

  json::Json family_call = contact(1);  // the family called: nobody had to be reached
  family_call.erase("outcome");
  EXPECT_TRUE(signs(family_call).ok());

  json::Json received = contact(2);
  received["receivedAt"] = "2026-03-03T15:00:00Z";  // the hub's to say
  EXPECT_EQ(signs(received).code(), ErrorCode::bad_record);
}

// Records already signed are read as they were: the rules bind signing only.
TEST_F(ContactLog, ARecordSignedBeforeTheRulesStillVerifies) {
  json::Json old = contact(2);
  old.erase("outcome");
  const auto claims = json::Json{{"dev", device.pub().kid}, {"seq", 1},       {"prev", nullptr}, {"idem", "i-1"},
                                 {"iat", 1790000000},       {"sub", "stu-1"}, {"record", old}};
  const std::string input =
      jose::jws::signing_input(trust::profile::header_json(contact::kTyp, device.pub().kid), claims.dump());
  const auto compact = input + "." + jose::base64url::encode(jose::crypto::ed25519_sign(input, device.secret));
  EXPECT_TRUE(contact::verify_record(compact, device.pub()).ok());
}

TEST_F(ContactLog, ARecordsTimesArePlausibleOnlyNearItsReceipt) {
  json::Json record = contact(2);
  record["at"] = record::timestamp::format_rfc3339(from_epoch(1790000000 - 3600));  // an hour before signing
  const auto signed_record = contact::sign(record, "stu-1", device.secret, {}, from_epoch(1790000000));
  ASSERT_TRUE(signed_record.ok());
  const auto entry = contact::verify_record(signed_record->compact, device.pub());
  ASSERT_TRUE(entry.ok());
  const auto at = entry->record.at;
  const auto latest = std::max(at, entry->iat);
  EXPECT_TRUE(contact::plausible_time(*entry, latest));
  EXPECT_TRUE(contact::plausible_time(*entry, latest - contact::kClockSkew));  // a phone a little fast
  EXPECT_FALSE(contact::plausible_time(*entry, latest - contact::kClockSkew - std::chrono::seconds(1)));
  const auto earliest = std::min(at, entry->iat);
  EXPECT_TRUE(contact::plausible_time(*entry, earliest + contact::kMaxRecordAge));
  EXPECT_FALSE(contact::plausible_time(*entry, earliest + contact::kMaxRecordAge + std::chrono::seconds(1)));
}

}  // namespace
}  // namespace fep
