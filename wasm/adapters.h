// Converts core results into plain values that Embind hands to JavaScript as ordinary objects
// (value_object), so JS never owns a C++ handle and never has to call .delete().
#pragma once

#include <string>

namespace fep::wasm {

// An outcome crosses the boundary as a stable error code ("ok" on success), never as an exception.
struct VerifyOutcome {
  std::string code;     // fep::ErrorCode string form
  std::string detail;   // for developers' consoles, not for readers
  std::string payload;  // the verified payload text; empty unless code == "ok"
};

// Verifies a compact JWS against one public JWK (JSON text).
VerifyOutcome verify_jws(const std::string& compact, const std::string& jwk_json);

}  // namespace fep::wasm
