#!/bin/sh
# entente shift and its --explain: usage errors and the bundled data set.
#
# usage: shift.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
src=$2
. "$src/tests/tools/checks.sh"
start "$@"

sc=$src/graphs/south-caucasus.json
kinds=$src/tests/fixtures/cli/kinds.json

expect "unknown actor to explain" 2 "no actor 'Rusia'; did you mean 'russia'" "$bin" shift "$sc" --from before-2022 --to after-2022 --explain Rusia

expect "sources: unknown kind" 2 "no source of kind 'articel'; the kinds in these files are: article, reference" "$bin" shift "$kinds" --from 2019 --to 2020 --sources articel

expect "shift" 0 '^shift of leverage from 2022-02-23 to 2023-09-21$' "$bin" shift "$sc" --from before-2022 --to after-2022
expect "shift explain Russia" 0 'contributions listed add up to' "$bin" shift "$sc" --from before-2022 --to after-2022 --explain Russia
expect "explain with nothing changed" 0 'a change of 0.000;' "$bin" shift "$sc" --from after-2022 --to after-2022 --explain russia

finish
