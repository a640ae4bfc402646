#!/bin/sh
# What every command shares rather than any one command's: --version and the
# usage of the program itself, option parsing, unreadable inputs, output that
# cannot be written, standard input, several files read as one graph, partial
# dates read the same way by every command, byte-identical output from run to
# run, the loader's threads, a 200 MB file of random bytes, the inputs never
# overwritten (general-input-protection.sh), the warnings of every command but
# check (general-quiet.sh) and the loader on big generated files
# (general-load-split.sh, general-load-shrink.sh).
#
# usage: general.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR ENT_BENCH_GEN
set -u
src=$2
. "$src/tests/tools/checks.sh"
start "$@"
gen=$4

ex=$src/examples/minimal.json
fx=$src/tests/fixtures/invalid
sc=$src/graphs/south-caucasus.json

expect "version" 0 '^entente [0-9]+\.[0-9]+\.[0-9]+ \(graph format entente/1\)$' "$bin" --version
expect "no command" 2 '^usage: entente' "$bin"

expect "misspelt command" 2 "did you mean 'check'" "$bin" chek "$ex"

expect "unknown option" 2 "unknown option '--fromat'; did you mean '--format'" "$bin" check --fromat json "$ex"
expect "option needs value" 2 "option '--format' needs a value" "$bin" check "$ex" --format
expect "bad format value" 2 "unknown format 'xml'; choose one of: text, json" "$bin" info --format xml "$ex"

expect "directory" 3 'cannot read "/": it is a directory \[io-error\]' "$bin" check /
expect "missing file" 3 'cannot open "/nonexistent/g.json": No such file or directory' "$bin" check /nonexistent/g.json
expect "read error" 3 'cannot read "/proc/self/mem"' "$bin" check /proc/self/mem
expect "io beats data errors" 3 'io-error' "$bin" check "$fx/unknown-actor.json" /nonexistent/g.json

# Output that cannot be written is a failure, not a truncated success, and is
# reported exactly once: by whichever writer notices first, or at the end.
full() {
    name=$1
    shift
    "$@" > /dev/full 2> full.err
    status=$?
    n=$(grep -c 'cannot write the output: ' full.err)
    if [ $status -eq 3 ] && [ "$n" -eq 1 ] && [ "$(wc -l < full.err)" -eq 1 ]; then
        ok "output that cannot be written: $name"
    else
        bad "output that cannot be written: $name: exit $status, $n reports"
        sed 's/^/    /' full.err | head -5
    fi
}
full "types" "$bin" types
full "--version" "$bin" --version
full "--help" "$bin" --help
full "help CMD" "$bin" help check
full "CMD --help" "$bin" check --help
full "info" "$bin" info "$ex"
full "check --format json" "$bin" check --format json "$ex"
full "influence" "$bin" influence "$ex" --at 2020
full "snapshot" "$bin" snapshot "$ex" --at 2020

# Standard input.
out=$(printf '{"format": "entente/1", "actors": [{"id": "x", "name": "X", "kind": "state"}]}' | "$bin" check - 2>&1)
[ $? -eq 0 ] && printf '%s' "$out" | grep -q '^-: ok, 1 actor, 0 relations' && ok "stdin" || bad "stdin: $out"

# Several files as one graph: a relation in one, its actors in the other.
cat > part1.json <<'JSON'
{"format": "entente/1", "sources": [{"id": "s", "title": "S"}],
 "relations": [{"source": "x", "target": "y", "type": "praise", "at": "2020",
                "evidence": [{"source": "s"}]}]}
JSON
cat > part2.json <<'JSON'
{"format": "entente/1", "actors": [{"id": "x", "name": "X", "kind": "state"},
                                   {"id": "y", "name": "Y", "kind": "state"}]}
JSON
expect "merged files" 0 'part1.json and others: ok, 2 actors, 1 relation' "$bin" check part1.json part2.json
expect "each file alone fails" 1 'unknown actor "x"' "$bin" check part1.json

# Byte-identical output from run to run.
same=1
for args in "check $fx/missing-field.json" "info $ex" "info --format json $ex" "types --format json"; do
    # shellcheck disable=SC2086
    a=$("$bin" $args 2>&1 | cksum)
    # shellcheck disable=SC2086
    b=$("$bin" $args 2>&1 | cksum)
    [ "$a" = "$b" ] || same=0
done
[ $same -eq 1 ] && ok "deterministic output" || bad "deterministic output"

# Partial dates (docs/analyses.md, "Partial dates"): a partial WHEN is its last day, and
# every command gives the same output for both spellings, which names that day.
for args in "snapshot" "influence" "diff --from 2022-09" "shift --from 2022-09" \
    "who backed armenia" "whom russia any" "path aliyev russia" "commitments" "balance" \
    "blocs" "align armenia" "render --format dot -o -"; do
    set -- $args
    cmd=$1
    shift
    # Graphviz's own leaks are reported by sanitizer builds unless suppressed.
    LSAN_OPTIONS=suppressions=$src/tests/lsan-graphviz.supp:print_suppressions=0
    export LSAN_OPTIONS
    case $cmd in
    who | whom) a=$("$bin" "$cmd" "$@" "$sc" --at 2023-09 2>&1)
        b=$("$bin" "$cmd" "$@" "$sc" --at 2023-09-30 2>&1) ;;
    diff | shift) a=$("$bin" "$cmd" "$sc" "$@" --to 2023-09 2>&1)
        b=$("$bin" "$cmd" "$sc" "$@" --to 2023-09-30 2>&1) ;;
    *) a=$("$bin" "$cmd" "$sc" "$@" --at 2023-09 2>&1)
        b=$("$bin" "$cmd" "$sc" "$@" --at 2023-09-30 2>&1) ;;
    esac
    if [ -n "$a" ] && [ "$a" = "$b" ] && printf '%s\n' "$a" | grep -q '2023-09-30'; then
        ok "partial dates: $cmd at 2023-09 is 2023-09-30, and says so"
    else
        bad "partial dates: $cmd at 2023-09 and at 2023-09-30 differ or do not name the day"
    fi
done

# Every format of every analysis parses, and a run repeats byte for byte.
ok_formats=1
for cmd in "snapshot --at after-2022" "influence --at after-2022" \
           "shift --from before-2022 --to after-2022" \
           "shift --from before-2022 --to after-2022 --explain russia --metric neg_in" \
           "diff --from before-2022 --to after-2022" \
           "who backed armenia --at after-2022 --depth 2 --evidence" \
           "commitments --at after-2022" "balance --at after-2022" \
           "balance --from before-2022 --to after-2022"; do
    # shellcheck disable=SC2086
    "$bin" $cmd "$sc" --format json > a.json && $PY -m json.tool a.json > /dev/null || ok_formats=0
    # shellcheck disable=SC2086
    "$bin" $cmd "$sc" --format csv > a.csv && $PY -c "import csv,sys; list(csv.reader(open(sys.argv[1])))" a.csv || ok_formats=0
    # shellcheck disable=SC2086
    x=$("$bin" $cmd "$sc" | cksum)
    # shellcheck disable=SC2086
    y=$("$bin" $cmd "$sc" | cksum)
    [ "$x" = "$y" ] || ok_formats=0
done
[ $ok_formats -eq 1 ] && ok "analysis formats and determinism" || bad "analysis formats and determinism"

# big_graph FILE EDIT [ARG...]: a graph of 100 actors and 30,000 relations (less
# self-relations), past the loader's two-thread threshold, with the Python
# statements EDIT applied to its list `rels` (ARGs in sys.argv[3:]).
big_graph() {
    out=$1 edit=$2
    shift 2
    $PY - "$out" "$edit" "$@" <<'PY'
import json, sys
actors = [{"id": "a%d" % i, "name": "Actor %d" % i, "kind": "state"} for i in range(100)]
rels = [{"id": "r%d" % i, "source": "a%d" % (i % 100), "target": "a%d" % ((i * 7 + 1) % 100),
         "type": "praise", "at": "2020", "evidence": [{"source": "s"}]} for i in range(30000)]
rels = [r for r in rels if r["source"] != r["target"]]
exec(sys.argv[2])
doc = {"format": "entente/1", "sources": [{"id": "s", "title": "S"}], "actors": actors,
       "relations": rels}
json.dump(doc, open(sys.argv[1], "w"), indent=1)
PY
}
# one_and_two FILE: `check FILE` on one thread into $a, on two into $b (each
# with its "exit N").
one_and_two() {
    a=$("$bin" check --threads 1 "$1" 2>&1; echo "exit $?")
    b=$("$bin" check "$1" 2>&1; echo "exit $?")
}

# Over 20000 relations the loader checks them on two threads; with a problem in
# either half it falls back to one thread, so the diagnostics are the same: a
# duplicate id across the two halves, an unknown actor and a missing claimant
# in the second half.
big_graph big.json '
rels[5]["id"] = "dup"
rels[25000]["id"] = "dup"
rels[26000]["target"] = "a1000"
rels[27000]["status"] = "claimed"'
a=$(ENTENTE_THREADS=1 "$bin" check big.json 2>&1; echo "exit $?")
b=$("$bin" check big.json 2>&1; echo "exit $?")
if [ "$a" = "$b" ] && printf '%s' "$b" | grep -q 'duplicate relation id "dup"' &&
   printf '%s' "$b" | grep -q 'unknown actor "a1000"' && printf '%s' "$b" | grep -q 'exit 1'; then
    ok "two-thread load reports what one thread reports"
else
    bad "two-thread load reports what one thread reports"
    printf '%s\n%s\n' "$a" "$b" | head -10 | sed 's/^/    /'
fi
c=$("$bin" check --threads 1 big.json 2>&1; echo "exit $?")
d=$(ENTENTE_THREADS=1 "$bin" check --threads 2 big.json 2>&1; echo "exit $?")
if [ "$a" = "$c" ] && [ "$a" = "$d" ]; then
    ok "--threads 1 and --threads 2 report what one thread reports"
else
    bad "--threads 1 and --threads 2 report what one thread reports"
    printf '%s\n%s\n' "$c" "$d" | head -10 | sed 's/^/    /'
fi
# A repeated id and nothing else wrong: only the look for repeats after the
# two halves can find it, within the first half, within the second or across.
for where in "10 20" "20010 25000" "7 24000"; do
    # shellcheck disable=SC2086
    big_graph dup.json 'rels[int(sys.argv[4])]["id"] = rels[int(sys.argv[3])]["id"]' $where
    one_and_two dup.json
    if [ "$a" = "$b" ] && printf '%s' "$b" | grep -q 'duplicate relation id' &&
       printf '%s' "$b" | grep -q 'exit 1'; then
        ok "two threads find a repeated id (relations $where)"
    else
        bad "two threads find a repeated id (relations $where)"
        printf '%s\n%s\n' "$a" "$b" | head -10 | sed 's/^/    /'
    fi
done
# A symmetric tie coded both ways, once in each half (and once within the
# second): the check that follows the two threads sees both halves' relations.
big_graph sym.json '
for at, src, tgt in ((100, "a1", "a2"), (25000, "a2", "a1"), (26000, "a5", "a6"), (27000, "a6", "a5")):
    rels[at] = {"id": "s%d" % at, "source": src, "target": tgt, "type": "partner_of",
                "from": "2019", "evidence": [{"source": "s"}]}'
one_and_two sym.json
if [ "$a" = "$b" ] && [ "$(printf '%s' "$b" | grep -c 'symmetric-twice')" -eq 2 ] &&
   printf '%s' "$b" | grep -q 'exit 0'; then
    ok "two threads: a symmetric tie coded both ways across the halves is found"
else
    bad "two threads: a symmetric tie coded both ways across the halves is found"
    printf '%s\n%s\n' "$a" "$b" | head -10 | sed 's/^/    /'
fi
expect "--threads takes a number" 2 "'--threads' takes a whole number, not 'two'" \
    "$bin" info --threads two big.json
expect "--threads on an analysis" 0 "" "$bin" snapshot --threads 1 --at 2020-01-01 "$sc"

# 200 MB of random bytes, generated here (never committed): a located error
# and exit 1, without a crash or a hang.
$PY -c "import random, sys; random.seed(20230921); sys.stdout.buffer.write(random.randbytes(200*1000*1000))" > random.bin
out=$("$bin" check random.bin 2>&1)
status=$?
if [ $status -eq 1 ] && printf '%s\n' "$out" | head -1 | grep -Eq '^random\.bin:1:1: error: this is not JSON text: it starts with byte 0x[0-9a-f]{2} where .\{. was expected \[not-json\]$'; then
    ok "200 MB of random bytes"
else
    bad "200 MB of random bytes: exit $status"
    printf '%s\n' "$out" | head -3 | sed 's/^/    /'
fi
rm -f random.bin


# The inputs are never overwritten by a command that writes files.
part general-input-protection.sh sh "$src/tests/cli/general-input-protection.sh" "$bin" "$src" \
    "$work/input-protection"
# Warnings outside check: one line per command, nothing with -q / --quiet.
part general-quiet.sh sh "$src/tests/cli/general-quiet.sh" "$bin" "$src" "$work/quiet"
# The loader's first pass on two threads, and a file that shrinks while it is read,
# on files made by the benchmark's generator.
part general-load-split.sh sh "$src/tests/cli/general-load-split.sh" "$gen" "$bin" "$work/load-split"
part general-load-shrink.sh sh "$src/tests/cli/general-load-shrink.sh" "$gen" "$bin" "$work/load-shrink"

finish
