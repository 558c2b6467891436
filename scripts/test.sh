#!/usr/bin/env bash
# npm test: installs what is missing, then runs every test stage (see scripts/run-tests.ts).
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh
ensure_node_modules
ensure_java_and_maven
ensure_chromium
exec node_modules/.bin/tsx scripts/run-tests.ts "$@"
