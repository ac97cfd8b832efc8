#include "core/import/edfi.h"

#include "core/import/import.h"

namespace fep::import {

bool read_edfi(const std::string& folder, const Options&, District&, Report& report) {
  report.error({folder, 0, "", "", "", "not yet"});
  return false;
}

}  // namespace fep::import
