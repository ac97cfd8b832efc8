// Sign-in without passwords (docs/hub.md): one-time invite codes, device enrolment with the device's
// own key, a DPoP proof (RFC 9449) on every request, and who may see or write for which student.
// Pure rules: no HTTP and no storage here, so every decision is tested on its own.
#pragma once

#include <date/date.h>

#include <chrono>
#include <string>
#include <string_view>

#include "core/contact/vocabulary.h"
#include "core/jose/jwk.h"
#include "core/result.h"
#include "hub/store.h"

namespace fep::hub {

// An invite code: 80 random bits as 16 Crockford base32 characters in four groups of four
// ("7K2M-QX4D-9RTA-C3VN"): readable aloud, easy to type on a phone, no I, L, O or U.
std::string new_invite_code();
// The form stored (never the code itself): SHA-256 of the code normalised as a person may type it
// (case, spaces and dashes ignored, O read as 0, I and L as 1), base64url.
std::string invite_hash(std::string_view typed);
inline constexpr std::chrono::hours kInviteLifetime{14 * 24};

// A verified DPoP proof.
struct Proof {
  jose::jwk::PublicKey key;  // kid = RFC 7638 thumbprint: the device's id
  std::string jwk;           // the public JWK as JSON text
  std::string jti;
  date::sys_seconds iat;
};

inline constexpr std::chrono::seconds kProofSkew{300};

// Checks a DPoP proof for the request `method` `url` (without query or fragment) at `now`: a compact
// JWS whose header is exactly {typ: "dpop+jwt", alg: EdDSA or Ed25519, jwk: an Ed25519 public key},
// signed by that key, with claims jti (1 to 128 characters), htm = method, htu = url and iat within
// kProofSkew of now. The replay check (jti seen before) and the device check are the caller's, which
// holds the state. Codes: unauthorized-kind failures are bad_header / bad_signature / bad_claims /
// expired / not_yet_valid.
Result<Proof> verify_proof(std::string_view proof, std::string_view method, std::string_view url,
                           date::sys_seconds now);

// The authorisation matrix of docs/hub.md.
bool may_see(const Account& account, std::string_view student);
// Families write family_to_school for their own students; teachers and counsellors school_to_family
// for theirs; administrators both, for anyone.
bool may_write(const Account& account, std::string_view student, contact::Direction direction);
bool may_read_roster(const Account& account);

}  // namespace fep::hub
