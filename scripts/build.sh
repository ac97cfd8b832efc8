#!/usr/bin/env bash
# Builds the native tree (core, fep CLI, tests), the WebAssembly tree (browser module, tests) and the
# fuzzing tree (libFuzzer targets under ASan+UBSan); after the WebAssembly build, esbuild bundles the
# embeddable widget into dist/ (family-portal.js and fep_core.wasm).
# Usage: scripts/build.sh [native|wasm|fuzz|all]   (default: all). Incremental: a no-op build takes a second.
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}

build() {
  local preset=$1
  [ -f "build/$preset/build.ninja" ] || cmake --preset "$preset" >/dev/null
  # pipefail makes the pipeline fail when cmake does; the filter itself never fails (a quiet build
  # prints nothing for grep to pass on).
  if ! cmake --build --preset "$preset" 2>&1 | { grep -vE '^\[[0-9]+/[0-9]+\] (Building|Linking)' || true; }; then
    echo "build failed: $preset" >&2
    return 1
  fi
}

case $which in
  native) build native ;;
  wasm) build wasm && node scripts/bundle.mjs ;;
  fuzz) build fuzz ;;
  all) build native && build wasm && node scripts/bundle.mjs && build fuzz ;;
  *) echo "usage: scripts/build.sh [native|wasm|fuzz|all]" >&2; exit 2 ;;
esac
