#!/bin/sh
# entente commitments: the article's broken commitments, fellow members of a
# defence alliance, partial dates at the window's start.
#
# usage: commitments.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
src=$2
. "$src/tests/tools/checks.sh"
start "$@"

sc=$src/graphs/south-caucasus.json

got=$("$bin" commitments "$sc" --at 2022-09-30 --format csv | grep '^csto,armenia,' | cut -d, -f3)
[ "$got" = "broken" ] && ok "the CSTO did not defend Armenia in September 2022" ||
    bad "the CSTO did not defend Armenia in September 2022: $got"
got=$("$bin" commitments "$sc" --at after-2022 --format csv | grep '^russian-peacekeepers,' | cut -d, -f3)
[ "$got" = "broken" ] && ok "the peacekeepers' mandate, September 2023" ||
    bad "the peacekeepers' mandate, September 2023: $got"
expect "commitments needs --at" 2 "'--at WHEN' is required" "$bin" commitments "$sc"

got=$("$bin" commitments "$sc" --at 2022-09-30 --format csv | grep '^russia,armenia,[a-z ]*,fellow member' | cut -d, -f3-4)
[ "$got" = "broken,fellow member of csto: russia->csto russia-member-csto member_of 1992-05-15..; armenia->csto armenia-member-csto member_of 1992-05-15.." ] &&
    ok "Russia, a fellow member of the CSTO, did not defend Armenia in September 2022" ||
    bad "Russia, a fellow member of the CSTO, in September 2022: $got"
got=$("$bin" commitments "$sc" --at 2022-09-30 --format csv | grep '^russia,armenia,[a-z ]*,russia->armenia russia-allied-armenia' | cut -d, -f3)
[ "$got" = "broken" ] && ok "Russia abandoned its traditional alliance with Armenia in September 2022" ||
    bad "Russia's alliance with Armenia in September 2022: $got"

# Armenia's request of September 2022 and Russia's refusal: on 2023-09-21 the window starts on
# 2022-09-22, inside September 2022, so they count and the notes say they may lie before it;
# on 2023-09-30 the window starts on 2022-10-01 and they are out.
expect "partial dates: the refusal straddling the window's start is named" 0 \
    'events? counted although (its|their) partial date reaches back before the window.*russia-rejects-armenia-2022' \
    "$bin" commitments "$sc" --at after-2022

got=$("$bin" commitments "$sc" --at 2023-09 --format csv | grep -c 'russia-rejects-armenia-2022')
[ "$got" = 0 ] && ok "partial dates: a month later the refusal is out of the window" ||
    bad "partial dates: the refusal still counts on 2023-09-30 ($got rows)"

finish
