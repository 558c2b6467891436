#!/usr/bin/env bash
# npm run up: installs what is missing, starts Cassandra (unless CASSANDRA_CONTACT_POINTS is set),
# migrates, seeds, builds when sources changed, and serves the app. Ctrl-C stops what it started.
# `npm run up -- --scale` (or `npm run cluster`) starts the scaled setup instead (scripts/cluster/).
set -euo pipefail
export NEXT_TELEMETRY_DISABLED=1
cd "$(dirname "$0")/.."
source scripts/lib/ensure.sh
ensure_node_modules
if [ "${1:-}" = "--scale" ]; then
  # The scaled setup (npm run cluster): 3 Cassandra nodes, 3 Kafka brokers, Redis, HAProxy, 2 of each server.
  ensure_java_and_maven
  shift
  exec node_modules/.bin/tsx scripts/cluster/cli.ts "$@"
fi
if [ -z "${CASSANDRA_CONTACT_POINTS:-}" ]; then ensure_java_and_maven; fi
exec node_modules/.bin/tsx scripts/up.ts "$@"
