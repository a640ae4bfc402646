#!/bin/sh
# The commands that write an output file through a temporary file beside it
# (render -o, export -o, export --to csv -o, timeline -o, import -o),
# interrupted by SIGTERM, SIGINT or SIGHUP while the output is being written.
# The handler only sets a flag; the temporary file is removed outside it (by
# the watcher thread of src/cli/outfile.c), then the process ends by the
# signal. The write is made slow on purpose: slowflush.so (preloaded) holds
# each flush of a temporary output for 10 s, whatever signal arrives, as a
# stalled disk would. For each command and signal:
#   - the signal is sent once the temporary file exists (the write has begun);
#   - the command ends within 3 s (the flush alone would take 10 s), killed
#     by that signal (status 128 + its number), saying "interrupted" and
#     naming the output;
#   - no temporary file is left beside the output;
#   - the old output is still there, byte for byte.
# And a run with no signal still writes the output (the slow flush only
# delays it), so the checks above are not met by a command that fails anyway.
#
# usage: outfile-signal.sh ENTENTE SLOWFLUSH_SO SOURCE_DIR WORK_DIR
set -u
bin=$1 lib=$2 src=$3 work=$4
rm -rf "$work"
mkdir -p "$work" || exit 1
cd "$work" || exit 1
. "$src/tests/tools/checks.sh"
fx=$src/tests/fixtures/report/small.json
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0"

cat > rows.csv << 'EOF'
a,b,d
Valdor,Kestria,2020-01-02
Kestria,Moravel,2020-02-03
EOF

# leftovers: temporary files of outputs in this folder.
leftovers() { ls -A | grep -F '.entente-' | tr '\n' ' '; }

# now_ms: the time in milliseconds.
now_ms() { date +%s%3N; }

# case NAME NTMP OUTPUTS ARGS...: ARGS write the files OUTPUTS (space-separated);
# the signal is sent once NTMP temporary files exist.
case_() {
    name=$1 ntmp=$2 outs=$3
    shift 3
    # A run without a signal, slowed briefly, must write every output.
    for o in $outs; do rm -f "$o"; done
    if ENTENTE_SLOW_FLUSH_MS=50 LD_PRELOAD=$lib "$bin" "$@" > /dev/null 2> err; then
        missing=""
        for o in $outs; do [ -s "$o" ] || missing="$missing $o"; done
        [ -z "$missing" ] && ok "$name: without a signal, written" ||
            bad "$name: without a signal, not written:$missing"
    else
        bad "$name: the run without a signal failed: $(head -2 err)"
    fi
    for sig in TERM INT HUP; do
        for o in $outs; do printf 'old %s\n' "$o" > "$o"; done
        # A shell starts a background job with SIGINT ignored, which entente
        # then keeps: start it with the default action, as from a terminal.
        env --default-signal=INT LD_PRELOAD=$lib "$bin" "$@" > /dev/null 2> err &
        pid=$!
        # Wait (at most 30 s) for the temporary file: the output is being written.
        i=0
        while [ "$(ls -A | grep -cF '.entente-')" -lt "$ntmp" ] && [ $i -lt 600 ] &&
            kill -0 $pid 2> /dev/null; do
            sleep 0.05
            i=$((i + 1))
        done
        if [ "$(ls -A | grep -cF '.entente-')" -lt "$ntmp" ]; then
            bad "$name SIG$sig: the temporary files did not appear (have: $(leftovers))"
            kill -s KILL $pid 2> /dev/null
            wait $pid 2> /dev/null
            continue
        fi
        t0=$(now_ms)
        kill -s "$sig" $pid
        # Bounded: 3 s, where the flush holds 10 s.
        i=0
        while kill -0 $pid 2> /dev/null && [ $i -lt 60 ]; do
            sleep 0.05
            i=$((i + 1))
        done
        if kill -0 $pid 2> /dev/null; then
            bad "$name SIG$sig: still running 3 s after the signal"
            kill -s KILL $pid 2> /dev/null
            wait $pid 2> /dev/null
            continue
        fi
        wait $pid
        s=$?
        ms=$(($(now_ms) - t0))
        case $sig in TERM) want=143 ;; INT) want=130 ;; HUP) want=129 ;; esac
        [ "$s" -eq "$want" ] && ok "$name SIG$sig: ended by the signal (status $s) in $ms ms" ||
            bad "$name SIG$sig: status $s, expected $want (SIG$sig): $(head -2 err)"
        grep -q "interrupted" err && ok "$name SIG$sig: says it was interrupted" ||
            bad "$name SIG$sig: no 'interrupted' message: $(head -2 err)"
        [ -z "$(leftovers)" ] && ok "$name SIG$sig: no temporary file left" ||
            bad "$name SIG$sig: left $(leftovers)"
        intact=1
        for o in $outs; do [ "$(cat "$o")" = "old $o" ] || intact=0; done
        [ $intact = 1 ] && ok "$name SIG$sig: the old output is intact" ||
            bad "$name SIG$sig: the old output was replaced or removed"
    done
}

case_ render 1 out.svg render "$fx" --at calm --compare aftermath -o out.svg
case_ export 1 out.graphml export "$fx" --to graphml -o out.graphml
case_ timeline 1 chart.svg timeline "$fx" --from calm --to aftermath -o chart.svg
case_ import 1 imported.json import csv rows.csv --map source=a,target=b,at=d --type call \
    -o imported.json
# Two outputs: the actors' file written and closed, waiting for its rename,
# while the edges' file is being written (only its flush is slow).
export ENTENTE_SLOW_FLUSH_NAME=edges
case_ export_csv 2 "out.actors.csv out.edges.csv" export "$fx" --to csv -o out.csv
unset ENTENTE_SLOW_FLUSH_NAME

# A signal ignored when the command started (a background job's SIGINT, a
# SIGHUP under nohup) stays ignored: the write goes on and completes.
printf 'old out.svg\n' > out.svg
(
    trap '' INT HUP
    ENTENTE_SLOW_FLUSH_MS=1500 LD_PRELOAD=$lib exec "$bin" render "$fx" --at calm -o out.svg
) > /dev/null 2> err &
pid=$!
i=0
while [ "$(ls -A | grep -cF '.entente-')" -lt 1 ] && [ $i -lt 600 ] && kill -0 $pid 2> /dev/null; do
    sleep 0.05
    i=$((i + 1))
done
kill -s INT $pid 2> /dev/null
kill -s HUP $pid 2> /dev/null
wait $pid
s=$?
[ "$s" -eq 0 ] && grep -q '<svg' out.svg && ok "ignored SIGINT and SIGHUP: still ignored, output written" ||
    bad "ignored SIGINT and SIGHUP: status $s, $(head -c 40 out.svg): $(head -2 err)"
[ -z "$(leftovers)" ] || bad "ignored signals: left $(leftovers)"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
