#!/bin/sh
# ctest entry point for the browser check of `entente report` pages.
#
#   tests/browser/run.sh INDEX_HTML SCREENSHOT.png [--hostile]
#
# Installs what is missing (setup.sh), then runs check-report.mjs.
# Exit status: 0 passed; 1 failed; 77 (ctest SKIP_RETURN_CODE) only when
# Chromium is not installed and cannot be installed (the reason is on stderr).
set -u

here=$(cd "$(dirname "$0")" && pwd)

if [ $# -lt 2 ] || [ $# -gt 3 ]; then
    echo "usage: $0 INDEX_HTML SCREENSHOT.png [--hostile]" >&2
    exit 2
fi
index=$1 shot=$2
mode=
if [ $# -eq 3 ]; then
    [ "$3" = --hostile ] || { echo "$0: unknown option $3" >&2; exit 2; }
    mode=--hostile
fi

"$here/setup.sh"
rc=$?
if [ $rc -eq 77 ]; then
    echo "run.sh: SKIP: Chromium is not available and could not be installed (see above)" >&2
    exit 77
elif [ $rc -ne 0 ]; then
    echo "run.sh: FAIL: setup.sh failed (exit $rc)" >&2
    exit 1
fi

# The screenshot's directory may not exist yet.
mkdir -p "$(dirname "$shot")" || exit 1

node "$here/check-report.mjs" $mode "$index" "$shot"
rc=$?
[ $rc -eq 0 ] && exit 0
exit 1
