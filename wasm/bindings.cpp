// Registers the core's entry points with Embind: the family's module (fep_core), which every page
// loads. Registration only: conversions live in adapters.cpp, the idiomatic JavaScript API in
// web/src/core.js. Raw names start with '_' to mark them internal. Staff-only entry points are in
// staff_bindings.cpp, linked only into the staff module.
#include <emscripten/bind.h>

#include "adapters.h"
#include "warm_up.h"

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
      .field("directory", &BundleRequest::directory)
      .field("directoryKeys", &BundleRequest::directory_keys)
      .field("now", &BundleRequest::now)
      .field("minSeq", &BundleRequest::min_seq)
      .field("seenSignature", &BundleRequest::seen_signature)
      .field("seen", &BundleRequest::seen)
      .field("today", &BundleRequest::today)
      .field("lastViewed", &BundleRequest::last_viewed)
      .field("rule", &BundleRequest::rule);

  value_object<BundleOutcome>("BundleOutcome")
      .field("code", &BundleOutcome::code)
      .field("detail", &BundleOutcome::detail)
      .field("jsonLength", &BundleOutcome::json_length)
      .field("kid", &BundleOutcome::kid)
      .field("iss", &BundleOutcome::iss)
      .field("sub", &BundleOutcome::sub)
      .field("issuerName", &BundleOutcome::issuer_name)
      .field("signature", &BundleOutcome::signature)
      .field("seq", &BundleOutcome::seq)
      .field("seen", &BundleOutcome::seen);

  value_object<fep::wasm::ContactOutcome>("ContactOutcome")
      .field("code", &fep::wasm::ContactOutcome::code)
      .field("detail", &fep::wasm::ContactOutcome::detail)
      .field("compact", &fep::wasm::ContactOutcome::compact)
      .field("hash", &fep::wasm::ContactOutcome::hash)
      .field("seq", &fep::wasm::ContactOutcome::seq)
      .field("idem", &fep::wasm::ContactOutcome::idem)
      .field("dev", &fep::wasm::ContactOutcome::dev)
      .field("entries", &fep::wasm::ContactOutcome::entries);

  function("_verifyJws", &fep::wasm::verify_jws);
  function("_contactVocabulary", &fep::wasm::contact_vocabulary);
  function("_prepareContact", &fep::wasm::prepare_contact);
  function("_assembleContact", &fep::wasm::assemble_contact);
  function("_keyId", &fep::wasm::key_id);
  function("_verifyContactChain", &fep::wasm::verify_contact_chain);
  function("_inputBuffer", &fep::wasm::input_buffer);
  function("_outputView", &fep::wasm::output_view);
  function("_verifyBundle", &fep::wasm::verify_bundle);
  function("_openBundle", &fep::wasm::open_bundle);
  function("_summarizeBundle", &fep::wasm::summarize_bundle);
  function("_openArchive", &fep::wasm::open_archive);
  function("_firstNeeds", &fep::wasm::first_needs);
  function("_warmUp", &fep::wasm::warm_up);
}
