// fep verify: judges a bundle exactly as the widget does, and prints its verified claims.
#include <cstdio>
#include <ctime>

#include "args.h"
#include "commands.h"
#include "core/trust/bundle.h"
#include "core/view/family.h"
#include "core/record/timestamp.h"
#include "io.h"
#include "key_files.h"

namespace fep::cli {
namespace {

// A JWS file's text without the final newline a shell or editor adds; any other whitespace stays
// and makes the JWS malformed.
std::string strip_final_newline(std::string text) {
  if (!text.empty() && text.back() == '\n') text.pop_back();
  if (!text.empty() && text.back() == '\r') text.pop_back();
  return text;
}

Result<std::string> read_jws(const std::string& path) {
  auto text = read_input(path);
  if (!text) return text.error();
  return strip_final_newline(std::move(text).value());
}

// Options shared by verify and summary: where the keys come from, time and rollback.
const std::set<std::string> kVerifyOptions = {"jwks", "roots", "keyset", "revocations", "now", "min-seq"};

// Reads the trust inputs named by the options and verifies the bundle. Returns kOk or an exit code.
int verify_from_args(const Args& args, const char* command, std::optional<trust::Bundle>& verified) {
  if (args.positional().size() != 1) return usage_error(command, "give exactly one BUNDLE");
  if (args.has("jwks") == args.has("keyset")) return usage_error(command, "give either --jwks or --keyset");
  if (args.has("keyset") && !args.has("roots")) return usage_error(command, "--keyset needs --roots");
  if (args.has("revocations") && !args.has("roots")) return usage_error(command, "--revocations needs --roots");

  trust::VerifyOptions options;
  options.now = std::time(nullptr);
  if (const auto* text = args.value("now")) {
    const auto parsed = record::timestamp::parse_epoch_or_rfc3339(*text);
    if (!parsed) return usage_error(command, "--now must be epoch seconds or an RFC 3339 time");
    options.now = *parsed;
  }
  if (const auto* text = args.value("min-seq")) {
    options.min_seq = parse_integer(*text, 0, INT64_MAX);
    if (!options.min_seq) return usage_error(command, "--min-seq must be a whole number");
  }

  std::vector<jose::jwk::PublicKey> roots;
  if (const auto* path = args.value("roots")) {
    auto parsed = read_public_keys({*path});
    if (!parsed) return fail(parsed.error());
    roots = std::move(parsed).value();
  }
  std::vector<jose::jwk::PublicKey> signing_keys;
  if (const auto* path = args.value("jwks")) {
    auto parsed = read_public_keys({*path});
    if (!parsed) return fail(parsed.error());
    signing_keys = std::move(parsed).value();
  } else {
    const auto compact = read_jws(*args.value("keyset"));
    if (!compact) return fail(compact.error());
    auto set = trust::verify_keyset(*compact, roots, options.now);
    if (!set) return fail(set.code(), "key set: " + set.error().detail);
    signing_keys = std::move(set->keys);
  }
  std::optional<trust::RevocationList> revocations;
  if (const auto* path = args.value("revocations")) {
    const auto compact = read_jws(*path);
    if (!compact) return fail(compact.error());
    auto list = trust::verify_revocations(*compact, roots, options.now);
    if (!list) return fail(list.code(), "revocation list: " + list.error().detail);
    revocations = std::move(list).value();
    options.revocations = &*revocations;
  }

  const auto compact = read_jws(args.positional()[0]);
  if (!compact) return fail(compact.error());
  auto result = trust::verify_bundle(*compact, signing_keys, options);
  if (!result) return fail(result.error());
  verified = std::move(result).value();
  return kOk;
}

}  // namespace

int verify(int argc, char** argv) {
  static const char* kHelp =
      "usage: fep verify (--jwks JWKS | --roots ROOTS --keyset KEYSET.jws) [--revocations REVOKED.jws]\n"
      "                  [--now EPOCH|RFC3339] [--min-seq N] BUNDLE\n"
      "Verifies BUNDLE (a compact JWS file, or - for standard input). Signing keys come from a JWKS, or\n"
      "from a key set signed by one of the pinned ROOTS. A revocation list needs --roots.\n"
      "Exit 0: the verified claims are printed as JSON. Exit 1: one line 'error: <code>: <message>' on\n"
      "standard error. Exit 2: usage error.\n";
  int exit_code = kOk;
  const auto args = parse_command(argc, argv, "verify", kVerifyOptions, kHelp, exit_code);
  if (!args) return exit_code;
  std::optional<trust::Bundle> verified;
  if (const int status = verify_from_args(*args, "verify", verified); status != kOk) return status;
  std::printf("%s\n", verified->claims_with_data().dump(2).c_str());
  return kOk;
}

int summary(int argc, char** argv) {
  static const char* kHelp =
      "usage: fep summary (--jwks JWKS | --roots ROOTS --keyset KEYSET.jws) [--revocations REVOKED.jws]\n"
      "                   [--now EPOCH|RFC3339] [--min-seq N] [--today YYYY-MM-DD] [--last-viewed T]\n"
      "                   [--rule percent_10|days_15] [--full] BUNDLE\n"
      "Verifies BUNDLE as 'fep verify' does, then prints the student's summary as JSON (attendance,\n"
      "courses, missing work, last contact; see docs/record-schema.md). --today defaults to the date of\n"
      "--now (UTC); --full prints the whole view model the widget renders.\n";
  auto options = kVerifyOptions;
  options.insert({"today", "last-viewed", "rule"});
  int exit_code = kOk;
  const auto parsed = parse_command(argc, argv, "summary", options, kHelp, exit_code, {"full"});
  if (!parsed) return exit_code;
  const bool full = parsed->has("full");

  view::Options view_options;
  if (const auto* text = parsed->value("rule")) {
    if (*text != "percent_10" && *text != "days_15") return usage_error("summary", "--rule must be percent_10 or days_15");
    view_options.rule = *text == "days_15" ? record::attendance::Rule::days_15 : record::attendance::Rule::percent_10;
  }
  if (const auto* text = parsed->value("last-viewed")) {
    const auto value = record::timestamp::parse_epoch_or_rfc3339(*text);
    if (!value) return usage_error("summary", "--last-viewed must be epoch seconds or an RFC 3339 time");
    view_options.last_viewed = *value;
  }
  std::optional<trust::Bundle> verified;
  if (const int status = verify_from_args(*parsed, "summary", verified); status != kOk) return status;
  std::int64_t now = std::time(nullptr);
  if (const auto* text = parsed->value("now")) now = *record::timestamp::parse_epoch_or_rfc3339(*text);
  view_options.today = date::floor<date::days>(date::sys_seconds{std::chrono::seconds{now}});
  if (const auto* text = parsed->value("today")) {
    const auto day = record::timestamp::parse_date(*text);
    if (!day) return usage_error("summary", "--today must be YYYY-MM-DD");
    view_options.today = *day;
  }
  const auto result = full ? view::build(*verified, view_options) : view::summarize(*verified, view_options);
  if (!result) return fail(result.error());
  std::printf("%s\n", result->dump(2).c_str());
  return kOk;
}

}  // namespace fep::cli
