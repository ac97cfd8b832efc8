// One entry for both importers: a folder of SIS data in, validated records, rosters and staff out,
// with a report of every problem (docs/import.md). The command line and the hub only convert.
#pragma once

#include <optional>
#include <string>

#include "core/import/district.h"
#include "core/import/report.h"

namespace fep::import {

enum class Format { edfi, oneroster };

struct Options {
  std::string descriptor_map;  // a JSON file mapping a district's own descriptor URIs (Ed-Fi)
  int school_year = 0;         // Ed-Fi: the year to import (the ending year); 0: the latest found
  // The import's day (YYYY-MM-DD; empty: none): a class association that ended before it, and before
  // the school year's last day, no longer links a teacher to a student (district.h, `ended`).
  std::string as_of;
};

// Each valid record goes to `sink` as it is made; rosters and staff are returned. nullopt when the
// import could not run at all (a missing file, a wrong header: in `report`).
std::optional<Imported> import_folder(Format format, const std::string& folder, const Options& options, Report& report,
                                      const RecordSink& sink);

}  // namespace fep::import
