#!/usr/bin/env bash
# CPU time used so far by the given processes and all their descendants, in clock ticks (getconf CLK_TCK):
# utime + stime + cutime + cstime of /proc/<pid>/stat, summed over the process tree under each root pid.
#   perf/cpu-ticks.sh <pid>...        (PROC=/some/dir reads a fake /proc, for the harness's own check)
#   perf/cpu-ticks.sh --each <name>=<pid>...   one line "<name> <ticks>" per root instead of the sum (a process
#                                              under two roots counts for the first)
#
# cutime/cstime count children that have ended and been waited for (PostgreSQL's backends, reaped by the
# postmaster), so a short-lived child's CPU stays in the sum once it is gone; a live child is counted by its own
# utime/stime only. Threads are included in their process's figures. Hand-written (awk over /proc): no tool on
# the machine sums a process tree's CPU, and the sampler has to be cheap enough to run every second.
set -euo pipefail
PROC="${PROC:-/proc}"
each=0
if [ "${1:-}" = "--each" ]; then each=1; shift; fi
[ $# -gt 0 ] || { [ $each = 1 ] || echo 0; exit 0; }
# A process can end between the glob and the read: cat goes on past it (and its failure is not the script's).
{ cat "$PROC"/[0-9]*/stat 2>/dev/null || true; } | awk -v roots="$*" -v each="$each" '
  {
    pid = $1
    rest = $0
    sub(/^.*\) /, "", rest)   # after "pid (comm) "; comm may hold spaces and parentheses, the last ") " ends it
    n = split(rest, f, " ")
    if (n < 15) next
    ppid[pid] = f[2]
    ticks[pid] = f[12] + f[13] + f[14] + f[15]
    kids[f[2]] = kids[f[2]] " " pid
  }
  END {
    total = 0
    r = split(roots, named, " ")
    for (x = 1; x <= r; x++) {
      name = named[x]; root = named[x]
      if (each) { sub(/=.*/, "", name); sub(/^[^=]*=/, "", root) }
      sum = 0
      m = 1; delete queue; queue[1] = root
      for (i = 1; i <= m; i++) {
        p = queue[i]
        if (p in seen || !(p in ticks)) continue
        seen[p] = 1
        sum += ticks[p]
        c = split(kids[p], children, " ")
        for (j = 1; j <= c; j++) queue[++m] = children[j]
      }
      if (each) printf "%s %d\n", name, sum
      total += sum
    }
    if (!each) printf "%d\n", total
  }'
