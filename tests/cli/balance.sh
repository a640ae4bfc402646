#!/bin/sh
# entente balance: Gahuku-Gama's published figures, the bundled data set's
# unbalanced triads, usage errors, and a triad closed by a defence pact.
#
# usage: balance.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
src=$2
. "$src/tests/tools/checks.sh"
start "$@"

sc=$src/graphs/south-caucasus.json
pact=$src/tests/fixtures/cli/pact.json

# entente balance on Read's Gahuku-Gama tribes: the published figures
# (68 triangles 19/2/40/7, strict balance 0.8676471, frustration 7,
# normalised 0.7586207, walk balance 0.3575761), through the command line.
gg=$src/tests/fixtures/balance/gahuku-gama.json
got=$("$bin" balance "$gg" --at fieldwork --format json | $PY -c "
import json, sys
r = json.load(sys.stdin)['tables'][0]['rows'][0]
print(r['triangles'], r['ppp'], r['ppn'], r['pnn'], r['nnn'], r['strict_balance'],
      r['frustration'], r['frustration_normalised'], r['walk_balance'], r['frustration_method'])")
want="68 19 2 40 7 0.8676471 7 0.7586207 0.3575761 exact"
[ "$got" = "$want" ] && ok "balance: Gahuku-Gama's published figures" ||
    bad "balance: Gahuku-Gama's published figures: $got (want $want)"
# Armenia allied with Russia while helping Ukraine: an unbalanced triad. The aid is dated
# "2023-09" ("earlier in September"), so it surely holds by the month's end, not on the
# 21st, the day of the after-2022 snapshot.
expect "balance: Armenia, Russia and Ukraine" 0 '^armenia,russia,ukraine,\+\+-,' \
    "$bin" balance "$sc" --at 2023-09 --format csv
expect "balance: that triad formed unbalanced" 0 '^formed unbalanced,armenia,russia,ukraine,' \
    "$bin" balance "$sc" --from before-2022 --to 2023-09 --format csv
expect "balance: Armenia, Russia and Pashinyan after 2022" 0 '^armenia,russia,pashinyan,\+\+-,' \
    "$bin" balance "$sc" --at after-2022 --format csv
expect "balance needs a date" 2 "'--at WHEN' \\(or '--from WHEN --to WHEN'\\) is required" \
    "$bin" balance "$sc"
expect "balance: --at or --from" 2 "not both" "$bin" balance "$sc" --at 2023 --from 2022 --to 2023
expect "balance: --exact-max" 2 "at most 64" "$bin" balance "$sc" --at 2023 --exact-max 65

# Two members of a defence pact with no relation between them: the pact ties them.

expect "balance: a triad closed by a defence pact" 0 '^a,b,c,\+\+-,24\.00,6\.00,8\.00,-10\.00,bound by alliance pact: a->pact ma member_of 2000\.\.; b->pact mb member_of 2000\.\.,' \
    "$bin" balance "$pact" --at 2010 --format csv
got=$("$bin" balance "$pact" --at 2010 --direct-only --format csv | sed -n 2p | cut -d, -f2,6)
[ "$got" = "4,0" ] && ok "balance --direct-only: no tie a-b, no triangle" || bad "balance --direct-only: $got (want 4 ties, no triangle)"

finish
