#!/usr/bin/env bash
# Webhook throughput of the standalone sample (docs/benchmarks.md, "Webhook throughput of the sample app").
# Builds the app and the load driver, starts the app on a fresh database with the benchmark endpoints,
# runs the driver against it, stops the app. Not part of the test suite: it loads the machine for ~1 minute.
# Database: a fresh H2 file database (default), or with DB=postgres a fresh schema on PostgreSQL
# (PG_URL, default jdbc:postgresql://127.0.0.1:5432/test; PG_USER, default postgres; the server's own
# durability settings), dropped at the end.
# With CRASH=true it runs the crash check instead: deliveries at full speed, kill -9 of the app after KILL_AFTER
# seconds (default 8), a restart on the same database, and every delivery answered 200 must be there.
# APP_JAVA_OPTS adds JVM options to the app (e.g. -XX:StartFlightRecording=filename=intake.jfr to profile it).
# Usage: [DB=h2|postgres] [CRASH=true] sample-app/src/load/webhook-load.sh [driver options, e.g. --connections 16]
set -euo pipefail
cd "$(dirname "$0")/../../.."

if [ "${SKIP_BUILD:-false}" != true ]; then
  mvn -B -q -pl sample-app,benchmarks -am package -DskipTests
fi

port="${PORT:-18080}"
data="$(mktemp -d)"
secret="made-up-load-test-app-secret"
key="made-up-load-test-api-key-0123456789"
log="sample-app/target/webhook-load-app.log"
db="${DB:-h2}"
schema=""
db_env=()
case "$db" in
  # A file of its own: the demo database is reset on every start, and the crash check restarts the app. The
  # options are the app's default H2 URL's (H2_OPTIONS= shows what H2's default write delay loses in a crash).
  h2) db_env=(DB_URL="jdbc:h2:file:$data/load;AUTO_SERVER=FALSE${H2_OPTIONS-;WRITE_DELAY=0}") ;;
  postgres)
    pg_url="${PG_URL:-jdbc:postgresql://127.0.0.1:5432/test}"
    pg_user="${PG_USER:-postgres}"
    pg_host="$(sed -E 's#jdbc:postgresql://([^:/]+).*#\1#' <<<"$pg_url")"
    pg_port="$(sed -E 's#jdbc:postgresql://[^:/]+:([0-9]+).*#\1#' <<<"$pg_url")"
    pg_db="$(sed -E 's#jdbc:postgresql://[^/]+/([^?]+).*#\1#' <<<"$pg_url")"
    schema="webhook_load_$(date +%s)_$$"
    psql -q -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$pg_db" -c "create schema $schema"
    db_env=(DB_URL="$pg_url?currentSchema=$schema" DB_USER="$pg_user" DB_PASSWORD="")
    ;;
  *) echo "DB must be h2 or postgres" >&2; exit 2 ;;
esac

app=""
start_app() {
  env "${db_env[@]}" MESSENGERKIT_MODE=demo PORT="$port" DATA_DIR="$data" SAMPLE_BENCHMARK_ENDPOINTS=true \
    MESSENGER_APP_SECRET="$secret" SAMPLE_DEMO_API_KEY="$key" \
    java ${APP_JAVA_OPTS:-} -jar sample-app/target/sample-app-standalone.jar >>"$log" 2>&1 &
  app=$!
  for _ in $(seq 1 600); do
    curl -sf "http://127.0.0.1:$port/health" >/dev/null && return 0
    kill -0 "$app" 2>/dev/null || { cat "$log"; exit 1; }
    sleep 0.1
  done
  echo "the app did not start" >&2
  exit 1
}
cleanup() {
  if [ -n "$app" ]; then
    kill "$app" 2>/dev/null || true
    wait "$app" 2>/dev/null || true
  fi
  rm -rf "$data"
  if [ -n "$schema" ]; then
    psql -q -h "$pg_host" -p "$pg_port" -U "$pg_user" -d "$pg_db" -c "set client_min_messages = warning; drop schema $schema cascade" || true
  fi
}
trap cleanup EXIT
: >"$log"
start_app
driver() {
  MESSENGER_APP_SECRET="$secret" SAMPLE_API_KEY="$key" \
    java -cp benchmarks/target/benchmarks.jar io.messengerkit.benchmarks.load.WebhookLoadDriver \
    --target "http://127.0.0.1:$port" "$@"
}

if [ "${CRASH:-false}" = true ]; then
  # Crash check: deliveries at full speed, kill -9 of the app after KILL_AFTER seconds, a restart on the same
  # database, then every delivery answered 200 before the kill must be stored.
  echo "database: $db${schema:+ (schema $schema)}; kill -9 after ${KILL_AFTER:-8} s"
  driver --mode crash --seconds 60 --answered-file "$data/answered.txt" "$@" &
  load=$!
  sleep "${KILL_AFTER:-8}"
  kill -9 "$app"
  wait "$app" 2>/dev/null || true
  wait "$load"
  start_app
  driver --mode verify --answered-file "$data/answered.txt"
  exit $?
fi

echo "database: $db${schema:+ (schema $schema)}"
driver "$@"
