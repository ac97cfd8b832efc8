// Two-way family contact records, tamper-evident (docs/contact-log.md). Each device (a teacher's
// phone, a parent's browser) has its own Ed25519 key and signs its records as a chain: record n
// carries seq n and prev, the SHA-256 of record n-1's compact JWS, so a missing, forked, reordered or
// edited record is detected, each with its own code.
#pragma once

#include <date/date.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/jose/crypto.h"
#include "core/jose/jwk.h"
#include "core/json/json.h"
#include "core/record/record.h"
#include "core/result.h"
#include "core/trust/profile.h"

namespace fep::contact {

inline constexpr std::string_view kTyp = trust::profile::kTypContact;

// Where a chain stands: the seq of its last record and that record's hash (seq 0: empty chain).
struct Link {
  std::int64_t seq = 0;
  std::string hash;  // base64url SHA-256 of the last record's compact JWS
};

struct Entry {
  std::int64_t seq = 0;
  std::string dev;        // the device's kid
  std::string prev;       // base64url hash of the previous record; empty for seq 1
  std::string idem;       // random id, for idempotent sync
  std::string student;    // the pseudonymous student id (a bundle's sub)
  date::sys_seconds iat;  // when the device signed it
  record::ContactRecord record;
  std::string compact;  // the record exactly as signed
  Link link() const;    // the chain position this record ends
};

// A record as signed, with what the device keeps about it (so nobody decodes the JWS just made).
struct Signed {
  std::string compact;
  std::int64_t seq = 0;
  std::string idem, dev;
  std::string hash;  // the next record's prev
};

// Signing in two steps, for a device key the core never sees (a browser's non-extractable CryptoKey):
// prepare validates the record (bad_record with its pointer) and returns the bytes to sign as the record
// after `after` in the device's chain; assemble checks the signature with the device's public key and
// returns the record. `idem` empty: 128 random bits.
struct Prepared {
  std::string signing_input;  // base64url(header) "." base64url(payload)
  std::int64_t seq = 0;
  std::string idem, dev;
};
Result<Prepared> prepare(const json::Json& record_json, std::string_view student, const jose::jwk::PublicKey& device,
                         const Link& after, date::sys_seconds now, std::string idem = {});
Result<Signed> assemble(const Prepared& prepared, std::string_view signature, const jose::jwk::PublicKey& device);

// The rules a new record meets beyond its schema (checked by prepare): outcome `sent` only for a
// written channel, a message through the portal is `sent` (or says nothing), and a call, meeting or
// visit from the school says how it went. bad_record with the member's pointer.
Result<void> says_what_happened(const record::ContactRecord& record);

// Both steps with a key the core holds (the command line, tests).
Result<Signed> sign(const json::Json& record_json, std::string_view student, const jose::crypto::SecretKey& device,
                    const Link& after, date::sys_seconds now, std::string idem = {});

// One record: the JWS profile (alg, kid, typ fep-contact+jwt only), the device's signature (a
// failure is chain_tampered), and the payload (dev = kid, seq >= 1, prev, idem, iat, sub, record).
Result<Entry> verify_record(std::string_view compact, const jose::jwk::PublicKey& device);

// A device's records in the order given, continuing the chain after `start`. A repeated record (the
// same bytes again, including the record at `start`) is dropped, as a retried upload would be; records
// from before `start` cannot be compared here, so a caller drops those it holds (by idem) first. Codes: chain_gap (a
// seq is skipped), chain_fork (two different records with one seq), chain_reordered (a record comes before one it
// follows), chain_tampered (a bad signature, or prev not matching the record before).
Result<std::vector<Entry>> verify_chain(const std::vector<std::string>& compacts, const jose::jwk::PublicKey& device,
                                        const Link& start = {});

// Whether a record's times (when it was signed, and the contact's `at`) fit a record received at
// `received`: neither after it beyond kClockSkew, nor more than kMaxRecordAge before it. The hub
// refuses others as implausible_time.
bool plausible_time(const Entry& entry, date::sys_seconds received);

// base64url SHA-256 of a compact JWS: what the next record's prev must be.
std::string hash_of(std::string_view compact);

}  // namespace fep::contact
