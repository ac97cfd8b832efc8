// The staff dashboard (docs/dashboards.md): the class or school picture computed from the verified
// records of exactly the students a staff member may see. Reach (two-way contact with the family),
// trusting relationships, both broken down by subgroup with small-cell suppression, chronic absence
// with the students nobody has reached, and attendance around interventions. Locale-neutral JSON:
// numbers, dates, enum codes, student ids and names; the widget words it.
#pragma once

#include <string>
#include <vector>

#include "core/json/json.h"
#include "core/record/attendance.h"
#include "core/record/record.h"
#include "core/result.h"

namespace fep::view {

struct DashboardOptions {
  record::Day today;
  record::attendance::Rule rule = record::attendance::Rule::percent_10;
  std::size_t min_cell = 10;  // smallest subgroup shown (docs/dashboards.md, "Suppression")
  int no_contact_days = 30;   // "no reached contact in the last N days" for the priority list
};

// The figures for `records` (each already verified), as a DOM and as JSON text.
json::Json dashboard(const std::vector<record::Record>& records, const DashboardOptions& options);
std::string render_dashboard(const std::vector<record::Record>& records, const DashboardOptions& options);

}  // namespace fep::view
