#!/bin/sh
# entente diff: usage errors and the bundled data set.
#
# usage: diff.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
src=$2
. "$src/tests/tools/checks.sh"
start "$@"

sc=$src/graphs/south-caucasus.json

expect "unknown excluded actor" 2 "no actor 'nobody'" "$bin" diff "$sc" --from before-2022 --to after-2022 --exclude-claims-by nobody

expect "diff" 0 'edge_jaccard' "$bin" diff "$sc" --from before-2022 --to after-2022 --status confirmed,reported

finish
