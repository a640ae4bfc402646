#!/bin/sh
# entente help: the list of commands and an unknown command's help.
#
# usage: help.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
bin=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
PY=/usr/bin/python3
. "$src/tests/tools/checks.sh"

expect "help lists commands" 0 '^  check +validate' "$bin" help

expect "help of unknown command" 2 "no such command 'nope'" "$bin" help nope

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
