#!/usr/bin/env bash
# The command line: --help of the tool and of every subcommand, --version,
# and bad arguments exiting 2 with a message.
set -u
apimd=${APIMD:?APIMD must name the apimd binary}
fails=0
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

expect() { # expect STATUS PATTERN-ON-OUTPUT -- ARGS...
  local want=$1 pattern=$2; shift 3
  "$apimd" "$@" >"$tmp/out" 2>"$tmp/err"
  local got=$?
  if [ "$got" != "$want" ]; then
    echo "FAIL: apimd $* exited $got, wanted $want"; cat "$tmp/err"; fails=$((fails+1)); return
  fi
  if ! grep -q -- "$pattern" "$tmp/out" "$tmp/err"; then
    echo "FAIL: apimd $*: output lacks '$pattern'"; cat "$tmp/out" "$tmp/err"; fails=$((fails+1)); return
  fi
  echo "ok: apimd $* -> $got"
}

expect 0 'schema' -- --help
expect 0 'generate' -- --help
expect 0 'lint' -- -h
expect 0 '^apimd [0-9]' -- --version
for cmd in schema generate lint; do
  expect 0 "Usage: apimd $cmd" -- "$cmd" --help
  expect 2 "unknown option '--no-such-option'" -- "$cmd" --no-such-option docs
  expect 2 'no DOCS given' -- "$cmd"
  expect 2 "wants a whole number" -- "$cmd" -j lots docs
  expect 2 "needs a value: '--jobs'" -- "$cmd" docs --jobs
done
expect 2 'no command given' --
expect 2 "unknown command 'frobnicate'" -- frobnicate
expect 2 'generate needs -o DIR' -- generate "$tmp"
expect 2 'No such file or directory' -- schema "$tmp/does-not-exist"
expect 2 'no Markdown pages' -- schema "$tmp"
expect 2 "wants one of" -- lint --format xml "$tmp"

echo "$fails failed"
[ "$fails" -eq 0 ]
