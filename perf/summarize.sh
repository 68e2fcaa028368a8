#!/usr/bin/env bash
# The summary table of a perf/run.sh run, in Markdown, from its results directory:
#   reports.txt   "<scenario key> <Gatling report dir>" per simulation
#   plain.txt     the RESULT lines of the Kafka round trip and the raw JDBC loop
#   hops.txt      the order -> notification path hop by hop (perf-baseline "hops"), when notify ran
#   notify.txt    one "RESULT notify rate=..." line per offered rate (OrderNotificationSimulation's -Dout)
#   cpu.samples   "<epoch ms> <clock ticks>" every second, the platform's processes summed (perf/cpu-ticks.sh)
#   clk_tck       getconf CLK_TCK; idle.window: "<start ms> <end ms>" of the quiet interval before notify
#   rss.samples   "<process> <VmRSS kB> <VmHWM kB>" every 2 s
# Environment: USERS, the closed phases' users (perf/run.sh sets it).
# Usage: perf/summarize.sh <results dir> <measured phase seconds> <description of the run>
# Also writes <results dir>/headline.tsv ("<figure>\t<value>"), what perf/median.sh and perf/goals.sh read.
# Memory is in MiB (2^20 bytes) everywhere, the goals included.
#
# Gatling 3.14 writes its per-request statistics only into the report's index.html (no stats.json), so the
# table's rows are read from there. Its Cnt/s divides by the whole simulation, warm-up and other phases
# included; throughput here is successful requests / the measured phase's duration instead.
set -euo pipefail
RESULTS=$1 DURATION=$2 DESCRIPTION=$3

# name, total, ok, ko, p50, p95, p99, max per request or group of a report (warm-up rows left out)
rows() {
  awk '
    /class="ellipsed-name">/ { line = $0; sub(/.*class="ellipsed-name">/, "", line); sub(/<\/span>.*/, "", line); name = line; n = 0; next }
    name != "" && /<td class="value [a-z]+ col-[0-9]+">/ {
      line = $0; col = line; sub(/.*col-/, "", col); sub(/".*/, "", col)
      sub(/^[^>]*>/, "", line); sub(/<.*/, "", line); v[col] = line
      if (col == 14) {
        if (name !~ /^warm-up / && name != "All Requests") print name "\t" v[2] "\t" v[3] "\t" v[4] "\t" v[8] "\t" v[10] "\t" v[11] "\t" v[12]
        name = ""
      }
    }' "$1/index.html" | sed 's/&amp;/\&/g; s/&gt;/>/g; s/&lt;/</g'
}

plain() { # plain <RESULT name> <linger filter or ""> <field>
  grep "^RESULT $1 " "$RESULTS/plain.txt" 2>/dev/null | grep -- "$2" | head -1 | tr ' ' '\n' | awk -F= -v k="$3" '$1 == k {print $2}'
}

echo "# ThriftStore load run, $(date -u +%Y-%m-%dT%H:%MZ)"
echo
echo "$DESCRIPTION"
echo
echo "## Baselines without HTTP"
echo
echo "| baseline | rate | p50 ms | p95 ms | p99 ms | errors |"
echo "|---|---|---|---|---|---|"
while read -r _ name rest; do
  declare -A f=()
  for kv in $rest; do f[${kv%%=*}]=${kv#*=}; done
  case "$name" in
    kafka-roundtrip) echo "| Kafka produce -> consume, acks=all, linger.ms=${f[linger]} | ${f[rate]}/s offered | ${f[p50]} | ${f[p95]} | ${f[p99]} | ${f[lost]} lost |" ;;
    jdbc-insert-outbox) echo "| raw JDBC insert order + outbox, ${f[clients]} clients | ${f[tps]} tx/s | ${f[p50]} | ${f[p95]} | ${f[p99]} | ${f[errors]} |" ;;
  esac
  unset f
done < <(cat "$RESULTS/plain.txt" 2>/dev/null || true)
JDBC_TPS=$(plain jdbc-insert-outbox "" tps)

echo
echo "## Scenarios"
echo
echo "Throughput: successful requests per second of the measured ${DURATION} s phase. Latencies in ms."
echo
echo "| scenario | request | throughput/s | p50 | p95 | p99 | max | errors | ratio to baseline |"
echo "|---|---|---|---|---|---|---|---|---|"
ALL="$RESULTS/rows.tsv"
: >"$ALL"
while read -r key report; do
  rows "$report" | sed "s|^|$key\t|" >>"$ALL"
done < <(cat "$RESULTS/reports.txt" 2>/dev/null || true)
rate_of() { awk -F'\t' -v r="$1" -v d="$DURATION" '$2 == r {printf "%.1f", $4 / d; exit}' "$ALL"; }
SELECT=$(rate_of "baseline select") HELLO=$(rate_of "baseline hello") INSERT=$(rate_of "baseline insert")
ratio() { # ratio <rate> <baseline rate> <baseline name>
  [ -n "$2" ] && awk -v a="$1" -v b="$2" -v n="$3" 'BEGIN { if (b > 0) printf "%.0f%% of %s", 100 * a / b, n }'
}
while IFS=$'\t' read -r key name total ok ko p50 p95 p99 max; do
  # Socket plumbing: sending a frame takes no measurable time; connecting is kept, without a rate.
  case "$name" in *SUBSCRIBE*|*"STOMP CONNECT"|*close|*"arm the wait"*|*": SEND") continue ;; esac
  rate=$(awk -v o="$ok" -v d="$DURATION" 'BEGIN {printf "%.1f", o / d}')
  case "$name" in *CONNECT*) rate="-" ;; esac
  case "$name" in
    "catalog page"|"catalog cards"|"catalog search"|"product detail") r=$(ratio "$rate" "$SELECT" "baseline select") ;;
    "baseline select") r=$(ratio "$rate" "$HELLO" "baseline hello") ;;
    "place order") r="$(ratio "$rate" "$INSERT" "baseline insert")$([ -n "$JDBC_TPS" ] && echo "; $(ratio "$rate" "$JDBC_TPS" "raw JDBC loop")")" ;;
    "baseline insert") r=$(ratio "$rate" "$JDBC_TPS" "raw JDBC loop") ;;
    *) r="" ;;
  esac
  echo "| $key | $name | $rate | $p50 | $p95 | $p99 | $max | $ko of $total | $r |"
done <"$ALL"

echo
HEADLINE="$RESULTS/headline.tsv"
: >"$HEADLINE"
headline() { [ -n "$2" ] && printf '%s\t%s\n' "$1" "$2" >>"$HEADLINE"; return 0; }
field() { awk -F'\t' -v r="$1" -v c="$2" '$2 == r {print $c; exit}' "$ALL"; }
pct() { [ -n "$1" ] && [ -n "$2" ] && awk -v a="$1" -v b="$2" 'BEGIN { if (b > 0) printf "%.0f", 100 * a / b }'; }
ORDER_RATE=$(rate_of "place order") PAGE=$(rate_of "catalog page") CARDS=$(rate_of "catalog cards")
headline orders_per_s "$ORDER_RATE"
headline orders_p99_ms "$(field "place order" 8)"
# The closed phases' users (the orders goal is stated at 50): perf/run.sh hands USERS over in the environment.
[ -n "$ORDER_RATE" ] && headline users "${USERS:-}"
headline insert_per_s "$INSERT"
headline orders_vs_insert_pct "$(pct "$ORDER_RATE" "$INSERT")"
headline jdbc_loop_tx_per_s "$JDBC_TPS"
headline select_per_s "$SELECT"
headline catalog_page_per_s "$PAGE"
headline catalog_vs_select_pct "$(pct "$PAGE" "$SELECT")"
headline catalog_cards_per_s "$CARDS"
headline catalog_cards_vs_select_pct "$(pct "$CARDS" "$SELECT")"
headline chat_p99_ms "$(field "chat send to recipient" 8)"
headline chat_sockets "$(awk -F'\t' '$1 == "chat" && $2 == "CONNECTED" {print $4; exit}' "$ALL")"

# --- notify: open model, one line per offered rate; CPU per order from the platform's tick samples ------------
# cpu_ms_per_order <start ms> <end ms> <orders> [process]: the platform's CPU (or one process's) over the window
# (ticks interpolated between the 1 s samples), minus the idle rate of the quiet interval times the window's
# length, in ms per order.
cpu_samples() { # cpu_samples [process]: "<epoch ms> <ticks>" lines
  if [ -n "${1:-}" ]; then
    awk -v p="$1" '$2 == p {print $1, $3}' "$RESULTS/cpu-by-process.samples"
  else
    cat "$RESULTS/cpu.samples"
  fi
}
cpu_ms_per_order() {
  [ -s "$RESULTS/cpu.samples" ] && [ "$3" -gt 0 ] || return 0
  [ -z "${4:-}" ] || [ -s "$RESULTS/cpu-by-process.samples" ] || return 0
  local idle_start=0 idle_end=0
  [ -s "$RESULTS/idle.window" ] && read -r idle_start idle_end <"$RESULTS/idle.window"
  cpu_samples "${4:-}" | sort -n | awk -v s="$1" -v e="$2" -v n="$3" -v hz="$(cat "$RESULTS/clk_tck" 2>/dev/null || echo 100)" \
      -v is="$idle_start" -v ie="$idle_end" '
    NF == 2 { t[++k] = $1; v[k] = $2 }
    function at(x,   i) {
      if (x <= t[1]) return v[1]
      for (i = 1; i < k; i++) if (x <= t[i + 1]) return t[i + 1] == t[i] ? v[i + 1] : v[i] + (v[i + 1] - v[i]) * (x - t[i]) / (t[i + 1] - t[i])
      return v[k]
    }
    END {
      if (k < 2) exit
      idle = ie > is ? (at(ie) - at(is)) / (ie - is) * (e - s) : 0
      printf "%.2f\t%.1f\t%.1f\n", (at(e) - at(s) - idle) * 1000 / hz / n, (at(e) - at(s)) / hz, idle / hz
    }'
}
windows=()
if [ -s "$RESULTS/notify.txt" ]; then
  echo "## Order -> seller frame (open model)"
  echo
  echo "From sending POST /api/orders to the seller's ORDER_RECEIVED frame at a STOMP client on notification-service;"
  echo "orders arrive at the offered rate whatever the latency (one new virtual user per order). Delivered: frames"
  echo "within the timeout, of all orders offered (a failed POST counts as not delivered). CPU per order: clock ticks of"
  echo "every platform process (services, infrastructure JVM, Kafka broker, PostgreSQL, baseline app) over the phase,"
  echo "minus the same processes' idle rate over a quiet interval just before, divided by the orders accepted."
  echo
  echo "| offered/s | orders | accepted | delivered | p50 ms | p95 ms | p99 ms | max ms | POST p50 ms | POST p99 ms | platform CPU s (idle s) | CPU ms/order |"
  echo "|---|---|---|---|---|---|---|---|---|---|---|---|"
  while read -r _ _ rest; do
    declare -A f=()
    for kv in $rest; do f[${kv%%=*}]=${kv#*=}; done
    cpu=$(cpu_ms_per_order "${f[start]}" "${f[end]}" "${f[accepted]}")
    IFS=$'\t' read -r per_order used idle <<<"${cpu:-}"
    echo "| ${f[rate]} | ${f[offered]} | ${f[accepted]} | ${f[deliveredPct]}% in ${f[within]} ms | ${f[p50]} | ${f[p95]} | ${f[p99]} | ${f[max]} | ${f[postP50]} | ${f[postP99]} | ${used:--} (${idle:--}) | ${per_order:--} |"
    r=${f[rate]}
    headline "notify_${r}_p50_ms" "${f[p50]}"
    headline "notify_${r}_p95_ms" "${f[p95]}"
    headline "notify_${r}_p99_ms" "${f[p99]}"
    headline "notify_${r}_delivered_pct" "${f[deliveredPct]}"
    headline "notify_${r}_post_p99_ms" "${f[postP99]}"
    headline "notify_${r}_cpu_ms_per_order" "${per_order:-}"
    windows+=("${f[rate]} ${f[start]} ${f[end]} ${f[accepted]}")
    unset f per_order used idle
  done < <(grep '^RESULT notify ' "$RESULTS/notify.txt")
  echo
  if [ -s "$RESULTS/cpu-by-process.samples" ] && [ ${#windows[@]} -gt 0 ]; then
    echo "CPU per order by process, ms (each process's ticks over the phase minus its own idle rate; the Kafka broker"
    echo "counts under infra, its parent JVM):"
    echo
    header="| process |" rule="|---|"
    for w in "${windows[@]}"; do header="$header ${w%% *}/s |"; rule="$rule---|"; done
    echo "$header"
    echo "$rule"
    for process in $(awk '{print $2}' "$RESULTS/cpu-by-process.samples" | sort -u); do
      row="| $process |"
      for w in "${windows[@]}"; do
        read -r _ start end accepted <<<"$w"
        row="$row $(cpu_ms_per_order "$start" "$end" "$accepted" "$process" | cut -f1) |"
      done
      echo "$row"
    done
    echo
  fi
fi

if [ -s "$RESULTS/hops.txt" ]; then
  echo "## Order -> seller notice, hop by hop (notify phase: the topics' clocks and the client's)"
  echo
  echo "decided = the envelope's time (in the service's transaction); sent = the record's timestamp (handed to Kafka)."
  echo "Two Kafka hops: order-events (order-service -> consumer-service), notification-events (consumer-service -> notification-service)."
  echo "$(grep '^orders followed' "$RESULTS/hops.txt")."
  echo
  echo "| hop | p50 ms | p95 ms | p99 ms | max ms |"
  echo "|---|---|---|---|---|"
  sed -n 's/^RESULT hop \(.*[^ ]\) *p50=\([0-9]*\) p95=\([0-9]*\) p99=\([0-9]*\) max=\([0-9]*\)$/| \1 | \2 | \3 | \4 | \5 |/p; s/^RESULT hop \(.*[^ ]\) *n\/a.*$/| \1 | - | - | - | - |/p' "$RESULTS/hops.txt"
  echo
fi

if [ -f "$RESULTS/rss.samples" ]; then
  while read -r p kib; do headline "rss_${p}_mib" "$kib"; done < <(awk '{ if ($2 > r[$1]) r[$1] = $2 } END { for (p in r) printf "%s %.0f\n", p, r[p] / 1024 }' "$RESULTS/rss.samples" | sort)
  headline rss_max_service_mib "$(awk '$1 != "infra" && $1 != "perf-baseline" && $2 > m {m = $2} END {if (m) printf "%.0f", m / 1024}' "$RESULTS/rss.samples")"
fi

"$(dirname "${BASH_SOURCE[0]}")/goals.sh" "$HEADLINE"

echo
echo "## Memory (whole run, sampled every 2 s, MiB)"
echo
echo "| process | peak VmRSS MiB | VmHWM MiB |"
echo "|---|---|---|"
if [ -f "$RESULTS/rss.samples" ]; then
  awk '{ if ($2 > r[$1]) r[$1] = $2; if ($3 > h[$1]) h[$1] = $3 }
       END { for (p in r) printf "| %s | %.0f | %.0f |\n", p, r[p] / 1024, h[p] / 1024 }' "$RESULTS/rss.samples" | sort
fi
echo
echo "Gatling reports:"
while read -r key report; do echo "- $key: ${report}index.html"; done < <(cat "$RESULTS/reports.txt" 2>/dev/null || true)
