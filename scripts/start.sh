#!/usr/bin/env bash
# `npm start`: installs what is missing, builds, and runs the school's hub with a demo school on
# http://127.0.0.1:${PORT:-8080}/. The demo's data (records, keys, database) is created on first start
# in .demo-hub/ (git-ignored; FEP_HUB_DATA names another folder); its sign-in codes are printed.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
bash scripts/build.sh native
bash scripts/build.sh wasm
# The demo school: the four named families' students and 300 more of Lincoln Middle School, written as
# a district's Ed-Fi export (deterministic; a few seconds) and imported by the hub on first start.
node scripts/make-demo-school.mjs --school 300 build/demo-school >/dev/null
# Anything after `npm start --` goes to the hub (e.g. `npm start -- --cors https://www.school.example`).
exec build/native/hub/fep-hub serve --data "${FEP_HUB_DATA:-$PWD/.demo-hub}" --port "${PORT:-8080}" \
  --static build/site --demo build/demo-school "$@"
