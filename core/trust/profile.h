// The signed-object profile shared by bundles, key sets and revocation lists (docs/bundle-format.md):
// a JWS Compact whose protected header is exactly {alg, kid, typ}, signed by a key from a given set,
// whose claims carry iss, iat, nbf, exp and seq and are checked against the time `now`.
#pragma once

#include <date/date.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/jose/jwk.h"
#include "core/json/document.h"
#include "core/json/json.h"
#include "core/result.h"

namespace fep::trust::profile {

// The kinds of signed object, by their `typ` header value.
inline constexpr std::string_view kTypRecord = "fep-record+jwt";
inline constexpr std::string_view kTypRoster = "fep-roster+jwt";
inline constexpr std::string_view kTypArchive = "fep-archive+jwt";      // a part of a student's older contact records
inline constexpr std::string_view kTypDashboard = "fep-dashboard+jwt";  // a staff member's figures, by the hub
inline constexpr std::string_view kTypKeyset = "fep-keyset+jwt";
inline constexpr std::string_view kTypRevocations = "fep-revocation+jwt";
inline constexpr std::string_view kTypContact = "fep-contact+jwt";
inline constexpr std::string_view kTypDirectory = "fep-directory+jwt";

constexpr std::chrono::seconds kLeeway{300};

struct Verified {
  std::string typ;
  std::string kid;          // the signing key's RFC 7638 thumbprint
  std::string signature;    // the 64 verified signature bytes
  json::Document document;  // the payload, parsed strictly
  json::Json claims;        // its members as a DOM, except the bulky data member (data_member(typ))
  std::string iss;
  date::sys_seconds iat, nbf, exp;
  std::int64_t seq = 0;
};

// Verifies `compact` in this order, so each failure has one stable code:
//   too_large / malformed     size limits, segments, base64url, header JSON
//   unsupported_alg           alg other than Ed25519 / EdDSA
//   bad_header                any member besides alg, kid, typ (crit, jwk, jku, x5u, x5c, zip, ...),
//                             a missing kid, or a typ not in `accepted_typs`
//   unknown_key               kid not among `keys`
//   bad_signature             signature does not verify
//   malformed / bad_claims    payload not a JSON object / iss, iat, nbf, exp, seq missing or invalid
//   not_yet_valid / expired   outside [nbf - leeway, exp + leeway), or iat in the future
Result<Verified> verify(std::string_view compact, const std::vector<jose::jwk::PublicKey>& keys,
                        const std::vector<std::string_view>& accepted_typs, date::sys_seconds now);

// The header profile alone (jose::jws::decode has already judged alg): bad_header for any member besides
// alg, kid and typ, a missing kid, or a typ not in `accepted_typs`. Returns the typ.
Result<std::string> check_header(const json::Json& header, const std::vector<std::string_view>& accepted_typs);

// The claim that carries a typ's data ("record", "roster", "archive", "dashboard"), read from the document rather than
// from the claims DOM; empty for key sets and revocation lists, whose claims are all in the DOM.
std::string_view data_member(std::string_view typ);

// The bad_claims error every signed object's claim checks report.
Error bad_claims(std::string detail);

// Builds the protected header for `typ` signed by the key `kid`.
std::string header_json(std::string_view typ, std::string_view kid);

}  // namespace fep::trust::profile
