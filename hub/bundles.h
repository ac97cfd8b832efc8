// Issuing signed bundles from stored records: a student's record with the contact records the hub
// accepted (each with its author as the hub knows it), and a teacher's roster. A bundle is re-signed
// with seq + 1 and a fresh jti only when its record or contact records changed, or it is due to
// expire; otherwise the one already signed is served (so its ETag holds).
#pragma once

#include <date/date.h>

#include <string>

#include "core/result.h"
#include "hub/keys.h"
#include "hub/store.h"

namespace fep::hub {

struct Issuer {
  std::string iss;
  const Keys* keys;
};

inline constexpr std::chrono::hours kBundleLifetime{30 * 24};
inline constexpr std::chrono::hours kReissueBefore{7 * 24};

// The student's current record bundle; nullopt when the student has no record. Errors: `unavailable`
// (the store; retry later) or the core's code for a record that would not be valid signed.
Result<std::optional<StoredBundle>> student_bundle(Store& store, const Issuer& issuer, const std::string& student,
                                                   date::sys_seconds now);
// The staff member's roster bundle (fep-roster+jwt): their students with each one's family contacts.
Result<StoredBundle> roster_bundle(Store& store, const Issuer& issuer, const Account& staff, date::sys_seconds now);

}  // namespace fep::hub
