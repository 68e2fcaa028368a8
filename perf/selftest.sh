#!/usr/bin/env bash
# Checks the harness's scripts on synthetic inputs, without a platform or any load (seconds, no CPU to speak of):
# cpu-ticks.sh on a fake /proc tree, summarize.sh on fake Gatling reports and results (notify table, CPU per
# order, hops, goals, MiB), median.sh on three headline files. Exits non-zero on the first wrong figure.
#   perf/selftest.sh
set -euo pipefail
PERF="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
T=$(mktemp -d)
trap '[ -n "${KEEP:-}" ] || rm -rf "$T"' EXIT
fail() { echo "selftest FAILED: $*" >&2; exit 1; }
expect() { # expect <what> <text> <file>
  grep -qF -- "$2" "$3" || { echo "--- $3:"; cat "$3"; fail "$1: no '$2'"; }
}

# --- cpu-ticks.sh: a tree with a Kafka-like child, a reaped child's ticks in cutime, odd comm names ---------------
stat() { mkdir -p "$T/proc/$1"; echo "$1 ($2) S $3 1 1 0 -1 0 0 0 0 0 $4 $5 $6 $7 20 0 30 0" >"$T/proc/$1/stat"; }
stat 100 java 1 10 5 100 0           # infra JVM: 115 with its reaped children
stat 101 'java (broker) x' 100 1000 500 0 0
stat 102 postgres 101 1 1 0 0
stat 200 java 1 7 3 0 0              # a service
stat 300 other 1 99999 1 0 0         # not ours
[ "$(PROC="$T/proc" "$PERF/cpu-ticks.sh" 100 200)" = 1627 ] || fail "cpu-ticks: $(PROC="$T/proc" "$PERF/cpu-ticks.sh" 100 200) != 1627"
[ "$(PROC="$T/proc" "$PERF/cpu-ticks.sh" 100 100 424242)" = 1617 ] || fail "cpu-ticks: a pid twice or a gone pid"
[ "$(PROC="$T/proc" "$PERF/cpu-ticks.sh")" = 0 ] || fail "cpu-ticks without pids"
# A process that ends between the glob and the read (here: a stat that cannot be read) is skipped, and the script
# still succeeds: the sampler runs under set -e.
mkdir -p "$T/proc/400/stat"
PROC="$T/proc" "$PERF/cpu-ticks.sh" 100 >/dev/null || fail "cpu-ticks fails when a process is gone"
rmdir "$T/proc/400/stat" "$T/proc/400"
each=$(PROC="$T/proc" "$PERF/cpu-ticks.sh" --each infra=100 order-service=200 postgres= | tr '\n' ' ')
[ "$each" = "infra 1617 order-service 10 postgres 0 " ] || fail "cpu-ticks --each: $each"

# --- summarize.sh ------------------------------------------------------------------------------------------------
R="$T/results"
mkdir -p "$R"
report() { # report <dir> <name total ok ko p50 p95 p99 max>...
  mkdir -p "$1"
  local dir=$1
  shift
  while [ $# -gt 0 ]; do
    echo "<td class=\"total col-1\"><div><span class=\"ellipsed-name\">$1</span></div></td>"
    local c=2 vals=("$2" "$3" "$4" 0 0 0 "$5" 0 "$6" "$7" "$8" 0 0)
    for v in "${vals[@]}"; do echo "<td class=\"value total col-$c\">$v</td>"; c=$((c + 1)); done
    shift 8
  done >"$dir/index.html"
}
report "$T/g/baseline/" "baseline hello" 60000 60000 0 1 2 3 9 "baseline select" 30000 30000 0 2 4 6 20 \
  "baseline insert" 12000 12000 0 5 9 12 40 "warm-up baseline insert" 10 10 0 5 5 5 5
report "$T/g/catalog/" "catalog page" 12000 12000 0 3 8 12 30 "catalog cards" 18000 18000 0 2 6 10 25
report "$T/g/orders/" "place order" 6000 6000 0 9 30 80 120
report "$T/g/notify/" "order to seller frame at 100/s: POST /api/orders" 6000 6000 0 8 20 40 90
printf 'baseline %s\ncatalog %s\norders %s\nnotify %s\n' "$T/g/baseline/" "$T/g/catalog/" "$T/g/orders/" "$T/g/notify/" >"$R/reports.txt"
echo "RESULT jdbc-insert-outbox clients=8 tps=900.5 p50=1 p95=2 p99=3 errors=0" >"$R/plain.txt"
# 100 ticks/s; idle 1 tick/s over [0, 60 s]; the phase [100 s, 160 s] uses 600 + 60 ticks: 600 ticks = 6 s for
# 6,000 orders = 1.00 ms per order.
echo 100 >"$R/clk_tck"
echo "0 60000" >"$R/idle.window"
{ echo "0 1000"; echo "60000 1060"; echo "100000 2000"; echo "130000 2330"; echo "160000 2660"; } >"$R/cpu.samples"
# The same split over two processes: order-service idles at 1 tick/s and uses 420 + 60 ticks in the phase (0.70 ms
# per order), infra idles at nothing and uses 180 (0.30 ms).
{ echo "0 order-service 600"; echo "0 infra 400"; echo "60000 order-service 660"; echo "60000 infra 400"
  echo "100000 order-service 1200"; echo "100000 infra 800"; echo "160000 order-service 1680"; echo "160000 infra 980"
} >"$R/cpu-by-process.samples"
echo "RESULT notify rate=100 offered=6000 accepted=6000 delivered=5994 deliveredPct=99.90 within=10000 p50=40 p95=90 p99=250 max=900 postP50=8 postP99=41 start=100000 end=160000" >"$R/notify.txt"
cat >"$R/hops.txt" <<'HOPS'
orders followed the whole way: 5994, 5994 of them with the client's clocks (confirmed 6000, seller notices 6000); two Kafka hops: order-events, notification-events
RESULT hop POST sent -> order committed (order-service: hold + transaction)   p50=7 p95=20 p99=38 max=80
RESULT hop total: POST sent -> frame received                                 p50=40 p95=90 p99=250 max=900
HOPS
printf 'order-service 300000 310000\ninfra 900000 900000\nperf-baseline 100000 100000\nws-chat-service 380000 390000\n' >"$R/rss.samples"
USERS=50 "$PERF/summarize.sh" "$R" 60 "machine: synthetic; JDK: test" >"$T/summary.md"
S="$T/summary.md"
expect "notify row" "| 100 | 6000 | 6000 | 99.90% in 10000 ms | 40 | 90 | 250 | 900 | 8 | 41 | 6.6 (0.6) | 1.00 |" "$S"
expect "CPU split header" "| process | 100/s |" "$S"
expect "CPU split order-service" "| order-service | 0.70 |" "$S"
expect "CPU split infra" "| infra | 0.30 |" "$S"
expect "hop row" "| POST sent -> order committed (order-service: hold + transaction) | 7 | 20 | 38 | 80 |" "$S"
expect "two Kafka hops said" "Two Kafka hops" "$S"
expect "orders goal" "| orders/s >= 40% of POST /insert, p99 < 100 ms at 50 users | 100.0 orders/s = 50% of 200.0 inserts/s, p99 80 ms, 50 users | met |" "$S"
expect "notify goal (99.9% delivered)" "p99 250 ms, 99.90% delivered, POST p99 41 ms | MISSED |" "$S"
expect "catalog goal" "300.0 card pages/s = 60% of 500.0 selects/s (full products: 200.0/s = 40%) | met |" "$S"
expect "CPU goal" "| 1.00 ms | met |" "$S"
expect "RSS goal in MiB" "highest: ws-chat-service 371 MiB | MISSED |" "$S"
expect "memory table in MiB" "| order-service | 293 | 303 |" "$S"
grep -q "warm-up" "$S" && fail "warm-up rows in the summary"
H="$R/headline.tsv"
expect "headline" "$(printf 'notify_100_cpu_ms_per_order\t1.00')" "$H"

# --- median.sh ---------------------------------------------------------------------------------------------------
for i in 1 2 3; do cp "$H" "$T/h$i.tsv"; done
sed -i 's/^notify_100_p99_ms\t.*/notify_100_p99_ms\t310/' "$T/h1.tsv"
sed -i 's/^notify_100_p99_ms\t.*/notify_100_p99_ms\t120/; s/^notify_100_delivered_pct\t.*/notify_100_delivered_pct\t100.00/' "$T/h2.tsv"
sed -i 's/^notify_100_delivered_pct\t.*/notify_100_delivered_pct\t100.00/' "$T/h3.tsv"
"$PERF/median.sh" "$T/median.tsv" "$T/h1.tsv" "$T/h2.tsv" "$T/h3.tsv" >"$T/median.md"
expect "median with the three values" "| notify_100_p99_ms | 250 | 310 | 120 | 250 |" "$T/median.md"
expect "median of delivered" "| notify_100_delivered_pct | 100 | 99.90 | 100.00 | 100.00 |" "$T/median.md"
expect "goal on the medians" "p99 250 ms, 100% delivered, POST p99 41 ms | met |" "$T/median.md"
echo "selftest: all checks passed"
