// What a staff dashboard request is served (docs/dashboards.md): the signed bundles of exactly the
// students the caller may see, narrowed to one section or one school. The figures are computed where
// the bundles are verified (the browser's WebAssembly core, or `fep dashboard`), never here, so a
// dashboard shows nothing that was not verified.
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
};

// malformed for anything but the three forms.
Result<Scope> parse_scope(const std::string& text);

// The students of `staff` within `scope` (a student is in a section's scope when the record lists the
// section; in a school's when the record has an enrollment there), in id order.
Result<std::vector<std::string>> dashboard_students(Store& store, const Account& staff, const Scope& scope);

}  // namespace fep::hub
