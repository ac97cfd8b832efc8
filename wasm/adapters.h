// Converts between JavaScript-shaped values and the core. Embind hands these structs to JavaScript as
// plain objects (value_object), so JS never owns a C++ handle and never has to call .delete().
#pragma once

#include <emscripten/val.h>

#include <string>

namespace fep::wasm {

// An outcome crosses the boundary as a stable error code ("ok" on success), never as an exception.
struct VerifyOutcome {
  std::string code;     // fep::ErrorCode string form
  std::string detail;   // for developers' consoles, not for readers
  std::string payload;  // the verified payload text; empty unless code == "ok"
};

// Verifies a compact JWS against one public JWK (JSON text). Used for bare JWS such as RFC 8037's.
VerifyOutcome verify_jws(const std::string& compact, const std::string& jwk_json);

// Large texts cross the boundary as bytes in two buffers owned by the core: JavaScript writes a
// bundle into the input buffer with TextEncoder.encodeInto, and reads a result from the output buffer
// with TextDecoder. Embind's string conversion would walk such texts byte by byte in JavaScript.
//
// A Uint8Array over the input buffer, resized to `size` bytes. Valid until the next call.
emscripten::val input_buffer(double size);

// A Uint8Array over the output buffer: the JSON of the last call that produced one. JavaScript asks for
// it after the call returns and decodes it at once. A view made inside the call would point into the
// memory as it was then: anything the call allocated afterwards (the outcome itself) could grow the
// memory and detach it, so the caller would read nothing.
emscripten::val output_view();

struct BundleRequest {
  double bundle_length = 0;  // bytes of the compact JWS written into the input buffer
  std::string keys;          // JWKS text of signing keys; empty when a key set is given
  std::string roots;         // JWKS text of pinned root keys (for keyset and revocations)
  std::string keyset;        // compact fep-keyset+jwt, optional
  std::string revocations;   // compact fep-revocation+jwt, optional
  // A trust directory (compact fep-directory+jwt) and the JWKS text of the pinned keys that sign it,
  // optional: the bundle's issuer must be listed, and its listed roots replace `roots`.
  std::string directory;
  std::string directory_keys;
  double now = 0;              // seconds since the epoch
  double min_seq = -1;         // highest seq already accepted for this (iss, sub); -1 for none
  std::string seen_signature;  // base64url signature of the bundle accepted at min_seq, optional
  // Everything accepted before (trust::Seen as JSON: {"<stream>": {"seq": N, "signature": "<base64url>"}}),
  // kept by the caller and passed back; each outcome returns it updated.
  std::string seen;
  // For the view model (open_bundle) only:
  std::string today;       // YYYY-MM-DD; empty: the UTC date of `now`
  double last_viewed = 0;  // seconds since the epoch; 0: never
  std::string rule;        // "percent_10" (default) or "days_15"
};

struct BundleOutcome {
  std::string code;
  std::string detail;
  // The result is UTF-8 JSON left in the output buffer (read it with output_view()): the verified
  // claims (verify_bundle), the view model (open_bundle), the summary (summarize_bundle) or the roster.
  double json_length = 0;
  std::string kid, iss, sub;
  std::string issuer_name;  // as the directory names the issuer; empty without a directory
  std::string signature;    // base64url, to store with seq for the next rollback check
  double seq = 0;
  std::string seen;  // the request's seen state with this bundle (and its key set, revocation list) accepted
};

BundleOutcome verify_bundle(const BundleRequest& request);
// Verifies like verify_bundle, then builds the view model (core/view.h) instead of returning claims.
BundleOutcome open_bundle(const BundleRequest& request);
// Verifies like verify_bundle, then returns the short summary (the one `fep summary` prints).
BundleOutcome summarize_bundle(const BundleRequest& request);
// Verifies like open_bundle (usually with a directory), then returns the card a new school reads first
// (core/view/first_needs.h), as of `today`.
BundleOutcome first_needs(const BundleRequest& request);
// Verifies a part of a student's contact archive (fep-archive+jwt) like open_bundle, and returns
// {studentId, part, timeline} (core/view/family.h).
BundleOutcome open_archive(const BundleRequest& request);
// Verifies a teacher's roster bundle (fep-roster+jwt) and returns the roster: {teacher, schoolYear,
// students [{id, displayName, gradeLevel, contacts [...]}]}.
BundleOutcome open_roster(const BundleRequest& request);
// A staff member's dashboard as the hub signed it (fep-dashboard+jwt), verified like open_bundle:
// {scope, today, asOf, basis, figures} (docs/dashboards.md).
BundleOutcome open_dashboard(const BundleRequest& request);

// The words a contact record may use (core/contact/vocabulary.h) as JSON text: {directions, channels,
// outcomes, topics}, each a list of wire names, so the widget's forms offer exactly what the core accepts.
std::string contact_vocabulary();

struct ContactOutcome {
  std::string code, detail;
  std::string compact;  // the signing input (prepare_contact) or the signed record (assemble_contact)
  std::string hash;     // its hash: the next record's prev
  double seq = 0;       // its place in the chain
  std::string idem, dev;
  std::string entries;  // verified entries as JSON text (verify_contact_chain)
};
// The contact log (core/contact/log.h). A device's key is a WebCrypto key the core never holds: the
// module has no signing code (signing is WebCrypto's, which keeps the family's download small).
// prepare_contact returns in `compact` the signing input of the record after (after_seq, after_hash),
// with its seq, idem and dev; assemble_contact takes that input and the signature (base64url) and
// returns the record and its hash, bad_signature unless the signature verifies with the device's key.
ContactOutcome prepare_contact(const std::string& public_jwk, const std::string& record_json,
                               const std::string& student, double after_seq, const std::string& after_hash, double now);
// The RFC 7638 thumbprint (the kid) of a public Ed25519 JWK given as JSON text; empty if it is not one.
std::string key_id(const std::string& public_jwk);
ContactOutcome assemble_contact(const std::string& public_jwk, const std::string& signing_input,
                                const std::string& signature);

// Verifies a device's records (a JSON array of compact JWS) continuing after (start_seq, start_hash).
ContactOutcome verify_contact_chain(const std::string& device_jwk, const std::string& compacts_json, double start_seq,
                                    const std::string& start_hash);

}  // namespace fep::wasm
