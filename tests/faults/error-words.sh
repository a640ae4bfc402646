#!/bin/sh
# Every error has words (docs/testing.md): each command driven into the error
# paths it shares (an unknown option, an option without its value, a graph
# file that does not exist, one that is not JSON, a date or snapshot that is
# not in the graph, an actor that is not in it) must fail with the status the
# error calls for and a message that names what is wrong: the option, the
# file, the date or the actor, after "entente COMMAND:" or the file's name.
# An empty message, a message without the name, or another status fails.
#
# usage: error-words.sh ENTENTE SOURCE_DIR WORK_DIR
set -u
bin=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work" || exit 1
cd "$work" || exit 1
. "$src/tests/tools/checks.sh"
fx=$src/tests/fixtures/report/small.json
printf '{"format": "entente/1", "actors": [' > notjson.json

# words NAME STATUS NEEDLE COMMAND...: exit STATUS, and a line of standard
# error that holds NEEDLE (fixed text) with more words than NEEDLE alone.
words() {
    name=$1 want=$2 needle=$3
    shift 3
    "$@" > /dev/null 2> err < /dev/null
    got=$?
    line=$(grep -F -m1 -- "$needle" err)
    if [ "$got" -ne "$want" ]; then
        bad "$name: exit $got, expected $want"
        sed 's/^/    /' err | head -3
    elif [ -z "$line" ]; then
        bad "$name: no message names '$needle'"
        sed 's/^/    /' err | head -3
    elif [ "$(printf '%s' "$line" | wc -c)" -lt $(($(printf '%s' "$needle" | wc -c) + 12)) ]; then
        bad "$name: the message '$line' says little more than '$needle'"
    else
        ok "$name"
    fi
}

# Each command with what it needs besides the graph file: CMD;ARGS BEFORE;ARGS
# AFTER, arguments separated by |. @WHEN and @ACTOR mark the date and actor
# arguments that the cases replace.
cat > cases << CASES
check;;
info;;
snapshot;;--at|@WHEN
influence;;--at|@WHEN
shift;;--from|calm|--to|@WHEN|--explain|@ACTOR
diff;;--from|calm|--to|@WHEN
who;backed|@ACTOR;--at|@WHEN
whom;@ACTOR|backed;--at|@WHEN
path;;valdor|@ACTOR|--at|@WHEN
commitments;;--at|@WHEN
balance;;--at|@WHEN
blocs;;--at|@WHEN
align;;@ACTOR|--at|@WHEN
render;;--at|@WHEN|-o|out.svg
report;;-o|rep
timeline;;--from|calm|--to|@WHEN|-o|chart.svg
export;;--to|graphml|--at|@WHEN|-o|out.graphml
CASES

# run_case CMD BEFORE AFTER FILE WHEN ACTOR EXTRA...: the command line of a case.
build() {
    cmd=$1 before=$2 after=$3 file=$4 when=$5 actor=$6
    shift 6
    set -f
    IFS='|'
    # shellcheck disable=SC2086
    set -- "$bin" "$cmd" $before "$file" $after "$@"
    unset IFS
    set +f
    for a; do
        case $a in
            @WHEN) a=$when ;;
            @ACTOR) a=$actor ;;
        esac
        printf '%s\n' "$a"
    done
}

while IFS=';' read -r cmd before after; do
    run() { # run NAME STATUS NEEDLE FILE WHEN ACTOR EXTRA...
        n=$1 st=$2 nd=$3 f=$4 w=$5 ac=$6
        shift 6
        build "$cmd" "$before" "$after" "$f" "$w" "$ac" "$@" > argv
        set --
        while IFS= read -r a; do set -- "$@" "$a"; done < argv
        words "$cmd: $n" "$st" "$nd" "$@"
    }
    run "unknown option" 2 "--bogus-option" "$fx" aftermath valdor --bogus-option
    run "option without its value" 2 "--max-errors" "$fx" aftermath valdor --max-errors
    run "missing graph file" 3 "$work/missing.json" "$work/missing.json" aftermath valdor
    run "file that is not JSON" 1 "notjson.json" notjson.json aftermath valdor
    case $after in
        *@WHEN*) run "unknown date or snapshot" 2 "aftermth" "$fx" aftermth valdor ;;
    esac
    case "$before|$after" in
        *@ACTOR*) run "unknown actor" 2 "valdr" "$fx" aftermath valdr ;;
    esac
done < cases

printf '%s passed, %s failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
