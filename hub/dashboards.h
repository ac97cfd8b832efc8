// Staff dashboards (docs/dashboards.md): the figures of exactly the students a staff member may see,
// narrowed to one section or one school, computed here by the core (core/view/dashboard) from those
// students' current signed bundles, small groups suppressed before anything leaves, and sent signed
// (fep-dashboard+jwt). A dashboard is signed again only when a bundle in it changed, or on a new day.
#pragma once

#include <date/date.h>

#include <string>
#include <vector>

#include "core/result.h"
#include "hub/bundles.h"
#include "hub/store.h"

namespace fep::hub {

// "section:ID", "school:ID" or empty (all of the caller's students).
struct Scope {
  enum class Kind { all, section, school } kind = Kind::all;
  std::string id;
  std::string text() const;  // as parsed: "section:ID", "school:ID" or ""
};

// malformed for anything but the three forms.
Result<Scope> parse_scope(const std::string& text);

// The students of `staff` within `scope` (a student is in a section's scope when the record lists the
// section; in a school's when the record has an enrollment there), in id order.
Result<std::vector<std::string>> dashboard_students(Store& store, const Account& staff, const Scope& scope);

// Figures as of a day: a dashboard is valid two days and signed again after one.
inline constexpr std::chrono::hours kDashboardLifetime{48};

struct StoredDashboard {
  StoredBundle signed_dashboard;
  bool current = false;  // false: a bundle in it changed since, or its students did (refresh it)
};

// The dashboard signed for `staff` and `scope` today, current or not; nullopt when there is none for
// today (issue one). Cheap: one read of the students' bundle versions, nothing computed.
Result<std::optional<StoredDashboard>> stored_dashboard(Store& store, const Account& staff, const Scope& scope,
                                                        date::sys_seconds now);

// The dashboard for `staff` and `scope`: the stored one if current, else computed from the students'
// current bundles (signing any that changed), signed with the next seq and stored.
Result<StoredBundle> issue_dashboard(Store& store, const Issuer& issuer, const Account& staff, const Scope& scope,
                                     date::sys_seconds now);

}  // namespace fep::hub
