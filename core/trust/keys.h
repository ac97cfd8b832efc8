// Trust that rotates without redeploying a site: the widget pins one or two root keys; roots sign the
// set of current signing keys (fep-keyset+jwt) and the revocation list (fep-revocation+jwt).
#pragma once

#include <date/date.h>

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/jose/jwk.h"
#include "core/result.h"

namespace fep::trust {

struct KeySet {
  std::string iss;
  std::int64_t seq = 0;
  std::string signature;  // its identity for rollback (trust::open)
  std::vector<jose::jwk::PublicKey> keys;
};

// A root-signed signing-key set: claims iss, iat, nbf, exp, seq and `keys` (a JWKS keys array).
// Rollback (a replayed older set would bring back a removed key) is trust::open's, with the caller's Seen.
Result<KeySet> verify_keyset(std::string_view compact, const std::vector<jose::jwk::PublicKey>& roots,
                             date::sys_seconds now);

struct RevocationList {
  std::string iss;
  std::int64_t seq = 0;  // the increasing counter
  std::string signature;
  std::map<std::string, std::set<std::string>> revoked;  // kid -> revoked jti and rid values

  bool is_revoked(const std::string& kid, const std::string& id) const;
};

// A root-signed revocation list: claims iss, iat, nbf, exp, seq and `revoked` ({kid: [id, ...]}).
Result<RevocationList> verify_revocations(std::string_view compact, const std::vector<jose::jwk::PublicKey>& roots,
                                          date::sys_seconds now);

}  // namespace fep::trust
