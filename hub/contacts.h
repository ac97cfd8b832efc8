// Receiving contact records (docs/contact-log.md, "Sync protocol") from a signed-in device: verified
// with the device's own key, deduplicated by (dev, idem) only after the signature verifies, chained
// onto what the hub holds, each accepted or rejected by the authorisation matrix, and acknowledged
// only after the transaction that stores them has committed.
#pragma once

#include <date/date.h>

#include <string>

#include "core/json/json.h"
#include "hub/auth.h"
#include "hub/store.h"

namespace fep::hub {

inline constexpr std::size_t kMaxRecordsPerRequest = 100;

// What one device, one author or one student's log may take (docs/contact-log.md, "Sizes and quotas").
// A teacher logging a class of 30 several times a day stays far inside them; a script does not.
inline constexpr int kUploadsPerDevicePerMinute = 120;  // two a second
inline constexpr int kRecordsPerDevicePerDay = 500;
inline constexpr int kRecordsPerAuthorPerStudentPerDay = 50;
// However long a student's log grows, its bundle stays small: older records move to signed archives
// (hub/bundles.h, kArchivePartBytes).

struct Answer {
  int status = 200;
  json::Json body;
  int retry_after = 0;  // seconds, for a 429 or 503; 0: none
};

// `request`: {"device": <public JWK>, "records": [<compact JWS>, ...]}, sent by `device` (the proof's key)
// for `account` at `now`.
Answer receive_contacts(Store& store, const Account& account, const Proof& device, const json::Json& request,
                        date::sys_seconds now);

// The payload of a compact JWS the hub verified before storing it ({} if it cannot be read).
json::Json stored_payload(const std::string& compact);

}  // namespace fep::hub
