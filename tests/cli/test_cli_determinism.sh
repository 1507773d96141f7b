#!/usr/bin/env bash
# Same input, byte-identical output, whatever the number of threads and the
# order in which the file system lists the pages.
# shellcheck source-path=SCRIPTDIR source=prelude.sh
. "$(dirname "$0")/prelude.sh"

# A copy of the docs whose files were created in reverse order, so that
# readdir lists them differently from the original tree.
mkdir -p "$tmp/rev"
(cd "$src" && find . -name '*.md' | sort -r) | while read -r f; do
  mkdir -p "$tmp/rev/$(dirname "$f")"
  cp "$src/$f" "$tmp/rev/$f"
done

same() { # same WHAT FILE1 FILE2
  if cmp -s "$2" "$3"; then echo "ok: $1"; else echo "FAIL: $1 differs"; diff "$2" "$3" | head -20; fails=$((fails+1)); fi
}

"$apimd" schema --examples -j 1 "$src" >"$tmp/s1.json" || fails=$((fails+1))
"$apimd" schema --examples -j 2 "$src" >"$tmp/s2.json" || fails=$((fails+1))
"$apimd" schema --examples -j 7 "$tmp/rev" >"$tmp/s3.json" || fails=$((fails+1))
same "schema -j1 vs -j2" "$tmp/s1.json" "$tmp/s2.json"
same "schema vs reordered tree" "$tmp/s1.json" "$tmp/s3.json"
[ -s "$tmp/s1.json" ] || { echo "FAIL: empty schema"; fails=$((fails+1)); }

"$apimd" lint --format json --fail-on never -j 1 "$src" >"$tmp/l1.json" || fails=$((fails+1))
"$apimd" lint --format json --fail-on never -j 2 "$src" >"$tmp/l2.json" || fails=$((fails+1))
same "lint -j1 vs -j2" "$tmp/l1.json" "$tmp/l2.json"

"$apimd" generate -q -j 1 -o "$tmp/g1" "$src" || fails=$((fails+1))
"$apimd" generate -q -j 2 -o "$tmp/g2" "$tmp/rev" || fails=$((fails+1))
if diff -r "$tmp/g1" "$tmp/g2" >/dev/null; then echo "ok: generate -j1 vs -j2, reordered"; else
  echo "FAIL: generated trees differ"; diff -r "$tmp/g1" "$tmp/g2" | head -20; fails=$((fails+1)); fi

# The single pass (generate --schema --lint) gives what the three commands
# give, whatever the threads and the order of the tree.
for j in 1 2 7; do
  tree=$src
  [ "$j" = 7 ] && tree=$tmp/rev
  "$apimd" generate -q -j "$j" -o "$tmp/p$j" --schema "$tmp/ps$j.json" \
    --lint "$tmp/pl$j.json" --lint-format json "$tree" || fails=$((fails+1))
done
"$apimd" schema -j 1 "$src" >"$tmp/s0.json" || fails=$((fails+1))
same "single pass schema vs schema" "$tmp/s0.json" "$tmp/ps1.json"
same "single pass schema -j1 vs -j2" "$tmp/ps1.json" "$tmp/ps2.json"
same "single pass schema vs reordered tree" "$tmp/ps1.json" "$tmp/ps7.json"
same "single pass lint vs lint" "$tmp/l1.json" "$tmp/pl1.json"
same "single pass lint -j1 vs -j2" "$tmp/pl1.json" "$tmp/pl2.json"
for j in 1 2 7; do
  if diff -r "$tmp/g1" "$tmp/p$j" >/dev/null; then echo "ok: single pass -j $j generates the same tree"; else
    echo "FAIL: single pass -j $j generated tree differs"; diff -r "$tmp/g1" "$tmp/p$j" | head -20; fails=$((fails+1)); fi
done

echo "$fails failed"
[ "$fails" -eq 0 ]
