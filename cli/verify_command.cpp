// fep verify: judges a bundle exactly as the widget does, and prints its verified claims.
#include <cstdio>
#include <ctime>

#include "args.h"
#include "commands.h"
#include "core/bundle.h"
#include "core/timestamp.h"
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
  const auto args = parse_command(argc, argv, "verify", {"jwks", "roots", "keyset", "revocations", "now", "min-seq"}, kHelp, exit_code);
  if (!args) return exit_code;
  if (args->positional().size() != 1) return usage_error("verify", "give exactly one BUNDLE");
  if (args->has("jwks") == args->has("keyset")) return usage_error("verify", "give either --jwks or --keyset");
  if (args->has("keyset") && !args->has("roots")) return usage_error("verify", "--keyset needs --roots");
  if (args->has("revocations") && !args->has("roots")) return usage_error("verify", "--revocations needs --roots");

  bundle::VerifyOptions options;
  options.now = std::time(nullptr);
  if (const auto* text = args->value("now")) {
    const auto parsed = timestamp::parse_epoch_or_rfc3339(*text);
    if (!parsed) return usage_error("verify", "--now must be epoch seconds or an RFC 3339 time");
    options.now = *parsed;
  }
  if (const auto* text = args->value("min-seq")) {
    options.min_seq = parse_integer(*text, 0, INT64_MAX);
    if (!options.min_seq) return usage_error("verify", "--min-seq must be a whole number");
  }

  std::vector<jwk::PublicKey> roots;
  if (const auto* path = args->value("roots")) {
    auto parsed = read_public_keys({*path});
    if (!parsed) return fail(parsed.error());
    roots = std::move(parsed).value();
  }
  std::vector<jwk::PublicKey> signing_keys;
  if (const auto* path = args->value("jwks")) {
    auto parsed = read_public_keys({*path});
    if (!parsed) return fail(parsed.error());
    signing_keys = std::move(parsed).value();
  } else {
    const auto compact = read_jws(*args->value("keyset"));
    if (!compact) return fail(compact.error());
    auto set = trust::verify_keyset(*compact, roots, options.now);
    if (!set) return fail(set.code(), "key set: " + set.error().detail);
    signing_keys = std::move(set->keys);
  }
  std::optional<trust::RevocationList> revocations;
  if (const auto* path = args->value("revocations")) {
    const auto compact = read_jws(*path);
    if (!compact) return fail(compact.error());
    auto list = trust::verify_revocations(*compact, roots, options.now);
    if (!list) return fail(list.code(), "revocation list: " + list.error().detail);
    revocations = std::move(list).value();
    options.revocations = &*revocations;
  }

  const auto compact = read_jws(args->positional()[0]);
  if (!compact) return fail(compact.error());
  const auto verified = bundle::verify(*compact, signing_keys, options);
  if (!verified) return fail(verified.error());
  std::printf("%s\n", verified->claims.dump(2).c_str());
  return kOk;
}

}  // namespace fep::cli
