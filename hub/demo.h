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
  std::string account;  // "contact:c-mother", "staff:t-okafor": what `fep-hub invite` takes to make another
  std::string who;      // "Rosa Hernández, family of Maya Hernández and Leo Hernández"
  std::string code;     // the one-time code
};

// The invites as kept beside the data (a line each: account, code, who; tab-separated), and back.
std::string demo_invites_file(const std::vector<DemoInvite>& invites);
std::vector<DemoInvite> parse_demo_invites(const std::string& text);

// What a start prints: each code with whom it is for, the account id that makes another, and its
// link, or "used" once it has been used (or has expired).
std::string demo_text(Store& store, const std::vector<DemoInvite>& invites, const std::string& url,
                      const std::string& data, date::sys_seconds now);

// Creates the demo school in an empty store from the Ed-Fi export in `folder` (with its
// descriptors.json); its invites, in the order to try them. Refuses a store that already holds
// records (a school's real data is never mixed with the demo's) and an export that does not import
// cleanly.
Result<std::vector<DemoInvite>> create_demo_school(Store& store, const std::string& folder, date::sys_seconds now);

}  // namespace fep::hub
