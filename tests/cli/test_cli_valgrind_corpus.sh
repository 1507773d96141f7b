#!/usr/bin/env bash
# The whole corpus through every command, and the single pass, under
# valgrind: no invalid read or write, no use of uninitialised memory, no
# leak. Skipped (77) without the shared corpus.
set -u
apimd=${APIMD:?}
corpus=${APIMD_SHARED:?}/corpus/graph-v1.0
if [ ! -d "$corpus" ]; then
  echo "skip: $corpus not found (the shared Graph corpus is not beside this checkout)"
  exit 77
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
vg=(valgrind -q --error-exitcode=99 --leak-check=full
    --errors-for-leak-kinds=definite,indirect --show-leak-kinds=definite,indirect)
fails=0
run() { # run NAME ARGS...
  local name=$1; shift
  local start=$SECONDS
  "${vg[@]}" "$apimd" "$@" >"$tmp/out" 2>"$tmp/err"
  local status=$?
  if [ $status -eq 99 ] || [ $status -ge 128 ] || grep -q '==[0-9]*==' "$tmp/err"; then
    echo "FAIL: $name (exit $status)"; head -40 "$tmp/err"; fails=$((fails+1))
  else
    echo "ok: $name under valgrind, exit $status, $((SECONDS-start)) s"
  fi
}
run schema schema -q -j 2 -o "$tmp/model.json" "$corpus"
run lint lint -q -j 2 --fail-on never --format sarif -o "$tmp/lint.sarif" "$corpus"
run generate generate -q -j 2 -o "$tmp/gen" "$corpus"
# the single pass, into the directory just made (regeneration)
run single-pass generate -q -j 2 -o "$tmp/gen" --schema "$tmp/single.json" \
  --lint "$tmp/single.json.lint" --lint-format json "$corpus"
echo "$fails failed"
[ "$fails" -eq 0 ]
