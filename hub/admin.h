// The administrator's actions, shared by the command line and the demo school: each checks its input
// the way the core does and leaves the store unchanged when it refuses.
#pragma once

#include <date/date.h>

#include <chrono>
#include <string>

#include "core/json/json.h"
#include "core/result.h"
#include "hub/store.h"

namespace fep::hub {

// Validates a student's record (docs/record-schema.md) and stores it; the student's id.
Result<std::string> put_record(Store& store, const json::Json& record);

// A one-time invite for an existing account ("contact:<id>" or "staff:<id>"): the code, shown once.
Result<std::string> create_invite(Store& store, const std::string& account, std::chrono::hours lifetime,
                                  date::sys_seconds now);

}  // namespace fep::hub
