#!/bin/sh
# entente check: a valid file, data errors and warnings, --strict, -q,
# --max-errors, the JSON form of the diagnostics, and 100,000 errors on one
# line (check-many-errors.sh).
#
# usage: check.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
src=$2
. "$src/tests/tools/checks.sh"
start "$@"

ex=$src/examples/minimal.json
fx=$src/tests/fixtures/invalid

expect "no file" 2 'no graph file given' "$bin" check

expect "bad count" 2 "takes a whole number" "$bin" check --max-errors ten "$ex"

expect "valid file" 0 'minimal.json: ok, 4 actors, 5 relations, 0 warnings' "$bin" check "$ex"
expect "quiet" 0 '' "$bin" check -q "$ex"

expect "data errors" 1 '\[unknown-actor\]' "$bin" check "$fx/unknown-actor.json"
expect "warnings pass" 0 '\[unknown-field\]' "$bin" check "$fx/unknown-member.json"
expect "strict fails on warnings" 1 'failing: --strict' "$bin" check --strict "$fx/unknown-member.json"

# Stopping early.
out=$("$bin" check --max-errors 1 "$fx/invalid-date.json" 2>&1)
n=$(printf '%s\n' "$out" | grep -c ': error: ')
[ "$n" -eq 1 ] && printf '%s' "$out" | grep -q 'stopped after 1 errors' && ok "max-errors" || bad "max-errors: $n errors"

# JSON outputs parse, and say the same as the text.
"$bin" check --format json "$fx/invalid-date.json" > check.json
status=$?
if [ $status -eq 1 ] && $PY - check.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["ok"] is False and d["errors"] == 2 and d["warnings"] == 0, d
first = d["diagnostics"][0]
assert (first["line"], first["column"], first["code"]) == (11, 12, "invalid-date"), first
assert first["message"] == 'invalid date "2023-02-30": February 2023 has 28 days', first
PY
then ok "check --format json"; else bad "check --format json"; fi


# 100,000 errors on one line: each costs the same wherever it is. No time is asserted;
# the limit only stops a return of the quadratic search (it took minutes).
part check-many-errors.sh timeout 60 sh "$src/tests/cli/check-many-errors.sh" "$bin" "$work/many-errors"

finish
