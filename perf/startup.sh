#!/usr/bin/env bash
# Start-up time and RSS of every service, per launch mode, against the real local infrastructure.
#
#   perf/startup.sh                      all services, all modes, 3 runs each
#   RUNS=5 MODES="fat17 cds17" SERVICES_ONLY="order-service" perf/startup.sh
#
# Modes (a "-c2" suffix drops -XX:TieredStopAtLevel=1 from the flags, i.e. full tiered compilation):
#   fat17   the fat jar on JDK 17, exactly as ./thriftstore up started services before the start-up cache
#   x17     the extracted jar (java -Djarmode=tools -jar x.jar extract) on JDK 17, no archive
#   cds17   extracted + a dynamic CDS archive from a training run (-XX:ArchiveClassesAtExit with
#           -Dspring.context.exit=onRefresh), then -XX:SharedArchiveFile, on JDK 17
#   aot25   extracted + an AOT cache from a training run (-XX:AOTCacheOutput), then -XX:AOTCache, on JDK 25
#   up      what ./thriftstore up does now: its start-up cache, created by one earlier start and stop
#
# "ready" is from launching the JVM to the first /actuator/health answer with status UP (polled every 50 ms);
# "started" is Spring's own "Started X in N seconds"; RSS is VmRSS right after ready. Medians of RUNS runs.
# The runs are interleaved (run 1 of every service and mode, then run 2, ...) so that background load spreads
# over all modes instead of skewing one. Output: a table on stdout and in perf/target/startup.md.
#
# Environment: THRIFTSTORE_PORT_OFFSET (default 11000), THRIFTSTORE_JAVA_OPTS (the services' flags, default
# ./thriftstore's), JAVA17 (default: java on PATH), JAVA25 (default: Temurin 25 under /usr/lib/jvm).
set -euo pipefail

PERF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
OUT="$PERF/target"
WORK="$OUT/startup"
export THRIFTSTORE_PORT_OFFSET="${THRIFTSTORE_PORT_OFFSET:-11000}"
export THRIFTSTORE_DATA="${THRIFTSTORE_DATA:-$WORK/data}"
RUNS="${RUNS:-3}"
MODES="${MODES:-fat17 x17 cds17 aot25 fat17-c2 cds17-c2 aot25-c2 up}"
JAVA17="${JAVA17:-$(command -v java)}"
JAVA25="${JAVA25:-$(ls -d /usr/lib/jvm/*25*/bin/java 2>/dev/null | head -1)}"

# The settings, service list, environment and infrastructure start of ./thriftstore itself, so that the
# services see exactly what they see in a local run.
# shellcheck source=../thriftstore
source "$PERF/../thriftstore"
JAVA="$JAVA17" # ./thriftstore's infrastructure and cache preparation run on JDK 17, as on a fresh clone
if [ -n "${SERVICES_ONLY:-}" ]; then
  selected=()
  for entry in "${SERVICES[@]}"; do [[ " $SERVICES_ONLY " == *" ${entry%%:*} "* ]] && selected+=("$entry"); done
  SERVICES=("${selected[@]}")
fi

java_major() { "$1" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.specification.version/ {print $2}'; }
[ "$(java_major "$JAVA17")" = 17 ] || die "JAVA17=$JAVA17 is not JDK 17."
if [[ " $MODES " == *aot25* ]]; then
  [ -n "$JAVA25" ] && [ "$(java_major "$JAVA25")" -ge 25 ] || die "no JDK 25 (set JAVA25) for the aot25 modes."
fi

now_ms() { echo $(($(date +%s%N) / 1000000)); }

# Flags of a mode: ./thriftstore's JAVA_OPTS, without -XX:TieredStopAtLevel=1 for the -c2 variants.
mode_opts() {
  local opts=$JAVA_OPTS
  [[ $1 == *-c2 ]] && opts=$(sed 's/-XX:TieredStopAtLevel=1//' <<<"$opts")
  # The AOT cache options refuse any -Xshare setting; the cache replaces the default CDS archive anyway.
  [[ $1 == aot25* ]] && opts=$(sed 's/-Xshare:[a-z]*//' <<<"$opts")
  echo "$opts"
}

extracted_jar() { echo "$WORK/$1/app/$1-$VERSION.jar"; }

extract() { # svc
  rm -rf "$WORK/$1/app"
  "$JAVA17" -Djarmode=tools -jar "$(service_jar "$1")" extract --destination "$WORK/$1/app" >/dev/null
}

# A training run: the context starts (with the real infrastructure) and the JVM exits right after refresh,
# writing what it loaded. Run once per service and mode, with that mode's flags, before any measurement.
archive_of() { # svc mode
  case $2 in
    cds17*) echo "$WORK/$1/$2.jsa" ;;
    aot25*) echo "$WORK/$1/$2.aot" ;;
  esac
}

train() { # svc mode
  local svc=$1 mode=$2 opts port log="$WORK/$1/train-$2.log" entry archive java flag
  opts=$(mode_opts "$mode")
  archive=$(archive_of "$svc" "$mode")
  for entry in "${SERVICES[@]}"; do [ "${entry%%:*}" = "$svc" ] && port=$(svc_port "$entry"); done
  case $mode in
    cds17*) java=$JAVA17 flag=-XX:ArchiveClassesAtExit ;;
    aot25*) java=$JAVA25 flag=-XX:AOTCacheOutput ;;
  esac
  rm -f "$archive"
  service_env "$port"
  # shellcheck disable=SC2086
  env "${SERVICE_ENV[@]}" "$java" $opts "$flag=$archive" -Dspring.context.exit=onRefresh \
    -jar "$(extracted_jar "$svc")" >"$log" 2>&1 </dev/null \
    && [ -s "$archive" ] || { tail -n 30 "$log" >&2; die "training run $mode of $svc failed (log: $log)"; }
}

# ./thriftstore up's own start-up cache: a start that only records the jar was seen, then one to healthy and a
# stop (which writes the archive).
warm_up_cache() { # svc port
  local svc=$1 port=$2 log="$WORK/$1/warm-up.log"
  service_command "$svc"
  service_command "$svc"
  service_env "$port"
  env "${SERVICE_ENV[@]}" "${SERVICE_CMD[@]}" >"$log" 2>&1 </dev/null &
  local pid=$!
  echo "$pid" >"$RUN/$svc.pid"
  wait_healthy "$svc" "http://localhost:$port/actuator/health" "$RUN/$svc.pid" "$log" || die "warm-up of $svc failed"
  stop_service "$svc"
  [ -n "$(startup_cache_file "$svc")" ] || die "stopping $svc left no start-up cache (log: $log)"
}

launch_command() { # svc mode
  local svc=$1 mode=$2 opts
  opts=$(mode_opts "$mode")
  case ${mode%-c2} in
    fat17) echo "$JAVA17 $opts -jar $(service_jar "$svc")" ;;
    x17) echo "$JAVA17 $opts -jar $(extracted_jar "$svc")" ;;
    cds17) echo "$JAVA17 $opts -XX:SharedArchiveFile=$(archive_of "$svc" "$mode") -jar $(extracted_jar "$svc")" ;;
    aot25) echo "$JAVA25 $opts -XX:AOTCache=$(archive_of "$svc" "$mode") -jar $(extracted_jar "$svc")" ;;
    up) service_command "$svc"; echo "${SERVICE_CMD[*]}" ;;
    *) die "unknown mode $mode" ;;
  esac
}

measure() { # svc port mode run -> appends "svc mode run ready_ms started_s rss_kib" to results
  local svc=$1 port=$2 mode=$3 run=$4 log="$WORK/$1/$3-$4.log" cmd t0 ready=-1 rss=-1 started
  read -r -a cmd <<<"$(launch_command "$svc" "$mode")"
  service_env "$port"
  # A leftover on the port would answer the health checks instead of the JVM under test.
  port_taken "$port" && die "port $port is taken before $svc $mode run $run"
  t0=$(now_ms)
  env "${SERVICE_ENV[@]}" "${cmd[@]}" >"$log" 2>&1 </dev/null &
  local pid=$!
  while kill -0 "$pid" 2>/dev/null && [ $(($(now_ms) - t0)) -lt $((HEALTH_TIMEOUT * 1000)) ]; do
    if curl -fsS -m 1 "http://localhost:$port/actuator/health" 2>/dev/null | grep -q '"status":"UP"'; then
      ready=$(($(now_ms) - t0))
      rss=$(awk '/^VmRSS/ {print $2}' "/proc/$pid/status" 2>/dev/null || echo -1)
      break
    fi
    sleep 0.05
  done
  started=$(grep -o 'Started [A-Za-z]* in [0-9.]* seconds' "$log" | awk '{print $4}' | tail -1)
  kill "$pid" 2>/dev/null || true
  local waited=0
  while kill -0 "$pid" 2>/dev/null && [ $waited -lt 300 ]; do sleep 0.1; waited=$((waited + 1)); done
  kill -9 "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  [ "$ready" -ge 0 ] || { tail -n 20 "$log" >&2; say "  $svc $mode run $run: NOT READY (log: $log)" >&2; }
  printf '%s %s %s %s %s %s\n' "$svc" "$mode" "$run" "$ready" "${started:--}" "$rss" >>"$WORK/results.txt"
  printf '  %-22s %-9s run %s: ready %5s ms, started in %5s s, RSS %s KiB\n' "$svc" "$mode" "$run" "$ready" "${started:--}" "$rss"
}

median() { sort -n | awk '{v[NR]=$1} END {if (NR == 0) print "-"; else print v[int((NR + 1) / 2)]}'; }

report() {
  local md="$OUT/startup.md" load_after
  load_after=$(cut -d' ' -f1-3 /proc/loadavg)
  {
    echo "# Service start-up: ready time and RSS"
    echo
    echo "$(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'),"
    echo "$(nproc) cores, load average before $LOAD_BEFORE / after $load_after; $RUNS runs per cell, medians."
    echo "JDK 17: $("$JAVA17" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.vm.version/ {print $2}');" \
      "JDK 25: $( [ -n "$JAVA25" ] && "$JAVA25" -XshowSettings:properties -version 2>&1 | awk -F'= ' '/java.vm.version/ {print $2}')."
    echo "Service flags: \`$JAVA_OPTS\` (-c2: without -XX:TieredStopAtLevel=1)."
    echo "Cell: ready s (JVM launch to /actuator/health UP) / Spring's \"Started in\" s / VmRSS MiB right after ready."
    echo
    printf '| service |'; for m in $MODES; do printf ' %s |' "$m"; done; echo
    printf '|---|'; for _ in $MODES; do printf -- '---|'; done; echo
    for entry in "${SERVICES[@]}" all; do
      local svc=${entry%%:*}
      printf '| %s |' "$svc"
      for m in $MODES; do
        local rows ready started rss
        if [ "$svc" = all ]; then
          # The sum of the services' medians: the CPU time the platform needs to come up, one service at a time.
          rows=$(awk -v m="$m" '$2 == m' "$WORK/results.txt")
          ready=0; started=0; rss=0
          for e in "${SERVICES[@]}"; do
            local r
            r=$(awk -v s="${e%%:*}" '$1 == s && $4 >= 0 {print $4}' <<<"$rows" | median)
            [ "$r" = - ] && { ready=-; break; }
            ready=$((ready + r))
          done
          [ "$ready" = - ] && { printf ' - |'; continue; }
          printf ' %.1f (sum) |' "$(bc -l <<<"$ready / 1000")"
          continue
        fi
        rows=$(awk -v s="$svc" -v m="$m" '$1 == s && $2 == m && $4 >= 0' "$WORK/results.txt")
        [ -n "$rows" ] || { printf ' - |'; continue; }
        ready=$(awk '{print $4}' <<<"$rows" | median)
        started=$(awk '$5 != "-" {print $5}' <<<"$rows" | median)
        rss=$(awk '{print $6}' <<<"$rows" | median)
        printf ' %.1f / %s / %d |' "$(bc -l <<<"$ready / 1000")" "$started" $((rss / 1024))
      done
      echo
    done
    local failed
    failed=$(awk '$4 < 0' "$WORK/results.txt" | wc -l)
    if [ "$failed" -ne 0 ]; then
      echo
      echo "$failed run(s) never became ready; see $WORK/<service>/<mode>-<run>.log."
    fi
  } >"$md"
  echo
  cat "$md"
}

cleanup() {
  for entry in "${SERVICES[@]}"; do stop_service "${entry%%:*}"; done
  [ -f "$RUN/infra.pid" ] && { stop_pidfile "$RUN/infra.pid" || true; }
  rm -f "$RUN/infra.ready"
}

main() {
  command -v bc >/dev/null || die "bc is required (apt-get install -y bc)."
  for p in "${INFRA_PORTS[@]}"; do port_taken "$p" && die "port $p is taken (offset $OFFSET): is a platform running there?"; done
  for entry in "${SERVICES[@]}"; do port_taken "$(svc_port "$entry")" && die "port $(svc_port "$entry") is taken."; done
  LOAD_BEFORE=$(cut -d' ' -f1-3 /proc/loadavg)
  mkdir -p "$RUN" "$LOGS" "$WORK"
  build_if_missing
  trap cleanup EXIT
  start_infra
  : >"$WORK/results.txt"

  say "Preparing (extract, training runs) ..."
  for entry in "${SERVICES[@]}"; do
    local svc=${entry%%:*}
    mkdir -p "$WORK/$svc"
    extract "$svc"
    for m in $MODES; do
      case $m in
        cds17* | aot25*) train "$svc" "$m" ;;
        up) clear_startup_cache "$svc"; prepare_startup_cache "$svc"; warm_up_cache "$svc" "$(svc_port "$entry")" ;;
      esac
    done
    say "  $svc prepared"
  done

  for run in $(seq 1 "$RUNS"); do
    say "Run $run of $RUNS ..."
    for entry in "${SERVICES[@]}"; do
      for m in $MODES; do measure "${entry%%:*}" "$(svc_port "$entry")" "$m" "$run"; done
    done
  done
  report
}

main "$@"
