// One error model for the whole core. Codes are stable: their string form is part of the public
// contract (CLI output, JS error.code, i18n keys), so never rename one; add new codes at the end.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

namespace fep {

enum class ErrorCode : std::uint8_t {
  ok = 0,
  malformed,        // not a well-formed JWS / JSON / base64url
  unsupported_alg,  // alg other than Ed25519 (or EdDSA with an Ed25519 key)
  unknown_key,      // kid not in the trusted key set
  bad_key,          // a JWK that is not a valid OKP/Ed25519 key
  bad_signature,    // signature does not verify
  bad_header,       // protected header outside the profile (extra, duplicate or missing members)
  expired,
  not_yet_valid,
  rolled_back,  // seq lower than one already seen
  revoked,
  too_large,  // size or nesting limit exceeded, checked before any expensive work
  bad_claims,
  bad_record,
  unavailable,      // could not be read or fetched (missing file, network failure)
  chain_gap,        // a device's contact records skip a seq: one is missing
  chain_fork,       // two different records claim the same place in a device's chain
  chain_reordered,  // a device's records are out of order
  chain_tampered,   // a record was changed after signing: bad signature, or the next record's prev differs
  issuer_mismatch,  // a key set or revocation list of another issuer than the bundle's iss
  wrong_typ,        // a signed object of another kind than the caller asked for (a roster for a record)
  unlisted_issuer,  // a bundle from an issuer the pinned trust directory does not list
};

// Stable lowercase identifier, e.g. "bad_signature".
std::string_view to_string(ErrorCode code);
// The i18n catalog key for the reader-facing message, e.g. "error.bad_signature".
std::string message_key(ErrorCode code);
// A short English message for command-line tools and logs (the widget uses the i18n catalogs).
std::string_view default_message(ErrorCode code);

// An error: the stable code plus a detail for developers (a JSON pointer, a member name), never shown
// to a parent as the explanation.
struct Error {
  ErrorCode code = ErrorCode::ok;
  std::string detail;
};

}  // namespace fep
