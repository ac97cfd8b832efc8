// fep import: a district's SIS export (Ed-Fi API resources or OneRoster CSV) to one record per student,
// a roster per teacher and the staff list, with a JSON report on stdout (docs/import.md).
#include <sys/stat.h>

#include <cstdio>
#include <ctime>

#include "args.h"
#include "commands.h"
#include "core/import/import.h"
#include "core/json/json.h"
#include "core/record/timestamp.h"
#include "io.h"

namespace fep::cli {
namespace {

constexpr const char* kHelp =
    "usage: fep import edfi|oneroster DIR --out OUT [--descriptors MAP.json] [--year YYYY] [--as-of YYYY-MM-DD]\n"
    "  --as-of: the day classes are read as of (default today): a class a student or teacher left\n"
    "  before it (and before the year's last day) is no longer on the teacher's roster.\n"
    "  writes OUT/records/<student id>.json, OUT/rosters/<staff id>.json and OUT/staff.json, and prints\n"
    "  a JSON report (students, written, warnings, errors, each with its file and line or pointer).\n"
    "  exit 0: every student imported; 1: some refused (the others are written); 2: usage\n";

// A file name from a source id: ids are the SIS's, so anything but letters, digits, '.', '_' and '-'
// (or a leading '.') is refused rather than turned into a path.
bool safe_name(const std::string& id) {
  if (id.empty() || id.front() == '.' || id.size() > 200) return false;
  for (const char c : id) {
    if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '.' || c == '_' || c == '-')) return false;
  }
  return true;
}

bool write_file(const std::string& path, const std::string& text) {
  std::FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return false;
  const bool written = std::fwrite(text.data(), 1, text.size(), file) == text.size();
  return std::fclose(file) == 0 && written;
}

}  // namespace

int import(int argc, char** argv) {
  int exit_code = kOk;
  const auto args = parse_command(argc, argv, "import", {"out", "descriptors", "year", "as-of"}, kHelp, exit_code);
  if (!args) return exit_code;
  if (args->positional().size() != 2) return usage_error("import", "give the format (edfi or oneroster) and DIR");
  const std::string& kind = args->positional()[0];
  if (kind != "edfi" && kind != "oneroster") return usage_error("import", "the format is edfi or oneroster");
  const auto* out = args->value("out");
  if (!out) return usage_error("import", "--out OUT is required");
  import::Options options;
  if (const auto* map = args->value("descriptors")) options.descriptor_map = *map;
  const auto* as_of = args->value("as-of");
  if (as_of && !record::timestamp::parse_date(*as_of)) return usage_error("import", "--as-of is a date, YYYY-MM-DD");
  options.as_of =
      as_of ? *as_of
            : record::timestamp::format_rfc3339(record::timestamp::from_epoch(std::time(nullptr))).substr(0, 10);
  if (const auto* year = args->value("year")) {
    const auto parsed = parse_integer(*year, 1900, 2200);
    if (!parsed) return usage_error("import", "--year is the year a school year ends in, e.g. 2022");
    options.school_year = static_cast<int>(*parsed);
  }
  import::Report report;
  for (const auto& folder : {*out, *out + "/records", *out + "/rosters"}) ::mkdir(folder.c_str(), 0755);
  const auto write_record = [&](const std::string& id, std::string&& record) {
    if (!safe_name(id)) {
      report.error({"", 0, "", "", id, "this student id cannot be a file name; nothing written for it"});
    } else if (!write_file(*out + "/records/" + id + ".json", record + "\n")) {
      report.error({"", 0, "", "", id, "cannot write " + *out + "/records/" + id + ".json"});
    } else {
      ++report.written;
    }
  };
  const auto imported = import::import_folder(kind == "edfi" ? import::Format::edfi : import::Format::oneroster,
                                              args->positional()[1], options, report, write_record);
  if (imported) {
    for (const auto& [id, roster] : imported->rosters) {
      if (!safe_name(id) || !write_file(*out + "/rosters/" + id + ".json", json::to_text(roster, 2) + "\n"))
        report.error({"", 0, "", "", "", "cannot write the roster of staff " + id});
    }
    if (!write_file(*out + "/staff.json", json::to_text(imported->staff, 2) + "\n"))
      report.error({"", 0, "", "", "", "cannot write " + *out + "/staff.json"});
  }
  std::printf("%s\n", json::to_text(report.to_json(), 2).c_str());
  return report.errors.empty() ? kOk : kFailed;
}

}  // namespace fep::cli
