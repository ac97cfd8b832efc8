// The hub's keys: a root key and signing keys in files under DIR/keys (folder 0700, files 0600, never
// served), and what it publishes from them: the JWKS, the pinned roots, the root-signed key set and
// revocation list.
#pragma once

#include <date/date.h>

#include <string>
#include <vector>

#include "core/jose/crypto.h"
#include "core/jose/jwk.h"
#include "core/result.h"
#include "hub/store.h"

namespace fep::hub {

struct Keys {
  jose::crypto::SecretKey root;
  std::vector<jose::crypto::SecretKey> signing;  // oldest first; the last one signs
  const jose::crypto::SecretKey& current() const { return signing.back(); }
};

// Reads DIR/keys, creating the root key and a first signing key when there are none.
Result<Keys> load_or_create_keys(const std::string& data_dir);
// Adds a signing key (the next bundles are signed with it; the previous ones still verify).
Result<Keys> rotate_keys(const std::string& data_dir);

// Signs and stores the key set (every signing key) and the revocation list with the next seq, and
// the JWKS and roots they are checked with (settings jwks.json, roots.json, keyset.jws,
// revocations.jws), valid for 90 days. Called on start when they are missing or due within 30 days.
Status publish(Store& store, const Keys& keys, const std::string& iss, date::sys_seconds now);
Status publish_if_due(Store& store, const Keys& keys, const std::string& iss, date::sys_seconds now);

jose::jwk::PublicKey public_of(const jose::crypto::SecretKey& key);

}  // namespace fep::hub
