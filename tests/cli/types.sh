#!/bin/sh
# entente types: the vocabulary as text and CSV.
#
# usage: types.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
src=$2
. "$src/tests/tools/checks.sh"
start "$@"

expect "types" 0 '^attacks +-1 +-10\.0  event' "$bin" types
expect "types csv" 0 '^blockades,blockade,-1,-9\.5,true,false,191,coerces,material_conflict,false,coercion,' "$bin" types --format csv

finish
