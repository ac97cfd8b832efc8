// The trust directory (docs/transfers.md): a signed list of the issuers whose records a widget or hub
// believes, each with its own root keys, in the spirit of the SMART Health Cards issuer directory. It
// is signed (fep-directory+jwt) by a directory key that widgets and hubs pin, and rolls forward by seq
// like a key set, so a replayed older directory cannot bring back an issuer it removed.
#pragma once

#include <date/date.h>

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "core/jose/jwk.h"
#include "core/json/json.h"
#include "core/result.h"

namespace fep::trust {

struct ListedIssuer {
  std::string iss;   // the issuer's https URL, as its bundles' iss claim names it
  std::string name;  // its display name ("Lincoln County Schools")
  std::vector<jose::jwk::PublicKey> roots;
  std::string keyset_url, revocations_url;  // where its key set and revocation list are published; optional
};

struct Directory {
  std::string iss;
  std::int64_t seq = 0;
  std::string signature;  // its identity for rollback (trust::open)
  std::vector<ListedIssuer> issuers;

  // The listed issuer `iss`, or null.
  const ListedIssuer* find(std::string_view iss) const;
};

// The `issuers` claim read and checked (bad_claims for a malformed or repeated entry; only public halves
// of root keys are kept), and written back: what `fep directory` signs is what a verifier accepts.
Result<std::vector<ListedIssuer>> read_issuers(const json::Json& issuers);
json::Json issuers_to_json(const std::vector<ListedIssuer>& issuers);

// A directory signed by one of `directory_keys`: claims iss, iat, nbf, exp, seq and `issuers`, an array of
// {iss, name, roots: [JWK...], keyset?, revocations?}. bad_claims for a malformed or repeated entry.
Result<Directory> verify_directory(std::string_view compact, const std::vector<jose::jwk::PublicKey>& directory_keys,
                                   date::sys_seconds now);

// The iss a compact JWS's payload claims, read without verifying it: only to choose whose roots to verify
// it with (the verification then checks the signature and that the key set is that issuer's).
Result<std::string> claimed_issuer(std::string_view compact);

}  // namespace fep::trust
