// Fetching another district's published trust material (its key set and revocation list, at the URLs
// the trust directory lists for it) over HTTPS with libcurl: nothing else, never plain HTTP, a few
// seconds at most, a size a signed object can have. The caller verifies what comes back.
#pragma once

#include <chrono>
#include <string>

#include "core/result.h"

namespace fep::hub {

struct FetchOptions {
  std::string ca_file;  // certificates to trust instead of the system's (fep-hub serve --district-ca)
  std::chrono::seconds timeout{5};
  std::size_t max_bytes = 1024 * 1024;
};

// The body of a 200 answer to GET `url` (https only). unavailable with the reason otherwise.
Result<std::string> fetch_https(const std::string& url, const FetchOptions& options);

}  // namespace fep::hub
