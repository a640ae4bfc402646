#!/bin/sh
# kill -9 at any moment leaves either the old output or the new one, never a
# part of one, and the next run removes the temporary files an interrupted
# run left (docs/testing.md). For each command that writes files (render,
# export, timeline, report): a reference output from a clean run; then runs
# over an old output, each killed with SIGKILL after a different delay; after
# each, the output must be byte for byte the old one or the reference; a last
# clean run must leave nothing in the folder but the output.
#
# usage: kill-outputs.sh ENTENTE SOURCE_DIR WORK_DIR
set -u
bin=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work" || exit 1
cd "$work" || exit 1
. "$src/tests/tools/checks.sh"
fx=$src/tests/fixtures/report/small.json

# same A B: files or folders with the same contents.
same() { diff -r "$1" "$2" > /dev/null 2>&1; }

# check NAME OUT ARGS...: ARGS write OUT (the word @OUT in ARGS).
check() {
    name=$1 out=$2
    shift 2
    mkdir -p "$name" && cd "$name" || return
    args=""
    for a in "$@"; do
        [ "$a" = @OUT ] && a=$out
        args="$args '$a'"
    done
    eval "'$bin' $args" > /dev/null 2> err || { bad "$name: the clean run failed: $(head -1 err)"; cd ..; return; }
    mv "$out" ref
    # The old output: a previous report for report (written by entente), else a file.
    if [ "$name" = report ]; then cp -r ref old; else printf 'old %s\n' "$name" > old; fi
    torn=0 kinds=""
    for delay in 0 0.005 0.01 0.02 0.03 0.05 0.08 0.12 0.2 0.3; do
        rm -rf "$out" && cp -r old "$out"
        eval "exec '$bin' $args $force" > /dev/null 2>&1 &
        pid=$!
        sleep "$delay"
        kill -9 "$pid" 2> /dev/null
        wait "$pid" 2> /dev/null
        if same "$out" old; then
            kinds="${kinds}o"
        elif same "$out" ref; then
            kinds="${kinds}n"
        else
            torn=$((torn + 1))
        fi
    done
    if [ "$torn" -eq 0 ]; then
        ok "$name: killed at 10 moments, the output was whole each time (o old, n new: $kinds)"
    else
        bad "$name: $torn of 10 kills left an output that is neither the old nor the new one"
    fi
    # What a killed run leaves, planted for sure: a temporary file (or, for
    # report, folder) of a process that is gone, and one of a process still
    # running (this shell), which must be kept.
    sh -c 'exit 0' &
    dead=$!
    wait "$dead"
    if [ "$name" = report ]; then
        mkdir "$out.tmp-$dead-AbCdEf" "$out.tmp-$$-AbCdEf"
        printf 'x' > "$out.tmp-$dead-AbCdEf/index.html"
        live=$out.tmp-$$-AbCdEf
    else
        printf 'x' > ".$out.entente-$dead.AbCdEf"
        printf 'x' > ".$out.entente-$$.AbCdEf"
        live=.$out.entente-$$.AbCdEf
    fi
    eval "'$bin' $args $force" > /dev/null 2> err
    if [ -e "$live" ]; then ok "$name: a running process's temporary output is kept"; else bad "$name: a running process's temporary output was removed"; fi
    rm -rf "$live"
    left=$(ls -A | grep -v -x -e ref -e old -e err -e "$out")
    if [ -z "$left" ]; then
        ok "$name: the next run removed what the killed runs left"
    else
        bad "$name: left after the next run: $(echo $left)"
    fi
    cd ..
}

# Only report needs --force to replace its old output.
force=""
check render out.svg render "$fx" --at calm --compare aftermath -o @OUT
check export out.graphml export "$fx" --to graphml -o @OUT
check timeline out.svg timeline "$fx" --from calm --to aftermath -o @OUT
force=--force
check report rep report "$fx" -o @OUT

printf '%s passed, %s failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
