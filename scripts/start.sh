#!/usr/bin/env bash
# `npm start`: installs what is missing, builds, and serves the demo on http://127.0.0.1:${PORT:-8080}/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh native
bash scripts/build.sh wasm
node scripts/demo-data.mjs
exec node scripts/serve.mjs
