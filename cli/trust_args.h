// The options every verifying command shares (verify, summary, dashboard): where the keys come from
// (--jwks, or --roots or a trust --directory with --keyset, and --revocations) and the time (--now).
#pragma once

#include <date/date.h>

#include <set>
#include <string>

#include "args.h"
#include "core/result.h"
#include "core/trust/open.h"

namespace fep::cli {

// Options shared by verify and summary: where the keys come from, time and rollback.
extern const std::set<std::string> kVerifyOptions;

// A JWS file's text (or "-" for standard input) without the final newline a shell or editor adds.
Result<std::string> read_jws(const std::string& path);

// --now, or the clock.
Result<date::sys_seconds> now_from(const Args& args);

// The texts an OpenRequest points into; they must outlive it.
struct TrustInputs {
  std::string bundle, keyset, revocations, directory;
};

// Fills `request` (keys, roots, key set, revocation list, now) from the options, reading the files into
// `inputs`. Returns kOk or an exit code (usage or failure already printed).
int read_trust_inputs(const Args& args, const char* command, trust::OpenRequest& request, TrustInputs& inputs);

}  // namespace fep::cli
