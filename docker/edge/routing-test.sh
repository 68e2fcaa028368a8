#!/usr/bin/env bash
# Checks the edge proxy's front door by behaviour, not only by syntax: runs docker/edge/nginx.conf on loopback
# (on free loopback ports, so that nothing collides with ./thriftstore up) in front of one stub server per
# upstream that answers with its own name and the path it received, then asks the front door for each route
# the dashboard uses. Needs nginx and node; no Docker engine. Called by docker/validate.sh.
set -euo pipefail
cd "$(dirname "$0")/../.."

work="$(mktemp -d)"
nginx_pid=""
stub_pid=""
cleanup() {
  [ -n "$nginx_pid" ] && kill "$nginx_pid" 2>/dev/null || true
  [ -n "$stub_pid" ] && kill "$stub_pid" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

# Every port is one the kernel hands out as free right now: fixed ones once collided with a platform that other
# tests ran at a port offset on the same machine. 16 = the front door's 8 listeners + 8 stubs.
mapfile -t free < <(node -e '
  const net = require("net");
  const servers = Array.from({ length: Number(process.argv[1]) }, () => net.createServer());
  let left = servers.length;
  for (const s of servers) s.listen(0, "127.0.0.1", () => {
    if (--left > 0) return;
    for (const t of servers) console.log(t.address().port);
    for (const t of servers) t.close();
  });
' 16)
[ "${#free[@]}" -eq 16 ] || { echo "routing-test: could not find free ports" >&2; exit 1; }
# name=port of each stub; the front door's `set $x name:port` lines are pointed at them.
declare -A stubs=(
  [dashboard]=${free[0]} [product-service]=${free[1]} [wishlist-service]=${free[2]} [chat-service]=${free[3]}
  [consumer-service]=${free[4]} [order-service]=${free[5]} [ws-chat-service]=${free[6]} [notification-service]=${free[7]}
)

config="$work/nginx.conf"
sed -E \
  -e "s#^pid .*#pid $work/nginx.pid;#" \
  -e "s#access_log /dev/stdout;#access_log off;#" \
  -e "s#^error_log .*#error_log $work/error.log warn;#" \
  docker/edge/nginx.conf >"$config"
# Each `listen <port>;` of the real config moves to a free loopback port; the front door is the one on 3000.
next=8
front=""
for port in $(sed -nE 's#^ *listen ([0-9]+);.*#\1#p' "$config" | sort -un); do
  [ "$next" -lt 16 ] || { echo "routing-test: nginx.conf listens on more ports than expected" >&2; exit 1; }
  sed -i -E "s#listen $port;#listen 127.0.0.1:${free[$next]};#" "$config"
  [ "$port" = 3000 ] && front=${free[$next]}
  next=$((next + 1))
done
[ -n "$front" ] || { echo "routing-test: nginx.conf has no listen 3000" >&2; exit 1; }
for name in "${!stubs[@]}"; do
  sed -i -E "s#(set \\\$[a-z_]+ )$name:[0-9]+;#\\1127.0.0.1:${stubs[$name]};#" "$config"
done
for d in client_body proxy fastcgi uwsgi scgi; do mkdir -p "$work/$d"; done
sed -i -E "s#^http \\{#http {\n    client_body_temp_path $work/client_body;\n    proxy_temp_path $work/proxy;\n    fastcgi_temp_path $work/fastcgi;\n    uwsgi_temp_path $work/uwsgi;\n    scgi_temp_path $work/scgi;#" "$config"

stub_args=()
for name in "${!stubs[@]}"; do stub_args+=("$name=${stubs[$name]}"); done
node -e '
  const http = require("http");
  for (const arg of process.argv.slice(1)) {
    const [name, port] = arg.split("=");
    http.createServer((req, res) => {
      res.setHeader("content-type", "text/plain");
      res.end(`${name} ${req.method} ${req.url} upgrade=${req.headers.upgrade ?? "-"}`);
    }).listen(Number(port), "127.0.0.1");
  }
' "${stub_args[@]}" &
stub_pid=$!
for _ in $(seq 1 100); do
  curl -fs -o /dev/null "http://127.0.0.1:${stubs[dashboard]}/" 2>/dev/null && break
  sleep 0.1
done

nginx -e "$work/error.log" -c "$config" -g 'daemon off;' &
nginx_pid=$!

for _ in $(seq 1 50); do
  curl -fs -o /dev/null "http://127.0.0.1:$front/healthz" 2>/dev/null && break
  sleep 0.1
done

failures=0
expect() { # expect <method> <path> <expected body prefix> [curl args...]
  local method=$1 path=$2 expected=$3
  shift 3
  local body
  body="$(curl -s -X "$method" "$@" "http://127.0.0.1:$front$path" || true)"
  if [[ "$body" == "$expected"* ]]; then
    printf '  ok    %-6s %-42s -> %s\n' "$method" "$path" "$expected"
  else
    printf '  FAIL  %-6s %-42s -> expected "%s", got "%s"\n' "$method" "$path" "$expected" "${body:0:120}"
    failures=$((failures + 1))
  fi
}
expect_status() { # expect_status <method> <path> <status>
  local status
  status="$(curl -s -o /dev/null -w '%{http_code}' -X "$1" "http://127.0.0.1:$front$2" || true)"
  if [ "$status" = "$3" ]; then
    printf '  ok    %-6s %-42s -> %s\n' "$1" "$2" "$3"
  else
    printf '  FAIL  %-6s %-42s -> expected %s, got %s\n' "$1" "$2" "$3" "$status"
    failures=$((failures + 1))
  fi
}

echo "==> front door routes (nginx on 127.0.0.1:$front)"
expect GET  /                                   "dashboard GET /"
expect GET  /orders/42                          "dashboard GET /orders/42"
expect GET  /healthz                            "dashboard GET /healthz"
expect POST /api/dev-token                      "dashboard POST /api/dev-token"
expect GET  "/api/products?q=lamp&page=0"       "product-service GET /api/products?q=lamp&page=0"
expect POST /api/products/bulk                  "product-service POST /api/products/bulk"
expect GET  /api/categories                     "product-service GET /api/categories"
expect GET  /api/images/0123456789abcdef01234567 "product-service GET /api/images/0123456789abcdef01234567"
expect GET  /api/orders                         "order-service GET /api/orders"
expect PATCH /api/orders/1                      "order-service PATCH /api/orders/1"
expect GET  /api/sellers/user_a/rating          "order-service GET /api/sellers/user_a/rating"
expect PUT  /api/wishlist/items/p1              "wishlist-service PUT /api/wishlist/items/p1"
expect GET  /api/conversations                  "chat-service GET /api/conversations"
expect GET  /api/insights/sellers/me            "consumer-service GET /api/insights/sellers/me"
expect POST /api/saved-searches                 "consumer-service POST /api/saved-searches"
expect GET  /api/notifications/unread-count     "notification-service GET /api/notifications/unread-count"
expect GET  /ws/notifications                   "notification-service GET /ws upgrade=websocket" \
  -H 'Connection: Upgrade' -H 'Upgrade: websocket'
expect GET  /ws/chat                            "ws-chat-service GET /ws upgrade=websocket" \
  -H 'Connection: Upgrade' -H 'Upgrade: websocket'
expect_status PUT /api/holds/order-1 404
expect_status GET /actuator/prometheus 404

echo "==> anonymous catalog limit (20 r/s, burst 40): a burst of 80 anonymous searches sees 429s, a signed-in one does not"
# One curl sending them side by side: separate processes would be too slow to exceed 20 r/s.
mkdir -p "$work/burst"
urls=()
for i in $(seq 1 80); do urls+=(-D "$work/burst/$i.headers" -o "$work/burst/$i.body" "http://127.0.0.1:$front/api/products?q=x$i"); done
codes="$(curl -s --no-progress-meter --parallel --parallel-max 40 -w '%{http_code}\n' "${urls[@]}" | sort | uniq -c)"
echo "$codes" | sed 's/^/    /'
limited="$(grep -l '^HTTP/1.1 429' "$work"/burst/*.headers | head -1 || true)"
if [ -z "$limited" ]; then
  echo "  FAIL  no 429 in a burst of 80 anonymous catalog requests"; failures=$((failures + 1))
elif grep -qi '^Content-Type: application/problem+json' "$limited" && grep -qi '^Retry-After: 1' "$limited" \
    && grep -q '"status":429' "${limited%.headers}.body"; then
  echo "  ok    429 is the platform's problem+json with Retry-After"
else
  echo "  FAIL  the 429 answer is not the platform's problem: $(cat "$limited" "${limited%.headers}.body")"
  failures=$((failures + 1))
fi
status="$(curl -s -o /dev/null -w '%{http_code}' -H 'Authorization: Bearer x' "http://127.0.0.1:$front/api/products?q=x")"
if [ "$status" = 200 ]; then
  echo "  ok    a request with a bearer token passes while anonymous ones are limited"
else
  echo "  FAIL  a signed-in catalog request got $status"; failures=$((failures + 1))
fi

if [ "$failures" -ne 0 ]; then
  grep -v 'limiting requests' "$work/error.log" | tail -20 >&2 || true
  echo "edge routing: $failures check(s) failed" >&2
  exit 1
fi
echo "edge routing: every route reaches its service"
