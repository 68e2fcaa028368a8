#!/usr/bin/env bash
# The dashboard's Playwright journeys (sell, wishlist, live notice, buy, ship, chat both ways; signed-out browsing)
# through the edge's real front door config, against real services: no Docker needed. It starts the platform with
# ./thriftstore up at a port offset, replaces its dashboard by one that knows the front door
# (THRIFTSTORE_PUBLIC_URL), runs the :3000 server of docker/edge/nginx.conf on 3000+offset (the origin the services
# allow) with every upstream pointed at the local ports, then runs the journeys and stops everything.
# Takes several minutes and starts a whole platform: run it by hand, under the shared lock, not in CI:
#   flock /tmp/thriftstore-e2e.lock docker/edge/frontdoor-journey.sh
set -uo pipefail
cd "$(dirname "$0")/../.."
root="$PWD"
OFF="${THRIFTSTORE_PORT_OFFSET:-21000}"
FRONT=$((3000 + OFF))
DASH=$((3999 + OFF))
work="$(mktemp -d)"
nginx_pid=""
dash_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null
  [ -n "$dash_pid" ] && kill "$dash_pid" 2>/dev/null
  THRIFTSTORE_PORT_OFFSET=$OFF ./thriftstore down >/dev/null 2>&1
  echo "logs of the front door and the dashboard: $work"
}
trap cleanup EXIT
mkdir -p "$work"/{client_body,proxy,fastcgi,uwsgi,scgi}
data="${THRIFTSTORE_DATA:-$root/.data}"

THRIFTSTORE_PORT_OFFSET=$OFF ./thriftstore up || exit 1
# The dashboard `up` started knows only the per-service ports; this one is behind the front door.
kill "$(cat "$data/run/dashboard.pid")" && sleep 2
(cd frontend && THRIFTSTORE_PORT_OFFSET=$OFF THRIFTSTORE_DATA="$data" THRIFTSTORE_AUTH_MODE=dev \
  THRIFTSTORE_PUBLIC_URL="http://localhost:$FRONT" NEXT_TELEMETRY_DISABLED=1 \
  exec node node_modules/next/dist/bin/next start -H 127.0.0.1 -p "$DASH" >"$work/dashboard.log" 2>&1) &
dash_pid=$!

# Only the front door's server block, listening on 3000+offset, its upstreams on this machine's ports.
python3 - "$work" "$OFF" "$FRONT" "$DASH" <<'PY'
import re, sys
work, off, front, dash = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
lines = open('docker/edge/nginx.conf').read().split('\n')
out, i = [], 0
while i < len(lines):
    if lines[i] == '    server {':
        j = i
        while lines[j] != '    }':
            j += 1
        block, i = lines[i:j + 1], j + 1
        if any(line.strip() == 'listen 3000;' for line in block):
            out += block
        continue
    out.append(lines[i])
    i += 1
s = '\n'.join(out)
s = s.replace('listen 3000;', f'listen 127.0.0.1:{front};')
s = s.replace('set $dashboard dashboard:3000;', f'set $dashboard 127.0.0.1:{dash};')
s = re.sub(r'(set \$\w+ )[a-z-]+-service:(\d+);', lambda m: f'{m.group(1)}127.0.0.1:{int(m.group(2)) + off};', s)
s = re.sub(r'^pid .*$', f'pid {work}/nginx.pid;', s, flags=re.M)
s = re.sub(r'^error_log .*$', f'error_log {work}/error.log warn;', s, flags=re.M)
s = s.replace('access_log /dev/stdout;', f'access_log {work}/access.log;')
temp = ''.join(f'\n    {kind}_temp_path {work}/{kind};' for kind in ('client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'))
s = s.replace('http {', 'http {' + temp, 1)
open(f'{work}/nginx.conf', 'w').write(s)
PY
nginx -e "$work/error.log" -c "$work/nginx.conf" -g 'daemon off;' &
nginx_pid=$!
for _ in $(seq 1 60); do curl -fs -o /dev/null "http://localhost:$FRONT/healthz" && break; sleep 1; done

(cd frontend && THRIFTSTORE_PORT_OFFSET=$OFF npx playwright test journey signed-out)
rc=$?
echo "requests through the front door, by status:"
awk '{print $9}' "$work/access.log" | sort | uniq -c
echo "WebSocket upgrades (/ws/notifications, /ws/chat): $(grep -c '" 101 ' "$work/access.log")"
exit $rc
