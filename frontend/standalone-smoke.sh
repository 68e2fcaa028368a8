#!/usr/bin/env bash
# Starts the standalone output of `next build` the way frontend/Dockerfile runs it (node server.js, static files
# beside it) behind an imagined front door, and checks what the container relies on: /healthz answers, pages
# point the browser at the front door's /api origin and its two socket paths, and the policy allows them.
set -euo pipefail
cd "$(dirname "$0")"
[ -f .next/standalone/server.js ] || { echo "no .next/standalone/server.js: run next build first" >&2; exit 1; }

work="$(mktemp -d)"
pid=""
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
cp -r .next/standalone "$work/app"
cp -r .next/static "$work/app/.next/static"
port=33399
(cd "$work/app" && PORT=$port HOSTNAME=127.0.0.1 NODE_ENV=production NEXT_TELEMETRY_DISABLED=1 \
  THRIFTSTORE_PUBLIC_URL=https://shop.example.test THRIFTSTORE_AUTH_MODE=dev THRIFTSTORE_DATA="$work/data" \
  exec node server.js >"$work/server.log" 2>&1) &
pid=$!
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" && break
  sleep 0.2
done
fail() { echo "standalone: $*" >&2; cat "$work/server.log" >&2; exit 1; }
[ "$(curl -fs "http://127.0.0.1:$port/healthz")" = '{"status":"UP"}' ] || fail "/healthz did not answer UP"
page="$(curl -fs -D "$work/headers" "http://127.0.0.1:$port/")" || fail "/ did not answer"
grep -q 'wss://shop.example.test/ws/notifications' <<<"$page" || fail "the page does not name the notification socket path"
grep -q 'wss://shop.example.test/ws/chat' <<<"$page" || fail "the page does not name the chat socket path"
grep -qi "^content-security-policy:.*connect-src 'self' https://shop.example.test wss://shop.example.test" "$work/headers" \
  || fail "the Content-Security-Policy does not allow the front door: $(grep -i '^content-security-policy' "$work/headers")"
echo "standalone server: /healthz UP, pages use the front door's /api and /ws/{notifications,chat}"
