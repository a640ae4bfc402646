#!/bin/sh
# End-to-end tests of `entente blocs` and of `--color-by bloc` in `influence`
# and `render`: the camps of the two-camps fixture (plain by construction:
# friends inside, enemies across), the actors that changed bloc, usage
# errors, the formats, and the fill colours of a diagram.
#
# usage: blocs.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
bin=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
fx=$src/tests/fixtures/balance/two-camps.json
sc=$src/graphs/south-caucasus.json
PY=${PYTHON:-python3}
. "$src/tests/tools/checks.sh"

# --- One date ----------------------------------------------------------------
# 2020: {ardenia, borvia, corland} against {dorvia, estmark, felland}; 3
# friendships inside each, 4 hostile ties across; Galia has no tie yet.
expect "two camps" 0 '^1,3,"ardenia, borvia, corland",3,0,0,4,,1,' \
    "$bin" blocs "$fx" --at balanced --format csv
expect "second camp" 0 '^2,3,"dorvia, estmark, felland",3,0,0,4,,1,' \
    "$bin" blocs "$fx" --at balanced --format csv
expect "all ties in line" 0 '6 actors with a signed tie in 1 connected parts, split into 2 blocs; 10 of 10 ties' \
    "$bin" blocs "$fx" --at balanced
expect "ties between" 0 '^1,2,0,4,' "$bin" blocs "$fx" --at balanced --format csv
got=$("$bin" blocs "$fx" --at balanced --format json | $PY -c "
import json, sys
d = json.load(sys.stdin)
t = [t for t in d['tables'] if t['title'].startswith('actors by bloc')][0]
print(' '.join('%s:%d' % (r['actor'], r['bloc']) for r in t['rows']))")
want="ardenia:1 borvia:1 corland:1 dorvia:2 estmark:2 felland:2"
[ "$got" = "$want" ] && ok "blocs: members in JSON" || bad "blocs: members in JSON: $got"

# --- Two dates -----------------------------------------------------------------
# Galia appears in 2022 with friends in both camps: it joined, nobody moved.
expect "galia joined" 0 '^galia,Galia,joined,0,' \
    "$bin" blocs "$fx" --from balanced --to galia --format csv
out=$("$bin" blocs "$fx" --from balanced --to galia --format csv | grep -c ',moved,')
[ "$out" = "0" ] && ok "nobody moved" || bad "nobody moved: $out moved"

# --- Usage -------------------------------------------------------------------
expect "blocs needs a date" 2 "'--at WHEN' \\(or '--from WHEN --to WHEN'\\) is required" "$bin" blocs "$fx"
expect "blocs --at and --from" 2 "not both" "$bin" blocs "$fx" --at 2020 --from 2020 --to 2021
expect "blocs --max-blocs" 2 "at least 2" "$bin" blocs "$fx" --at 2020 --max-blocs 1
expect "blocs part too large" 2 "a connected part has 6 actors, more than the limit of 5 for spinglass; raise the limit with --max-part, or narrow" \
    "$bin" blocs "$fx" --at balanced --max-part 5
# A part over the default limit of 1000: influence and render have no --max-part, so
# their message must not suggest it (and --types or --kinds narrow nothing here).
big_part() {
    printf '{"format": "entente/1", "sources": [{"id": "s", "title": "S"}],\n'
    printf '"actors": [{"id": "hub", "name": "Hub", "kind": "state"}'
    i=1
    while [ $i -le "$1" ]; do
        printf ',\n{"id": "a%d", "name": "A%d", "kind": "state"}' $i $i
        i=$((i + 1))
    done
    printf '],\n"relations": ['
    i=1
    while [ $i -le "$1" ]; do
        [ $i -gt 1 ] && printf ','
        printf '\n{"source": "hub", "target": "a%d", "type": "allied_with", "from": "2019", "evidence": [{"source": "s"}]}' $i
        i=$((i + 1))
    done
    printf ']}\n'
}
big_part 1000 > big.json
for cmd in influence render; do
    if [ $cmd = render ]; then
        out=$("$bin" render big.json --at 2020 --color-by bloc -o big.dot 2>&1 > /dev/null)
    else
        out=$("$bin" influence big.json --at 2020 --color-by bloc 2>&1 > /dev/null)
    fi
    s=$?
    if [ $s -eq 2 ] && printf '%s' "$out" | grep -q "1001 actors, more than the limit of 1000 for spinglass; leave out --color-by bloc" &&
        ! printf '%s' "$out" | grep -q -- '--max-part\|--types\|--kinds'; then
        ok "$cmd --color-by bloc: part too large"
    else
        bad "$cmd --color-by bloc: part too large: exit $s"
        printf '%s\n' "$out" | head -3 | sed 's/^/    /'
    fi
done
expect "blocs help" 0 "spinglass" "$bin" blocs --help

# --- Formats and determinism ---------------------------------------------------
fine=1
for args in "--at after-2022" "--from before-2022 --to after-2022"; do
    # shellcheck disable=SC2086
    "$bin" blocs "$sc" $args --format json > a.json && $PY -m json.tool a.json > /dev/null || fine=0
    # shellcheck disable=SC2086
    "$bin" blocs "$sc" $args --format csv > a.csv &&
        $PY -c "import csv,sys; list(csv.reader(open(sys.argv[1])))" a.csv || fine=0
    # shellcheck disable=SC2086
    x=$("$bin" blocs "$sc" $args | cksum)
    # shellcheck disable=SC2086
    y=$("$bin" blocs "$sc" $args | cksum)
    [ "$x" = "$y" ] || fine=0
done
[ $fine -eq 1 ] && ok "blocs: formats and determinism" || bad "blocs: formats and determinism"

# --- --color-by bloc -------------------------------------------------------------
expect "influence bloc column" 0 '^rank,actor,name,.*,pn,bloc$' \
    "$bin" influence "$fx" --at balanced --color-by bloc --format csv
expect "influence: ardenia in bloc 1" 0 ',ardenia,Ardenia,.*,1$' \
    "$bin" influence "$fx" --at balanced --color-by bloc --format csv
expect "influence: bad --color-by" 2 "takes 'bloc'" "$bin" influence "$fx" --at balanced --color-by camp
expect "render: bad --color-by" 2 "takes 'kind' \\(the default\\) or 'bloc'" \
    "$bin" render "$fx" --at balanced --color-by camp -o x.svg
# The first two bloc colours of the palette (docs/diagrams.md): camp 1 light
# blue, camp 2 light orange, on the actors' shapes in the SVG.
"$bin" render "$fx" --at balanced --color-by bloc --format dot -o c.dot
fills() { grep -E "^[[:space:]]+$1[[:space:]]+\[" c.dot | grep -o 'fillcolor="[^"]*"' | head -1; }
[ "$(fills ardenia)" = 'fillcolor="#a6cee3"' ] && [ "$(fills dorvia)" = 'fillcolor="#fdbf6f"' ] &&
    ok "render: fills by bloc" || bad "render: fills by bloc: ardenia $(fills ardenia), dorvia $(fills dorvia)"
# Two panels: the blocs of each date, numbered alike, so a camp keeps its colour.
"$bin" render "$fx" --at balanced --compare galia --color-by bloc --format dot -o p.dot
n=$(grep -c 'fillcolor="#a6cee3"' p.dot)
[ "$n" -ge 6 ] && ok "render: matched blocs share a colour across panels" ||
    bad "render: matched blocs share a colour across panels ($n fills)"
expect "render: colour legend" 0 "fill: bloc on the panel" "$bin" render "$fx" --at balanced --compare galia --color-by bloc --format dot -o -

# Two members of a defence pact with no relation between them (the fixture's
# pact ties them); with --direct-only it does not.
expect "blocs --direct-only" 0 '^blocs on 2010-12-31' "$bin" blocs "$src/tests/fixtures/cli/pact.json" --at 2010 --direct-only

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
