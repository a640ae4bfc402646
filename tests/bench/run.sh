#!/bin/sh
# run.sh: the loader benchmark, `make bench` (see tests/bench/README.md).
#
# Generates three synthetic graphs into bench-out/ (1k actors / 10k relations, 10k / 100k,
# 100k / 1M) unless they are already there from the same generator version, then times every
# peer on every file, each run in a process of its own under GNU time (wall time, CPU time,
# peak RSS): one warm-up run per peer that is not counted, then REPEAT runs with the peers
# taking turns, keeping the median of each figure. Prints one table per size, writes the same
# tables as Markdown to bench-out/results.md (every run is in bench-out/raw.txt), and ends
# with PASS or FAIL for the issue's two targets on the largest file: entente's load time at
# most 1.5 times bare cJSON's (read + parse), and its peak RSS under 4 times the file's size.
# Exits 1 on FAIL.
#
# A peer is a program that takes the graph file and prints one line of key=value figures with
# at least `<phase>_s` for every phase in PHASES (today just `load`: read the file and build
# the peer's structure). To add one (NetworkX, python-igraph...), give it a case in peer_cmd
# and peer_label and name it in PEERS; to add a phase, have every peer print `<phase>_s` and
# name it in PHASES. Tables get a pair of columns per phase.
#
# Settings, from the environment: BUILD (the CMake build folder, default build),
# BENCH_OUT (default bench-out), BENCH_REPEAT (default 3), BENCH_WARMUP (default 1),
# BENCH_SIZES (label:actors:relations ..., default the three sizes), BENCH_PEERS, BENCH_PHASES.
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
BUILD=${BUILD:-build}
case $BUILD in /*) ;; *) BUILD=$ROOT/$BUILD ;; esac
BIN=$BUILD/tests/bench
OUT=${BENCH_OUT:-$ROOT/bench-out}
REPEAT=${BENCH_REPEAT:-3}
WARMUP=${BENCH_WARMUP:-1}
SIZES=${BENCH_SIZES:-"10k:1000:10000 100k:10000:100000 1M:100000:1000000"}
PEERS=${BENCH_PEERS:-"cjson entente"}
PHASES=${BENCH_PHASES:-"load"}
BASELINE=cjson   # the peer others are compared with
BASE_NAME=cJSON  # its name in column headers
SUBJECT=entente  # the peer the targets apply to
TIME_TARGET=1.5  # SUBJECT's load time / BASELINE's, at most
RSS_TARGET=4     # SUBJECT's peak RSS / file size, below
GNU_TIME=/usr/bin/time

# ---------------------------------------------------------------------------- peers ---

# The command of peer $1, to which run_once appends the file. Split on spaces, so that a
# scripted peer can be "python3 $ROOT/tests/bench/peer_networkx.py".
peer_cmd() {
    case $1 in
    cjson) echo "$BIN/ent_bench_cjson" ;;
    entente) echo "$BIN/ent_bench_load" ;;
    *) echo "run.sh: unknown peer '$1'" >&2; return 1 ;;
    esac
}

peer_label() {
    case $1 in
    cjson) echo "bare cJSON_Parse" ;;
    entente) echo "entente ent_load_files" ;;
    *) echo "$1" ;;
    esac
}

# ------------------------------------------------------------------------- helpers ---

die() {
    echo "run.sh: $*" >&2
    exit 1
}

# The median of the numbers on stdin (the upper one of the middle two for an even count).
median() {
    sort -n | awk '{ v[NR] = $1 } END { if (NR) print v[int(NR / 2) + 1] }'
}

# $1 / $2 with two decimals, or "-" when either is missing or $2 is zero.
ratio() {
    awk -v a="${1:-}" -v b="${2:-}" 'BEGIN {
        if (a == "" || b == "" || b + 0 == 0) print "-"; else printf "%.2f\n", a / b }'
}

# Bytes $1 in MiB with one decimal.
mib() {
    awk -v b="${1:-0}" 'BEGIN { printf "%.1f\n", b / 1048576 }'
}

# Checks that the tools and the built programs are there.
preflight() {
    if ! "$GNU_TIME" -f '%e %M' -o /dev/null true 2>/dev/null; then
        echo "run.sh: GNU time ($GNU_TIME) is needed for wall time and peak RSS." >&2
        echo "install it with:" >&2
        if [ "$(id -u)" -eq 0 ]; then
            echo "    apt-get install -y time" >&2
        else
            echo "    sudo apt-get install -y time" >&2
        fi
        exit 1
    fi
    for prog in ent_bench_gen ent_bench_cjson ent_bench_load; do
        [ -x "$BIN/$prog" ] || die "$BIN/$prog is missing: build first (make build)"
    done
}

# Generates size $1 ($2 actors, $3 relations) into $OUT/graph-$1.json unless it is there
# already from the same generator version and arguments (recorded in a .stamp file).
generate() {
    file=$OUT/graph-$1.json
    stamp="$("$BIN/ent_bench_gen" --version) $2 $3"
    if [ -f "$file" ] && [ -f "$file.stamp" ] && [ "$(cat "$file.stamp")" = "$stamp" ]; then
        return 0
    fi
    echo "generating $file ($2 actors, $3 relations)..."
    rm -f "$file.stamp"
    "$BIN/ent_bench_gen" "$2" "$3" > "$file.tmp" || die "ent_bench_gen failed"
    mv "$file.tmp" "$file"
    echo "$stamp" > "$file.stamp"
}

# Runs peer $1 on file $2 (size label $3) once; unless $4 is "warmup", appends its figures to
# $RAW as one line:
#   size=... peer=... run=N wall_s=T rss_kb=K user_s=T sys_s=T <the peer's own figures>
run_once() {
    peer=$1 file=$2 size=$3 run=$4
    cmd=$(peer_cmd "$peer")
    # shellcheck disable=SC2086 # $cmd may be several words
    if ! "$GNU_TIME" -f '%e %M %U %S' -o "$TMP/time" $cmd "$file" > "$TMP/out" 2> "$TMP/err"
    then
        echo "run.sh: peer $peer failed on $file:" >&2
        head -n 20 "$TMP/err" >&2
        [ "$run" = warmup ] || echo "size=$size peer=$peer run=$run failed=1" >> "$RAW"
        return 0
    fi
    if [ -s "$TMP/err" ]; then
        echo "run.sh: peer $peer wrote to stderr on $file:" >&2
        head -n 10 "$TMP/err" >&2
    fi
    [ "$run" != warmup ] || return 0
    # GNU time may print "Command exited..." lines first; the figures are the last line.
    # shellcheck disable=SC2046 # four words
    set -- $(tail -n 1 "$TMP/time")
    echo "size=$size peer=$peer run=$run wall_s=$1 rss_kb=$2 user_s=$3 sys_s=$4" \
        "$(tail -n 1 "$TMP/out")" >> "$RAW"
}

# The median of figure $3 over the counted runs of peer $2 on size $1 (empty when none).
figure() {
    grep "^size=$1 peer=$2 run=" "$RAW" | grep -v ' failed=1' |
        tr ' ' '\n' | sed -n "s/^$3=//p" | median
}

# Prints (terminal) and appends to $RESULTS (Markdown) the table of size $1: file $2, $3
# actors, $4 relations.
table() {
    label=$1 file=$2 actors=$3 relations=$4
    bytes=$(wc -c < "$file" | tr -d ' ')
    title="$label: $actors actors, $relations relations, file $(mib "$bytes") MiB"

    hdr="| peer |" sep="|---|"
    echo
    echo "== $title"
    printf '%-24s' "peer"
    for ph in $PHASES; do
        hdr="$hdr $ph s | × $BASE_NAME |" sep="$sep---:|---:|"
        printf '%9s %8s' "$ph s" "x $BASE_NAME"
    done
    hdr="$hdr wall s | × $BASE_NAME | user s | sys s | peak RSS MiB | RSS / file |"
    sep="$sep---:|---:|---:|---:|---:|---:|"
    printf '%9s %8s %7s %7s %9s %9s\n' "wall s" "x $BASE_NAME" "user s" "sys s" "RSS MiB" \
        "RSS/file"
    printf '\n### %s\n\n%s\n%s\n' "$title" "$hdr" "$sep" >> "$RESULTS"

    for peer in $PEERS; do
        wall=$(figure "$label" "$peer" wall_s)
        row="| $(peer_label "$peer") |"
        printf '%-24s' "$(peer_label "$peer")"
        if [ -z "$wall" ]; then
            printf ' failed\n'
            echo "$row failed |" >> "$RESULTS"
            continue
        fi
        for ph in $PHASES; do
            t=$(figure "$label" "$peer" "${ph}_s")
            x=$(ratio "$t" "$(figure "$label" "$BASELINE" "${ph}_s")")
            row="$row ${t:--} | $x |"
            printf '%9s %8s' "${t:--}" "$x"
        done
        x=$(ratio "$wall" "$(figure "$label" "$BASELINE" wall_s)")
        user=$(figure "$label" "$peer" user_s)
        sys=$(figure "$label" "$peer" sys_s)
        rss=$(figure "$label" "$peer" rss_kb)
        rss_mib=$(mib "$((rss * 1024))")
        rss_x=$(ratio "$((rss * 1024))" "$bytes")
        row="$row $wall | $x | $user | $sys | $rss_mib | $rss_x |"
        printf '%9s %8s %7s %7s %9s %9s\n' "$wall" "$x" "$user" "$sys" "$rss_mib" "$rss_x"
        echo "$row" >> "$RESULTS"
        w=$(grep "^size=$label peer=$peer run=" "$RAW" | tr ' ' '\n' |
            sed -n 's/^warnings=//p' | sort -n | tail -n 1)
        if [ -n "$w" ] && [ "$w" != 0 ]; then
            echo "    (note: $peer gave $w warnings on this file)"
        fi
    done
}

# ---------------------------------------------------------------------------- main ---

preflight
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
RAW=$OUT/raw.txt
RESULTS=$OUT/results.md
: > "$RAW"

for spec in $SIZES; do
    IFS=: read -r label actors relations <<EOF
$spec
EOF
    generate "$label" "$actors" "$relations"
done

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
btype=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt" 2>/dev/null || true)
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "none")
dirty=$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | head -n 1)
{
    echo "Loader benchmark of $(date -u +%Y-%m-%d), commit $commit${dirty:+ with local changes}," \
         "build type ${btype:-unset}."
    echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores, ${mem:-unknown memory}, $(uname -sr)."
    echo "Every figure is the median of $REPEAT runs, each in a process of its own."
    echo "load s: time in the process to read the file and build the peer's structure;"
    echo "wall s, user s, sys s and peak RSS: the whole process, from GNU time."
} > "$RESULTS"

last_label='' last_file=''
for spec in $SIZES; do
    IFS=: read -r label actors relations <<EOF
$spec
EOF
    file=$OUT/graph-$label.json
    cat "$file" > /dev/null # into the page cache, so that no peer pays for the disk
    echo "benchmarking $label ($WARMUP warm-up and $REPEAT counted runs of: $PEERS)..."
    n=1
    while [ "$n" -le "$WARMUP" ]; do
        for peer in $PEERS; do
            run_once "$peer" "$file" "$label" warmup
        done
        n=$((n + 1))
    done
    n=1
    while [ "$n" -le "$REPEAT" ]; do
        for peer in $PEERS; do
            run_once "$peer" "$file" "$label" "$n"
        done
        n=$((n + 1))
    done
    table "$label" "$file" "$actors" "$relations"
    last_label=$label last_file=$file
done

# ------------------------------------------------------------------------- verdict ---

[ -n "$last_label" ] || die "no sizes to run (BENCH_SIZES is empty)"
bytes=$(wc -c < "$last_file" | tr -d ' ')
t_subject=$(figure "$last_label" "$SUBJECT" load_s)
t_base=$(figure "$last_label" "$BASELINE" load_s)
rss=$(figure "$last_label" "$SUBJECT" rss_kb)
time_x=$(ratio "$t_subject" "$t_base")
rss_x=$(ratio "$((${rss:-0} * 1024))" "$bytes")
time_ok=$(awk -v x="$time_x" -v t="$TIME_TARGET" \
    'BEGIN { print (x != "-" && x + 0 <= t) ? "PASS" : "FAIL" }')
rss_ok=$(awk -v x="$rss_x" -v k="${rss:-}" -v t="$RSS_TARGET" \
    'BEGIN { print (k != "" && x != "-" && x + 0 < t) ? "PASS" : "FAIL" }')
verdict=PASS
if [ "$time_ok" != PASS ] || [ "$rss_ok" != PASS ]; then
    verdict=FAIL
fi

{
    echo
    echo "Targets on the $last_label file:"
    echo
    echo "- load time at most ${TIME_TARGET}× bare cJSON's: ${t_subject:-?} s / ${t_base:-?} s" \
         "= ${time_x}×: **$time_ok**"
    echo "- peak RSS under ${RSS_TARGET}× the file's size: $(mib "$((${rss:-0} * 1024))") MiB" \
         "/ $(mib "$bytes") MiB = ${rss_x}×: **$rss_ok**"
} >> "$RESULTS"

echo
echo "$time_ok: load time on $last_label: ${t_subject:-?} s = ${time_x}x bare cJSON's" \
     "(${t_base:-?} s; target <= ${TIME_TARGET}x)"
echo "$rss_ok: peak RSS on $last_label: $(mib "$((${rss:-0} * 1024))") MiB = ${rss_x}x the" \
     "file's size ($(mib "$bytes") MiB; target < ${RSS_TARGET}x)"
echo "$verdict: loader benchmark (tables in $RESULTS, every run in $RAW)"
[ "$verdict" = PASS ]
