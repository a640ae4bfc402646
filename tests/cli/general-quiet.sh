#!/bin/sh
# The load diagnostics of every command but `check`: errors in full, warnings
# as one line that counts them per file and points to `entente check`, and
# nothing about warnings with -q / --quiet. The fixture warned.json has three
# warnings (an unknown member, two relations without evidence), warned-more.json
# one (a relation without evidence), counted by hand.
#
# usage: general-quiet.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
bin=$1
src=$2
work=$3
mkdir -p "$work"
cd "$work" || exit 1
. "$src/tests/tools/checks.sh"
w=$src/tests/fixtures/quiet/warned.json
w2=$src/tests/fixtures/quiet/warned-more.json
bad_data=$src/tests/fixtures/invalid/unknown-actor.json

# run NAME STATUS COMMAND...: runs it with stdout in out.txt, stderr in err.txt.
run() {
    name=$1 want=$2
    shift 2
    "$@" > out.txt 2> err.txt
    st=$?
    [ "$st" -eq "$want" ] || bad "$name: exit $st, not $want"
}
# same_stderr NAME EXPECTED: stderr is exactly the line EXPECTED.
same_stderr() {
    printf '%s\n' "$2" > want.txt
    if cmp -s want.txt err.txt; then ok "$1"; else
        bad "$1"
        diff want.txt err.txt | sed 's/^/    /' | head -10
    fi
}

run "check shows every warning" 0 "$bin" check "$w"
n=$(grep -c ': warning: ' err.txt)
if [ "$n" -eq 3 ] && grep -q '\[unknown-field\]' err.txt && [ "$(grep -c '\[no-evidence\]' err.txt)" -eq 2 ]; then
    ok "check prints the 3 warnings in full"
else bad "check printed $n warnings"; fi
run "check -q" 0 "$bin" check -q "$w"
[ "$(grep -c ': warning: ' err.txt)" -eq 3 ] && [ ! -s out.txt ] \
    && ok "check -q keeps the warnings, drops the summary" || bad "check -q"

summary3="has 3 warnings; run 'entente check $w' to see them"
for c in "shift --from 2021-06-01 --to 2023-01-01" "snapshot --at 2023-01-01" \
    "render --at 2023-01-01 --format dot -o -" "info" "commitments --at 2023-01-01" "types"; do
    cmd=${c%% *}
    # shellcheck disable=SC2086
    run "$cmd" 0 "$bin" $c "$w"
    same_stderr "$cmd: one summary line" "entente $cmd: $w $summary3"
    cp out.txt loud.txt
    # shellcheck disable=SC2086
    run "$cmd -q" 0 "$bin" $c -q "$w"
    [ ! -s err.txt ] && cmp -s out.txt loud.txt && ok "$cmd -q: nothing on stderr, same output" \
        || bad "$cmd -q: stderr or output differs"
    # shellcheck disable=SC2086
    run "$cmd --quiet" 0 "$bin" $c --quiet "$w"
    [ ! -s err.txt ] && ok "$cmd --quiet: nothing on stderr" || bad "$cmd --quiet"
done

run "json" 0 "$bin" snapshot --at 2023-01-01 --format json "$w"
same_stderr "json: the summary is on stderr" "entente snapshot: $w $summary3"
/usr/bin/python3 -c 'import json,sys; json.load(open("out.txt"))' && ok "json: stdout is JSON" \
    || bad "json: stdout is not JSON"

run "two files" 0 "$bin" snapshot --at 2023-01-01 "$w" "$w2"
same_stderr "two files: counted per file, singular and plural" \
    "entente snapshot: $w has 3 warnings, $w2 has 1 warning; run 'entente check $w $w2' to see them"
run "one warning" 0 "$bin" snapshot --at 2023-01-01 "$src/examples/minimal.json" "$w2"
same_stderr "one warning" \
    "entente snapshot: $w2 has 1 warning; run 'entente check $src/examples/minimal.json $w2' to see it"
run "no warnings" 0 "$bin" snapshot --at 2023-01-01 "$src/examples/minimal.json"
[ ! -s err.txt ] && ok "no warnings, no line" || bad "no warnings, yet stderr"

# Errors stop the command and are printed in full, --quiet or not.
for q in "" -q; do
    # shellcheck disable=SC2086
    run "errors $q" 1 "$bin" shift --from 2021-06-01 --to 2023-01-01 $q "$bad_data"
    if grep -q 'unknown-actor.json:10:40: error: "target" names unknown actor "armnia"' err.txt \
        && grep -q '^ 10 |' err.txt && grep -q '^    |  *\^$' err.txt; then
        ok "errors in full ${q:-without -q}"
    else
        bad "errors in full ${q:-without -q}"
        sed 's/^/    /' err.txt | head -5
    fi
done
run "errors and warnings" 1 "$bin" snapshot --at 2023-01-01 "$w" "$bad_data"
grep -q '\[unknown-actor\]' err.txt && ! grep -q ': warning: ' err.txt \
    && [ "$(tail -n 1 err.txt)" = "entente snapshot: $w has 3 warnings; run 'entente check $w $bad_data' to see them" ] \
    && ok "errors in full, warnings summed" || bad "errors and warnings"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
