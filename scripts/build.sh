#!/usr/bin/env bash
# Builds the native tree (core, fep CLI, tests) and the WebAssembly tree (browser module, tests).
# Usage: scripts/build.sh [native|wasm|all]   (default: all). Incremental: a no-op build takes a second.
set -euo pipefail
cd "$(dirname "$0")/.."
which=${1:-all}

build() {
  local preset=$1
  [ -f "build/$preset/build.ninja" ] || cmake --preset "$preset" >/dev/null
  cmake --build --preset "$preset" | grep -vE '^\[[0-9]+/[0-9]+\] (Building|Linking)' || true
  test "${PIPESTATUS[0]}" -eq 0
}

case $which in
  native) build native ;;
  wasm) build wasm ;;
  all) build native && build wasm ;;
  *) echo "usage: scripts/build.sh [native|wasm|all]" >&2; exit 2 ;;
esac
