#!/bin/sh
# entente types: the vocabulary as text and CSV.
#
# usage: types.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
bin=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
PY=/usr/bin/python3
. "$src/tests/tools/checks.sh"

expect "types" 0 '^attacks +-1 +-10\.0  event' "$bin" types
expect "types csv" 0 '^blockades,blockade,-1,-9\.5,true,false,191,coerces,material_conflict,false,coercion,' "$bin" types --format csv

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
