#include "core/import/import.h"

#include "core/import/edfi.h"
#include "core/import/oneroster.h"

namespace fep::import {

std::optional<Imported> import_folder(Format format, const std::string& folder, const Options& options, Report& report,
                                      const RecordSink& sink) {
  District district;
  const bool read = format == Format::oneroster ? read_oneroster(folder, district, report)
                                                : read_edfi(folder, options, district, report);
  if (!read) return std::nullopt;
  district.as_of = options.as_of;
  return build(district, report, sink);
}

}  // namespace fep::import
