#!/usr/bin/env bash
# Lone runs after idle: the baseline and each given command, one run each
# per round, the machine left idle before every run.
#
# Usage: bench/cold.sh ROUNDS GAP COMMAND...   (each COMMAND one word list,
# quoted; GAP: seconds idle before each run, 0 for none; {run} in a
# command becomes the round's number and the command's, so that each run
# can write into a directory of its own, new to it)
# Environment: APIMD_BENCH_BUILD (default build-bench), as for run.sh;
# APIMD_BENCH_CORPUS (default ../shared/corpus/graph-v1.0).
#
# Prints the baseline's best and median wall time, then for each command its
# best and median, the ratio of the bests, the median of the rounds' ratios
# to their baseline run, and its peak RSS. Builds nothing: run run.sh once
# first.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

if [ $# -lt 3 ]; then
  echo "usage: bench/cold.sh ROUNDS GAP COMMAND..." >&2
  exit 2
fi
rounds=$1; gap=$2; shift 2
cmds=("$@")
build=${APIMD_BENCH_BUILD:-build-bench}
corpus=${APIMD_BENCH_CORPUS:-../shared/corpus/graph-v1.0}
for tool in "$build/bench/rss" "$build/bench/baseline_cmark"; do
  [ -x "$tool" ] || { echo "bench/cold.sh: $tool missing: run bench/run.sh first" >&2; exit 2; }
done
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

# one_run COMMAND...: "wall peak_rss_kb" of one run, in $result.
one_run() {
  sleep "$gap"
  "$build/bench/rss" -o "$tmp/report" -- "$@" >/dev/null 2>&1
  result=$(awk '$1=="wall_seconds"{w=$2} $1=="peak_rss_kb"{k=$2} END{print w, k}' "$tmp/report")
}

# The baseline first in every round; the commands in the order given in
# even rounds and in the reverse order in odd ones, so that none of them
# always runs right after another (whose freed memory or written files
# the next run would meet).
for ((i = 0; i < rounds; i++)); do
  sync
  one_run "$build/bench/baseline_cmark" "$corpus"
  line=$result
  results=()
  for ((j = 0; j < $#; j++)); do
    k=$(( i % 2 ? $# - 1 - j : j ))
    c=${cmds[k]//\{run\}/$i-$((k + 1))}
    # shellcheck disable=SC2086 # a command is a word list
    one_run $c
    results[k]=$result
  done
  echo "$line ${results[*]}" >>"$tmp/rows"
done

python3 - "$tmp/rows" "$@" <<'PY'
import statistics, sys
rows = [list(map(float, l.split())) for l in open(sys.argv[1])]
base = [r[0] for r in rows]
print("baseline  best %.4f s  median %.4f s" % (min(base), statistics.median(base)))
for k, command in enumerate(sys.argv[2:]):
    wall = [r[2 + 2 * k] for r in rows]
    ratios = [r[2 + 2 * k] / r[0] for r in rows]
    rss = max(r[3 + 2 * k] for r in rows) / 1024
    print("%s\n  best %.4f s  median %.4f s  best against best %.2f  median of the ratios %.2f  peak RSS %.1f MiB"
          % (command, min(wall), statistics.median(wall), min(wall) / min(base),
             statistics.median(ratios), rss))
PY
