#!/usr/bin/env bash
# The load harness end to end: build, start the platform and the baseline app on their own ports, run the
# baselines and the Gatling simulations, sample each service's RSS, print one summary table, stop everything.
#
#   perf/run.sh [--smoke] [--no-build] [--keep | --reuse] [--only catalog,orders,notify,chat,mixed]
#
# --smoke: short phases and few users, to check that the harness works (figures mean nothing).
# --keep: leave the platform running afterwards; --reuse: use the platform a --keep run left (no restart).
# Without it: the measurement (about 25 minutes). Every figure is also an environment variable; see
# perf/README.md. Summary: stdout and perf/target/summary.md; Gatling's HTML reports: perf/load/target/gatling/.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PERF="$ROOT/perf"
OUT="$PERF/target"
OFFSET="${PERF_PORT_OFFSET:-10000}"
DATA="${PERF_DATA:-$OUT/platform-data}"
JAVA="${JAVA_HOME:+$JAVA_HOME/bin/}java"
# Full tiered compilation: ./thriftstore's default TieredStopAtLevel=1 starts faster but caps peak throughput.
JAVA_OPTS="${PERF_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -Xshare:auto}"
BASELINE_PORT=$((9090 + OFFSET))
PG_URL="jdbc:postgresql://localhost:$((5432 + OFFSET))"
KAFKA="localhost:$((9092 + OFFSET))"

smoke=false build=true keep=false reuse=false only="catalog,orders,notify,chat,mixed"
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=true ;;
    --no-build) build=false ;;
    --keep) keep=true ;;
    --reuse) reuse=true; keep=true ;;
    --only) only="$2"; shift ;;
    *) echo "usage: perf/run.sh [--smoke] [--no-build] [--keep | --reuse] [--only catalog,orders,notify,chat,mixed]" >&2; exit 2 ;;
  esac
  shift
done

if $smoke; then
  : "${WARMUP:=5}" "${DURATION:=8}" "${USERS:=8}" "${ORDER_RATE:=10}" "${ORDER_PAIRS:=10}"
  : "${CHAT_PAIRS:=5}" "${CHAT_RATE:=5}" "${IDLE_SOCKETS:=50}" "${MIXED_RATE:=20}" "${KAFKA_RATE:=200}" "${JDBC_SECONDS:=5}"
else
  : "${WARMUP:=60}" "${DURATION:=60}" "${USERS:=50}" "${ORDER_RATE:=100}" "${ORDER_PAIRS:=200}"
  : "${CHAT_PAIRS:=50}" "${CHAT_RATE:=50}" "${IDLE_SOCKETS:=2000}" "${MIXED_RATE:=200}" "${KAFKA_RATE:=1000}" "${JDBC_SECONDS:=20}"
fi

mkdir -p "$OUT/logs" "$OUT/results"
SUMMARY="$OUT/summary.md"
RESULTS="$OUT/results"
rm -f "$RESULTS"/*
say() { printf '[perf %s] %s\n' "$(date +%H:%M:%S)" "$*"; }
baseline_jar() { ls "$PERF"/baseline/target/perf-baseline-*.jar | grep -v original | head -1; }

# --- stop everything on exit, whatever happened -------------------------------------------------------
SAMPLER_PID="" BASELINE_PID=""
cleanup() {
  set +e
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null
  [ -n "$BASELINE_PID" ] && kill "$BASELINE_PID" 2>/dev/null && wait "$BASELINE_PID" 2>/dev/null
  if [ -d "$DATA/run" ] && ! $keep; then
    say "stopping the platform"
    THRIFTSTORE_PORT_OFFSET="$OFFSET" THRIFTSTORE_DATA="$DATA" "$ROOT/thriftstore" down >/dev/null 2>&1
  fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# --- build, platform, baseline app ---------------------------------------------------------------------
if $build; then
  say "building (./mvnw -Pperf -DskipTests install)"
  (cd "$ROOT" && ./mvnw -B -q -Pperf -DskipTests install) >"$OUT/logs/build.log" 2>&1 \
    || { tail -40 "$OUT/logs/build.log"; exit 1; }
fi

ulimit -n 20000 2>/dev/null || true
if $reuse; then
  say "reusing the platform at offset $OFFSET"
  curl -fsS -o /dev/null "http://localhost:$((5010 + OFFSET))/actuator/health" \
    || { echo "no platform at offset $OFFSET: run once with --keep first" >&2; exit 1; }
else
say "starting the platform at offset $OFFSET with JAVA_OPTS='$JAVA_OPTS' (log: $OUT/logs/platform.log)"
# Writes and chat sends are rate-limited per user (60/min, 20/10 s): the harness's users write far faster.
# ws-chat holds every chat socket, about 32 KiB of heap each since Tomcat's buffers were shrunk (docs/PERFORMANCE.md,
# "Idle sockets"): 2,000 fit the 256 MiB the others get. PERF_WS_CHAT_OPTS adds flags for it alone (runs 1-7: -Xmx448m).
THRIFTSTORE_PORT_OFFSET="$OFFSET" THRIFTSTORE_DATA="$DATA" THRIFTSTORE_JAVA_OPTS="$JAVA_OPTS" THRIFTSTORE_DASHBOARD=off \
  THRIFTSTORE_JAVA_OPTS_WS_CHAT_SERVICE="${PERF_WS_CHAT_OPTS:-}" \
  WRITE_RATE_LIMIT_PER_MINUTE=10000000 CHAT_SEND_RATE_MESSAGES=1000000 \
  THRIFTSTORE_HEALTH_TIMEOUT="${THRIFTSTORE_HEALTH_TIMEOUT:-600}" \
  "$ROOT/thriftstore" up --reset >"$OUT/logs/platform.log" 2>&1 || { tail -40 "$OUT/logs/platform.log"; exit 1; }
grep -E 'UP|is up' "$OUT/logs/platform.log" || true
fi

say "starting the baseline app on :$BASELINE_PORT"
# shellcheck disable=SC2086
PORT="$BASELINE_PORT" POSTGRES_URL_BASE="$PG_URL" nohup "$JAVA" $JAVA_OPTS -jar "$(baseline_jar)" \
  >"$OUT/logs/baseline.log" 2>&1 </dev/null &
BASELINE_PID=$!
for _ in $(seq 1 120); do
  curl -fsS -o /dev/null "http://localhost:$BASELINE_PORT/hello" 2>/dev/null && break
  kill -0 "$BASELINE_PID" 2>/dev/null || { tail -40 "$OUT/logs/baseline.log"; exit 1; }
  sleep 0.5
done

# --- RSS sampler: the peak VmRSS seen during the run and the kernel's VmHWM, per process -------------------
sample_rss() {
  while true; do
    for f in "$DATA"/run/*.pid; do
      local name pid
      name=$(basename "$f" .pid)
      pid=$(cat "$f" 2>/dev/null) || continue
      [ -r "/proc/$pid/status" ] || continue
      awk -v n="$name" '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} END {print n, r, h}' "/proc/$pid/status"
    done
    [ -r "/proc/$BASELINE_PID/status" ] && awk '/^VmRSS/ {r=$2} /^VmHWM/ {h=$2} END {print "perf-baseline", r, h}' "/proc/$BASELINE_PID/status"
    sleep 2
  done >>"$RESULTS/rss.samples"
}
sample_rss &
SAMPLER_PID=$!

# --- plain-Java baselines: Kafka round trip (linger 0 and Kafka's default 5), raw JDBC ceiling ---------------
say "baseline: Kafka produce -> consume round trip at $KAFKA_RATE/s"
for linger in 0 5; do
  "$JAVA" -jar "$(baseline_jar)" kafka --bootstrap "$KAFKA" --rate "$KAFKA_RATE" --warmup 5 \
    --duration "$JDBC_SECONDS" --linger "$linger" 2>>"$OUT/logs/kafka-roundtrip.log" | grep '^RESULT' | tee -a "$RESULTS/plain.txt"
done
say "baseline: raw JDBC insert order + outbox, 8 clients, no HTTP"
"$JAVA" -jar "$(baseline_jar)" jdbc --url "$PG_URL" --clients 8 --warmup 5 --duration "$JDBC_SECONDS" \
  2>>"$OUT/logs/jdbc-loop.log" | grep '^RESULT' | tee -a "$RESULTS/plain.txt"

# --- Gatling simulations ----------------------------------------------------------------------------------
simulate() { # simulate <key> <SimulationClass> [-Dname=value ...]
  local key=$1 class=$2
  shift 2
  say "simulation $class $* (log: $OUT/logs/$key.log)"
  local before
  before=$(ls -d "$PERF"/load/target/gatling/*/ 2>/dev/null | sort || true)
  (cd "$ROOT" && ./mvnw -B -q -Pperf -pl perf/load gatling:test \
      -Dgatling.simulationClass="io.thriftstore.perf.$class" -Doffset="$OFFSET" -Ddata="$DATA" \
      -Dwarmup="$WARMUP" -Dduration="$DURATION" "$@") >"$OUT/logs/$key.log" 2>&1 \
    || say "the $class run failed (see its log); continuing"
  local report
  report=$(comm -13 <(echo "$before") <(ls -d "$PERF"/load/target/gatling/*/ 2>/dev/null | sort) | tail -1)
  if [ -n "$report" ]; then
    echo "$key $report" >>"$RESULTS/reports.txt"
    say "report: ${report}index.html"
  fi
}
# Before each simulation: wait (up to 3 min) until every service's consumer group has caught up, so a phase
# never starts behind the backlog of the one before it.
drain() {
  "$JAVA" -jar "$(baseline_jar)" drain --bootstrap "$KAFKA" --timeout-seconds 180 2>>"$OUT/logs/drain.log" \
    | grep '^RESULT' | while read -r line; do say "caught up before the next phase: $line"; done
}
IFS=',' read -r -a scenarios <<<"$only"
for s in "${scenarios[@]}"; do
  drain
  case "$s" in
    catalog) simulate catalog CatalogSimulation -Dusers="$USERS" ;;
    orders) simulate orders OrdersSimulation -Dusers="$USERS" ;;
    notify) simulate notify OrderNotificationSimulation -Dusers="$ORDER_PAIRS" -Drate="$ORDER_RATE"
      # Where the time went, hop by hop, read back from the topics: the measured phase (and the last seconds of
      # the warm-up before it, as the phase's end is a few seconds ago when the simulation has drained).
      "$JAVA" -jar "$(baseline_jar)" hops --bootstrap "$KAFKA" --since-seconds "$((DURATION + 10))" \
        2>>"$OUT/logs/hops.log" | grep '^RESULT hop\|^orders followed' | tee "$RESULTS/hops.txt" ;;
    chat) simulate chat ChatSimulation -Dusers="$CHAT_PAIRS" -Drate="$CHAT_RATE" -DidleSockets="$IDLE_SOCKETS" \
      -DrampSeconds="${CHAT_RAMP:-20}" ;;
    mixed) simulate mixed MixedSimulation -Drate="$MIXED_RATE" ;;
    *) say "unknown scenario $s" ;;
  esac
done

# --- summary --------------------------------------------------------------------------------------------
kill "$SAMPLER_PID" 2>/dev/null || true
SAMPLER_PID=""
"$PERF/summarize.sh" "$RESULTS" "$DURATION" \
  "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); JDK: $("$JAVA" -version 2>&1 | head -1); JAVA_OPTS: $JAVA_OPTS; warm-up ${WARMUP}s, phases ${DURATION}s, users $USERS, order pairs $ORDER_PAIRS at $ORDER_RATE/s, chat pairs $CHAT_PAIRS at $CHAT_RATE/s + $IDLE_SOCKETS idle sockets, mixed $MIXED_RATE/s" \
  | tee "$SUMMARY"
say "summary: $SUMMARY"
