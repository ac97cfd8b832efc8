#include "trust_args.h"

#include <ctime>

#include "core/record/timestamp.h"
#include "io.h"
#include "key_files.h"

namespace fep::cli {

const std::set<std::string> kVerifyOptions = {
    "jwks",  "roots",     "keyset",       "revocations", "now", "min-seq", "min-seq-signature",
    "state", "directory", "directory-key"};

namespace {

// Any whitespace but the final newline stays and makes the JWS malformed.
std::string strip_final_newline(std::string text) {
  if (!text.empty() && text.back() == '\n') text.pop_back();
  if (!text.empty() && text.back() == '\r') text.pop_back();
  return text;
}

}  // namespace

Result<std::string> read_jws(const std::string& path) {
  auto text = read_input(path);
  if (!text) return text.error();
  return strip_final_newline(std::move(text).value());
}

Result<date::sys_seconds> now_from(const Args& args) {
  const auto* text = args.value("now");
  if (!text) return record::timestamp::from_epoch(std::time(nullptr));
  return record::timestamp::parse_epoch_or_rfc3339(*text);
}

int read_trust_inputs(const Args& args, const char* command, trust::OpenRequest& request, TrustInputs& inputs) {
  if (args.has("jwks") == args.has("keyset")) return usage_error(command, "give either --jwks or --keyset");
  const bool directory = args.has("directory");
  if (directory != args.has("directory-key")) return usage_error(command, "--directory needs --directory-key");
  if (directory && args.has("roots")) return usage_error(command, "give --roots or --directory, not both");
  if (directory && !args.has("keyset")) return usage_error(command, "--directory needs --keyset");
  if (args.has("keyset") && !args.has("roots") && !directory)
    return usage_error(command, "--keyset needs --roots or --directory");
  if (args.has("revocations") && !args.has("roots") && !directory)
    return usage_error(command, "--revocations needs --roots or --directory");
  const auto now = now_from(args);
  if (!now) return usage_error(command, "--now must be epoch seconds or an RFC 3339 time");
  request.now = *now;
  if (const auto* path = args.value("roots")) {
    auto roots = read_public_keys({*path});
    if (!roots) return fail(roots.error());
    request.roots = std::move(roots).value();
  }
  if (const auto* path = args.value("jwks")) {
    auto keys = read_public_keys({*path});
    if (!keys) return fail(keys.error());
    request.keys = std::move(keys).value();
  } else {
    auto keyset = read_jws(*args.value("keyset"));
    if (!keyset) return fail(keyset.error());
    inputs.keyset = std::move(keyset).value();
  }
  if (const auto* path = args.value("revocations")) {
    auto revocations = read_jws(*path);
    if (!revocations) return fail(revocations.error());
    inputs.revocations = std::move(revocations).value();
  }
  if (directory) {
    auto keys = read_public_keys({*args.value("directory-key")});
    if (!keys) return fail(keys.error());
    request.directory_keys = std::move(keys).value();
    auto listed = read_jws(*args.value("directory"));
    if (!listed) return fail(listed.error());
    inputs.directory = std::move(listed).value();
  }
  request.keyset = inputs.keyset;
  request.revocations = inputs.revocations;
  request.directory = inputs.directory;
  return kOk;
}

}  // namespace fep::cli
