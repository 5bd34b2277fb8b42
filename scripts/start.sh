#!/usr/bin/env bash
# Starts the whole tracker on this machine's PostgreSQL and Redis:
# creates the database if missing, runs migrations, seeds, then runs api and worker.
set -euo pipefail
cd "$(dirname "$0")/.."
node -r ./scripts/register.js apps/cli/src/main.ts setup
node -r ./scripts/register.js apps/worker/src/main.ts &
worker=$!
node -r ./scripts/register.js apps/api/src/main.ts &
api=$!
trap 'kill -TERM $api $worker 2>/dev/null; wait' INT TERM
wait -n $api $worker
status=$?
kill -TERM $api $worker 2>/dev/null || true
wait || true
exit $status
