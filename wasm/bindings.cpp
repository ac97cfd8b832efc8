// Registers the core's entry points with Embind. Registration only: conversions live in adapters.cpp,
// the idiomatic JavaScript API in web/src/core.js. Raw names start with '_' to mark them internal.
#include <emscripten/bind.h>

#include "adapters.h"

EMSCRIPTEN_BINDINGS(fep_core) {
  using namespace emscripten;
  using fep::wasm::VerifyOutcome;

  value_object<VerifyOutcome>("VerifyOutcome")
      .field("code", &VerifyOutcome::code)
      .field("detail", &VerifyOutcome::detail)
      .field("payload", &VerifyOutcome::payload);

  function("_verifyJws", &fep::wasm::verify_jws);
}
