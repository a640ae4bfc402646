#!/bin/sh
# `entente check --max-errors 0` on a minified one-line file with 100,000
# errors (each element of "actors" a number): every error is reported, the
# first and the last at the right column. Locating each one used to walk its
# line from the start, so this took minutes; the test's TIMEOUT in
# tests/CMakeLists.txt catches a return of that (no time is asserted here).
#
# usage: check-many-errors.sh ENTENTE_BINARY WORK_DIR
set -u
bin=$1
work=$2
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
n=100000
awk -v n=$n 'BEGIN {
    printf "{\"format\":\"entente/1\",\"actors\":[1"
    for (i = 1; i < n; i++)
        printf ",1"
    printf "]}"
}' >many.json
"$bin" check --max-errors 0 --format json many.json >out.json
rc=$?
fail=0
if [ $rc -ne 1 ]; then
    echo "FAIL: exit status $rc, expected 1"
    fail=1
fi
python3 - "$n" <<'PY' || fail=1
import json, sys
n = int(sys.argv[1])
d = json.load(open("out.json"))["diagnostics"]
errs = [x for x in d if x["severity"] == "error"]
ok = True
def check(what, got, want):
    global ok
    if got != want:
        print("FAIL: %s: got %r, expected %r" % (what, got, want))
        ok = False
check("errors", len(errs), n)
check("codes", {x["code"] for x in errs}, {"wrong-type"})
# '{"format":"entente/1","actors":[' is 32 bytes: element i is at column 33 + 2 i.
check("first", (errs[0]["line"], errs[0]["column"]), (1, 33))
check("last", (errs[-1]["line"], errs[-1]["column"]), (1, 33 + 2 * (n - 1)))
sys.exit(0 if ok else 1)
PY
[ $fail -eq 0 ] && echo "ok: $n errors on one line"
exit $fail
