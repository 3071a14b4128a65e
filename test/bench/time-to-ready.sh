#!/usr/bin/env bash
# Starts `npm start` and stops it as soon as /readyz answers 200; prints the milliseconds it took.
# Run from the project root. Cold start: remove .vexil (and dist, .turbo for a cold build) first.
set -u
port=${PORT:-8080}
started=$(date +%s%N)
PORT=$port LOG_LEVEL=warn setsid npm start > /tmp/vexil-time-to-ready.log 2>&1 &
pid=$!
until curl -sf "http://127.0.0.1:$port/readyz" > /dev/null; do
  if ! kill -0 $pid 2> /dev/null; then echo "npm start exited early; see /tmp/vexil-time-to-ready.log" >&2; exit 1; fi
  sleep 0.05
done
echo "ready in $((($(date +%s%N) - started) / 1000000)) ms"
kill -TERM -- -$pid 2> /dev/null
wait $pid 2> /dev/null
while curl -sf "http://127.0.0.1:$port/healthz" > /dev/null; do sleep 0.05; done
exit 0
