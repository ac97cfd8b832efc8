// The staff module (fep_staff): everything the family's module has, plus the teacher's roster and the
// class and school dashboards. Kept out of the family's module so a parent's phone never downloads them.
#include <emscripten/bind.h>

#include "adapters.h"

EMSCRIPTEN_BINDINGS(fep_staff) {
  using namespace emscripten;
  function("_openRoster", &fep::wasm::open_roster);
  function("_openDashboard", &fep::wasm::open_dashboard);
}
