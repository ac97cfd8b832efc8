// Registers the core's entry points with Embind. Registration only: conversions live in adapters.cpp,
// the idiomatic JavaScript API in web/src/core.js. Raw names start with '_' to mark them internal.
#include <emscripten/bind.h>

#include "adapters.h"

EMSCRIPTEN_BINDINGS(fep_core) {
  using namespace emscripten;
  using fep::wasm::BundleOutcome;
  using fep::wasm::BundleRequest;
  using fep::wasm::VerifyOutcome;

  value_object<VerifyOutcome>("VerifyOutcome")
      .field("code", &VerifyOutcome::code)
      .field("detail", &VerifyOutcome::detail)
      .field("payload", &VerifyOutcome::payload);

  value_object<BundleRequest>("BundleRequest")
      .field("bundleLength", &BundleRequest::bundle_length)
      .field("keys", &BundleRequest::keys)
      .field("roots", &BundleRequest::roots)
      .field("keyset", &BundleRequest::keyset)
      .field("revocations", &BundleRequest::revocations)
      .field("now", &BundleRequest::now)
      .field("minSeq", &BundleRequest::min_seq)
      .field("seenPayloadSha256", &BundleRequest::seen_payload_sha256)
      .field("seen", &BundleRequest::seen)
      .field("today", &BundleRequest::today)
      .field("lastViewed", &BundleRequest::last_viewed)
      .field("rule", &BundleRequest::rule);

  value_object<BundleOutcome>("BundleOutcome")
      .field("code", &BundleOutcome::code)
      .field("detail", &BundleOutcome::detail)
      .field("json", &BundleOutcome::json)
      .field("kid", &BundleOutcome::kid)
      .field("iss", &BundleOutcome::iss)
      .field("sub", &BundleOutcome::sub)
      .field("payloadSha256", &BundleOutcome::payload_sha256)
      .field("seq", &BundleOutcome::seq);

  function("_verifyJws", &fep::wasm::verify_jws);
  function("_inputBuffer", &fep::wasm::input_buffer);
  function("_verifyBundle", &fep::wasm::verify_bundle);
  function("_openBundle", &fep::wasm::open_bundle);
}
