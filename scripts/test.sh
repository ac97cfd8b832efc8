#!/usr/bin/env bash
# `npm test`: installs what is missing, builds, and runs every test level (scripts/run-tests.mjs).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh all
node scripts/demo-data.mjs
exec node scripts/run-tests.mjs "$@"
