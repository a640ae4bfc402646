#!/bin/sh
# The allocation-failure loop for one command (docs/testing.md): runs
# `entente ARGS` once as it is, counting its allocations with the failing
# allocator (tests/faults/failalloc.c, preloaded), then again with the 1st,
# 2nd, ... allocation failing. Each failing run must either
#   - exit 3 with a message naming what could not be allocated ("out of
#     memory"), leave no output (no file, no temporary file, no folder), and
#     no leak under LeakSanitizer (the ASan build reports one with status 23); or
#   - not need the allocation (a cache or buffer it can do without): the same
#     status, standard output and output file as the run without a failure.
# A signal, a hang (60 s), any other status, an empty message or a partial
# output fails the test.
#
# Which allocations fail: every one that main() makes (counted from process
# start; those before main are the shared libraries' constructors, which
# entente cannot see fail: OpenBLAS and libgomp end the process there), up to
# the count, when there are at most ENTENTE_ALLOC_LOOP_MAX (default 2000).
# Above that (render and report,
# which run Graphviz, pango and fontconfig: tens of thousands), the first 300
# (the start, Graphviz's context among them), every allocation entente's own
# code makes directly (failalloc reports those), thinned evenly to fit the
# budget when there are more, and the same number spread evenly over the rest.
# ENTENTE_ALLOC_LOOP_ONLY=N runs the Nth alone and shows its output, with the
# call stack of the allocation that fails (addr2line names the functions).
#
# A run that fails inside a third-party call listed in tests/faults/alloc-known.txt
# (a defect of that library, with a reproducer in docs/testing.md) is XFAIL.
#
# With "-" for FAILALLOC_SO, ENTENTE is entente-failwrap (tests/faults/wrapalloc.c):
# the tool linked with entente's own allocating calls wrapped, which counts and
# fails only those, so that the loop runs under AddressSanitizer and UBSan (the
# ASan build). Then no failure is a library's (the libraries' own allocations
# never fail): there is no XFAIL, and any sanitizer report fails the run. When
# there are more than ENTENTE_ALLOC_LOOP_MAX, the allocations tried are: the
# first one made from each call path (call site and the two calls above it:
# wrapalloc.c writes those as "own"), thinned evenly to half the budget when there
# are more, and the rest of the budget spread evenly over all the numbers.
#
# usage: alloc-loop.sh ENTENTE FAILALLOC_SO|- WORK_DIR NAME ARGS...
#        (the word @OUT in ARGS stands for the output path, inside WORK_DIR)
set -u
known_list=$(dirname "$0")/alloc-known.txt
bin=$1 lib=$2 work=$3 name=$4
shift 4
max=${ENTENTE_ALLOC_LOOP_MAX:-2000}
rm -rf "$work"
mkdir -p "$work/out" || exit 1
out=$work/out/result
# The output file's name keeps the extension ARGS give after @OUT (e.g. @OUT.svg).
args=""
for a in "$@"; do
    case $a in
        @OUT*) a=$out${a#@OUT} ;;
    esac
    args="$args '$(printf '%s' "$a" | sed "s/'/'\\\\''/g")'"
done
preload="LD_PRELOAD='$lib'"
[ "$lib" = - ] && preload=""
# LeakSanitizer in the ASan build, with the Graphviz suppressions of the render
# tests; the failing allocator goes first in the library list.
export ASAN_OPTIONS="${ASAN_OPTIONS:-}:verify_asan_link_order=0:detect_leaks=1:exitcode=23"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-}:halt_on_error=1:exitcode=24"

# symbolize: standard error with the failing allocation's call stack named.
symbolize() {
    while IFS= read -r l; do
        case $l in
            *"(+0x"*")"*)
                obj=${l%%(*} off=${l#*(+}
                printf '    %s\n' "$(addr2line -f -p -e "$obj" "${off%%)*}" 2> /dev/null || echo "$l")"
                ;;
            *"failalloc.so"* | *"libc.so"*) ;;
            *) printf '%s\n' "$l" ;;
        esac
    done < "$work/stderr"
}

# run N: one run, its call stack printed when the allocation fails with the Nth allocation failing (0: none); sets rc.
run() {
    rm -rf "$work/out" && mkdir "$work/out"
    rm -f "$work/count"
    eval "timeout -s KILL 60 env ENTENTE_FAIL_ALLOC_BACKTRACE=1 ENTENTE_FAIL_ALLOC=$1 ENTENTE_FAIL_ALLOC_COUNT='$work/count' \
        $preload '$bin' $args" < /dev/null > "$work/stdout" 2> "$work/stderr"
    rc=$?
}

run 0
base_rc=$rc
if [ ! -s "$work/count" ]; then
    echo "FAIL $name: the run without a failure wrote no allocation count (status $rc)"
    sed 's/^/    /' "$work/stderr" | head -20
    exit 1
fi
count=$(sed -n 's/^count //p' "$work/count")
first=$(($(sed -n 's/^main //p' "$work/count") + 1))
mv "$work/stdout" "$work/base.stdout"
rm -rf "$work/base.out" && mv "$work/out" "$work/base.out" && mkdir "$work/out"
sed -n 's/^own //p' "$work/count" > "$work/own"
echo "$name: status $base_rc, $count allocations, the first in main() is number $first;" \
    "$(wc -l < "$work/own") made by entente's own code"

if [ -n "${ENTENTE_ALLOC_LOOP_ONLY:-}" ]; then
    run "$ENTENTE_ALLOC_LOOP_ONLY"
    echo "allocation $ENTENTE_ALLOC_LOOP_ONLY: status $rc"
    symbolize
    cat "$work/stdout"
    ls -A "$work/out"
    exit 0
fi

# The allocation numbers to try, one per line.
if [ $((count - first + 1)) -le "$max" ]; then
    seq "$first" "$count" > "$work/plan"
elif [ "$lib" = - ]; then
    own_n=$(wc -l < "$work/own")
    awk -v n="$own_n" -v b=$((max / 2)) 'n <= b || int((NR - 1) * b / n) != int(NR * b / n)' \
        "$work/own" > "$work/plan.own"
    spread=$((max - $(wc -l < "$work/plan.own")))
    {
        cat "$work/plan.own"
        awk -v c="$count" -v b="$spread" 'BEGIN { for (i = 1; i <= b; i++) print int(i * c / (b + 1)) + 1 }'
    } | sort -n | uniq > "$work/plan"
    echo "$name: sampling $(wc -l < "$work/plan") of $count allocation numbers" \
        "($own_n call paths; see the rule above)"
else
    own_n=$(wc -l < "$work/own")
    budget=$(((max - 300) / 2))
    {
        seq "$first" $((first + 299))
        awk -v n="$own_n" -v b="$budget" 'n <= b || int((NR - 1) * b / n) != int(NR * b / n)' "$work/own"
        awk -v c="$count" -v b="$budget" -v f="$first" 'BEGIN { for (i = 1; i <= b; i++) print f + 300 + int(i * (c - f - 300) / (b + 1)) }'
    } | sort -n | uniq > "$work/plan"
    echo "$name: sampling $(wc -l < "$work/plan") of $count allocation numbers (see the rule above)"
fi

# known_defect: the function of alloc-known.txt called from the first line of
# entente's own code on the failing allocation's call stack, if any.
known_defect() {
    sed -n '/this allocation fails/,/the process crashed/p' "$work/stderr" > "$work/alloc-stack"
    # The first frame in the executable (entente's code), as FILE:LINE.
    off=$(grep -v '\.so' "$work/alloc-stack" | grep -m1 -o '(+0x[0-9a-f]*)' | tr -d '()+')
    loc=$( [ -n "$off" ] && addr2line -e "$bin" "$off" 2> /dev/null)
    loc=${loc%% *}
    file=${loc%:*} line=${loc##*:}
    case $line in '' | *[!0-9]*) line=0 ;; esac
    grep -v '^#' "$known_list" | while read -r fn _; do
        [ -n "$fn" ] || continue
        case $fn in
            lib:*)
                if grep -q "/${fn#lib:}" "$work/alloc-stack"; then
                    echo "${fn#lib:}"
                    break
                fi
                continue
                ;;
        esac
        if [ "$line" -gt 0 ] && [ -r "$file" ] &&
            sed -n "$((line > 5 ? line - 5 : 1)),${line}p" "$file" | grep -q "$fn("; then
            echo "$fn"
            break
        fi
    done | grep .
}

fails=0 tried=0 exited3=0 tolerated=0 xfail=0
while read -r n; do
    run "$n"
    reached=$(sed -n 's/^failed //p' "$work/count" 2> /dev/null)
    [ "$reached" = 0 ] && continue # the run made fewer allocations this time
    tried=$((tried + 1))
    why=""
    if [ "$rc" -eq 3 ]; then
        if ! grep -Eiq "^entente( [a-z]+)?: .*(out of memory|cannot allocate)" "$work/stderr"; then
            why="exit 3 without a message saying what could not be allocated"
        elif [ -n "$(ls -A "$work/out")" ]; then
            why="exit 3 but left output: $(ls -A "$work/out" | tr '\n' ' ')"
        else
            exited3=$((exited3 + 1))
        fi
    elif [ "$rc" -eq "$base_rc" ] && cmp -s "$work/stdout" "$work/base.stdout" &&
        diff -r "$work/out" "$work/base.out" > /dev/null 2>&1; then
        tolerated=$((tolerated + 1))
    elif [ "$rc" -eq "$base_rc" ]; then
        why="status $rc as without the failure, but different output"
    elif [ "$rc" -eq 23 ] && grep -q "ERROR: LeakSanitizer" "$work/stderr"; then
        why="a leak (LeakSanitizer)"
    elif [ "$rc" -eq 23 ]; then
        why="an AddressSanitizer report"
    elif [ "$rc" -eq 24 ]; then
        why="an UndefinedBehaviorSanitizer report"
    elif [ "$rc" -eq 137 ]; then
        why="a hang (killed after 60 s)"
    elif [ "$rc" -gt 128 ]; then
        why="killed by signal $((rc - 128))"
    else
        why="exit $rc"
    fi
    # A sanitizer's report fails the run whatever the status.
    if [ -z "$why" ] && grep -Eq "ERROR: (Address|Leak|UndefinedBehavior)Sanitizer|runtime error:" "$work/stderr"; then
        why="a sanitizer report"
    fi
    if [ -n "$why" ] && [ "$lib" != - ] && fn=$(known_defect); then
        xfail=$((xfail + 1))
        [ "$xfail" -le 3 ] && echo "XFAIL $name: allocation $n: $why, inside $fn (tests/faults/alloc-known.txt)"
    elif [ -n "$why" ]; then
        symbolize > "$work/sym"
        fails=$((fails + 1))
        echo "FAIL $name: allocation $n: $why"
        grep -v 'fail_this_from\|__libc_start\|_start at\| main at ' "$work/sym" | head -12 | sed 's/^/    /'
        [ "$fails" -ge "${ENTENTE_ALLOC_LOOP_STOP:-20}" ] && { echo "(stopping after $fails failures)"; break; }
    fi
done < "$work/plan"
echo "$name: $tried failing runs: $exited3 exited 3 with a message, $tolerated did without the" \
    "allocation, $xfail failed inside a known third-party defect (XFAIL), $fails failed"
echo "$((tried - fails - xfail)) passed, $fails failed, $xfail skipped"
[ "$fails" -eq 0 ]
