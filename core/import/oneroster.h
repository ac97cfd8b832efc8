// OneRoster CSV (1.1 and 1.2) in: orgs, academic sessions, courses, classes, users (with roles on
// users.csv in 1.1, in roles.csv in 1.2), enrollments, demographics, categories, line items and
// results; guardians linked by agentSourcedIds. OneRoster has no attendance: a companion
// attendance.csv (and calendar.csv) carries it (docs/import.md).
#pragma once

#include <string>

#include "core/import/district.h"
#include "core/import/report.h"

namespace fep::import {

// Reads the OneRoster files in `folder` into `district`. A missing required file or a wrong header is
// an error for the whole import (false); a bad row is reported and keeps out only what it concerns.
bool read_oneroster(const std::string& folder, District& district, Report& report);

}  // namespace fep::import
