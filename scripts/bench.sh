#!/usr/bin/env bash
# `npm run bench`: installs what is missing, builds, and runs the benchmarks (docs/benchmarks.md).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh native
bash scripts/build.sh wasm
node scripts/bench.mjs
exec node scripts/bench-dashboard.mjs
