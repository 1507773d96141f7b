#!/usr/bin/env bash
# The progress line: on a terminal (a pseudo-terminal made by script(1)),
# lint and generate show "<command>: N/M pages" on stderr; with --quiet, or
# when stderr is not a terminal, nothing. APIMD_PROGRESS_DELAY=0 shows it
# at once (by default only runs longer than half a second show it).
# shellcheck source-path=SCRIPTDIR source=prelude.sh
. "$(dirname "$0")/prelude.sh"
command -v script >/dev/null || { echo "skipped: no script(1)"; exit 77; }

on_tty() { # on_tty OUTFILE COMMAND...: COMMAND's stdout and stderr on a pty
  local out=$1
  shift
  APIMD_PROGRESS_DELAY=0 script -qec "$(printf '%q ' "$@")" /dev/null >"$out" 2>&1
}

for j in 1 2; do
  on_tty "$tmp/lint$j" "$apimd" lint -j "$j" --fail-on never -o "$tmp/report$j" "$src"
  grep -qa "lint: [0-9]*/[0-9]* pages" "$tmp/lint$j" && echo "ok: lint -j $j shows progress" ||
    fail "lint -j $j on a terminal shows no progress: $(od -c "$tmp/lint$j" | head -3)"
  on_tty "$tmp/gen$j" "$apimd" generate -j "$j" -o "$tmp/out$j" --lint "$tmp/l$j" "$src"
  grep -qa "generate: [0-9]*/[0-9]* pages" "$tmp/gen$j" && echo "ok: generate -j $j shows progress" ||
    fail "generate -j $j on a terminal shows no progress"
done
on_tty "$tmp/quiet" "$apimd" lint -q --fail-on never -o "$tmp/report-q" "$src"
grep -qa "pages" "$tmp/quiet" && fail "lint -q shows progress" || echo "ok: lint -q is quiet"
APIMD_PROGRESS_DELAY=0 "$apimd" lint --fail-on never -o "$tmp/report-p" "$src" 2>"$tmp/piped"
grep -qa "pages" "$tmp/piped" && fail "progress on a stderr that is not a terminal" ||
  echo "ok: no progress when stderr is not a terminal"

echo "$fails failed"
[ "$fails" -eq 0 ]
