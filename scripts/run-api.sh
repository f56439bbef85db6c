#!/bin/sh
# The API process of the Docker image and docker-compose.yml, with the Node.js flags for the CPUs the
# container has (scripts/api-node-flags.cjs); exec, so that node is the process that gets the signals.
set -e
cd "$(dirname "$0")/.."
# shellcheck disable=SC2046 # the flags are words on purpose (none or --single-threaded-gc)
exec node $(node scripts/api-node-flags.cjs) apps/api/dist/main.js "$@"
