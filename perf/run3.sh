#!/usr/bin/env bash
# The measurement three times, each on a freshly started platform, and the median of each headline figure with the
# three values beside it: what docs/PERFORMANCE.md quotes (one run on a shared machine is an anecdote).
#   perf/run3.sh [--label name] [--no-record] [perf/run.sh options: --only ..., --no-build]
# PERF_RUNS changes the count. Every run's summary and results: perf/target/runs/<n>/; the median summary:
# perf/target/runs/median.md. Recorded (small text only) in docs/perf-runs/<date>-<label>/: run1.md ... and median.md.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PERF="$ROOT/perf"
RUNS_DIR="$PERF/target/runs"
RUNS="${PERF_RUNS:-3}"
label=run3 record=true pass=()
while [ $# -gt 0 ]; do
  case "$1" in
    --label) label="$2"; shift ;;
    --no-record) record=false ;;
    --keep|--reuse) echo "perf/run3.sh restarts the platform for every run: no --keep or --reuse" >&2; exit 2 ;;
    --smoke) record=false; pass+=("$1") ;;
    *) pass+=("$1") ;;
  esac
  shift
done

rm -rf "$RUNS_DIR"
mkdir -p "$RUNS_DIR"
for i in $(seq 1 "$RUNS"); do
  echo "[perf run3] run $i of $RUNS"
  build=()
  [ "$i" -gt 1 ] && build=(--no-build)   # one build is enough
  "$PERF/run.sh" --no-record "${build[@]}" "${pass[@]}"
  mkdir -p "$RUNS_DIR/$i"
  cp "$PERF/target/summary.md" "$RUNS_DIR/$i/summary.md"
  cp -r "$PERF/target/results" "$RUNS_DIR/$i/results"
done

headlines=()
for i in $(seq 1 "$RUNS"); do headlines+=("$RUNS_DIR/$i/results/headline.tsv"); done
{
  echo "# ThriftStore load runs: median of $RUNS, $(date -u +%Y-%m-%dT%H:%MZ)"
  echo
  grep -m1 '^machine:' "$RUNS_DIR/1/summary.md" || true
  echo
  echo "Each run restarted the platform (perf/run.sh). Per-run summaries: run1.md ... run$RUNS.md beside this file."
  echo
  "$PERF/median.sh" "$RUNS_DIR/median.headline.tsv" "${headlines[@]}"
} | tee "$RUNS_DIR/median.md"

if $record; then
  RECORD="$ROOT/docs/perf-runs/$(date +%F)-$label"
  mkdir -p "$RECORD"
  for i in $(seq 1 "$RUNS"); do
    cp "$RUNS_DIR/$i/summary.md" "$RECORD/run$i.md"
    cp "$RUNS_DIR/$i/results/headline.tsv" "$RECORD/run$i.headline.tsv"
  done
  cp "$RUNS_DIR/median.md" "$RECORD/median.md"
  cp "$RUNS_DIR/median.headline.tsv" "$RECORD/median.headline.tsv"
  echo "[perf run3] recorded: $RECORD"
fi
