# shellcheck shell=bash disable=SC2034 # the variables are for the scripts that source this
# Sourced by the CLI tests: the apimd under test, the docs, a scratch
# directory removed on exit, and the count of failed checks.
set -u
apimd=${APIMD:?}
src=${APIMD_SOURCE_ROOT:?}/docs-input
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
fails=0
fail() { echo "FAIL: $*"; fails=$((fails + 1)); }
