// fep verify and fep summary: judge a bundle exactly as the widget does (core/trust/open.h), and print
// its verified claims or its summary. --state keeps what was accepted between runs, as the widget does.
#include <cstdio>
#include <ctime>

#include "args.h"
#include "commands.h"
#include "core/jose/base64url.h"
#include "core/json/json.h"
#include "core/record/record.h"
#include "core/record/timestamp.h"
#include "core/trust/open.h"
#include "core/trust/profile.h"
#include "core/view/family.h"
#include "core/view/first_needs.h"
#include "io.h"
#include "key_files.h"
#include "state_file.h"
#include "trust_args.h"

namespace fep::cli {
namespace {

// Reads the trust inputs named by the options and opens the bundle through the pipeline, updating
// --state on success. Returns kOk or an exit code.
int open_from_args(const Args& args, const char* command, std::string_view typ, std::optional<trust::Opened>& opened) {
  if (args.positional().size() != 1) return usage_error(command, "give exactly one BUNDLE");
  if (args.has("min-seq-signature") && !args.has("min-seq"))
    return usage_error(command, "--min-seq-signature needs --min-seq");
  TrustInputs inputs;
  trust::OpenRequest request;
  request.typ = typ;
  if (const int status = read_trust_inputs(args, command, request, inputs); status != kOk) return status;
  if (const auto* text = args.value("min-seq")) {
    const auto seq = parse_integer(*text, 0, INT64_MAX);
    if (!seq) return usage_error(command, "--min-seq must be a whole number");
    request.min_seq = trust::SeenEntry{*seq, {}};
    if (const auto* signature = args.value("min-seq-signature")) {
      auto bytes = jose::base64url::decode(*signature);
      if (!bytes) return usage_error(command, "--min-seq-signature must be base64url");
      request.min_seq->signature = std::move(bytes).value();
    }
  }
  auto bundle = read_jws(args.positional()[0]);
  if (!bundle) return fail(bundle.error());
  inputs.bundle = std::move(bundle).value();
  request.bundle = inputs.bundle;

  const auto* state_path = args.value("state");
  auto seen = state_path ? read_state(*state_path) : Result<trust::Seen>(trust::Seen{});
  if (!seen) return fail(seen.error());
  auto result = trust::open(request, std::move(seen).value());
  if (!result) return fail(result.error());
  if (state_path) {
    if (auto written = write_state(*state_path, result->seen); !written) return fail(written.error());
  }
  opened = std::move(result).value();
  return kOk;
}

}  // namespace

int verify(int argc, char** argv) {
  static const char* kHelp =
      "usage: fep verify (--jwks JWKS | (--roots ROOTS | --directory DIR.jws --directory-key KEY.jwk)\n"
      "                   --keyset KEYSET.jws) [--revocations REVOKED.jws]\n"
      "                  [--now EPOCH|RFC3339] [--min-seq N [--min-seq-signature SIG]] [--state FILE] BUNDLE\n"
      "Verifies BUNDLE (a compact JWS file, or - for standard input). Signing keys come from a JWKS, or\n"
      "from a key set signed by one of the pinned ROOTS, or by the roots a trust directory (signed by the\n"
      "pinned directory key) lists for the bundle's issuer: unlisted_issuer when it lists none.\n"
      "--state FILE keeps the highest seq and signature accepted for each bundle stream, key set and\n"
      "revocation list (created when missing, replaced atomically): anything older is rolled_back.\n"
      "Exit 0: the verified claims are printed as JSON. Exit 1: one line 'error: <code>: <message>' on\n"
      "standard error. Exit 2: usage error.\n";
  int exit_code = kOk;
  const auto args = parse_command(argc, argv, "verify", kVerifyOptions, kHelp, exit_code);
  if (!args) return exit_code;
  std::optional<trust::Opened> opened;
  // fep verify judges every kind of bundle (an archive's contact records too); summary reads records only.
  if (const int status = open_from_args(*args, "verify", {}, opened); status != kOk) return status;
  if (opened->bundle.typ == trust::profile::kTypArchive) {
    if (const auto archive = record::parse_archive(opened->bundle.data()); !archive) return fail(archive.error());
  }
  std::printf("%s\n", json::to_text(opened->bundle.claims_with_data(), 2).c_str());
  return kOk;
}

int summary(int argc, char** argv) {
  static const char* kHelp =
      "usage: fep summary (--jwks JWKS | --roots ROOTS --keyset KEYSET.jws) [--revocations REVOKED.jws]\n"
      "                   [--now EPOCH|RFC3339] [--min-seq N] [--state FILE] [--today YYYY-MM-DD]\n"
      "                   [--last-viewed T] [--rule percent_10|days_15] [--full | --first-needs] BUNDLE\n"
      "Verifies BUNDLE as 'fep verify' does, then prints the student's summary as JSON (attendance,\n"
      "courses, missing work, last contact; see docs/record-schema.md). --today defaults to the date of\n"
      "--now (UTC); --full prints the whole view model the widget renders; --first-needs the card a new\n"
      "school reads first, as of --today (docs/transfers.md).\n";
  auto options = kVerifyOptions;
  options.insert({"today", "last-viewed", "rule"});
  int exit_code = kOk;
  const auto args = parse_command(argc, argv, "summary", options, kHelp, exit_code, {"full", "first-needs"});
  if (!args) return exit_code;

  std::optional<date::sys_seconds> last_viewed;
  if (const auto* text = args->value("last-viewed")) {
    const auto value = record::timestamp::parse_epoch_or_rfc3339(*text);
    if (!value) return usage_error("summary", "--last-viewed must be epoch seconds or an RFC 3339 time");
    last_viewed = *value;
  }
  const auto now = now_from(*args);
  if (!now) return usage_error("summary", "--now must be epoch seconds or an RFC 3339 time");
  const auto* today = args->value("today");
  const auto* rule = args->value("rule");
  const auto view_options = view::options_from(*now, today ? *today : "", rule ? *rule : "", last_viewed);
  if (!view_options) return usage_error("summary", view_options.error().detail);

  std::optional<trust::Opened> opened;
  if (const int status = open_from_args(*args, "summary", trust::profile::kTypRecord, opened); status != kOk)
    return status;
  if (args->has("full") && args->has("first-needs")) return usage_error("summary", "give --full or --first-needs");
  const auto& bundle = opened->bundle;
  const auto result = args->has("first-needs")
                          ? view::first_needs(bundle, {view_options->today, opened->issuer_name, 3})
                      : args->has("full") ? view::build(bundle, *view_options)
                                          : view::summarize(bundle, *view_options);
  if (!result) return fail(result.error());
  std::printf("%s\n", json::to_text(*result, 2).c_str());
  return kOk;
}

}  // namespace fep::cli
