#!/usr/bin/env bash
# The benchmark: apimd against the cmark-gfm baseline on the Graph corpus.
#
# Usage: bench/run.sh [CORPUS]   (default: ../shared/corpus/graph-v1.0)
# Environment: APIMD_BENCH_RUNS (default 3): runs per measurement, best
# kept; APIMD_BENCH_BUILD (default build-bench): the release build used.
#
# Prints the pages and bytes of the corpus, then for the cmark-gfm baseline
# and each apimd command the best wall time of the runs, the peak RSS and
# the ratio to the baseline measured in the same run. Outputs land in
# bench/out/ (ignored by git). Commands that are not implemented yet are
# reported as such and skipped.
set -uo pipefail
cd "$(dirname "$0")/.."

corpus=${1:-../shared/corpus/graph-v1.0}
runs=${APIMD_BENCH_RUNS:-3}
build=${APIMD_BENCH_BUILD:-build-bench}
out=bench/out

if [ ! -d "$corpus" ]; then
  echo "bench: corpus $corpus not found; nothing to measure"
  exit 0
fi

# ---- build -----------------------------------------------------------------
if [ ! -f "$build/build.ninja" ]; then
  meson setup "$build" --buildtype=release >/dev/null || exit 2
fi
ninja -C "$build" bench/baseline_cmark bench/json_baseline bench/rss >/dev/null || exit 2
# Where the apimd executable is, asked of meson rather than assumed.
apimd_target=$(meson introspect "$build" --targets | python3 -c '
import json, os, sys
for t in json.load(sys.stdin):
    if t["name"] == "apimd" and t["type"] == "executable":
        print(os.path.relpath(t["filename"][0], sys.argv[1]))
' "$build")
apimd=$build/$apimd_target
if [ -z "$apimd_target" ] ||
   ! ninja -C "$build" "$apimd_target" >"$build/bench-apimd-build.log" 2>&1; then
  echo "bench: apimd does not build yet (see $build/bench-apimd-build.log); baselines only"
  apimd=
fi
rss=$build/bench/rss
rm -rf "$out"
mkdir -p "$out"

# ---- measuring ---------------------------------------------------------------
# measure NAME COMMAND...: runs COMMAND $runs times under rss; sets
# best_wall (seconds), peak_kb and last_exit, and leaves the command's
# stdout and stderr of the last run in $out/NAME.out and $out/NAME.err.
# A "{run}" argument is replaced by the run number, for commands that need
# a fresh output directory each time.
measure() {
  local name=$1
  shift
  best_wall= peak_kb=0 last_exit=0
  local i
  for ((i = 1; i <= runs; i++)); do
    local args=("${@//\{run\}/$i}")
    "$rss" -o "$out/$name.rss" -- "${args[@]}" >"$out/$name.out" 2>"$out/$name.err"
    local wall kb
    wall=$(awk '$1 == "wall_seconds" {print $2}' "$out/$name.rss")
    kb=$(awk '$1 == "peak_rss_kb" {print $2}' "$out/$name.rss")
    last_exit=$(awk '$1 == "exit" {print $2}' "$out/$name.rss")
    if [ -z "$best_wall" ] || awk -v a="$wall" -v b="$best_wall" 'BEGIN {exit !(a < b)}'; then
      best_wall=$wall
    fi
    [ "$kb" -gt "$peak_kb" ] && peak_kb=$kb
  done
}

row() { # LABEL WALL PEAK_KB RATIO
  printf '%-40s %9s %13s  %s\n' "$1" "$2" "$3" "$4"
}

mib() { awk -v kb="$1" 'BEGIN {printf "%.1f", kb / 1024}'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {if (b > 0) printf "%.2f", a / b; else print "n/a"}'; }

# ---- baseline ----------------------------------------------------------------
measure baseline "$build/bench/baseline_cmark" "$corpus"
if [ "$last_exit" -ne 0 ]; then
  echo "bench: baseline_cmark failed:" >&2
  cat "$out/baseline.err" >&2
  exit 2
fi
base_wall=$best_wall
pages=$(awk '$1 == "pages" {print $2}' "$out/baseline.out")
bytes=$(awk '$1 == "bytes" {print $2}' "$out/baseline.out")

echo "corpus   $corpus"
echo "pages    $pages"
echo "bytes    $bytes ($(awk -v b="$bytes" 'BEGIN {printf "%.1f", b / 1048576}') MiB)"
echo "cores    $(nproc)"
echo "runs     best of $runs"
echo
row "" "wall s" "peak RSS MiB" "ratio"
row "baseline: cmark-gfm + table, 1 thread" "$base_wall" "$(mib "$peak_kb")" "1.00"

# ---- apimd -------------------------------------------------------------------
# apimd_row LABEL NAME ARGS...: exit 0 is success; lint exits 1 on findings,
# which is success too for a timing.
apimd_row() {
  local label=$1 name=$2
  shift 2
  if [ -z "$apimd" ]; then
    row "$label" "-" "-" "not built"
    return
  fi
  measure "$name" "$apimd" "$@"
  if grep -q "not implemented" "$out/$name.err"; then
    row "$label" "-" "-" "not implemented yet"
  elif [ "$last_exit" -gt 1 ]; then
    row "$label" "-" "-" "failed (exit $last_exit, $out/$name.err)"
  else
    row "$label" "$best_wall" "$(mib "$peak_kb")" "$(ratio "$best_wall" "$base_wall")"
  fi
}

apimd_row "apimd schema" schema schema -q -o "$out/schema.json" "$corpus"
apimd_row "apimd schema -j 1" schema-j1 schema -q -j 1 -o "$out/schema-j1.json" "$corpus"
apimd_row "apimd lint --format json" lint lint -q --format json --fail-on never \
  -o "$out/lint.json" "$corpus"
apimd_row "apimd generate -o DIR" generate generate -q -o "$out/generated-{run}" "$corpus"

# ---- JSON ------------------------------------------------------------------
echo
texts=$(python3 bench/extract-json.py "$corpus" "$out/json")
passes=20
measure json "$build/bench/json_baseline" -n "$passes" "$out/json"
json_bytes=$(awk '$1 == "bytes" {print $2}' "$out/json.out")
json_mbs=$(awk -v b="$json_bytes" -v n="$passes" -v s="$best_wall" \
  'BEGIN {if (s > 0) printf "%.1f", b * n / s / 1e6; else print "n/a"}')
echo "json baseline: cJSON parse + print + free, $texts texts ($json_bytes bytes)"
echo "  x $passes passes: ${best_wall}s, $json_mbs MB/s"
# The generated from_json/to_json are measured here once the generated code
# has a benchmark driver; the ratio is generated time / cJSON time.
echo "generated from_json/to_json vs cJSON: not measured yet"
