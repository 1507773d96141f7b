#!/usr/bin/env bash
# The committed generated/ is what docs-input/ and the templates give now.
# When this fails, run the README's main command and commit generated/.
set -u
apimd=${APIMD:?}
root=${APIMD_SOURCE_ROOT:?}
"$apimd" generate --check -q -o "$root/generated" "$root/docs-input"
status=$?
case $status in
  0) echo "ok: generated/ is up to date" ;;
  1) echo "FAIL: generated/ is stale (see the list above): run .ci/main and commit generated/" ;;
  *) echo "FAIL: apimd generate --check exited $status" ;;
esac
exit $status
