#!/usr/bin/env bash
# The benchmark: apimd against the cmark-gfm baseline on the Graph corpus.
#
# Usage: bench/run.sh [CORPUS]   (default: ../shared/corpus/graph-v1.0)
# Environment: APIMD_BENCH_RUNS (default 3): runs per measurement, best
# kept; APIMD_BENCH_BUILD (default build-bench): the release build used;
# APIMD_BENCH_IDLE (default 3): seconds the machine is left idle before
# each run of the pairs measured after idle (0: those are skipped).
#
# Prints the pages and bytes of the corpus, then for the cmark-gfm baseline
# and each apimd command the best wall time of the runs, the peak RSS and
# the ratio to the baseline measured in the same run. Outputs land in
# bench/out/ (ignored by git). Commands that are not implemented yet are
# reported as such and skipped.
set -uo pipefail
cd "$(dirname "$0")/.." || exit 2

corpus=${1:-../shared/corpus/graph-v1.0}
runs=${APIMD_BENCH_RUNS:-3}
idle=${APIMD_BENCH_IDLE:-3}
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
# The last run's outputs are moved aside and deleted at the end: deleting
# thousands of files right before timing the creation of thousands of
# others slows the creation down on some file systems (ext4 without a
# journal skips, one by one, the inodes freed in the last minute, or in the
# last six while their freeing is not yet on disk: see RESULTS.md). For the
# same reason a run that follows another one closely waits until a minute
# has passed since that one deleted its outputs and wrote the deletion to
# disk (the time is in $out/deleted-at).
recent_deletion_wait=65
old_out=
if [ -e "$out" ]; then
  if [ -f "$out/deleted-at" ]; then
    since=$(($(date +%s) - $(cat "$out/deleted-at")))
    if ((since >= 0 && since < recent_deletion_wait)); then
      echo "bench: waiting $((recent_deletion_wait - since)) s: the last run deleted its outputs $since s ago"
      sleep $((recent_deletion_wait - since))
    fi
  fi
  old_out=$out.old.$$
  mv "$out" "$old_out"
fi
mkdir -p "$out"

# ---- measuring ---------------------------------------------------------------
# measure NAME COMMAND...: runs COMMAND $runs times under rss; sets
# best_wall (seconds), peak_kb and last_exit, and leaves the command's
# stdout and stderr of the last run in $out/NAME.out and $out/NAME.err.
# A "{run}" argument is replaced by the run number, for commands that need
# a fresh output directory each time.
# Written data is flushed before every run: the kernel would otherwise
# write the last run's output (thousands of generated files) back to disk
# during this one, on its cores, and a run would pay for the one before.
measure() {
  local name=$1
  shift
  best_wall='' peak_kb=0 last_exit=0
  local i
  for ((i = 1; i <= runs; i++)); do
    sync
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

# ---- the single pass ------------------------------------------------------
# schema + lint + generate from one reading of the pages. "Up to date": the
# output directory holds what the docs give (regeneration, as in CI: a
# first, unmeasured run fills it); "fresh": a new directory each run.
single_wall='' single_kb='' fresh_wall='' fresh_kb=''
if [ -n "$apimd" ]; then
  "$apimd" generate -q -o "$out/single" "$corpus" >/dev/null 2>&1
  apimd_row "apimd single pass, output up to date" single generate -q -o "$out/single" \
    --schema "$out/single-schema.json" --lint "$out/single-lint.json" --lint-format json \
    "$corpus"
  [ "$last_exit" -le 1 ] && single_wall=$best_wall single_kb=$peak_kb
  apimd_row "apimd single pass, fresh output" single-fresh generate -q \
    -o "$out/single-fresh-{run}" --schema "$out/single-fresh-schema.json" \
    --lint "$out/single-fresh-lint.json" --lint-format json "$corpus"
  [ "$last_exit" -le 1 ] && fresh_wall=$best_wall fresh_kb=$peak_kb
  # Its outputs are those of the three commands.
  cmp -s "$out/single-schema.json" "$out/schema.json" &&
    cmp -s "$out/single-lint.json" "$out/lint.json" &&
    diff -r "$out/single" "$out/generated-1" >/dev/null ||
    echo "bench: the single pass does not give what the three commands give" >&2
fi

# ---- baseline and single pass in turn ---------------------------------------
# The machine's load comes in bursts that outlast a run, and the rows above
# are measured one after the other, each best of $runs: the baseline's runs
# and the single pass's can catch different bursts. Here the two take
# turns, run for run, so that both see the same conditions, each going
# first in every other pair (a run can slow the one after it: the memory
# the single pass frees at its exit is reclaimed meanwhile). Printed are the
# ratio of their bests and the median of the ratios of the pairs.
#
# Then the same into a new output directory each time (a first generation,
# as in a clean build tree): the single pass then creates every file.
#
# Then the same after the machine was left idle for $idle seconds before
# every run, as a lone run in CI or an editor finds it: on a virtual
# machine that gives the memory processes free back to the host (free
# page reporting), memory a process touches first then costs the host's
# work too, and the single pass touches more of it than the baseline.
pair_baseline() {
  "$rss" -o "$out/pair-baseline.rss" -- "$build/bench/baseline_cmark" "$corpus" >/dev/null 2>&1
}
# pair_single DIR: the single pass into DIR.
pair_single() {
  "$rss" -o "$out/pair-single.rss" -- "$apimd" generate -q -o "$1" \
    --schema "$out/single-schema.json" --lint "$out/single-lint.json" --lint-format json \
    "$corpus" >/dev/null 2>&1
}
# in_turn PAUSE [fresh]: $runs pairs, PAUSE seconds of idle before each
# run; with "fresh", each single pass writes into a new directory. Sets
# pairs_best and pairs_median.
rest() { [ "$1" = 0 ] || sleep "$1"; }
in_turn() {
  local pause=$1 fresh=${2:-} i dir
  : >"$out/pairs"
  for ((i = 1; i <= runs; i++)); do
    sync # as in measure: no pair pays for the output of the one before
    dir=$out/single
    [ -n "$fresh" ] && dir=$out/pair-fresh-$i
    rest "$pause"
    if ((i % 2)); then
      pair_baseline
      rest "$pause"
      pair_single "$dir"
    else
      pair_single "$dir"
      rest "$pause"
      pair_baseline
    fi
    echo "$(awk '$1 == "wall_seconds" {print $2}' "$out/pair-baseline.rss")" \
      "$(awk '$1 == "wall_seconds" {print $2}' "$out/pair-single.rss")" >>"$out/pairs"
  done
  read -r pairs_best pairs_median < <(awk '
    {b[NR] = $1; s[NR] = $2; r[NR] = $1 > 0 ? $2 / $1 : 0}
    NR == 1 || $1 < bb {bb = $1}
    NR == 1 || $2 < bs {bs = $2}
    END {
      n = NR
      for (i = 2; i <= n; i++) { v = r[i]; for (j = i - 1; j >= 1 && r[j] > v; j--) r[j + 1] = r[j]; r[j + 1] = v }
      m = n % 2 ? r[(n + 1) / 2] : (r[n / 2] + r[n / 2 + 1]) / 2
      printf "%.2f %.2f\n", (bb > 0 ? bs / bb : 0), m
    }' "$out/pairs")
}
paired_best='' paired_median='' idle_best='' idle_median=''
fresh_best='' fresh_median=''
if [ -n "$single_wall" ]; then
  in_turn 0
  paired_best=$pairs_best paired_median=$pairs_median
  echo
  echo "baseline and single pass in turn, $runs pairs: best against best $paired_best," \
    "median of the pairs $paired_median"
  in_turn 0 fresh
  fresh_best=$pairs_best fresh_median=$pairs_median
  echo "the same into a new directory each time: best against best $fresh_best," \
    "median of the pairs $fresh_median"
  if [ "$idle" != 0 ]; then
    in_turn "$idle"
    idle_best=$pairs_best idle_median=$pairs_median
    echo "the same, each run after $idle s idle: best against best $idle_best," \
      "median of the pairs $idle_median"
  fi
fi

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

# ---- the generated code ------------------------------------------------------
# The corpus model's C (generated above), built as a release library with
# its own meson.build, and bench/gen_roundtrip.c over every example of a
# known type: the generated from_json + to_json against cJSON_Parse +
# cJSON_Print of the same texts. The driver dispatches by type name
# through the registry of the codegen tests (tests/codegen/registry.mustache).
gen_ratio='' chain_ratio=''
gen_log=$out/gen-build.log
# shellcheck disable=SC2046 # pkg-config prints several words
if [ -n "$apimd" ] && ninja -C "$build" bench/render_registry >"$gen_log" 2>&1 &&
   "$apimd" schema -q --examples -o "$out/model-examples.json" "$corpus" &&
   "$build/bench/render_registry" "$out/model-examples.json" \
     tests/codegen/registry.mustache "$out/registry.c" >>"$gen_log" 2>&1 &&
   meson setup "$out/gen-build" "$out/single" --buildtype=release >>"$gen_log" 2>&1 &&
   ninja -C "$out/gen-build" >>"$gen_log" 2>&1 &&
   cc -O2 -std=c11 -I"$out/single" -Itests/codegen bench/gen_roundtrip.c "$out/registry.c" \
     -L"$out/gen-build" -lgraph -Wl,-rpath,"$PWD/$out/gen-build" \
     $(pkg-config --cflags --libs libcjson) -o "$out/gen_roundtrip" >>"$gen_log" 2>&1 &&
   "$out/gen_roundtrip" -n 20 "$out/model-examples.json" >"$out/gen_roundtrip.out"; then
  gen_ratio=$(awk '$1 == "ratio" {print $2}' "$out/gen_roundtrip.out")
  chain_ratio=$(awk '$1 == "chain_ratio" {print $2}' "$out/gen_roundtrip.out")
  awk '$1 == "texts" {t = $2} $1 == "bytes" {b = $2} $1 == "cjson_seconds" {c = $2}
       $1 == "convert_seconds" {g = $2} $1 == "chain_seconds" {h = $2}
       END {printf "generated code: %d example texts (%d bytes), best of 20 passes\n", t, b
            printf "  cJSON_Parse + cJSON_Print: %ss; from_json + to_json: %ss; ", c, g
            printf "parse -> from_json -> to_json -> print: %ss\n", h}' "$out/gen_roundtrip.out"
  echo "  from_json + to_json vs cJSON parse + print: $gen_ratio (the whole chain: $chain_ratio)"
else
  echo "generated from_json/to_json vs cJSON: not measured (see $gen_log)"
fi

# ---- summary -------------------------------------------------------------------
echo
echo "summary  $pages pages, $bytes bytes, $(nproc) cores"
echo "  baseline (cmark-gfm, 1 thread)          ${base_wall}s"
if [ -n "$single_wall" ]; then
  echo "  apimd single pass (schema+lint+generate) ${single_wall}s  ratio $(ratio "$single_wall" "$base_wall")  peak RSS $(mib "$single_kb") MiB"
  echo "    into a fresh directory                 ${fresh_wall:--}s  ratio $(ratio "${fresh_wall:-0}" "$base_wall")  peak RSS $(mib "${fresh_kb:-0}") MiB"
  echo "    run in turn with the baseline           ratio $paired_best (median of $runs pairs: $paired_median)"
  echo "    in turn, into a fresh directory         ratio $fresh_best (median of $runs pairs: $fresh_median)"
  [ -n "$idle_best" ] &&
    echo "    in turn, each run after $idle s idle      ratio $idle_best (median of $runs pairs: $idle_median)"
fi
echo "  generated code vs cJSON                  ${gen_ratio:-not measured}"
if [ -n "$old_out" ]; then
  rm -rf "$old_out"
  sync # the deletion on disk: from now on, the minute a next run waits for
  date +%s >"$out/deleted-at"
fi
exit 0
