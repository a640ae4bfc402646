#!/bin/sh
# A graph file that shrinks while entente reads it (another program truncating
# it): the loader maps regular files, so the vanished pages raise SIGBUS when
# touched. The command must end with status 3 and a message, or (when the
# truncation came before the file was opened or after it was read) with the
# status of what it read; never be killed by the signal.
#
# usage: general-load-shrink.sh ENT_BENCH_GEN ENTENTE_CLI WORK_DIR
set -u
gen=$1
bin=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
fail=0
ok() { echo "ok   $1"; }
bad() { fail=1; echo "FAIL $1"; }

"$gen" 20000 100000 5 > g.json || { echo "FAIL ent_bench_gen"; exit 1; }
noticed=0
for delay in 0.01 0.02 0.04 0.06 0.08 0.12; do
    for threads in 1 2; do
        cp g.json f.json
        "$bin" check --threads $threads f.json > out.txt 2> err.txt &
        pid=$!
        sleep $delay
        truncate -s 4096 f.json
        wait $pid
        rc=$?
        case $rc in
        0 | 1) ok "truncated after ${delay}s, $threads thread(s): exit $rc (read before or after)" ;;
        3)
            if grep -q 'shrank or was replaced while it was being read' err.txt; then
                ok "truncated after ${delay}s, $threads thread(s): exit 3 with the message"
            else
                bad "truncated after ${delay}s: exit 3 without the message"
                sed 's/^/    /' err.txt | head -5
            fi
            ;;
        *) bad "truncated after ${delay}s, $threads thread(s): exit $rc (a signal?)" ;;
        esac
        [ $rc -eq 0 ] || noticed=$((noticed + 1))
    done
done
# Without a single run that saw the truncation the test proved nothing.
[ $noticed -gt 0 ] || bad "no run saw the file shrink: the test needs a longer read"

# A SIGBUS that is not a vanished page (here one sent by another process while
# the file loads) is not reported as a shrunken file: it ends the process as
# the signal does (status 128 + 7), or finds it done (0).
for delay in 0.02 0.05; do
    "$bin" check --threads 2 g.json > out.txt 2> err.txt &
    pid=$!
    sleep $delay
    kill -BUS $pid 2> /dev/null
    wait $pid
    rc=$?
    if grep -q 'shrank or was replaced' err.txt; then
        bad "SIGBUS from another process after ${delay}s reported as a shrunken file (exit $rc)"
    elif [ $rc -eq 135 ] || [ $rc -eq 0 ]; then
        ok "SIGBUS from another process after ${delay}s: exit $rc, not a shrunken file"
    else
        bad "SIGBUS from another process after ${delay}s: exit $rc"
        sed 's/^/    /' err.txt | head -5
    fi
done
exit $fail
