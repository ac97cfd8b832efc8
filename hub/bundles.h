// Issuing signed bundles from stored records: a student's record with the contact records the hub
// accepted (each with its author as the hub knows it), and a teacher's roster. A bundle is re-signed
// with seq + 1 and a fresh jti only when its record or contact records changed, or it is due to
// expire; otherwise the one already signed is served (so its ETag holds).
#pragma once

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/json/json.h"
#include "core/result.h"
#include "hub/keys.h"
#include "hub/store.h"

namespace fep::hub {

struct Issuer {
  std::string iss;
  const Keys* keys;
};

inline constexpr std::chrono::hours kBundleLifetime{30 * 24};
inline constexpr std::chrono::hours kReissueBefore{7 * 24};

// The student's current record bundle; nullopt when the student has no record. Errors: `unavailable`
// (the store; retry later) or the core's code for a record that would not be valid signed.
Result<std::optional<StoredBundle>> student_bundle(Store& store, const Issuer& issuer, const std::string& student,
                                                   date::sys_seconds now);
// A student's contact log is split into parts of at most this much JSON, oldest first: the open part
// travels in the record, each full one in its own signed archive (fep-archive+jwt), fetched when a
// reader opens it. A family's download stays small however long the log grows, and no log can push a
// bundle past the verifiers' 1 MiB.
inline constexpr std::size_t kArchivePartBytes = 256 * 1024;

// Part `part` (1 = the oldest) of the student's contact archive; nullopt when the log has no such part.
Result<std::optional<StoredBundle>> archive_bundle(Store& store, const Issuer& issuer, const std::string& student,
                                                   std::size_t part, date::sys_seconds now);
// The staff member's roster bundle (fep-roster+jwt): their students with each one's family contacts.
Result<StoredBundle> roster_bundle(Store& store, const Issuer& issuer, const Account& staff, date::sys_seconds now);

// A signed object as a JSON answer carries it: {protected, payload, signature}, the compact JWS's
// first and last segments and its payload decoded (as RFC 7797's JSON form writes an unencoded
// payload). Base64 hides the JSON's repetitions from the compressor: a year's bundle is 17 KB with
// Brotli as a compact JWS and 11 KB so. The receiver rebuilds the compact JWS, byte for byte, as
// protected "." base64url(payload) "." signature, and verifies that. nullopt for a malformed JWS.
std::optional<json::Json> unencoded_form(std::string_view compact);

}  // namespace fep::hub
