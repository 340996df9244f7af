#!/usr/bin/env bash
# Webhook throughput of the standalone sample (docs/benchmarks.md, "Webhook throughput of the sample app").
# Builds the app and the load driver, starts the app on a fresh H2 database with the benchmark endpoints,
# runs the driver against it, stops the app. Not part of the test suite: it loads the machine for ~1 minute.
# Usage: sample-app/src/load/webhook-load.sh [driver options, e.g. --connections 16 --seconds 15]
set -euo pipefail
cd "$(dirname "$0")/../../.."

mvn -B -q -pl sample-app,benchmarks -am package -DskipTests

port="${PORT:-18080}"
data="$(mktemp -d)"
secret="made-up-load-test-app-secret"
key="made-up-load-test-api-key-0123456789"
log="sample-app/target/webhook-load-app.log"

MESSENGERKIT_MODE=demo PORT="$port" DATA_DIR="$data" SAMPLE_BENCHMARK_ENDPOINTS=true MESSENGER_APP_SECRET="$secret" SAMPLE_DEMO_API_KEY="$key" \
  java -jar sample-app/target/sample-app-standalone.jar >"$log" 2>&1 &
app=$!
trap 'kill "$app" 2>/dev/null; wait "$app" 2>/dev/null; rm -rf "$data"' EXIT

for _ in $(seq 1 100); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null && break
  kill -0 "$app" 2>/dev/null || { cat "$log"; exit 1; }
  sleep 0.1
done

MESSENGER_APP_SECRET="$secret" SAMPLE_API_KEY="$key" \
  java -cp benchmarks/target/benchmarks.jar io.messengerkit.benchmarks.load.WebhookLoadDriver \
  --target "http://127.0.0.1:$port" "$@"
