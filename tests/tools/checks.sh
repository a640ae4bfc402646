# checks.sh: what the shell test scripts share, sourced after setting $src
# (the source tree): start and finish, ok/bad counters, expect, formats, part
# (a command's further scripts), and the known-bug verdicts of the render tests.
#
# Known bugs (tests/render-known-bugs.txt): a failing check of a listed bug is
# reported as XFAIL and does not fail the test; a passing check of a listed
# "always" bug fails, so that the list is kept true.
# shellcheck shell=sh
pass=0
fail=0
xfail=0
known_bugs=$src/tests/render-known-bugs.txt
PY=${PY:-/usr/bin/python3}

# start ENTENTE_BINARY SOURCE_DIR WORK_DIR [...]: how a script of tests/cli begins:
# sets bin, src and work, and moves into WORK_DIR, emptied first.
start() {
    bin=$1 src=$2 work=$3
    rm -rf "$work" && mkdir -p "$work" && cd "$work" || exit 1
}

# finish: how it ends: the counts, and a status that fails when a check failed.
finish() {
    echo "$pass passed, $fail failed"
    [ "$fail" -eq 0 ]
}

ok() { pass=$((pass + 1)); printf 'ok   %s\n' "$1"; }
bad() { fail=$((fail + 1)); printf 'FAIL %s\n' "$1"; }
known() { grep -Eq "^$1 " "$known_bugs" 2> /dev/null; }
# verdict BUG PASSED NAME: the outcome of a check that BUG makes fail.
verdict() {
    if ! known "$1"; then
        if [ "$2" = 1 ]; then ok "$3"; else bad "$3"; fi
    elif [ "$2" = 0 ]; then
        xfail=$((xfail + 1))
        printf 'XFAIL %s (known bug %s)\n' "$3" "$1"
    elif grep -Eq "^$1 +sometimes " "$known_bugs"; then
        ok "$3 (known bug $1 did not show this time)"
    else
        bad "$3: known bug $1 no longer shows; delete its line from tests/render-known-bugs.txt"
    fi
}

# expect NAME STATUS PATTERN COMMAND...: exit status and a line of output (grep -E).
expect() {
    name=$1 want=$2 pattern=$3
    shift 3
    out=$("$@" 2>&1)
    got=$?
    if [ "$got" -ne "$want" ]; then
        bad "$name: exit $got, expected $want"
        printf '%s\n' "$out" | head -5 | sed 's/^/    /'
    elif [ -n "$pattern" ] && ! printf '%s\n' "$out" | grep -Eq -- "$pattern"; then
        bad "$name: output does not match /$pattern/"
        printf '%s\n' "$out" | head -5 | sed 's/^/    /'
    else
        ok "$name"
    fi
}

# formats NAME COMMAND...: with --format json the command prints valid JSON, with --format
# csv valid CSV, and its text output is the same bytes twice. Writes fmt.* in the current
# folder.
formats() {
    name=$1
    shift
    fine=1
    "$@" --format json > fmt.json && ${PY:-python3} -m json.tool fmt.json > /dev/null || fine=0
    "$@" --format csv > fmt.csv &&
        ${PY:-python3} -c "import csv,sys; list(csv.reader(open(sys.argv[1])))" fmt.csv || fine=0
    x=$("$@" | cksum)
    y=$("$@" | cksum)
    [ "$x" = "$y" ] || fine=0
    if [ $fine -eq 1 ]; then ok "$name"; else bad "$name"; fi
}

# part NAME COMMAND...: runs one of the command's further scripts (tests/cli/CMD-*.sh
# or .py), whose ok/FAIL lines are its own checks. It counts here once more only when
# it fails (any status but 0 and 77); 77 means it skipped (data it reads is absent).
part() {
    name=$1
    shift
    "$@"
    st=$?
    case $st in
    0) ;;
    77) printf 'SKIP %s (its data is absent)\n' "$name" ;;
    *) bad "$name: exit $st" ;;
    esac
}
