#!/usr/bin/env bash
# Product listed -> NEW_MATCH frame p99 with 10,000 saved searches (issue 19; docs/PERFORMANCE.md, "Saved
# searches"). Starts the infrastructure and only the three services on that path (product-service,
# consumer-service, notification-service) at port offset 13000 with ./thriftstore's flags and environment,
# seeds the searches over REST, and lists products at a fixed rate (perf/matches/NewMatchLatency.java).
#
#   perf/matches.sh                                  10,000 searches, 30 warm-up + 200 measured listings at 5/s
#   SEARCHES=2000 LISTINGS=20 WARMUP=5 perf/matches.sh   a smoke run
#
# Environment: SEARCHES (10000), LISTINGS (200), WARMUP (30), RATE (5 listings/s), THRIFTSTORE_PORT_OFFSET
# (13000), THRIFTSTORE_JAVA_OPTS (./thriftstore's default flags). Output: stdout and perf/target/matches/results.txt.
set -euo pipefail

PERF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$PERF/target/matches"
export THRIFTSTORE_PORT_OFFSET="${THRIFTSTORE_PORT_OFFSET:-13000}"
export THRIFTSTORE_DATA="${THRIFTSTORE_DATA:-$WORK/data}"
# The harness's users write far faster than a person (as in perf/run.sh).
export WRITE_RATE_LIMIT_PER_MINUTE="${WRITE_RATE_LIMIT_PER_MINUTE:-1000000}"
SEARCHES="${SEARCHES:-10000}"
LISTINGS="${LISTINGS:-200}"
WARMUP="${WARMUP:-30}"
RATE="${RATE:-5}"

# shellcheck source=../thriftstore
source "$PERF/../thriftstore"
PATH_SERVICES=(product-service:5010 consumer-service:5013 notification-service:8080)

cleanup() {
  for entry in "${PATH_SERVICES[@]}"; do stop_pidfile "$RUN/${entry%%:*}.pid" 5 || true; done
  [ -f "$RUN/infra.pid" ] && { stop_pidfile "$RUN/infra.pid" || true; }
  rm -f "$RUN/infra.ready"
}

main() {
  for p in "${INFRA_PORTS[@]}"; do port_taken "$p" && die "port $p is taken (offset $OFFSET): is a platform running there?"; done
  rm -rf "$THRIFTSTORE_DATA"
  mkdir -p "$RUN" "$LOGS" "$WORK"
  build_if_missing
  trap cleanup EXIT
  start_infra
  local cp pids=()
  cp="$(cat "$LAUNCHER_CP_FILE"):$LAUNCHER_JAR"
  for entry in "${PATH_SERVICES[@]}"; do
    local svc=${entry%%:*} port
    port=$(svc_port "$entry")
    service_env "$port"
    env "${SERVICE_ENV[@]}" "$JAVA" -XX:+ExitOnOutOfMemoryError $JAVA_OPTS -jar "$(service_jar "$svc")" >"$LOGS/$svc.log" 2>&1 </dev/null &
    echo $! >"$RUN/$svc.pid"
  done
  for entry in "${PATH_SERVICES[@]}"; do
    local svc=${entry%%:*}
    wait_healthy "$svc" "http://localhost:$(svc_port "$entry")/actuator/health" "$RUN/$svc.pid" "$LOGS/$svc.log" || die "$svc did not start"
  done
  say "measuring: $SEARCHES saved searches, $WARMUP warm-up + $LISTINGS measured listings at $RATE/s"
  "$JAVA" -Xmx512m -cp "$cp" "$PERF/matches/NewMatchLatency.java" --offset "$OFFSET" --keys "$DATA/dev-keys" \
    --searches "$SEARCHES" --listings "$LISTINGS" --warmup "$WARMUP" --rate "$RATE" | tee "$WORK/last.txt"
  { printf '%s ' "$(date -u '+%Y-%m-%dT%H:%MZ')"; grep '^RESULT' "$WORK/last.txt" || echo "no result"; } >>"$WORK/results.txt"
}

main "$@"
