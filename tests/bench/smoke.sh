#!/bin/sh
# smoke.sh: the `bench_smoke` ctest, a few seconds at most.
#
#     sh smoke.sh GEN CLI CJSON LOAD WHO RENDER BALANCE OUT [ALIGN]
#
# GEN, CLI, CJSON, LOAD, WHO, RENDER, BALANCE and ALIGN are the built ent_bench_gen, entente,
# ent_bench_cjson, ent_bench_load, ent_bench_who, ent_bench_render, ent_bench_balance and
# ent_bench_align; OUT
# is a path prefix in the build tree. Generates 200 actors / 2,000 relations twice (the
# generator must be deterministic), then checks that `entente check --strict` accepts the
# file (exit status 0: no error, no warning), that both benchmark peers read all of it, the
# loader without a diagnostic, and that the query, render and balance programs answer. The
# full-size run is run.sh's job.
set -eu

if [ $# -ne 8 ] && [ $# -ne 9 ]; then
    echo "usage: sh smoke.sh GEN CLI CJSON LOAD WHO RENDER BALANCE OUT [ALIGN]" >&2
    exit 2
fi
gen=$1 cli=$2 cjson=$3 load=$4 who=$5 render=$6 balance=$7 out=$8 align=${9:-}
actors=200 relations=2000

fail() {
    echo "bench_smoke: FAIL: $*" >&2
    exit 1
}

# Prints the value of key $1 in the key=value line $2.
value() {
    printf '%s\n' "$2" | tr ' ' '\n' | sed -n "s/^$1=//p"
}

"$gen" $actors $relations > "$out.json" || fail "ent_bench_gen exited with status $?"
"$gen" $actors $relations > "$out-again.json" || fail "ent_bench_gen exited with status $?"
cmp -s "$out.json" "$out-again.json" || fail "two runs of ent_bench_gen gave different files"
rm -f "$out-again.json"

status=0
"$cli" check --strict "$out.json" > "$out.check.txt" 2>&1 || status=$?
cat "$out.check.txt"
# --strict turns warnings into exit status 1; the grep is for diagnostics in case it didn't.
[ "$status" -eq 0 ] || fail "entente check --strict exited with status $status"
if grep -q ': warning: ' "$out.check.txt"; then
    fail "entente check printed warnings on the generated file"
fi

line=$("$load" "$out.json") || fail "ent_bench_load could not load the generated file"
echo "$line"
[ "$(value warnings "$line")" = 0 ] || fail "the loader gave warnings"
[ "$(value errors "$line")" = 0 ] || fail "the loader gave errors"
[ "$(value actors "$line")" = $actors ] || fail "the loader did not see $actors actors"
[ "$(value relations "$line")" = $relations ] || fail "the loader did not see $relations relations"

line=$("$cjson" "$out.json") || fail "ent_bench_cjson could not parse the generated file"
echo "$line"
[ "$(value relations "$line")" = $relations ] || fail "cJSON did not see $relations relations"

# shift --top N takes a shortcut for a few rows of many (selection, then ranks
# counted one by one); it must print exactly the first rows of the full table.
"$cli" shift "$out.json" --from 2005 --to 2015 --format csv > "$out.shift-all.csv" ||
    fail "entente shift failed on the generated file"
"$cli" shift "$out.json" --from 2005 --to 2015 --top 5 --format csv > "$out.shift-top.csv" ||
    fail "entente shift --top 5 failed on the generated file"
head -6 "$out.shift-all.csv" | cmp -s - "$out.shift-top.csv" ||
    fail "shift --top 5 differs from the first rows of the full table"

# Above 20000 relations the loader checks them on two threads; what it loads
# must be exactly what one thread loads.
"$gen" 500 30000 > "$out.30k.json" || fail "the generator failed for 30k relations"
for t in 1 2; do
    ENTENTE_THREADS=$t "$cli" snapshot "$out.30k.json" --at 2015 --format csv > "$out.snap$t.csv" ||
        fail "entente snapshot failed with ENTENTE_THREADS=$t"
    ENTENTE_THREADS=$t "$cli" info "$out.30k.json" --format json > "$out.info$t.json" ||
        fail "entente info failed with ENTENTE_THREADS=$t"
done
cmp -s "$out.snap1.csv" "$out.snap2.csv" || fail "the two-thread load gives another snapshot"
cmp -s "$out.info1.json" "$out.info2.json" || fail "the two-thread load gives another graph"

# The query part's program: every question answered, the summary line printed.
# 20 sampled actors and 3 hubs.
"$who" "$out.json" 2015-06-30 2 20 > "$out.who.txt" || fail "ent_bench_who failed"
[ "$(grep -c '^query ' "$out.who.txt")" -eq 23 ] || fail "ent_bench_who did not ask 23 questions"
grep -q '^summary relations=2000 queries=20 ' "$out.who.txt" ||
    fail "ent_bench_who printed no summary"

# The render part's program: the 200 actors drawn with the automatic choice (neato at this
# size) as SVG, one line of figures.
line=$("$render" "$out.json" 2015-06-30 auto svg) || fail "ent_bench_render failed"
echo "$line"
[ "$(value actors "$line")" -gt 0 ] || fail "ent_bench_render drew no actor"
[ "$(value engine "$line")" = neato ] || fail "ent_bench_render did not choose neato"
[ "$(value bytes "$line")" -gt 0 ] || fail "ent_bench_render wrote no SVG"

# The balance part's program: one run of each step on the snapshot (it exits 1 when the
# summary's tie and triangle counts differ from the building blocks'), and the exact
# frustration index of three random complete graphs of 12 actors.
line=$("$balance" graph "$out.json" 2015-06-30 1) || fail "ent_bench_balance graph failed"
echo "$line"
[ "$(value ties "$line")" -gt 0 ] || fail "ent_bench_balance found no tie"
for k in summary_s triangles_s frustration_s heur_frustration; do
    [ -n "$(value $k "$line")" ] || fail "ent_bench_balance printed no $k"
done
"$balance" exact 12 100 30 3 1 > "$out.balance-exact.txt" ||
    fail "ent_bench_balance exact failed"
cat "$out.balance-exact.txt"
[ "$(grep -c '^graph .* exact=1 ' "$out.balance-exact.txt")" -eq 3 ] ||
    fail "ent_bench_balance exact did not solve the three graphs exactly"
grep -q '^summary actors=12 density=100 negative=30 graphs=3 exact=3 ' \
    "$out.balance-exact.txt" || fail "ent_bench_balance exact printed no summary"

# The align part's program: five sampled actors and the hub, one summary line.
if [ -n "$align" ]; then
    "$align" "$out.json" 2015-06-30 1 5 > "$out.align.txt" || fail "ent_bench_align failed"
    [ "$(grep -c '^query ' "$out.align.txt")" -eq 5 ] || fail "ent_bench_align did not ask 5 questions"
    grep -q '^summary actors=200 ' "$out.align.txt" || fail "ent_bench_align printed no summary"
fi

echo "bench_smoke: ok"
