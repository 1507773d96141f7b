#!/usr/bin/env bash
# Runs one fuzz target (or all of them) for a while and fails when it finds
# a crash, a leak, a timeout or an out-of-memory input.
#
# Usage: fuzz/run.sh TARGET|all SECONDS [LIBFUZZER_OPTION...]
#   TARGET   page, annotation, http, mustache or from_json (fuzz_ prefix
#            allowed)
#   SECONDS  time limit per target; 0 for none (then pass -runs=N)
# Extra options go to libFuzzer as they are, e.g. -runs=10000000 -fork=4.
#
# Builds build-fuzz (clang, libFuzzer, ASan, UBSan) when it is missing,
# creates a target's seeds (make-seeds.sh) when they are missing, and keeps
# the corpus grown by earlier runs in fuzz/corpus-TARGET/. Findings are
# written to fuzz/artifacts/TARGET/; see README.md for turning one into a
# regression test.
set -euo pipefail
cd "$(dirname "$0")/.."

all_targets=(page annotation http mustache from_json)
build=${APIMD_FUZZ_BUILD:-build-fuzz}

usage() {
  echo "usage: fuzz/run.sh TARGET|all SECONDS [LIBFUZZER_OPTION...]" >&2
  echo "targets: ${all_targets[*]}" >&2
  exit 2
}

[ $# -ge 2 ] || usage
target=${1#fuzz_}
seconds=$2
shift 2
[[ $seconds =~ ^[0-9]+$ ]] || usage

# The dictionaries of each target: libFuzzer takes one, so they are joined.
dicts_of() {
  case $1 in
    page) echo markdown.dict json.dict http.dict ;;
    annotation) echo json.dict markdown.dict ;;
    http) echo http.dict json.dict ;;
    mustache) echo mustache.dict json.dict ;;
    from_json) echo json.dict ;;
  esac
}

# Longest input libFuzzer builds: pages are long, but mutating 80 KB pages
# is slow; 16 KB keeps 99% of the corpus pages whole. The from_json seeds
# (examples of the docs-input types) are under 2 KB.
max_len_of() {
  case $1 in
    page) echo 16384 ;;
    from_json) echo 8192 ;;
    *) echo 8192 ;;
  esac
}

ensure_build() {
  if [ ! -f "$build/build.ninja" ]; then
    CC=clang meson setup "$build" -Dfuzzing=true \
      -Db_sanitize=address,undefined -Db_lundef=false >/dev/null
  fi
}

run_target() {
  local name=$1
  shift
  local exe=$build/fuzz/fuzz_$name
  if ! ninja -C "$build" "fuzz/fuzz_$name" >"$build/fuzz/build-$name.log" 2>&1; then
    tail -20 "$build/fuzz/build-$name.log" >&2
    echo "fuzz_$name does not build" >&2
    return 2
  fi
  # Only this target's seeds: a run of another target may be reading its own.
  [ -d "fuzz/corpus-seeds/$name" ] ||
    APIMD=$build/apimd fuzz/make-seeds.sh fuzz/corpus-seeds "$name"
  local corpus=fuzz/corpus-$name artifacts=fuzz/artifacts/$name
  mkdir -p "$corpus" "$artifacts"
  local dict=$build/fuzz/$name.dict
  (cd fuzz && cat $(dicts_of "$name")) >"$dict"

  echo "== fuzz_$name for ${seconds}s"
  local status=0
  # halt_on_error: a UBSan finding is a crash, with its input saved.
  UBSAN_OPTIONS=${UBSAN_OPTIONS:-halt_on_error=1:print_stacktrace=1} \
  ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1} \
    "$exe" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
      -max_len="$(max_len_of "$name")" -dict="$dict" \
      -artifact_prefix="$artifacts/" -print_final_stats=1 \
      "$@" "$corpus" "fuzz/corpus-seeds/$name" || status=$?
  if [ "$status" -ne 0 ]; then
    echo "fuzz_$name FAILED (exit $status); inputs in $artifacts/:" >&2
    ls -1 "$artifacts" >&2 || true
    echo "reproduce: $exe $artifacts/<file>" >&2
  fi
  return "$status"
}

ensure_build
if [ "$target" = all ]; then
  targets=("${all_targets[@]}")
else
  case " ${all_targets[*]} " in
    *" $target "*) targets=("$target") ;;
    *) usage ;;
  esac
fi

failed=()
for t in "${targets[@]}"; do
  run_target "$t" "$@" || failed+=("$t")
done
if [ ${#failed[@]} -gt 0 ]; then
  echo "fuzz: findings in ${failed[*]}" >&2
  exit 1
fi
echo "fuzz: no findings in ${targets[*]}"
