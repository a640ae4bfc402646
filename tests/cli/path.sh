#!/bin/sh
# entente path: usage errors and the shortest signed paths of the bundled
# data set.
#
# usage: path.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
src=$2
. "$src/tests/tools/checks.sh"
start "$@"

sc=$src/graphs/south-caucasus.json

expect "path needs two actors" 2 "give at least one graph file, then A and B" "$bin" path "$sc" aliyev --at 2023
expect "path unknown actor" 2 "no actor 'Alyev'; did you mean 'aliyev'" "$bin" path "$sc" Alyev russia --at 2023
# Aliyev's praise of Pashinyan is dated September 2023: surely made only by the 30th.
expect "path" 0 'aliyev \+> azerbaijan -> armenia \+> russia' "$bin" path "$sc" Aliyev Russia --at after-2022
expect "path at the month's end" 0 'aliyev \+> pashinyan -> russia' "$bin" path "$sc" Aliyev Russia --at 2023-09

finish
