#!/bin/sh
# entente snapshot: usage errors, --sources, and the bundled data set.
#
# usage: snapshot.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
src=$2
. "$src/tests/tools/checks.sh"
start "$@"

sc=$src/graphs/south-caucasus.json
kinds=$src/tests/fixtures/cli/kinds.json

expect "snapshot needs --at" 2 "'--at WHEN' is required" "$bin" snapshot "$sc"
expect "unknown snapshot id" 2 "did you mean 'before-2022'" "$bin" snapshot "$sc" --at befor-2022

expect "bad status" 2 "unknown status 'confirm'" "$bin" snapshot "$sc" --at 2023 --status confirm
expect "bad window" 2 "'--window' must be at least 1 day" "$bin" snapshot "$sc" --at 2023 --window 0

expect "sources: article only" 0 '^b +a +-2\.00 +0\.00 +-2\.00 +1 +b-criticizes-a criticizes 2020$' "$bin" snapshot "$kinds" --at 2020 --sources article

expect "sources: two kinds" 0 '^b +a +6\.30 +8\.30 +-2\.00 +2 +b-aids-a aid_military 2020; b-criticizes-a criticizes 2020$' "$bin" snapshot "$kinds" --at 2020 --sources reference,article
expect "sources: every relation without" 0 '^b +a +9\.70 +11\.70 +-2\.00 +3 ' "$bin" snapshot "$kinds" --at 2020

expect "snapshot" 0 '^relations in force on 2022-02-23 \(events of the last 365 days\)$' "$bin" snapshot "$sc" --at before-2022

finish
