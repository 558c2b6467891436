#!/usr/bin/env bash
# npm run test:faults [-- --short] [--only cassandra-node,kafka-broker,app-and-upload,writer]:
# the scaled setup under faults (scripts/faults/run.ts). Installs what is missing first, like npm test.
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh
ensure_node_modules
ensure_java_and_maven
exec node_modules/.bin/tsx scripts/faults/run.ts "$@"
