// Records that follow a student (docs/transfers.md): a family hands the original signed bundles of
// another district to this hub; each is verified against the pinned trust directory and stored
// unchanged, still signed by its district. Only accounts that now hold the student (may_see: the family,
// staff with the student on their roster) may hand over or read that history, and every hand-over is kept:
// who sent what, when.
#pragma once

#include <date/date.h>

#include <set>
#include <string>
#include <vector>

#include "core/jose/jwk.h"
#include "core/json/json.h"
#include "core/trust/directory.h"
#include "core/trust/open.h"
#include "hub/contacts.h"
#include "hub/fetch.h"
#include "hub/store.h"

namespace fep::hub {

inline constexpr std::size_t kMaxTransferItems = 50;

// The directory this hub believes and the pinned key that signs it (fep-hub serve --directory).
struct TrustDirectory {
  std::string compact;
  std::vector<jose::jwk::PublicKey> keys;
  trust::Directory listed;  // as verified: each district's roots and where it publishes its keys
  FetchOptions fetch;       // for those (fep-hub serve --district-ca)
};

// The directory a hub starts with: `compact` verified under the pinned key(s) in `key_text` (a JWK or a
// JWKS) as of `now`, and never older than one this hub accepted before (rolled_back: a replayed
// directory could bring back a removed district). Remembers it as the newest accepted.
Result<TrustDirectory> load_directory(Store& store, std::string compact, std::string_view key_text,
                                      date::sys_seconds now);

// What this hub holds of other districts' trust (docs/transfers.md, "Revocation holds"): for each
// district the newest key set and revocation list it accepted (fetched from where the directory says
// the district publishes them, or handed over), each with its rollback stream, kept in the hub's
// settings. A record is judged by the newest the hub holds, never by an older one a sender carries.
struct DistrictTrust {
  trust::Seen seen;                          // "keyset <iss>" and "revocations <iss>" streams only
  json::Json newest = json::Json::object();  // {iss: {keyset, revocations}}
  std::set<std::string> asked;               // districts fetched from during this hand-over (not kept)
  struct Verified {
    trust::Opened opened;
    std::string keyset, revocations;  // the material it was verified with (the sender's or the hub's newer)
  };
  static Result<DistrictTrust> load(Store& store);
  Status save(Store& store) const;
  // Verifies a handed-over record against the directory: the district's current material is fetched
  // and learnt first, the sender's must verify (or be merely older), and the newest held judges it.
  Result<Verified> open(const std::string& bundle, const std::string& keyset, const std::string& revocations,
                        const TrustDirectory& directory, date::sys_seconds now);
  // Keeps each of a key set and a list as the district's newest when it verifies under the district's
  // listed roots and is newer than the hub's; anything else is left unlearnt.
  void learn(const trust::ListedIssuer& issuer, const std::string& keyset, const std::string& revocations,
             date::sys_seconds now);
  // The district's newest key set and list, or the given ones when the hub holds none.
  std::pair<std::string, std::string> newest_for(const std::string& iss, const std::string& keyset,
                                                 const std::string& revocations) const;
};

// `request`: {"student": ID, "items": [{"bundle", "keyset", "revocations"}, ...]}. Each item is verified
// on its own (DistrictTrust::open, as of `now`); the answer lists what was received ({iss, sub, seq,
// issuerName, stored}, and held with code another_student when the record names another student than
// this hub's record of `student`) and what was refused ({index, code, message}).
Answer receive_transfer(Store& store, const TrustDirectory& directory, const Account& sender, const json::Json& request,
                        date::sys_seconds now);

// The student's received history: each item as it was handed over (bundle, keyset, revocations, iss,
// issuerName, sender, receivedAt) and the directory, so the reader verifies it again itself.
Answer transfer_history(Store& store, const TrustDirectory& directory, const std::string& student);

}  // namespace fep::hub
