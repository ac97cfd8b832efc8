// The demo school `fep-hub serve --demo DIR` creates on first start, so that a newcomer sees the whole
// loop with no data of their own: the district export in DIR (Ed-Fi resources, scripts/make-demo-school.mjs)
// brought in by the importer with the contact history the school kept before the portal
// (contact-history.json, when present), plus a counsellor and the front office, and an invite for each
// family demo.json names (all, without one) and for two teachers, the counsellor and the office.
// Entirely fictional.
#pragma once

#include <date/date.h>

#include <string>
#include <vector>

#include "core/result.h"
#include "hub/store.h"

namespace fep::hub {

struct DemoInvite {
  std::string who;   // "Rosa Hernández, family of Maya Hernández and Leo Hernández"
  std::string code;  // the one-time code
};

// Creates the demo school in an empty store from the Ed-Fi export in `folder` (with its
// descriptors.json); its invites, in the order to try them. Refuses a store that already holds
// records (a school's real data is never mixed with the demo's) and an export that does not import
// cleanly.
Result<std::vector<DemoInvite>> create_demo_school(Store& store, const std::string& folder, date::sys_seconds now);

}  // namespace fep::hub
