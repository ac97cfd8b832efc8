// Prepares the module for the first real bundle: runs a synthetic year through the signature check
// (with a public test key: the family's module has no signing code), the strict parser, the view and
// the summary, so the browser's engine compiles and optimises the hot code while the family's record
// is still downloading (docs/benchmarks.md has the effect). Nothing is kept. False would mean the core
// refused its own synthetic year, or accepted a signature it must refuse: a bug, caught by tests.
#pragma once

namespace fep::wasm {

bool warm_up();

}  // namespace fep::wasm
