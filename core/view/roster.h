// A teacher's roster as the widget reads it: the students the teacher may log contacts for, each
// with the family members on file (docs/contact-log.md, "Teacher roster").
#pragma once

#include <string>

#include "core/result.h"
#include "core/trust/bundle.h"

namespace fep::view {

// {teacher {id, name}, schoolYear, students [{id, displayName, gradeLevel, contacts [{id, name,
// relation, preferredLanguage, restrictions}]}]} as JSON text; bad_record if the roster does not parse.
Result<std::string> render_roster(const trust::Bundle& roster);

}  // namespace fep::view
