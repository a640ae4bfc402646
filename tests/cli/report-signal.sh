#!/bin/sh
# `entente report` interrupted by a signal. The handler only sets a flag; the
# report stops at its next safe point and removes its temporary folder in
# normal context (a handler that calls opendir or malloc can deadlock).
#
# - SIGTERM, SIGINT and SIGHUP at several delays into a --force run on the
#   bundled graph: the command ends promptly (bounded by `timeout`), with a
#   non-zero status, leaves no DIR.tmp-* or DIR.old-* folder, and DIR is the
#   previous report, byte for byte (a run on the same graph writes the same
#   bytes, so a run that finished before the signal leaves it so too);
# - a temporary folder left by a run that is gone (killed outright) is removed
#   by the next run; one of a run still alive is left alone.
#
# usage: report-signal.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
bin=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
umask 022
sc=$src/graphs/south-caucasus.json
. "$src/tests/tools/checks.sh"

leftovers() { ls -a "$1" | grep -E '\.(tmp|old)-' | tr '\n' ' '; }

if "$bin" report "$sc" -o r > /dev/null 2>&1 && [ -s r/index.html ]; then
    ok "a first report is written"
else
    bad "a first report could not be written"
fi
cp -R r before

for sig in TERM INT HUP; do
    for delay in 0.05 0.2 0.5 0.9 1.4; do
        (
            # With the default action for SIGINT, which a shell takes away from
            # a background job (and entente then leaves ignored).
            env --default-signal=INT "$bin" report "$sc" --force -o r > /dev/null 2>&1 &
            pid=$!
            sleep "$delay"
            kill -s "$sig" $pid 2> /dev/null
            wait $pid
        ) 2> /dev/null &
        runner=$!
        # The run and its cleanup must end in a bounded time, not hang.
        timeout 30 sh -c "while kill -0 $runner 2> /dev/null; do sleep 0.05; done"
        if [ $? -ne 0 ]; then
            bad "SIG$sig after ${delay}s: the command did not end within 30 s"
            kill -s KILL $runner 2> /dev/null
            continue
        fi
        wait $runner
        s=$?
        # A run can finish before the signal reaches it (the report takes about
        # a second): exit 0 is then right, and the checks below still hold.
        if [ $s -ne 0 ]; then
            ok "SIG$sig after ${delay}s: exit $s"
        elif [ -s r/index.html ]; then
            ok "SIG$sig after ${delay}s: finished before the signal, exit 0"
        else
            bad "SIG$sig after ${delay}s: exit 0 without a report"
        fi
        [ -z "$(leftovers .)" ] && ok "SIG$sig after ${delay}s: no temporary folder left" ||
            bad "SIG$sig after ${delay}s: left $(leftovers .)"
        diff -r before r > /dev/null && ok "SIG$sig after ${delay}s: the previous report is intact" ||
            bad "SIG$sig after ${delay}s: the report differs from the previous one"
    done
done

# Stale folders: of a process that is gone (a PID no system gives out, and the
# older name without PID), removed; of a live process (this shell), kept.
mkdir -p r.tmp-999999999-AbCdEf/img r.tmp-q1w2e3 "r.tmp-$$-ZzZzZz" r.old-999999999-XyXyXy
: > r.tmp-999999999-AbCdEf/index.html
: > r.tmp-999999999-AbCdEf/img/a.svg
: > r.old-999999999-XyXyXy/report.md
if "$bin" report "$sc" --force -o r > /dev/null 2>&1; then
    ok "a run after interrupted ones succeeds"
else
    bad "a run after interrupted ones failed"
fi
[ "$(leftovers .)" = "r.tmp-$$-ZzZzZz " ] &&
    ok "stale temporary folders are removed, a live run's is kept" ||
    bad "after the next run: $(leftovers .), expected only r.tmp-$$-ZzZzZz"

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
