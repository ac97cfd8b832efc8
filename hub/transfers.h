// Records that follow a student (docs/transfers.md): a family hands the original signed bundles of
// another district to this hub; each is verified against the pinned trust directory and stored
// unchanged, still signed by its district. Only accounts that now hold the student (may_see: the family,
// staff with the student on their roster) may hand over or read that history, and every hand-over is kept:
// who sent what, when.
#pragma once

#include <date/date.h>

#include <string>
#include <vector>

#include "core/jose/jwk.h"
#include "core/json/json.h"
#include "hub/contacts.h"
#include "hub/store.h"

namespace fep::hub {

inline constexpr std::size_t kMaxTransferItems = 50;

// The directory this hub believes and the pinned key that signs it (fep-hub serve --directory).
struct TrustDirectory {
  std::string compact;
  std::vector<jose::jwk::PublicKey> keys;
};

// The directory a hub starts with: `compact` verified under the pinned key(s) in `key_text` (a JWK or a
// JWKS) as of `now`, and never older than one this hub accepted before (rolled_back: a replayed
// directory could bring back a removed district). Remembers it as the newest accepted.
Result<TrustDirectory> load_directory(Store& store, std::string compact, std::string_view key_text,
                                      date::sys_seconds now);

// `request`: {"student": ID, "items": [{"bundle", "keyset", "revocations"?}, ...]}. Each item is verified
// on its own (trust::open with the directory, as of `now`); the answer lists what was received
// ({iss, sub, seq, issuerName, stored}) and what was refused ({index, code, message}).
Answer receive_transfer(Store& store, const TrustDirectory& directory, const Account& sender, const json::Json& request,
                        date::sys_seconds now);

// The student's received history: each item as it was handed over (bundle, keyset, revocations, iss,
// issuerName, sender, receivedAt) and the directory, so the reader verifies it again itself.
Answer transfer_history(Store& store, const TrustDirectory& directory, const std::string& student);

}  // namespace fep::hub
