#!/bin/sh
# entente help: the list of commands and an unknown command's help.
#
# usage: help.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
src=$2
. "$src/tests/tools/checks.sh"
start "$@"

expect "help lists commands" 0 '^  check +validate' "$bin" help

expect "help of unknown command" 2 "no such command 'nope'" "$bin" help nope

finish
