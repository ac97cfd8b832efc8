// Prepares the module for the first real bundle: signs a synthetic year with a throwaway key and runs
// it through verification, the view and the summary, so the browser's engine compiles and optimises
// the hot code while the family's record is still downloading (docs/benchmarks.md has the effect).
// Nothing is kept. False would mean the core refused its own synthetic year: a bug, caught by tests.
#pragma once

namespace fep::wasm {

bool warm_up();

}  // namespace fep::wasm
