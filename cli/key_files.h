// Reading JSON inputs: private JWKs (for signing), public keys from JWK or JWKS files, records.
#pragma once

#include <string>
#include <vector>

#include "core/jose/crypto.h"
#include "core/jose/jwk.h"
#include "core/result.h"

namespace fep::cli {

// A file (or "-") holding one JSON value, parsed strictly.
Result<json::Json> read_json_file(const std::string& path);

Result<jose::crypto::SecretKey> read_private_key(const std::string& path);
// Each file holds a JWK (public or private: the public half is used) or a JWKS. Duplicates collapse.
Result<std::vector<jose::jwk::PublicKey>> read_public_keys(const std::vector<std::string>& paths);

}  // namespace fep::cli
