// Signing and storing the hub's signed objects (records, archives, rosters, dashboards): the one loop
// that serves the stored object while it is current and otherwise signs the next seq, which two
// writers, in one process or several, never both issue.
#pragma once

#include <date/date.h>

#include <optional>
#include <string>
#include <string_view>

#include "core/jose/base64url.h"
#include "core/jose/crypto.h"
#include "core/jose/jws.h"
#include "core/json/json.h"
#include "core/record/timestamp.h"
#include "core/result.h"
#include "core/trust/bundle.h"
#include "core/trust/profile.h"
#include "hub/bundles.h"
#include "hub/store.h"

namespace fep::hub {

// What is signed: its typ, its sub, the claim that carries it, and how long it is valid (re-signed
// `reissue_before` its end).
struct Signed {
  std::string_view typ;
  std::string sub;
  const char* member;
  std::chrono::seconds lifetime = kBundleLifetime;
  std::chrono::seconds reissue_before = kReissueBefore;
};

// Records and rosters are current until a change to them is counted (Store::save_bundle).
inline bool unchanged(const StoredBundle& bundle) { return bundle.changes == 0; }

// The object stored under `key` if it is `current` and not due to expire, else `data()` (read after
// the stored object, so a change made meanwhile stays counted) signed with the next seq and stored.
// Started again when another writer, in this process or another, issued that seq first. nullopt when
// data() has none.
template <class Data, class Current = bool (*)(const StoredBundle&)>
Result<std::optional<StoredBundle>> current_or_issue(Store& store, const Issuer& issuer, const std::string& key,
                                                     const Signed& what, Data&& data, date::sys_seconds now,
                                                     Current current = unchanged) {
  for (int attempt = 0; attempt < 5; ++attempt) {
    const auto last = store.bundle(key);
    if (!last) return last.error();
    if (*last && (*last)->expires - what.reissue_before > now && current(**last)) return *last;
    const auto content = data();
    if (!content) return content.error();
    if (!content->has_value()) return std::optional<StoredBundle>();
    StoredBundle bundle;
    bundle.seq = (*last ? (*last)->seq : 0) + 1;
    bundle.expires = now + what.lifetime;
    bundle.changes = 0;
    const json::Json claims = {{"iss", issuer.iss},
                               {"sub", what.sub},
                               {"iat", record::timestamp::to_epoch(now)},
                               {"nbf", record::timestamp::to_epoch(now)},
                               {"exp", record::timestamp::to_epoch(bundle.expires)},
                               {"seq", bundle.seq},
                               {"jti", jose::base64url::encode(jose::crypto::random_bytes(16))},
                               {"ver", trust::kCurrentVersion},
                               {what.member, **content}};
    const auto& signer = issuer.keys->current();
    bundle.compact =
        jose::jws::sign(trust::profile::header_json(what.typ, public_of(signer).kid), claims.dump(), signer);
    // Never sign what every verifier would refuse (too_large for all, for good): the last one stays
    // served while it is valid.
    if (bundle.compact.size() > jose::jws::kMaxCompactSize) {
      if (*last && !(*last)->compact.empty() && (*last)->expires > now) return *last;
      return Error{ErrorCode::too_large, std::string(what.member) + " too large to sign for " + what.sub};
    }
    const auto saved = store.save_bundle(key, bundle, *last ? (*last)->changes : 0);
    if (!saved) return saved.error();
    if (*saved) return std::optional<StoredBundle>(std::move(bundle));
  }
  return Error{ErrorCode::unavailable, "could not allocate a seq for " + key};
}

}  // namespace fep::hub
