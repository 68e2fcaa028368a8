#!/usr/bin/env bash
# The load harness end to end: build, start the platform and the baseline app on their own ports, run the
# baselines and the Gatling simulations, sample each service's RSS, print one summary table, stop everything.
#
#   perf/run.sh [--smoke] [--no-build] [--keep | --reuse] [--only baseline,catalog,orders,notify,chat,mixed]
#               [--label name | --no-record]
#
# --smoke: short phases and few users, to check that the harness works (figures mean nothing; not recorded).
# --keep: leave the platform running afterwards; --reuse: use the platform a --keep run left (no restart).
# --label: the run's summary is copied to docs/perf-runs/<date>-<label>/ (default label "run"); --no-record: not.
# Without it: the measurement (about 30 minutes). Every figure is also an environment variable; see
# perf/README.md. PERF_JAVA_HOME picks the JDK of the services, the infrastructure and the baseline app.
# Summary: stdout and perf/target/summary.md; Gatling's HTML reports: perf/load/target/gatling/.
# perf/run3.sh runs all of it three times and reports the median of each headline figure.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PERF="$ROOT/perf"
OUT="$PERF/target"
OFFSET="${PERF_PORT_OFFSET:-10000}"
DATA="${PERF_DATA:-$OUT/platform-data}"
# The JDK measured: the services and the infrastructure (./thriftstore takes JAVA_HOME) and the baseline app.
# The build and Gatling keep the caller's JDK: they are the tools, not the measured processes. Without
# PERF_JAVA_HOME or JAVA_HOME, the one ./thriftstore picks by itself (the newest JDK >= 17 it finds).
thriftstore_jdk() { (source "$ROOT/thriftstore" && dirname "$(dirname "$(readlink -f "$(command -v "$JAVA")")")"); }
RUN_JAVA_HOME="${PERF_JAVA_HOME:-${JAVA_HOME:-$(thriftstore_jdk)}}"
JAVA="${RUN_JAVA_HOME:+$RUN_JAVA_HOME/bin/}java"
"$JAVA" -version >/dev/null 2>&1 || { echo "no JDK at '$JAVA' (PERF_JAVA_HOME=${PERF_JAVA_HOME:-})" >&2; exit 2; }
JDK_VERSION=$("$JAVA" -version 2>&1 | sed -n 2p | sed 's/ *$//')
# Full tiered compilation: ./thriftstore's default TieredStopAtLevel=1 starts faster but caps peak throughput.
JAVA_OPTS="${PERF_JAVA_OPTS:--Xmx256m -XX:+UseSerialGC -Xshare:auto}"
BASELINE_PORT=$((9090 + OFFSET))
PG_URL="jdbc:postgresql://localhost:$((5432 + OFFSET))"
KAFKA="localhost:$((9092 + OFFSET))"

smoke=false build=true keep=false reuse=false only="baseline,catalog,orders,notify,chat,mixed"
label=run record=true
while [ $# -gt 0 ]; do
  case "$1" in
    --smoke) smoke=true ;;
    --no-build) build=false ;;
    --keep) keep=true ;;
    --reuse) reuse=true; keep=true ;;
    --only) only="$2"; shift ;;
    --label) label="$2"; shift ;;
    --no-record) record=false ;;
    *) echo "usage: perf/run.sh [--smoke] [--no-build] [--keep | --reuse] [--only baseline,catalog,orders,notify,chat,mixed] [--label name | --no-record]" >&2; exit 2 ;;
  esac
  shift
done

if $smoke; then
  record=false
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

platform() { # ./thriftstore with the measured JDK, flags and ports
  JAVA_HOME="$RUN_JAVA_HOME" THRIFTSTORE_PORT_OFFSET="$OFFSET" THRIFTSTORE_DATA="$DATA" THRIFTSTORE_JAVA_OPTS="$JAVA_OPTS" \
    THRIFTSTORE_DASHBOARD=off THRIFTSTORE_JAVA_OPTS_WS_CHAT_SERVICE="${PERF_WS_CHAT_OPTS:-}" \
    THRIFTSTORE_HEALTH_TIMEOUT="${THRIFTSTORE_HEALTH_TIMEOUT:-600}" "$ROOT/thriftstore" "$@"
}

# --- stop everything on exit, whatever happened -------------------------------------------------------
SAMPLER_PID="" CPU_SAMPLER_PID="" STALL_WATCH_PID="" BASELINE_PID=""
cleanup() {
  set +e
  [ -n "$SAMPLER_PID" ] && kill "$SAMPLER_PID" 2>/dev/null
  [ -n "$CPU_SAMPLER_PID" ] && kill "$CPU_SAMPLER_PID" 2>/dev/null
  [ -n "$STALL_WATCH_PID" ] && kill "$STALL_WATCH_PID" 2>/dev/null
  [ -n "$BASELINE_PID" ] && kill "$BASELINE_PID" 2>/dev/null && wait "$BASELINE_PID" 2>/dev/null
  if [ -d "$DATA/run" ] && ! $keep; then
    say "stopping the platform"
    platform down >/dev/null 2>&1
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

# --- the start-up cache, trained before the measured start --------------------------------------------
# ./thriftstore maps a class-data archive per service, written at the stop after the second start of a jar with
# the same JDK and flags (./thriftstore, service_command). A fresh build resets it, so without this step the
# runs of perf/run3.sh differed: the first started without an archive, the second wrote one (the JVM records
# while it runs), only the third mapped it. Two short start-stop cycles here make every measured start map
# the archive, as a user's third `./thriftstore up` does.
startup_cache_trained() { # every service has a finished archive for these flags, of the jar built last
  local key dir jar
  key=$(printf '%s' "$JAVA_OPTS" | cksum | cut -d' ' -f1)
  for dir in "$ROOT"/*-service; do
    # ./thriftstore throws the archives away when the jar changed since it was extracted (jar.stamp).
    jar=$(ls "$dir"/target/*-service-*.jar 2>/dev/null | grep -v original | head -1)
    [ -n "$jar" ] && [ "$(cat "$dir/target/startup/jar.stamp" 2>/dev/null)" = "$(stat -c '%s %Y' "$jar")" ] || return 1
    compgen -G "$dir/target/startup/jdk-*-$key.[aj][os][ta]" >/dev/null || return 1
  done
}
if ! $reuse && [ "${THRIFTSTORE_STARTUP_CACHE:-on}" != off ]; then
  for cycle in 1 2; do
    startup_cache_trained && break
    say "training the start-up cache ($cycle of 2: start and stop; not measured)"
    platform up --reset >"$OUT/logs/train-$cycle.log" 2>&1 || { tail -40 "$OUT/logs/train-$cycle.log"; exit 1; }
    platform down >>"$OUT/logs/train-$cycle.log" 2>&1
  done
  startup_cache_trained || say "warning: the start-up cache is still not trained (see $OUT/logs/train-*.log)"
fi

if $reuse; then
  say "reusing the platform at offset $OFFSET"
  curl -fsS -o /dev/null "http://localhost:$((5010 + OFFSET))/actuator/health" \
    || { echo "no platform at offset $OFFSET: run once with --keep first" >&2; exit 1; }
else
say "starting the platform at offset $OFFSET with JAVA_OPTS='$JAVA_OPTS' (log: $OUT/logs/platform.log)"
# Writes and chat sends are rate-limited per user (60/min, 20/10 s): the harness's users write far faster.
# ws-chat holds every chat socket, about 32 KiB of heap each since Tomcat's buffers were shrunk (docs/PERFORMANCE.md,
# "Idle sockets"): 2,000 fit the 256 MiB the others get. PERF_WS_CHAT_OPTS adds flags for it alone (runs 1-7: -Xmx448m).
WRITE_RATE_LIMIT_PER_MINUTE=10000000 CHAT_SEND_RATE_MESSAGES=1000000 \
  platform up --reset >"$OUT/logs/platform.log" 2>&1 || { tail -40 "$OUT/logs/platform.log"; exit 1; }
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

# --- CPU sampler: "<epoch ms> <clock ticks>" every second, summed over every process of the platform ----------
# Roots: every pid file of the platform (services, infrastructure JVM, dashboard if any) and the baseline app;
# perf/cpu-ticks.sh adds their descendants (the Kafka broker). PostgreSQL's postmaster detaches from the
# infrastructure JVM (its parent is init), so it is a root of its own, read from its postmaster.pid; its backends
# are its children. Runs before this fix (docs/perf-runs up to 2026-12-06) left PostgreSQL out of CPU per order.
# Gatling and this script are the load, not the platform, and stay out.
getconf CLK_TCK >"$RESULTS/clk_tck"
# cpu-by-process.samples: the same, one "<epoch ms> <process> <ticks>" line per process (the Kafka broker counts
# under infra, its parent), for the per-process split of CPU per order.
sample_cpu() {
  local now ticks roots
  while true; do
    roots=()
    # Any read here may fail (a process starting or gone): that sample goes without it, the sampler goes on.
    for f in "$DATA"/run/*.pid; do roots+=("$(basename "$f" .pid)=$(cat "$f" 2>/dev/null || true)"); done
    roots+=("postgres=$(head -1 "$DATA"/postgres/postmaster.pid 2>/dev/null || true)" "perf-baseline=$BASELINE_PID")
    now=$(date +%s%3N)
    ticks=$("$PERF/cpu-ticks.sh" --each "${roots[@]}" || true)
    sed "s/^/$now /" <<<"$ticks" >>"$RESULTS/cpu-by-process.samples"
    echo "$now $(awk '{s += $2} END {print s + 0}' <<<"$ticks")" >>"$RESULTS/cpu.samples"
    sleep 1
  done
}
sample_cpu &
CPU_SAMPLER_PID=$!
# --- stall watch: the first time a service's MongoDB driver says the stand-in stopped answering (heartbeat read
# timeout), the infrastructure JVM's threads are dumped into the results, twice 5 s apart. The stand-in stalled once
# (docs/PERFORMANCE.md, "JDK 17 against JDK 25") and its JVM had exited before anyone could look.
JCMD="${RUN_JAVA_HOME:+$RUN_JAVA_HOME/bin/}jcmd"
watch_stalls() {
  while ! grep -qs "MongoSocketReadTimeoutException" "$DATA"/logs/*-service.log; do sleep 2; done
  say "a service reports the MongoDB stand-in not answering: thread dumps in $RESULTS/infra-threads-*.txt"
  for n in 1 2; do
    "$JCMD" "$(cat "$DATA/run/infra.pid")" Thread.print >"$RESULTS/infra-threads-$n.txt" 2>&1
    sleep 5
  done
}
watch_stalls &
STALL_WATCH_PID=$!
# Wait (up to 3 min) until every service's consumer group has caught up, so no baseline or phase runs beside
# the backlog of what ran before it.
drain() {
  "$JAVA" -jar "$(baseline_jar)" drain --bootstrap "$KAFKA" --timeout-seconds 180 2>>"$OUT/logs/drain.log" \
    | grep '^RESULT' | while read -r line; do say "caught up before the next phase: $line"; done
}

# --- plain-Java baselines: Kafka round trip (linger 0 and Kafka's default 5), raw JDBC ceiling ---------------
drain
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
# The CPU per order's idle baseline: the platform's ticks over a quiet interval as long as the measured phases,
# right before them (after the drain), so what the platform burns doing nothing is subtracted.
idle_interval() { # idle_interval <seconds>
  say "idle baseline: ${1}s with no load (CPU per order subtracts it)"
  local start
  start=$(date +%s%3N)
  sleep "$1"
  echo "$start $(date +%s%3N)" >"$RESULTS/idle.window"
}
IFS=',' read -r -a scenarios <<<"$only"
for s in "${scenarios[@]}"; do
  drain
  case "$s" in
    baseline) simulate baseline BaselineSimulation -Dusers="$USERS" ;;
    catalog) simulate catalog CatalogSimulation -Dusers="$USERS" ;;
    orders) simulate orders OrdersSimulation -Dusers="$USERS" ;;
    notify)
      IFS=',' read -r -a rates <<<"$ORDER_RATE"
      idle_interval "$((DURATION * ${#rates[@]}))"
      drain
      simulate notify OrderNotificationSimulation -Dusers="$ORDER_PAIRS" -Drates="$ORDER_RATE" \
        -DframeTimeout="${FRAME_TIMEOUT:-10}" -Dout="$RESULTS/notify.txt" -Dclocks="$RESULTS/notify-clocks.txt"
      # Where the time went, hop by hop: the topics' clocks of the measured orders, joined with the client's
      # (without them, e.g. when the simulation failed, only the hops between the topics).
      clocks=()
      [ -s "$RESULTS/notify-clocks.txt" ] && clocks=(--client-clocks "$RESULTS/notify-clocks.txt")
      "$JAVA" -jar "$(baseline_jar)" hops --bootstrap "$KAFKA" \
        --since-seconds "$((DURATION * ${#rates[@]} + WARMUP + 120))" "${clocks[@]}" \
        2>>"$OUT/logs/hops.log" | grep '^RESULT hop\|^orders followed' | tee "$RESULTS/hops.txt" \
        || say "the hop split failed (see $OUT/logs/hops.log); continuing" ;;
    chat) simulate chat ChatSimulation -Dusers="$CHAT_PAIRS" -Drate="$CHAT_RATE" -DidleSockets="$IDLE_SOCKETS" \
      -DrampSeconds="${CHAT_RAMP:-20}" ;;
    mixed) simulate mixed MixedSimulation -Drate="$MIXED_RATE" ;;
    *) say "unknown scenario $s" ;;
  esac
done

# --- summary --------------------------------------------------------------------------------------------
kill "$SAMPLER_PID" "$CPU_SAMPLER_PID" "$STALL_WATCH_PID" 2>/dev/null || true
SAMPLER_PID="" CPU_SAMPLER_PID="" STALL_WATCH_PID=""
USERS="$USERS" "$PERF/summarize.sh" "$RESULTS" "$DURATION" \
  "machine: $(nproc) cores, $(awk '/MemTotal/ {printf "%.0f GiB", $2/1048576}' /proc/meminfo); JDK: $JDK_VERSION ($JAVA); JAVA_OPTS: $JAVA_OPTS; warm-up ${WARMUP}s, phases ${DURATION}s, users $USERS, notify: $ORDER_PAIRS sellers' sockets, open model at $ORDER_RATE orders/s offered; chat pairs $CHAT_PAIRS at $CHAT_RATE/s + $IDLE_SOCKETS idle sockets, mixed $MIXED_RATE/s" \
  | tee "$SUMMARY"
say "summary: $SUMMARY"
# Small text only beside docs/PERFORMANCE.md: the summary and its headline figures, never reports or logs.
if $record; then
  RECORD="$ROOT/docs/perf-runs/$(date +%F)-$label"
  mkdir -p "$RECORD"
  cp "$SUMMARY" "$RECORD/${PERF_RECORD_NAME:-summary}.md"
  cp "$RESULTS/headline.tsv" "$RECORD/${PERF_RECORD_NAME:-summary}.headline.tsv" 2>/dev/null || true
  say "recorded: $RECORD"
fi
