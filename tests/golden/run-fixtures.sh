#!/bin/sh
# Golden test of `entente check` on the invalid-input fixtures.
#
# For each tests/fixtures/invalid/NAME.json the expected output (stdout and
# stderr together, then the exit status) is in tests/golden/invalid/NAME.expected,
# with the other golden files. Every expected file was read and judged by
# hand: it pins the exact diagnostic text, line and column. Run with
# ENTENTE_UPDATE_GOLDEN=1 to rewrite them after a deliberate change, then
# review the diff before committing.
#
# usage: run-fixtures.sh ENTENTE_BINARY FIXTURE_DIR GOLDEN_DIR
set -u
bin=$1
dir=$2
golden=$(cd "$3" && pwd) || exit 1
cd "$dir" || exit 1
fail=0
count=0
for f in *.json; do
    name=${f%.json}
    count=$((count + 1))
    actual=$("$bin" check "$f" 2>&1; echo "exit $?")
    if [ "${ENTENTE_UPDATE_GOLDEN:-0}" = 1 ]; then
        printf '%s\n' "$actual" > "$golden/$name.expected"
        continue
    fi
    if [ ! -f "$golden/$name.expected" ]; then
        echo "FAIL $name: no $golden/$name.expected"
        fail=$((fail + 1))
        continue
    fi
    if printf '%s\n' "$actual" | cmp -s - "$golden/$name.expected"; then
        echo "ok   $name"
    else
        echo "FAIL $name"
        printf '%s\n' "$actual" | diff -u "$golden/$name.expected" - | sed 's/^/    /'
        fail=$((fail + 1))
    fi
done
echo "$((count - fail)) passed, $fail failed"
[ "$fail" -eq 0 ]
