#!/usr/bin/env bash
# An interrupted run (SIGINT, SIGTERM, SIGHUP) leaves nothing of its own
# making behind, and never a half-replaced output directory: the outputs
# are the old ones or the new ones. APIMD_TEST_INTERRUPT makes the run send
# itself SIGINT at a named point (the signal goes the way any other would):
#   staging    the first changed file is in the temporary directory
#   replacing  the first changed file has been moved into the output
#   temporary  a schema or report's temporary file has just been made
# shellcheck source-path=SCRIPTDIR source=prelude.sh
. "$(dirname "$0")/prelude.sh"
ok() { echo "ok: $*"; }

# The runs work in $tmp/work; what the test keeps for itself is in $tmp.
mkdir "$tmp/work"
cp -r "$src" "$tmp/work/docs"
cd "$tmp/work" || exit 2
# every file under a directory with its content's checksum and its mtime
state() { (cd "$1" && find . -type f -printf '%P %T@ ' -exec cksum {} \; | sort); }
# what is in the working directory, but for the docs
entries() { find . -mindepth 1 -maxdepth 1 ! -name docs -printf '%P\n' | sort; }
# interrupt WHERE ARGS...: runs apimd interrupted at WHERE; sets status
interrupt() {
  local where=$1
  shift
  APIMD_TEST_INTERRUPT=$where "$apimd" "$@" 2>"$tmp/err"
  status=$?
}
# a page changes, so that a regeneration has files to replace
change_docs() {
  sed -i -E "s/(The height of the thumbnail), in pixels[^.|]*\\./\\1, in pixels $1./" \
    docs/resources/thumbnail.md
  grep -q "in pixels $1\\." docs/resources/thumbnail.md || fail "the page did not change"
}

# 1. A first run into a new directory, stopped while files are staged.
before=$(entries)
interrupt staging generate -j 2 -q -o out docs
[ "$status" -eq 130 ] && ok "interrupted while staging: ended by SIGINT" ||
  fail "interrupted while staging: exit $status, expected 130 ($(cat "$tmp/err"))"
[ ! -e out ] && ok "no output directory made" || fail "an output directory was made"
after=$(entries)
[ "$before" = "$after" ] && ok "nothing left beside it" ||
  fail "left behind: $(comm -13 <(echo "$before") <(echo "$after") | tr '\n' ' ')"

# 2. A regeneration stopped while staging: the old outputs stay as they were.
"$apimd" generate -q -o out docs || fail "generate: exit $?"
change_docs one
state out >"$tmp/old-state"
before=$(entries)
interrupt staging generate -j 2 -q -o out docs
[ "$status" -eq 130 ] || fail "regeneration interrupted while staging: exit $status"
state out >"$tmp/new-state"
cmp -s "$tmp/old-state" "$tmp/new-state" && ok "interrupted while staging: the old outputs untouched" ||
  fail "interrupted while staging changed the outputs: $(diff "$tmp/old-state" "$tmp/new-state" | head -3)"
[ "$before" = "$(entries)" ] && ok "nothing left beside them" || fail "left behind: $(entries)"

# 3. Stopped once replacing has begun: the replacement is finished first.
# Another prefix renames every file, so that the replacement is long: a
# new file for each, an old one removed for each.
interrupt replacing generate -j 2 -q --prefix other -o out docs
[ "$status" -eq 130 ] && ok "interrupted while replacing: ended by SIGINT" ||
  fail "interrupted while replacing: exit $status, expected 130 ($(cat "$tmp/err"))"
"$apimd" generate -q --prefix other -o reference docs || fail "generate reference: exit $?"
diff -r out reference >/dev/null && ok "the output directory is all new" ||
  fail "the output directory is a mix: $(diff -rq out reference | head -3)"
rm -rf reference
[ "$before" = "$(entries)" ] && ok "nothing left beside it" || fail "left behind: $(entries)"

# 4. Stopped while the schema's temporary file is written: the old schema
# stays, and the temporary file goes.
"$apimd" schema -q -o schema.json docs || fail "schema: exit $?"
cp schema.json "$tmp/schema.old"
change_docs two
before=$(entries)
interrupt temporary schema -q -o schema.json docs
[ "$status" -eq 130 ] || fail "schema interrupted: exit $status, expected 130"
cmp -s schema.json "$tmp/schema.old" && ok "interrupted schema: the old one kept" ||
  fail "interrupted schema: schema.json changed"
[ "$before" = "$(entries)" ] && ok "no temporary file left" || fail "left behind: $(entries)"

# The same for a lint report written by generate's single pass.
interrupt temporary generate -q -o out --lint lint.txt --schema schema.json docs
[ "$status" -eq 130 ] || fail "single pass interrupted: exit $status, expected 130"
[ "$before" = "$(entries)" ] && ok "single pass: no temporary file left" ||
  fail "single pass left behind: $(entries)"

# 5. A signal the run was started with ignored stays ignored (nohup, a
# background job of a shell without job control).
rm -rf out
(trap '' INT && APIMD_TEST_INTERRUPT=staging exec "$apimd" generate -q -o out docs)
status=$?
[ "$status" -eq 0 ] && "$apimd" generate --check -q -o out docs >/dev/null &&
  ok "SIGINT ignored by the parent: the run went on to the end" ||
  fail "SIGINT ignored by the parent: exit $status"

echo "$fails failed"
[ "$fails" -eq 0 ]
