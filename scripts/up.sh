#!/usr/bin/env bash
# npm run up: installs what is missing, starts Cassandra (unless CASSANDRA_CONTACT_POINTS is set),
# migrates, seeds, builds when sources changed, and serves the app. Ctrl-C stops what it started.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh
ensure_node_modules
if [ -z "${CASSANDRA_CONTACT_POINTS:-}" ]; then ensure_java_and_maven; fi
exec node_modules/.bin/tsx scripts/up.ts "$@"
