#!/bin/sh
# The allocation-failure loop (alloc-loop.sh) on `entente check` of a graph
# generated here with 2,500 actors and 20,500 relations: past the loader's
# thresholds, so that its two-thread paths (the first pass's second thread
# with the actors checked ahead, the relations in chunks on two threads, the
# index on two) meet every allocation failure too. Every allocation of the
# run is tried.
#
# usage: alloc-loop-threads.sh ENT_BENCH_GEN ENTENTE_FAILWRAP WORK_DIR
set -u
gen=$1 bin=$2 work=$3
rm -rf "$work"
mkdir -p "$work" || exit 1
"$gen" 2500 20500 1 > "$work/g.json" || { echo "FAIL ent_bench_gen"; exit 1; }
ENTENTE_ALLOC_LOOP_MAX=1000 exec sh "$(dirname "$0")/alloc-loop.sh" "$bin" - "$work/loop" \
    check-two-threads check "$work/g.json"
