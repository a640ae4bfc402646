#!/bin/sh
# End-to-end tests of `entente align` on tests/fixtures/align/small.json, the
# graph whose values tests/unit/test_align.c works out by hand: the rows and
# their order on one date and between two, --top and --with, actors named by
# alias, usage errors (unknown actor, bad dates, missing arguments, an actor
# not present), the three formats and determinism.
#
# usage: align.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
bin=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
fx=$src/tests/fixtures/align/small.json
sc=$src/graphs/south-caucasus.json
PY=${PYTHON:-python3}
. "$src/tests/tools/checks.sh"

# --- One date ------------------------------------------------------------------
# Ardenia on 2020-06-30: Corland S 1 (identical portfolios), Borvia 0.8, Estmark
# -0.2, Dorvia -0.6; pi 1, 1 - .2/.66, 1 - 1.2/.68, 1 - 1.6/.92.
"$bin" align "$fx" Arden --at war --format csv | cut -d, -f1-8 > rows.csv
cat > want.csv << 'EOF'
partner,name,tie,sign,S,pi,agree,opposed
c,Corland,4.00,+,1.0000,1.0000,4,0
b,Borvia,2.00,+,0.8000,0.6970,3,0
e,Estmark,0.00,0,-0.2000,-0.7647,0,1
d,Dorvia,-4.00,-,-0.6000,-0.7391,0,3
EOF
cmp -s rows.csv want.csv && ok "align: rows by hand" || {
    bad "align: rows by hand"
    diff want.csv rows.csv | sed 's/^/    /'
}
# Borvia: Corland and Ardenia both at 0.8, the larger tie (4 against 2) first.
expect "align: equal S, larger tie first" 0 '^c,Corland,4.00,\+,0.8000' \
    sh -c '"$1" align "$2" borvia --at war --format csv | sed -n 2p' sh "$bin" "$fx"
expect "align: cancelled tie listed with its relations" 0 \
    '^d,Dorvia,0.00,0,-0.4000,.*b->d: bd friend 2015.. \| d->b: db foe 2015..$' \
    "$bin" align "$fx" borvia --at war --format csv
expect "align: --top" 0 '^b,' sh -c '"$1" align "$2" a --at war --top 2 --format csv | tail -n 1' \
    sh "$bin" "$fx"
n=$("$bin" align "$fx" a --at war --top 2 --format csv | wc -l)
[ "$n" -eq 3 ] && ok "align: --top 2 gives two rows" || bad "align: --top 2 gives $((n - 1)) rows"
expect "align: --with" 0 '^d,Dorvia,-4.00,-,-0.6000' "$bin" align "$fx" a --with Dorvia --at war --format csv
expect "align: text notes" 0 '^note: portfolio on 2020-06-30: the 5 actors present' \
    "$bin" align "$fx" a --at war

# --- Two dates -----------------------------------------------------------------
# Peace between Ardenia and Dorvia: Dorvia -0.6 -> 0.2, Estmark -0.2 -> 0.2,
# Corland 1 -> 0.6, Borvia unchanged; gains before losses of the same size.
"$bin" align "$fx" a --from war --to peace --format csv | cut -d, -f1,3-5,13 > change.csv
cat > want.csv << 'EOF'
partner,S_from,S_to,S_change,change
d,-0.6000,0.2000,0.8000,turned positive
e,-0.2000,0.2000,0.4000,
c,1.0000,0.6000,-0.4000,
b,0.8000,0.8000,0.0000,
EOF
cmp -s change.csv want.csv && ok "align: change by hand" || {
    bad "align: change by hand"
    diff want.csv change.csv | sed 's/^/    /'
}
expect "align: change, relations of the later date" 0 '^d,.*a->d: ad2 friend 2022-01-01..$' \
    "$bin" align "$fx" a --from war --to peace --with d --format csv

# --- Usage ---------------------------------------------------------------------
expect "align: unknown actor" 2 "no actor 'Ardnia'; did you mean" "$bin" align "$fx" Ardnia --at war
expect "align: unknown --with" 2 "no actor 'Dorvai'; did you mean" \
    "$bin" align "$fx" a --with Dorvai --at war
expect "align: bad date" 2 "'2020-13' is neither a date" "$bin" align "$fx" a --at 2020-13
expect "align: bad --from" 2 "'warr' is neither a date" "$bin" align "$fx" a --from warr --to peace
expect "align: needs a date" 2 "'--at WHEN' \\(or '--from WHEN --to WHEN'\\) is required" \
    "$bin" align "$fx" a
expect "align: --from without --to" 2 "'--from' and '--to' go together" \
    "$bin" align "$fx" a --from war
expect "align: --at and --from" 2 "not both" "$bin" align "$fx" a --at war --from war --to peace
expect "align: needs an actor" 2 "give at least one graph file, then ACTOR" \
    "$bin" align "$fx" --at war
expect "align: with itself" 2 "names 'a' itself" "$bin" align "$fx" a --with Ardenia --at war
expect "align: actor not present" 2 "'f' is not present on 2020-06-30" \
    "$bin" align "$fx" f --at war
expect "align: partner not present" 2 "'f' is not present on 2020-06-30" \
    "$bin" align "$fx" a --with f --at war
expect "align: bad --top" 2 "'--top' takes a whole number" "$bin" align "$fx" a --at war --top -1
expect "align: missing file" 3 "" "$bin" align "$work/nope.json" a --at war
expect "align: help" 0 "Signorino and Ritter" "$bin" align --help

# --- Formats and determinism ---------------------------------------------------
formats "align: formats and determinism, one date" "$bin" align "$sc" Armenia --at after-2022
formats "align: formats and determinism, two dates" \
    "$bin" align "$sc" Armenia --from before-2022 --to after-2022
got=$("$bin" align "$fx" a --at war --format json | $PY -c "
import json, sys
d = json.load(sys.stdin)
print(d['title'], ' '.join('%s:%.4f' % (r['partner'], r['S']) for r in d['rows']))")
want="alignment of a on 2020-06-30 c:1.0000 b:0.8000 e:-0.2000 d:-0.6000"
[ "$got" = "$want" ] && ok "align: JSON rows" || bad "align: JSON rows: $got"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
