#!/bin/sh
# The browser check of `entente report` pages (tests/browser/README.md): writes
# the report of graphs/south-caucasus.json into WORK_DIR/sc and opens
# WORK_DIR/sc/index.html in headless Chromium (screenshots WORK_DIR/sc-shot.png
# and WORK_DIR/sc-shot-headline.png); with "hostile", the report of
# tests/fixtures/report/hostile.json into WORK_DIR/hostile, checked with
# --hostile as well (no script can run, markup is shown as text).
#
# Exit status: that of tests/browser/run.sh: 0 passed, 1 failed (or the report
# could not be written), 77 skipped (Chromium is missing and cannot be
# installed; ctest's SKIP_RETURN_CODE).
#
# usage: report-browser.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR [hostile]
set -u
if [ $# -lt 3 ] || [ $# -gt 4 ]; then
    echo "usage: $0 ENTENTE_BINARY SOURCE_DIR WORK_DIR [hostile]" >&2
    exit 2
fi
bin=$1
src=$2
work=$3
case ${4:-} in
    "") graph=$src/graphs/south-caucasus.json name=sc flag= ;;
    hostile) graph=$src/tests/fixtures/report/hostile.json name=hostile flag=--hostile ;;
    *)
        echo "$0: unknown mode '$4' (expected 'hostile')" >&2
        exit 2
        ;;
esac
rm -rf "$work"
mkdir -p "$work" || exit 1

"$bin" report "$graph" -o "$work/$name" > "$work/$name.out" 2>&1
s=$?
if [ $s -ne 0 ] || [ ! -s "$work/$name/index.html" ]; then
    echo "report-browser.sh: FAIL: entente report $graph -o $work/$name: exit $s" >&2
    head -5 "$work/$name.out" | sed 's/^/    /' >&2
    exit 1
fi

sh "$src/tests/browser/run.sh" "$work/$name/index.html" "$work/$name-shot.png" ${flag:+"$flag"}
