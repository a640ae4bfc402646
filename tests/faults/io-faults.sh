#!/bin/sh
# I/O failures (docs/testing.md): every command that writes to standard output,
# run with standard output on a full device (/dev/full) and closed; every
# command that writes files, run with its output in a folder it may not write.
# Each must end with exit status 3 and one line on standard error that says
# what could not be written and why ("cannot write ..." or "cannot create
# ..."), never a signal, a second report of the same failure, or a file left
# behind.
#
# With GENERATOR (tests/bench's ent_bench_gen), also a graph file that shrinks
# while it is read: cut short at several moments of `entente check`, which must
# end with a status and a message (exit 3 "shrank or was replaced", or the
# outcome of reading the file whole or cut), never a signal.
#
# usage: io-faults.sh ENTENTE SOURCE_DIR WORK_DIR [GENERATOR]
set -u
bin=$1
src=$2
work=$3
gen=${4:-}
rm -rf "$work"
mkdir -p "$work" || exit 1
cd "$work" || exit 1
. "$src/tests/tools/checks.sh"
fx=$src/tests/fixtures/report/small.json

# once NAME WANT_PATTERN OUT COMMAND...: status 3 and exactly one line on
# stderr, matching the pattern; OUT is where standard output goes: full
# (/dev/full), closed, or null (/dev/null).
once() {
    name=$1 pattern=$2 to=$3
    shift 3
    case $to in
        full) "$@" > /dev/full 2> err ;;
        closed) "$@" >&- 2> err ;;
        *) "$@" > /dev/null 2> err ;;
    esac
    got=$?
    # Diagnostics about the graph (warnings) may come first; the failure itself
    # is reported in one line.
    lines=$(grep -c -E "cannot (write|create)" err)
    if [ "$got" -ne 3 ]; then
        bad "$name: exit $got, expected 3"
        sed 's/^/    /' err | head -5
    elif [ "$lines" -ne 1 ]; then
        bad "$name: $lines reports of the failure on standard error, expected one"
        sed 's/^/    /' err | head -5
    elif ! grep -Eq -- "$pattern" err; then
        bad "$name: '$(cat err)' does not match /$pattern/"
    else
        ok "$name"
    fi
}

# The commands that write to standard output (the second word names the case).
stdout_cases() {
    cat << CASES
--version|--version
--help|--help
help|help|render
check|check|$fx
info|info|$fx
types|types
snapshot|snapshot|$fx|--at|crisis
influence|influence|$fx|--at|aftermath
shift|shift|$fx|--from|calm|--to|aftermath
diff|diff|$fx|--from|calm|--to|aftermath
who|who|backed|valdor|$fx|--at|aftermath
whom|whom|kesh|opposed|$fx|--at|aftermath
path|path|$fx|valdor|kesh|--at|aftermath
commitments|commitments|$fx|--at|aftermath
balance|balance|$fx|--at|aftermath
blocs|blocs|$fx|--at|aftermath
align|align|$fx|valdor|--at|aftermath
render|render|$fx|--at|calm|--format|dot|-o|-
export|export|$fx|--to|graphml|-o|-
timeline|timeline|$fx|--from|calm|--to|aftermath|-o|-
CASES
}

stdout_cases > cases
while IFS="|" read -r case_name args; do
    set -f
    oldifs=$IFS
    IFS='|'
    # shellcheck disable=SC2086
    set -- $args
    IFS=$oldifs
    set +f
    once "$case_name > /dev/full" "cannot write the output: No space left on device" full "$bin" "$@"
    once "$case_name >&-" "cannot write the output: Bad file descriptor" closed "$bin" "$@"
done < cases

# --- A folder without write permission ---------------------------------------
# As root, permissions do not stop a write: the runs then go through setpriv as
# the user nobody, in a folder owned by root (0755), which nobody may not write.
mkdir locked
as=""
if [ "$(id -u)" -eq 0 ]; then
    if command -v setpriv > /dev/null && setpriv --reuid=65534 --regid=65534 --clear-groups true 2> /dev/null &&
        setpriv --reuid=65534 --regid=65534 --clear-groups test -r "$fx" 2> /dev/null &&
        setpriv --reuid=65534 --regid=65534 --clear-groups test -x "$bin" 2> /dev/null; then
        as="setpriv --reuid=65534 --regid=65534 --clear-groups"
        chmod 0755 locked
    else
        echo "skip: running as root without a way to run as another user (setpriv); no permission checks"
        locked=""
    fi
else
    chmod 0555 locked
fi
if [ -n "${locked-x}" ]; then
    # shellcheck disable=SC2086
    once "render into a locked folder" "locked/out.svg.*Permission denied|Permission denied.*locked" \
        null $as "$bin" render "$fx" --at calm -o locked/out.svg
    # shellcheck disable=SC2086
    once "report into a locked folder" "locked.*Permission denied|Permission denied.*locked" \
        null $as "$bin" report "$fx" -o locked/rep
    # shellcheck disable=SC2086
    once "export into a locked folder" "locked/out.graphml.*Permission denied|Permission denied.*locked" \
        null $as "$bin" export "$fx" --to graphml -o locked/out.graphml
    # shellcheck disable=SC2086
    once "timeline into a locked folder" "locked/out.svg.*Permission denied|Permission denied.*locked" \
        null $as "$bin" timeline "$fx" --from calm --to aftermath -o locked/out.svg
    if [ -z "$(ls -A locked)" ]; then ok "nothing left in the locked folder"; else bad "left in the locked folder: $(ls -A locked | tr '\n' ' ')"; fi
fi
chmod -R u+w "$work" 2> /dev/null

# --- A graph file that shrinks while it is read --------------------------------
if [ -n "$gen" ] && "$gen" 20000 400000 > big.json 2> /dev/null; then
    signals=0 seen=""
    for delay in 0.01 0.02 0.04 0.06 0.1 0.15 0.2 0.3; do
        cp big.json shrink.json
        "$bin" check shrink.json > /dev/null 2> err &
        pid=$!
        sleep "$delay"
        truncate -s 4096 shrink.json
        wait "$pid"
        got=$?
        seen="$seen $got"
        if [ "$got" -gt 128 ]; then
            signals=$((signals + 1))
            echo "    killed by signal $((got - 128)) when cut after $delay s"
        elif [ "$got" -ne 0 ] && [ ! -s err ]; then
            signals=$((signals + 1))
            echo "    exit $got without a message when cut after $delay s"
        fi
    done
    if [ "$signals" -eq 0 ]; then ok "a file cut short while read: a status and a message each time (exits:$seen)"; else bad "a file cut short while read: $signals bad endings"; fi
else
    echo "skip: no generator given, no test of a file that shrinks while read"
fi

printf '%s passed, %s failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
