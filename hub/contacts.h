// Receiving contact records (docs/contact-log.md, "Sync protocol") from a signed-in device: verified
// with the device's own key, deduplicated by (dev, idem) only after the signature verifies, chained
// onto what the hub holds, each accepted or rejected by the authorisation matrix, and acknowledged
// only after the transaction that stores them has committed.
#pragma once

#include <string>

#include "core/json/json.h"
#include "hub/auth.h"
#include "hub/store.h"

namespace fep::hub {

inline constexpr std::size_t kMaxRecordsPerRequest = 100;

struct Answer {
  int status = 200;
  json::Json body;
};

// `request`: {"device": <public JWK>, "records": [<compact JWS>, ...]}, sent by `device` (the proof's key)
// for `account`.
Answer receive_contacts(Store& store, const Account& account, const Proof& device, const json::Json& request);

// The payload of a compact JWS the hub verified before storing it ({} if it cannot be read).
json::Json stored_payload(const std::string& compact);

}  // namespace fep::hub
