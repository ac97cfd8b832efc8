// fep dashboard: the staff figures (docs/dashboards.md) for a class or school, computed from bundles
// each verified exactly as `fep verify` does. A bundle that does not verify is left out and named.
#include <cstdio>

#include "commands.h"
#include "core/json/json.h"
#include "core/record/record.h"
#include "core/trust/profile.h"
#include "core/view/dashboard.h"
#include "core/view/family.h"
#include "io.h"
#include "trust_args.h"

namespace fep::cli {

int dashboard(int argc, char** argv) {
  static const char* kHelp =
      "usage: fep dashboard (--jwks JWKS | --roots ROOTS --keyset KEYSET.jws) [--revocations REVOKED.jws]\n"
      "                     [--now EPOCH|RFC3339] [--today YYYY-MM-DD] [--rule percent_10|days_15]\n"
      "                     [--min-cell N] [--no-contact-days N] BUNDLE...\n"
      "Verifies each BUNDLE (a student's record) and prints the dashboard of those students as JSON:\n"
      "reach, trust, subgroup breakdowns with cells under --min-cell (10) suppressed, chronic absence\n"
      "and the students not reached in --no-contact-days (30), interventions (docs/dashboards.md).\n"
      "Exit 0: every bundle verified. Exit 1: some did not; they are listed under \"refused\" and left\n"
      "out of the figures. Exit 2: usage error.\n";
  auto options = kVerifyOptions;
  options.erase("min-seq");
  options.erase("min-seq-signature");
  options.erase("state");
  options.insert({"today", "rule", "min-cell", "no-contact-days"});
  int exit_code = kOk;
  const auto args = parse_command(argc, argv, "dashboard", options, kHelp, exit_code);
  if (!args) return exit_code;
  if (args->positional().empty()) return usage_error("dashboard", "give one or more BUNDLE files");

  TrustInputs inputs;
  trust::OpenRequest request;
  request.typ = trust::profile::kTypRecord;
  if (const int status = read_trust_inputs(*args, "dashboard", request, inputs); status != kOk) return status;
  const auto* today = args->value("today");
  const auto* rule = args->value("rule");
  const auto view_options = view::options_from(request.now, today ? *today : "", rule ? *rule : "", std::nullopt);
  if (!view_options) return usage_error("dashboard", view_options.error().detail);
  view::DashboardOptions figures;
  figures.today = view_options->today;
  figures.rule = view_options->rule;
  if (const auto* text = args->value("min-cell")) {
    const auto value = parse_integer(*text, 1, 1000);
    if (!value) return usage_error("dashboard", "--min-cell is a whole number from 1 to 1000");
    figures.min_cell = static_cast<std::size_t>(*value);
  }
  if (const auto* text = args->value("no-contact-days")) {
    const auto value = parse_integer(*text, 1, 366);
    if (!value) return usage_error("dashboard", "--no-contact-days is a whole number from 1 to 366");
    figures.no_contact_days = static_cast<int>(*value);
  }

  std::vector<record::Record> records;
  json::Json refused = json::Json::array();
  for (const auto& path : args->positional()) {
    auto text = read_jws(path);
    Result<record::Record> record = text ? Result<record::Record>(ErrorCode::ok) : Result<record::Record>(text.error());
    if (text) {
      request.bundle = *text;
      const auto opened = trust::open(request, trust::Seen{});
      record = opened ? record::parse(opened->bundle.data()) : Result<record::Record>(opened.error());
    }
    if (!record) {
      refused.push_back({{"file", path},
                         {"code", std::string(to_string(record.code()))},
                         {"message", record.error().detail.empty() ? std::string(default_message(record.code()))
                                                                   : record.error().detail}});
      continue;
    }
    records.push_back(std::move(record).value());
  }
  json::Json out = view::dashboard(records, figures);
  out["refused"] = refused;
  std::printf("%s\n", json::to_text(out, 2).c_str());
  return refused.empty() ? kOk : kFailed;
}

}  // namespace fep::cli
