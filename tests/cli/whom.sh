#!/bin/sh
# entente whom: the article's answers, any sign, and the fellow member of a
# defence alliance.
#
# usage: whom.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
src=$2
. "$src/tests/tools/checks.sh"
start "$@"

sc=$src/graphs/south-caucasus.json

# Questions the article answers; the expected answers were written down from
# the article itself (sorted, so that only the set is compared).
answer() { "$bin" "$@" --format csv | tail -n +2 | cut -d, -f1 | sort | tr '\n' ' '; }

got=$(answer whom Armenia backed "$sc" --between 2023 2023)
# A ceasefire is an agreement, not backing: Azerbaijan is not among them.
[ "$got" = "crimea-annexation csto russia ukraine " ] &&
    ok "whom Armenia backed in 2023" || bad "whom Armenia backed in 2023: $got"
got=$(answer whom Russia blamed "$sc" --between 2023-09 2023-09)
[ "$got" = "pashinyan " ] && ok "whom Russia blamed" || bad "whom Russia blamed: $got"

expect "whom ACTOR any: every relation from the actor, whatever its sign" 0 '^pashinyan +Nikol Pashinyan +1 +direct +russia->pashinyan russia-blames-pashinyan blames' "$bin" whom Russia any "$sc" --between 2023-09 2023-09

expect "whom: the fellow member, the other way" 0 '^armenia,Armenia,1,direct; bound by alliance csto,' \
    "$bin" whom russia backed "$sc" --at after-2022 --format csv

finish
