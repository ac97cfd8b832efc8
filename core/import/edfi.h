// Ed-Fi Data Standard 5 in: each resource as the ODS/API's GET /data/v3/ed-fi/<resource> returns it,
// one file per resource (<resource>.json, a JSON array, or <resource>.jsonl). Descriptors arrive as
// URIs; the Ed-Fi namespace maps by table, a district's own through a mapping file (docs/import.md).
#pragma once

#include <string>

#include "core/import/district.h"
#include "core/import/report.h"

namespace fep::import {

struct Options;

bool read_edfi(const std::string& folder, const Options& options, District& district, Report& report);

}  // namespace fep::import
