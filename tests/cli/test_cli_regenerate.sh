#!/usr/bin/env bash
# Regeneration writes only what changed: a second run over the same docs
# writes no file and keeps every mtime, the schema and lint report too;
# after one page changes, only the files of the type that page describes
# are rewritten, and the schema. Both through the single pass (generate
# --schema --lint), as CI runs it.
# shellcheck source-path=SCRIPTDIR source=prelude.sh
. "$(dirname "$0")/prelude.sh"

cp -r "$src" "$tmp/docs"
run() { # run LABEL: the single pass into $tmp/out; its summary in $tmp/LABEL.err
  "$apimd" generate -j 2 -o "$tmp/out" --schema "$tmp/schema.json" \
    --lint "$tmp/lint.txt" "$tmp/docs" 2>"$tmp/$1.err" ||
    fail "$1: exit $? ($(cat "$tmp/$1.err"))"
}
# name and mtime (ns) of every file, sorted
stamps() { (cd "$tmp/out" && find . -type f -printf '%P %T@\n' | sort); }
# inode and mtime of a file: a file replaced by a rename has a new inode
identity() { stat -c '%i %Y' "$1"; }

run first
grep -q " 0 unchanged" "$tmp/first.err" || fail "first run: $(cat "$tmp/first.err")"
# an old mtime on every file, so that any rewrite shows
find "$tmp/out" -type f -exec touch -d '2001-01-01 00:00:00' {} +
touch -d '2001-01-01 00:00:00' "$tmp/schema.json" "$tmp/lint.txt"
stamps >"$tmp/before"
schema_before=$(identity "$tmp/schema.json") lint_before=$(identity "$tmp/lint.txt")

run second
grep -q ": 0 files written" "$tmp/second.err" || fail "second run wrote: $(cat "$tmp/second.err")"
stamps >"$tmp/after"
cmp -s "$tmp/before" "$tmp/after" && echo "ok: second run kept every file and mtime" ||
  { fail "second run touched files"; diff "$tmp/before" "$tmp/after" | head; }
[ "$(identity "$tmp/schema.json")" = "$schema_before" ] &&
  [ "$(identity "$tmp/lint.txt")" = "$lint_before" ] &&
  echo "ok: second run left the schema and the lint report as they were" ||
  fail "second run rewrote the schema or the lint report with the same content"

# One page changes: a property description of thumbnail.
sed -i 's/The height of the thumbnail, in pixels./The height of the thumbnail, in pixels (changed)./' \
  "$tmp/docs/resources/thumbnail.md"
run third
stamps >"$tmp/third"
changed=$(diff "$tmp/after" "$tmp/third" | sed -n 's/^> \([^ ]*\) .*/\1/p' | sort)
others=$(printf '%s\n' $changed | grep -v '^graph_thumbnail\.[ch]$')
if [ -n "$changed" ] && [ -z "$others" ]; then
  echo "ok: one page changed, only its type's files rewritten:" $changed
else
  fail "after one page changed, rewritten: '$(echo $changed)' (only graph_thumbnail.[ch] expected)"
fi
n=$(printf '%s\n' $changed | grep -c .)
grep -q ": $n files written" "$tmp/third.err" || fail "third run: $(cat "$tmp/third.err")"
grep -q "pixels (changed)" "$tmp/out/graph_thumbnail.h" || fail "the change is not in graph_thumbnail.h"
[ "$(identity "$tmp/schema.json")" != "$schema_before" ] &&
  grep -q "pixels (changed)" "$tmp/schema.json" &&
  echo "ok: the changed description is in the rewritten schema" ||
  fail "the schema was not rewritten after a description changed"

echo "$fails failed"
[ "$fails" -eq 0 ]
