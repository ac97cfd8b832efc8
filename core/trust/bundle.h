// A student's signed data bundle (fep-record+jwt) or a teacher's roster (fep-roster+jwt): the profile
// checks of profile.h plus the bundle claims, rollback and revocation.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/jose/jwk.h"
#include "core/json/document.h"
#include "core/json/json.h"
#include "core/result.h"
#include "core/trust/keys.h"

namespace fep::trust {

// Schema versions of `record`/`roster` this core reads: every one since the first, since bundles
// already on families' devices must still open. Signers write the current one. Version 2 added the
// record's `demographics` and `interventions`.
constexpr std::int64_t kOldestVersion = 1;
constexpr std::int64_t kCurrentVersion = 2;

struct VerifyOptions {
  date::sys_seconds now;
  // The highest seq already accepted for this (iss, sub), kept by the caller. A lower seq is
  // rolled_back; an equal seq must be the very bundle accepted then, whose signature is given here.
  std::optional<std::int64_t> min_seq;
  std::string signature_at_min_seq;
  const trust::RevocationList* revocations = nullptr;
};

struct Bundle {
  std::string typ;  // fep-record+jwt, fep-roster+jwt, fep-archive+jwt or fep-dashboard+jwt
  std::string kid;
  std::string iss, sub, jti, rid;
  date::sys_seconds iat, nbf, exp;
  std::int64_t seq = 0, ver = 0;
  std::string signature;                // the 64 signature bytes: the bundle's identity in the caller's rollback store
  json::Json claims;                    // the verified claims but the data member (see trust::profile::Verified)
  json::Document document;              // the whole verified payload
  json::Value data() const;             // the record or the roster, from the document
  json::Json claims_with_data() const;  // every claim as one DOM (to print or hand over whole)
};

// `typ`: the one kind the caller expects (profile::kTypRecord, kTypRoster, kTypArchive or kTypDashboard;
// another of them where one is expected is wrong_typ); empty accepts any of the four.
// True when `list` revokes the bundle: its jti or rid is listed under the kid that signed it.
bool is_revoked(const Bundle& bundle, const RevocationList& list);

Result<Bundle> verify_bundle(std::string_view compact, const std::vector<jose::jwk::PublicKey>& signing_keys,
                             const VerifyOptions& options, std::string_view typ = {});

// The rollback rule alone (verify applies it when options.min_seq is set): rolled_back if `bundle.seq`
// is below `min_seq`, or equal to it with a signature other than `signature_at_min_seq` (when that is
// given). Ed25519 signatures are deterministic and every issued payload has its own jti, so the
// signature identifies the bundle without hashing the payload again. For callers that learn the
// highest seq seen from the verified iss and sub.
Status check_rollback(const Bundle& bundle, std::int64_t min_seq, const std::string& signature_at_min_seq);

}  // namespace fep::trust
