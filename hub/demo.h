// The demo school `fep-hub serve --demo` creates on first start, so that a newcomer sees the whole loop
// with no data of their own: four students (two of them siblings), their families, two teachers, a
// counsellor and the front office, and an invite for each person. Entirely fictional.
#pragma once

#include <date/date.h>

#include <string>
#include <vector>

#include "core/result.h"
#include "hub/store.h"

namespace fep::hub {

struct DemoInvite {
  std::string who;   // "Rosa Hernández (family of Maya and Leo)"
  std::string code;  // the one-time code
};

// Creates the demo school in an empty store; its invites, in the order to try them. Refuses a store
// that already holds records (a school's real data is never mixed with the demo's).
Result<std::vector<DemoInvite>> create_demo_school(Store& store, date::sys_seconds now);

// The example record (docs/examples/record.json), built into the binary.
extern const char* const kExampleRecord;

}  // namespace fep::hub
