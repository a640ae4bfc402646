#!/bin/sh
# The loader's two-thread path under ThreadSanitizer (`make test-tsan`, a build
# with -DENTENTE_TSAN=ON): `entente check` and `entente info` of a generated
# graph of 30,000 relations (above the loader's 20,000) without a warning,
# whose relations array (9 MB) is scanned in two halves and whose relations are
# checked and kept on two threads, then the same file with one relation made wrong in
# the second half, which throws the parallel result away and checks again on
# one thread. Any report from ThreadSanitizer fails the test (halt_on_error);
# the outputs must be those of one thread (--threads 1).
#
# usage: tsan-load.sh ENT_BENCH_GEN ENTENTE_CLI WORK_DIR
set -u
gen=$1
bin=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
TSAN_OPTIONS="halt_on_error=1 exitcode=66 ${TSAN_OPTIONS:-}"
export TSAN_OPTIONS
fail=0
ok() { echo "ok   $1"; }
bad() { fail=1; echo "FAIL $1"; }

"$gen" 10000 30000 1 > g.json || { echo "FAIL ent_bench_gen"; exit 1; }
python3 - <<'PY' || { echo "FAIL making bad.json"; exit 1; }
import json
d = json.load(open("g.json"))
d["relations"][-100]["target"] = "nobody-at-all"
json.dump(d, open("bad.json", "w"))
PY

# Warning-free, or the two-thread result would be thrown away.
"$bin" check g.json | grep -q ', 0 warnings$' || bad "g.json has warnings: choose another seed"

for f in g.json bad.json; do
    for cmd in check info; do
        "$bin" $cmd --threads 1 "$f" > one.out 2>&1
        rc1=$?
        "$bin" $cmd "$f" > two.out 2>&1
        rc2=$?
        if [ $rc2 -eq 66 ] || grep -q 'ThreadSanitizer' two.out one.out; then
            bad "$cmd $f: ThreadSanitizer reported a problem"
            sed -n '1,40p' two.out | sed 's/^/    /'
        elif [ $rc1 -ne $rc2 ] || ! cmp -s one.out two.out; then
            bad "$cmd $f: two threads (exit $rc2) differ from one (exit $rc1)"
            diff one.out two.out | head -10 | sed 's/^/    /'
        else
            ok "$cmd $f on two threads: exit $rc2, as on one"
        fi
    done
done
exit $fail
