#!/usr/bin/env bash
# The median of each headline figure over several runs, with every run's value beside it, and the goals judged on
# the medians. Reads the headline.tsv perf/summarize.sh writes per run; writes the medians as a headline.tsv too.
#   perf/median.sh <median headline.tsv to write> <run 1 headline.tsv> <run 2 headline.tsv> ...
# A figure missing from a run counts as missing (shown "-"); the median is over the runs that have it.
set -euo pipefail
OUT=$1
shift
[ $# -gt 0 ] || { echo "usage: perf/median.sh <out.tsv> <headline.tsv>..." >&2; exit 2; }

echo "## Headline figures: median of $# runs"
echo
printf '| figure | median |'; for i in $(seq 1 $#); do printf ' run %d |' "$i"; done; echo
printf '|---|---|'; for _ in $(seq 1 $#); do printf -- '---|'; done; echo
: >"$OUT"
# Figures in the order the runs wrote them (first appearance), each with its value per run.
awk -F'\t' -v runs=$# -v out="$OUT" '
  FNR == 1 { run++ }
  { if (!($1 in seen)) { seen[$1] = 1; order[++n] = $1 } value[$1, run] = $2 }
  END {
    for (i = 1; i <= n; i++) {
      k = order[i]; m = 0; line = ""
      for (r = 1; r <= runs; r++) {
        if ((k, r) in value) { vals[++m] = value[k, r] + 0; line = line " " value[k, r] " |" } else line = line " - |"
      }
      # insertion sort of the m values present
      for (a = 2; a <= m; a++) { x = vals[a]; b = a - 1; while (b >= 1 && vals[b] > x) { vals[b + 1] = vals[b]; b-- } vals[b + 1] = x }
      med = m % 2 ? vals[(m + 1) / 2] : (vals[m / 2] + vals[m / 2 + 1]) / 2
      med = sprintf(med == int(med) ? "%d" : "%.2f", med)
      printf "| %s | %s |%s\n", k, med, line
      printf "%s\t%s\n", k, med >> out
      delete vals
    }
  }' "$@"
echo
"$(dirname "${BASH_SOURCE[0]}")/goals.sh" "$OUT"
