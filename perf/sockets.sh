#!/usr/bin/env bash
# Heap per idle socket of the two STOMP services, each started alone against the real local infrastructure
# with ./thriftstore's own flags and environment (docs/PERFORMANCE.md, "Idle sockets").
#
#   perf/sockets.sh                                   both services, 1,000 sockets each
#   COUNT=5000 SERVICES_ONLY=ws-chat-service perf/sockets.sh
#
# For each service: start it, wait until healthy, open COUNT idle sockets (each one user: CONNECT with a dev
# token, SUBSCRIBE, heart-beats every 10 s; perf/sockets/IdleSockets.java), and print the live heap before and
# after (jcmd GC.class_histogram, which collects first) divided by the sockets, the classes that grew most, and
# RSS. The service's cap (STOMP_MAX_SESSIONS) is raised to COUNT unless MAX_SESSIONS says otherwise; sockets
# refused with 503 above it are counted. Output: stdout and perf/target/sockets/results.txt.
#
# Environment: COUNT (1000), MAX_SESSIONS (COUNT), THRIFTSTORE_PORT_OFFSET (12000), THRIFTSTORE_JAVA_OPTS
# (./thriftstore's default flags), SERVICES_ONLY (both STOMP services).
set -euo pipefail

PERF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
WORK="$PERF/target/sockets"
export THRIFTSTORE_PORT_OFFSET="${THRIFTSTORE_PORT_OFFSET:-12000}"
export THRIFTSTORE_DATA="${THRIFTSTORE_DATA:-$WORK/data}"
COUNT="${COUNT:-1000}"
export STOMP_MAX_SESSIONS="${MAX_SESSIONS:-$COUNT}"

# ./thriftstore's settings, environment and infrastructure start: the service sees what it sees in a local run.
# shellcheck source=../thriftstore
source "$PERF/../thriftstore"
declare -A DESTINATION=([ws-chat-service]=/user/queue/messages [notification-service]=/user/queue/notifications)
selected=()
for entry in "${SERVICES[@]}"; do
  svc=${entry%%:*}
  [ -n "${DESTINATION[$svc]:-}" ] || continue
  [ -z "${SERVICES_ONLY:-}" ] || [[ " $SERVICES_ONLY " == *" $svc "* ]] && selected+=("$entry")
done

cleanup() {
  for entry in "${selected[@]}"; do stop_pidfile "$RUN/${entry%%:*}.pid" 5 || true; done
  [ -f "$RUN/infra.pid" ] && { stop_pidfile "$RUN/infra.pid" || true; }
  rm -f "$RUN/infra.ready"
}

main() {
  for p in "${INFRA_PORTS[@]}"; do port_taken "$p" && die "port $p is taken (offset $OFFSET): is a platform running there?"; done
  ulimit -n $((COUNT + 1000)) 2>/dev/null || die "cannot raise the open-files limit to $((COUNT + 1000)) for $COUNT sockets (per process: the service and the client each hold one end)."
  mkdir -p "$RUN" "$LOGS" "$WORK"
  build_if_missing
  trap cleanup EXIT
  start_infra
  local cp
  cp="$(cat "$LAUNCHER_CP_FILE"):$LAUNCHER_JAR"
  for entry in "${selected[@]}"; do
    local svc=${entry%%:*} port
    port=$(svc_port "$entry")
    service_env "$port"
    SERVICE_CMD=("$JAVA" -XX:+ExitOnOutOfMemoryError $JAVA_OPTS -jar "$(service_jar "$svc")")
    say "$svc: ${SERVICE_CMD[*]}, STOMP_MAX_SESSIONS=$STOMP_MAX_SESSIONS"
    env "${SERVICE_ENV[@]}" "${SERVICE_CMD[@]}" >"$LOGS/$svc.log" 2>&1 </dev/null &
    echo $! >"$RUN/$svc.pid"
    wait_healthy "$svc" "http://localhost:$port/actuator/health" "$RUN/$svc.pid" "$LOGS/$svc.log" || die "$svc did not start"
    say "$svc: opening $COUNT idle sockets"
    "$JAVA" -Xmx1g -cp "$cp" "$PERF/sockets/IdleSockets.java" --url "ws://localhost:$port/ws" --keys "$DATA/dev-keys" \
      --count "$COUNT" --destination "${DESTINATION[$svc]}" --azp "http://localhost:$((3000 + OFFSET))" \
      --pid "$(cat "$RUN/$svc.pid")" | tee "$WORK/$svc.txt" || say "$svc: some sockets failed (above)"
    if ! pid_alive "$RUN/$svc.pid"; then
      say "$svc: the service died (log: $LOGS/$svc.log); ./thriftstore status says:"
      cmd_status | grep -E "^(PART|$svc) "
    fi
    { printf '%s %s ' "$(date -u '+%Y-%m-%dT%H:%MZ')" "$svc"; grep '^RESULT' "$WORK/$svc.txt" || echo "no result"; } >>"$WORK/results.txt"
    stop_pidfile "$RUN/$svc.pid" 10 || true
  done
}

main "$@"
