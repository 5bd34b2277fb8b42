#!/usr/bin/env bash
# Starts the whole tracker on this machine's PostgreSQL and Redis:
# creates the database if missing, runs migrations, seeds, then runs api and worker.
set -euo pipefail
cd "$(dirname "$0")/.."
# Development: business time starts in the last quarter of the newest seed plan (2020) and moves
# through POST /api/dev/clock; the api and the worker share it in .business-clock.json.
if [ "${NODE_ENV:-development}" != "production" ]; then
  export BUSINESS_CLOCK="${BUSINESS_CLOCK:-file}"
  export BUSINESS_CLOCK_START="${BUSINESS_CLOCK_START:-2020-10-01T09:00:00+08:00}"
fi
node -r ./scripts/register.js apps/cli/src/main.ts setup
node -r ./scripts/register.js apps/worker/src/main.ts &
worker=$!
node -r ./scripts/register.js apps/api/src/main.ts &
api=$!
trap 'kill -TERM $api $worker 2>/dev/null; wait' INT TERM

# Say where to look once the api answers (the logs that follow are JSON lines).
port="${PORT:-3000}"
(
  for _ in $(seq 1 120); do
    if node -e "fetch('http://127.0.0.1:${port}/api/health').then(r=>process.exit(r.ok?0:1)).catch(()=>process.exit(1))" 2>/dev/null; then
      echo "tracker ready: pages http://127.0.0.1:${port}/  api http://127.0.0.1:${port}/api/docs  (accounts: npm run --silent cli -- users)" >&2
      exit 0
    fi
    sleep 1
  done
) &

wait -n $api $worker
status=$?
kill -TERM $api $worker 2>/dev/null || true
wait || true
exit $status
