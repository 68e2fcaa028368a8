#!/usr/bin/env bash
# The summary table of a perf/run.sh run, in Markdown, from its results directory:
#   reports.txt   "<scenario key> <Gatling report dir>" per simulation
#   plain.txt     the RESULT lines of the Kafka round trip and the raw JDBC loop
#   hops.txt      the order -> notification path hop by hop (perf-baseline "hops"), when notify ran
#   rss.samples   "<process> <VmRSS kB> <VmHWM kB>" every 2 s
# Usage: perf/summarize.sh <results dir> <measured phase seconds> <description of the run>
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
    "catalog page"|"catalog search"|"product detail") r=$(ratio "$rate" "$SELECT" "baseline select") ;;
    "baseline select") r=$(ratio "$rate" "$HELLO" "baseline hello") ;;
    "place order") r="$(ratio "$rate" "$INSERT" "baseline insert")$([ -n "$JDBC_TPS" ] && echo "; $(ratio "$rate" "$JDBC_TPS" "raw JDBC loop")")" ;;
    "baseline insert") r=$(ratio "$rate" "$JDBC_TPS" "raw JDBC loop") ;;
    *) r="" ;;
  esac
  echo "| $key | $name | $rate | $p50 | $p95 | $p99 | $max | $ko of $total | $r |"
done <"$ALL"

# The issue's goals, checked against this run's figures (an empty field: the scenario did not run).
field() { awk -F'\t' -v r="$1" -v c="$2" '$2 == r {print $c; exit}' "$ALL"; }
verdict() { awk "BEGIN { exit !($1) }" 2>/dev/null && echo met || echo MISSED; }
echo
if [ -s "$RESULTS/hops.txt" ]; then
  echo "## Order -> seller notice, hop by hop (notify phase, from the topics' clocks)"
  echo
  echo "decided = the envelope's time (in the service's transaction); sent = the record's timestamp (handed to Kafka)."
  echo "$(grep '^orders followed' "$RESULTS/hops.txt")."
  echo
  echo "| hop | p50 ms | p95 ms | p99 ms | max ms |"
  echo "|---|---|---|---|---|"
  sed -n 's/^RESULT hop \(.*[^ ]\) *p50=\([0-9]*\) p95=\([0-9]*\) p99=\([0-9]*\) max=\([0-9]*\)$/| \1 | \2 | \3 | \4 | \5 |/p' "$RESULTS/hops.txt"
  echo
fi
echo "## Goals"
echo
echo "| goal | this run | verdict |"
echo "|---|---|---|"
ORDER_RATE=$(rate_of "place order") ORDER_P99=$(field "place order" 8)
if [ -n "$ORDER_RATE" ] && [ -n "$JDBC_TPS" ]; then
  echo "| orders >= 40% of the raw insert+outbox rate (JDBC loop), p99 < 100 ms | $(ratio "$ORDER_RATE" "$JDBC_TPS" "raw JDBC loop"), p99 $ORDER_P99 ms | $(verdict "$ORDER_RATE >= 0.4 * $JDBC_TPS && $ORDER_P99 < 100") |"
fi
if [ -n "$ORDER_RATE" ] && [ -n "$INSERT" ]; then
  echo "| orders >= 40% of the insert+outbox endpoint (POST /insert) | $(ratio "$ORDER_RATE" "$INSERT" "baseline insert") | $(verdict "$ORDER_RATE >= 0.4 * $INSERT") |"
fi
PAGE=$(rate_of "catalog page")
if [ -n "$PAGE" ] && [ -n "$SELECT" ]; then
  echo "| catalog page >= 50% of a one-select JDBC endpoint | $(ratio "$PAGE" "$SELECT" "baseline select") | $(verdict "$PAGE >= 0.5 * $SELECT") |"
fi
NOTIFY_RATE=$(rate_of "order to seller frame") NOTIFY_P99=$(field "order to seller frame" 8)
if [ -n "$NOTIFY_RATE" ]; then
  echo "| order -> seller STOMP frame p99 < 300 ms at 100 orders/s | p99 $NOTIFY_P99 ms at $NOTIFY_RATE orders/s, $(field "order to seller frame" 5) failed | $(verdict "$NOTIFY_P99 < 300 && $NOTIFY_RATE >= 100") |"
fi
CHAT_P99=$(field "chat send to recipient" 8)
# Sockets that completed STOMP CONNECT in the chat run; every one stays open until the measured phase ends.
SOCKETS=$(awk -F'\t' '$1 == "chat" && $2 == "CONNECTED" {print $4; exit}' "$ALL")
if [ -n "$CHAT_P99" ]; then
  echo "| chat p99 < 50 ms with 2,000 open sockets on one ws-chat | p99 $CHAT_P99 ms, $(rate_of "chat send to recipient") msgs/s, ${SOCKETS:-?} sockets, $(field "chat send to recipient" 5) failed | $(verdict "$CHAT_P99 < 50 && ${SOCKETS:-0} >= 2000") |"
fi
if [ -f "$RESULTS/rss.samples" ]; then
  RSS_MAX=$(awk '$1 != "infra" && $1 != "perf-baseline" && $2 > m {m = $2; p = $1} END {printf "%.0f %s", m / 1024, p}' "$RESULTS/rss.samples")
  echo "| each service <= 350 MB RSS under load | highest ${RSS_MAX#* }: ${RSS_MAX%% *} MiB | $(verdict "${RSS_MAX%% *} * 1.048576 <= 350") |"
fi

echo
echo "## Memory (whole run, sampled every 2 s)"
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
