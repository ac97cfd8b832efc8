// THE trust pipeline, the one every front door (browser module, fep, hub) calls: pinned roots -> key
// set -> revocation list -> bundle -> rollback. What the caller accepted before is one value, Seen,
// which it keeps (IndexedDB, a state file, a database row) and passes back on the next call.
#pragma once

#include <date/date.h>

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "core/jose/jwk.h"
#include "core/json/json.h"
#include "core/result.h"
#include "core/trust/bundle.h"

namespace fep::trust {

// The highest seq accepted in one stream of signed objects, and the signature of the object accepted
// at that seq (an equal seq must be that very object).
struct SeenEntry {
  std::int64_t seq = 0;
  std::string signature;  // raw bytes; base64url in JSON
};

// Everything accepted so far, by stream: "<iss> <sub>" for record bundles (the key widgets have always
// stored), "roster <iss> <sub>", "archive <iss> <sub> <part>", "dashboard <iss> <sub> <scope>", "keyset <iss>",
// "revocations <iss>" and "directory <iss>".
struct Seen {
  std::map<std::string, SeenEntry> streams;

  // {"<stream>": {"seq": N, "signature": "<base64url>"}}; malformed for anything else.
  static Result<Seen> from_json(const json::Json& json);
  // Accepts the object (seq, signature) into `stream` as its newest, or refuses it rolled_back: a seq
  // below the stream's, or the same seq with another signature. `what` names it in the refusal.
  Status accept(const std::string& stream, std::int64_t seq, const std::string& signature, const char* what);
  static Result<Seen> parse(std::string_view json_text);
  json::Json to_json() const;
};

struct OpenRequest {
  std::string_view bundle;                  // the compact JWS
  std::string_view typ;                     // what the caller expects: kTypRecord, kTypRoster, kTypArchive...
  std::vector<jose::jwk::PublicKey> keys;   // signing keys given directly (a JWKS), or
  std::vector<jose::jwk::PublicKey> roots;  // pinned roots, or those the directory lists for the bundle's issuer,
                                            // which sign:
  std::string_view keyset;                  //   the key set (compact fep-keyset+jwt; empty: use `keys`)
  std::string_view revocations;             //   the revocation list (optional)
  // A trust directory (compact fep-directory+jwt, optional) and the pinned keys that sign it: the
  // bundle's issuer must be listed, and its listed roots replace `roots`; unlisted_issuer otherwise.
  std::string_view directory;
  std::vector<jose::jwk::PublicKey> directory_keys;
  date::sys_seconds now;
  // A floor for this bundle's seq given by hand (fep verify --min-seq), on top of `seen`.
  std::optional<SeenEntry> min_seq;
};

struct Opened {
  Bundle bundle;
  std::string issuer_name;  // the directory's display name for the bundle's issuer; empty without one
  Seen seen;                // the caller's Seen with the bundle, key set and revocation list just accepted
};

// Verifies every signed input in trust order (directory, key set, bundle, revocation list); each is
// refused rolled_back when its stream in `seen`
// holds a higher seq, or the same seq with another signature. Nothing in `seen` changes on failure.
Result<Opened> open(const OpenRequest& request, Seen seen);

}  // namespace fep::trust
