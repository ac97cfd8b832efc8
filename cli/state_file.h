// The rollback state of `fep verify --state FILE`: trust::Seen as a JSON file, read when present and
// replaced atomically (written beside it, flushed, renamed), so a crash leaves the old or the new state.
#pragma once

#include <string>

#include "core/result.h"
#include "core/trust/open.h"

namespace fep::cli {

// An empty state when the file does not exist; malformed when it is not a Seen.
Result<trust::Seen> read_state(const std::string& path);
Status write_state(const std::string& path, const trust::Seen& seen);

}  // namespace fep::cli
