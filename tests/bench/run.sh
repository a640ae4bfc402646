#!/bin/sh
# run.sh: the benchmark, `make bench` (see tests/bench/README.md). Two parts:
#
# loader: generates three synthetic graphs into bench-out/ (1k actors / 10k relations, 10k /
# 100k, 100k / 1M) unless they are already there from the same generator version, then times
# every peer on every file, each run in a process of its own under GNU time (wall time, CPU
# time, peak RSS): one warm-up run per peer that is not counted, then REPEAT runs with the
# peers taking turns, keeping the median of each figure. Prints one table per size, writes the
# same tables as Markdown to bench-out/results.md (every run is in bench-out/raw.txt), and ends
# with PASS or FAIL for the two targets on the largest file: entente's load time at most
# bare cJSON's (read + parse; 1.5 times before the library work), and its peak RSS under 4
# times the file's size.
#
# pipeline: on the same files, the analysis `entente shift FILE --from 2010-06-30 --to
# 2020-06-30 --top 20 --format csv` (load, two snapshots, leverage of each, the default
# metric, top 20 changes) against the same pipeline in Python with NetworkX and with
# python-igraph (pipeline_networkx.py, pipeline_igraph.py), timed the same way. The phase
# timings are what each peer prints to stderr (`load_s=...`, or `timing load_s=...` lines from
# entente under ENTENTE_TIMING=1). Checks that the three top-20 lists agree (compare_top.py:
# same ids in the same order, deltas to 1e-9, entente's to the 3 decimals it prints), and
# ends with PASS or FAIL for the targets on the largest file: entente at least 7 times faster
# than NetworkX and 3 times faster than python-igraph end to end, 10 times faster than
# python-igraph after loading, with at most 0.4 of python-igraph's peak RSS. While `entente
# shift` is not built, its runs are skipped and so are the targets (SKIP lines).
#
# query: on the same files, `who backed ACTOR --at 2015-06-30 --depth 2` after loading
# (ent_bench_who: a sample of QUERY_SAMPLE actors spread over the graph and the three with the
# most incoming relations, each asked 5 times, the fastest kept), beside one plain pass over
# every relation for scale; then `entente who backed HUB FILE --at ... --depth 2` end to end
# under ENTENTE_TIMING=1 on the largest file. Ends with PASS or FAIL for the targets: the
# largest question on the largest file answers in under QUERY_MAX_S seconds after loading, and
# the time per relation examined on the largest file is at most QUERY_GROWTH times that on
# the smallest (the cost follows the neighbourhood, not the graph).
#
# render: generates graphs of 50, 200, 1,000 and 5,000 actors with 10 relations each (same
# reuse rule as above) and draws the snapshot on 2015-06-30 of each as SVG with
# `ent_bench_render FILE DAY ENGINE svg`, for the two layout engines the automatic choice may
# take (neato, sfdp), the two a user may force (dot, fdp) and the automatic choice itself
# (auto), each run a process of its own under GNU time; the median of RENDER_REPEAT runs, but
# an engine whose first run on a size takes over RENDER_SLOW seconds is run only once there,
# and dot and fdp are left out above RENDER_FULL_MAX actors unless BENCH_RENDER_FULL=1. Then
# times `entente render graphs/south-caucasus.json` end to end (one diagram, two side by
# side, the changes), the median of RENDER_CLI_REPEAT runs. Ends with PASS or FAIL for the
# targets: the single South Caucasus diagram in under RENDER_SC_MAX_S seconds of wall time,
# the automatic choice on RENDER_AUTO_ACTORS actors in under RENDER_AUTO_MAX_S seconds.
#
# balance: on the same files as the loader, structural balance of the snapshot on BALANCE_DAY
# after loading (ent_bench_balance graph: ent_balance_tables with the summary only, then its
# building blocks on the signed projection, ent_signed_triangles and ent_frustration with the
# heuristic alone; each step BALANCE_REPEAT times in one process, the median kept); then the
# exact frustration index (ent_frustration, exact_max 64) on BALANCE_SEEDS random signed
# graphs per size in BALANCE_EXACT_SIZES and density in BALANCE_DENSITIES, BALANCE_NEGATIVE
# percent of the ties negative (ent_bench_balance exact). Ends with PASS or FAIL for the
# targets: every small graph of up to BALANCE_EXACT_ACTORS actors solved exactly, the slowest
# of BALANCE_EXACT_ACTORS actors in under BALANCE_EXACT_MAX_S seconds.
#
# align: on the same files, one actor against all others with ent_align_table after loading
# (ent_bench_align: ALIGN_SAMPLE actors spread over the graph with 20 rows, and the hub with 20
# rows and with every row, each ALIGN_REPEAT times, the fastest kept). Ends with PASS or FAIL
# for the target: the hub against every other actor, every row, in under ALIGN_MAX_S seconds
# on the largest file. Settings: BENCH_ALIGN_REPEAT (default 3), BENCH_ALIGN_SAMPLE (default
# 20).
#
# Exits 1 on any FAIL.
#
# A loader peer is a program that takes the graph file and prints one line of key=value
# figures with at least `<phase>_s` for every phase in PHASES (today just `load`: read the file
# and build the peer's structure). To add one, give it a case in peer_cmd and peer_label and
# name it in PEERS; to add a phase, have every peer print `<phase>_s` and name it in PHASES.
# Tables get a pair of columns per phase.
#
# Settings, from the environment: BUILD (the CMake build folder, default build),
# BENCH_OUT (default bench-out), BENCH_REPEAT (default 3), BENCH_WARMUP (default 1),
# BENCH_SIZES (label:actors:relations ..., default the three sizes), BENCH_PARTS (default
# "loader pipeline query render balance"), BENCH_PEERS, BENCH_PHASES (loader part),
# BENCH_PIPELINE_PEERS (default "networkx igraph entente-shift"), BENCH_PYTHON (default
# /usr/bin/python3, Debian's, which has python3-networkx and python3-igraph); for the render
# part BENCH_RENDER_SIZES (actor counts, default "50 200 1000 5000"), BENCH_RENDER_ENGINES
# (default "neato sfdp dot fdp auto"), BENCH_RENDER_REPEAT (default 3), BENCH_RENDER_SLOW
# (seconds, default 20), BENCH_RENDER_FULL (1: dot and fdp on every size too),
# BENCH_RENDER_CLI_REPEAT (default 5); for the balance part BENCH_BALANCE_REPEAT (default 3),
# BENCH_BALANCE_EXACT_SIZES (actor counts, default "10 20 25 30", at most 64),
# BENCH_BALANCE_DENSITIES (percent of the pairs tied, default "50 100"), BENCH_BALANCE_SEEDS
# (graphs per size and density, default 10).
set -eu

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
sh "$ROOT/tests/tools/ensure-deps.sh" python3-networkx python3-igraph time
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
TIME_TARGET=1    # SUBJECT's load time / BASELINE's, at most (1.5 before the library work)
RSS_TARGET=4     # SUBJECT's peak RSS / file size, below
GNU_TIME=/usr/bin/time
PARTS=${BENCH_PARTS:-"loader pipeline query render balance report align timeline errors huge"}
PIPE_PEERS=${BENCH_PIPELINE_PEERS:-"networkx igraph entente-shift"}
PYTHON=${BENCH_PYTHON:-/usr/bin/python3}
PIPE_SUBJECT=entente-shift # the pipeline peer the targets apply to
PIPE_FROM=2010-06-30       # the two snapshot days
PIPE_TO=2020-06-30
PIPE_TOP=20
PIPE_TOL=1e-9         # the top lists agree when ids and deltas agree to this (or to the
                      # rounding of the decimals a peer prints: entente's 3, see compare_top.py)
NX_WALL_TARGET=7      # NetworkX's wall time / SUBJECT's, at least (5 for the influence work, 7 since the library work)
IG_WALL_TARGET=3      # python-igraph's wall time / SUBJECT's, at least
IG_AFTER_TARGET=10    # python-igraph's after-load time / SUBJECT's, at least
IG_RSS_TARGET=0.4     # SUBJECT's peak RSS / python-igraph's, at most
QUERY_DAY=2015-06-30  # the day of the who questions
QUERY_DEPTH=2
QUERY_SAMPLE=${BENCH_QUERY_SAMPLE:-200}
QUERY_MAX_S=0.1       # the largest question on the largest file, after loading, under
QUERY_GROWTH=3        # ns per examined relation, largest file / smallest, at most
RENDER_SIZES=${BENCH_RENDER_SIZES:-"50 200 1000 5000"} # actors of the render part's graphs
RENDER_PER_ACTOR=10   # relations per actor in them
RENDER_DAY=2015-06-30 # the day drawn
RENDER_ENGINES=${BENCH_RENDER_ENGINES:-"neato sfdp dot fdp auto"}
RENDER_AUTO_ENGINES="neato sfdp" # those the automatic choice may take (ent_render_auto_layout)
RENDER_REPEAT=${BENCH_RENDER_REPEAT:-3}
RENDER_SLOW=${BENCH_RENDER_SLOW:-20} # seconds: an engine this slow on a size runs once there
RENDER_FULL=${BENCH_RENDER_FULL:-0}  # 1: every engine on every size
RENDER_FULL_MAX=1000  # unless RENDER_FULL, engines outside RENDER_AUTO_ENGINES stop here
RENDER_CLI_REPEAT=${BENCH_RENDER_CLI_REPEAT:-5}
RENDER_SC=$ROOT/graphs/south-caucasus.json
RENDER_SC_MAX_S=0.25  # `entente render` of one South Caucasus diagram, wall time, under
RENDER_AUTO_ACTORS=1000 # the automatic choice on this many actors...
RENDER_AUTO_MAX_S=10  # ...in under this many seconds of wall time
ERRORS_SIZES=${BENCH_ERRORS_SIZES:-"10000 100000"} # errors in the errors part's files
ERRORS_MAX_S=2        # the largest of them checked in under this many seconds
ERRORS_GROWTH=3       # time per error, largest / smallest, at most
HUGE_ACTORS=${BENCH_HUGE_ACTORS:-700000}     # the huge part's graph: about 2 GB of JSON
HUGE_RELATIONS=${BENCH_HUGE_RELATIONS:-6700000}
HUGE_REPEAT=${BENCH_HUGE_REPEAT:-3}
HUGE_RSS_TARGET=2     # `entente check`'s peak RSS / the file's size, at most
BALANCE_DAY=2015-06-30 # the snapshot measured
BALANCE_REPEAT=${BENCH_BALANCE_REPEAT:-3} # runs of each step in the process, the median kept
# The timed steps of `ent_bench_balance graph`, each printed as STEP_s= and given a column.
BALANCE_STEPS="summary triangles frustration blocs"
BALANCE_EXACT_SIZES=${BENCH_BALANCE_EXACT_SIZES:-"10 20 25 30"} # actors of the random graphs
BALANCE_DENSITIES=${BENCH_BALANCE_DENSITIES:-"50 100"} # percent of the pairs tied
BALANCE_NEGATIVE=30   # percent of the ties negative
BALANCE_SEEDS=${BENCH_BALANCE_SEEDS:-10} # random graphs per size and density
BALANCE_EXACT_ACTORS=30 # every graph up to this many actors solved exactly...
BALANCE_EXACT_MAX_S=1 # ...the slowest of this many actors in under this many seconds
ALIGN_DAY=2015-06-30  # the snapshot of the align part
TIMELINE_FROM=2010-07-31 # the timeline part's first step
TIMELINE_STEPS=${BENCH_TIMELINE_STEPS:-120} # its monthly steps
TIMELINE_PEERS=${BENCH_TIMELINE_PEERS:-"igraph networkx"} # the Python loops it runs against
ALIGN_REPEAT=${BENCH_ALIGN_REPEAT:-3}  # runs of each question, the fastest kept
ALIGN_SAMPLE=${BENCH_ALIGN_SAMPLE:-20} # actors asked about per size, besides the hub
ALIGN_MAX_S=0.5       # the hub against every other actor, all rows, on the largest file, under

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
    for prog in ent_bench_gen ent_bench_cjson ent_bench_load ent_bench_who; do
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

# ------------------------------------------------------------------------ pipeline ---

has_part() {
    case " $PARTS " in *" $1 "*) return 0 ;; *) return 1 ;; esac
}

pipe_label() {
    case $1 in
    networkx) echo "NetworkX $NX_VERSION" ;;
    igraph) echo "python-igraph $IG_VERSION" ;;
    entente-shift) echo "entente shift" ;;
    *) echo "$1" ;;
    esac
}

# Checks what the pipeline part needs; sets VOCAB, the versions and PIPE_RUN (the peers that
# can run: entente-shift is left out while `entente shift --help` fails).
pipe_preflight() {
    [ -x "$BUILD/entente" ] || die "$BUILD/entente is missing: build first (make build)"
    "$PYTHON" -c 'import networkx, igraph' 2>/dev/null ||
        die "$PYTHON cannot import networkx and igraph (apt-get install -y" \
            "python3-networkx python3-igraph)"
    # shellcheck disable=SC2046 # three words
    set -- $("$PYTHON" -c 'import sys, networkx, igraph
print(sys.version.split()[0], networkx.__version__, igraph.__version__)')
    PY_VERSION=$1 NX_VERSION=$2 IG_VERSION=$3
    # Each type's role, mode and durable flag, read once by the Python peers.
    VOCAB=$OUT/vocabulary.json
    "$BUILD/entente" types --format json > "$VOCAB" || die "entente types --format json failed"
    PIPE_RUN='' SHIFT_BUILT=yes
    for peer in $PIPE_PEERS; do
        if [ "$peer" = entente-shift ] &&
            ! "$BUILD/entente" shift --help > /dev/null 2>&1; then
            SHIFT_BUILT=no
            continue
        fi
        PIPE_RUN="$PIPE_RUN $peer"
    done
}

# Runs pipeline peer $1 on file $2 (size label $3) once; unless $4 is "warmup", appends its
# figures to $RAW as one line (as run_once does, plus the phase timings the peer printed,
# analysis_s and after_s) and keeps its output in $OUT/top-SIZE-PEER.txt.
pipe_once() {
    peer=$1 file=$2 size=$3 run=$4
    case $peer in
    networkx | igraph)
        set -- "$PYTHON" "$ROOT/tests/bench/pipeline_$peer.py" "$file" "$VOCAB" ;;
    entente-shift)
        set -- env ENTENTE_TIMING=1 "$BUILD/entente" shift "$file" --from "$PIPE_FROM" \
            --to "$PIPE_TO" --top "$PIPE_TOP" --format csv ;;
    *) die "unknown pipeline peer '$peer'" ;;
    esac
    if ! "$GNU_TIME" -f '%e %M %U %S' -o "$TMP/time" "$@" > "$TMP/out" 2> "$TMP/err"; then
        echo "run.sh: pipeline peer $peer failed on $file:" >&2
        head -n 20 "$TMP/err" >&2
        [ "$run" = warmup ] || echo "size=$size peer=$peer run=$run failed=1" >> "$RAW"
        return 0
    fi
    # The phase timings: key_s=value words on lines of their own or after "timing ".
    timing_re='^(timing[[:space:]]+)?([a-z_]+_s=[-+0-9.eE]+[[:space:]]*)+$'
    grep -E "$timing_re" "$TMP/err" | sed 's/^timing[[:space:]]*//' | tr -s '[:blank:]' '\n' |
        grep -E '^[a-z_]+_s=' > "$TMP/phases" || true
    if grep -v -E "$timing_re" "$TMP/err" > "$TMP/other"; then
        echo "run.sh: pipeline peer $peer wrote to stderr on $file:" >&2
        head -n 10 "$TMP/other" >&2
    fi
    [ "$run" != warmup ] || return 0
    cp "$TMP/out" "$OUT/top-$size-$peer.txt"
    # analysis_s: as printed (entente), else the sum of the phases other than load, snapshot
    # and total (leverage_s + shift_s for the Python peers); after_s: snapshot_s + analysis_s.
    derived=$(awk -F= '{ v[$1] = $2 }
        $1 != "load_s" && $1 != "snapshot_s" && $1 != "total_s" { rest += $2; n++ }
        END {
            if ("analysis_s" in v) a = v["analysis_s"]
            else if (n) { a = rest; printf "analysis_s=%.4f ", a }
            if ("snapshot_s" in v || n) printf "after_s=%.4f", v["snapshot_s"] + a
        }' "$TMP/phases")
    phases=$(tr '\n' ' ' < "$TMP/phases")
    # shellcheck disable=SC2046 # four words
    set -- $(tail -n 1 "$TMP/time")
    echo "size=$size peer=$peer run=$run wall_s=$1 rss_kb=$2 user_s=$3 sys_s=$4" \
        "$phases$derived" >> "$RAW"
}

# Prints (terminal) and appends to $RESULTS (Markdown) the pipeline table of size $1: file $2,
# $3 actors, $4 relations; then whether the peers' top lists agree (sets AGREE_FAIL).
pipe_table() {
    label=$1 file=$2 actors=$3 relations=$4
    bytes=$(wc -c < "$file" | tr -d ' ')
    title="$label: $actors actors, $relations relations, file $(mib "$bytes") MiB"
    e_wall=$(figure "$label" "$PIPE_SUBJECT" wall_s)
    e_after=$(figure "$label" "$PIPE_SUBJECT" after_s)
    e_rss=$(figure "$label" "$PIPE_SUBJECT" rss_kb)
    echo
    echo "== pipeline, $title"
    printf '%-22s%9s%9s%9s%9s%9s%9s%9s%8s%9s%9s%9s%8s\n' peer "load s" "snap s" "anal s" \
        "(lev s" "shift)" "after s" "total s" "wall s" "RSS MiB" "wall xE" "after xE" "RSS xE"
    {
        printf '\n### Pipeline, %s\n\n' "$title"
        echo "| peer | load s | snapshot s | analysis s | (leverage s | shift s) | after-load s" \
             "| total s | wall s | peak RSS MiB | wall × entente | after-load × entente" \
             "| RSS × entente |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    } >> "$RESULTS"
    for peer in $PIPE_PEERS; do
        name=$(pipe_label "$peer")
        if [ "$peer" = entente-shift ] && [ "$SHIFT_BUILT" = no ]; then
            printf '%-22s not built yet, skipped\n' "$name"
            echo "| $name | not built yet |" >> "$RESULTS"
            continue
        fi
        wall=$(figure "$label" "$peer" wall_s)
        if [ -z "$wall" ]; then
            printf '%-22s failed\n' "$name"
            echo "| $name | failed |" >> "$RESULTS"
            continue
        fi
        load=$(figure "$label" "$peer" load_s)
        snap=$(figure "$label" "$peer" snapshot_s)
        anal=$(figure "$label" "$peer" analysis_s)
        pr=$(figure "$label" "$peer" leverage_s)
        sh_=$(figure "$label" "$peer" shift_s)
        after=$(figure "$label" "$peer" after_s)
        total=$(figure "$label" "$peer" total_s)
        rss=$(figure "$label" "$peer" rss_kb)
        rss_mib=$(mib "$((rss * 1024))")
        x_wall=$(ratio "$wall" "$e_wall")
        x_after=$(ratio "$after" "$e_after")
        x_rss=$(ratio "$rss" "$e_rss")
        printf '%-22s%9s%9s%9s%9s%9s%9s%9s%8s%9s%9s%9s%8s\n' "$name" "${load:--}" \
            "${snap:--}" "${anal:--}" "${pr:--}" "${sh_:--}" "${after:--}" "${total:--}" \
            "$wall" "$rss_mib" "$x_wall" "$x_after" "$x_rss"
        echo "| $name | ${load:--} | ${snap:--} | ${anal:--} | ${pr:--} | ${sh_:--} |" \
             "${after:--} | ${total:--} | $wall | $rss_mib | $x_wall | $x_after | $x_rss |" \
             >> "$RESULTS"
    done

    set --
    missing=''
    for peer in $PIPE_RUN; do
        if [ -s "$OUT/top-$label-$peer.txt" ]; then
            set -- "$@" "$(pipe_label "$peer")=$OUT/top-$label-$peer.txt"
        else
            missing="$missing
DISAGREE: no top list from $(pipe_label "$peer")"
        fi
    done
    agreement=''
    if [ $# -ge 2 ] &&
        agreement=$("$PYTHON" "$ROOT/tests/bench/compare_top.py" --tol "$PIPE_TOL" "$@") &&
        [ -z "$missing" ]; then
        :
    else
        AGREE_FAIL="$AGREE_FAIL $label"
    fi
    agreement=$(printf '%s%s\n' "$agreement" "$missing" | sed '/^$/d; s/^/  /')
    echo "top-$PIPE_TOP lists (ids in order, deltas to $PIPE_TOL or to what a peer prints):"
    echo "$agreement"
    {
        echo
        echo "Top-$PIPE_TOP lists (ids in order, deltas to $PIPE_TOL or to what a peer prints):"
        echo
        echo "$agreement" | sed 's/^  /- /'
    } >> "$RESULTS"
}

# PASS when $1 (a ratio or "-") is at least $2; at_most: at most.
at_least() {
    awk -v x="$1" -v t="$2" 'BEGIN { print (x != "-" && x + 0 >= t) ? "PASS" : "FAIL" }'
}
at_most() {
    awk -v x="$1" -v t="$2" 'BEGIN { print (x != "-" && x + 0 <= t) ? "PASS" : "FAIL" }'
}

# Prints (and appends to $RESULTS) one verdict line: $1 PASS, FAIL or SKIP, the rest the text.
verdict_line() {
    v=$1
    shift
    echo "$v: $*"
    echo "- $(echo "$*" | sed 's/\([0-9][0-9.]*\)x/\1×/g'): **$v**" >> "$RESULTS"
    [ "$v" != FAIL ] || PIPE_VERDICT=FAIL
}

# The pipeline's targets on size $1 and the agreement of the top lists on every size.
pipe_verdict() {
    label=$1
    PIPE_VERDICT=PASS
    printf '\nPipeline targets on the %s file:\n\n' "$label" >> "$RESULTS"
    echo
    nx_wall=$(figure "$label" networkx wall_s)
    ig_wall=$(figure "$label" igraph wall_s)
    ig_after=$(figure "$label" igraph after_s)
    ig_rss=$(figure "$label" igraph rss_kb)
    e_wall=$(figure "$label" "$PIPE_SUBJECT" wall_s)
    e_after=$(figure "$label" "$PIPE_SUBJECT" after_s)
    e_rss=$(figure "$label" "$PIPE_SUBJECT" rss_kb)
    if [ "$SHIFT_BUILT" = no ]; then
        for t in "end to end at least ${NX_WALL_TARGET}x faster than NetworkX" \
            "end to end at least ${IG_WALL_TARGET}x faster than python-igraph" \
            "after loading at least ${IG_AFTER_TARGET}x faster than python-igraph" \
            "peak RSS at most ${IG_RSS_TARGET}x python-igraph's"; do
            verdict_line SKIP "entente shift $t on $label (entente shift not built yet)"
        done
    else
        x=$(ratio "$nx_wall" "$e_wall")
        verdict_line "$(at_least "$x" "$NX_WALL_TARGET")" "entente shift end to end on" \
"$label: NetworkX ${nx_wall:-?} s / entente ${e_wall:-?} s = ${x}x (target >= ${NX_WALL_TARGET}x)"
        x=$(ratio "$ig_wall" "$e_wall")
        verdict_line "$(at_least "$x" "$IG_WALL_TARGET")" "entente shift end to end on" \
"$label: python-igraph ${ig_wall:-?} s / entente ${e_wall:-?} s = ${x}x (target >= ${IG_WALL_TARGET}x)"
        x=$(ratio "$ig_after" "$e_after")
        note=''
        [ -n "$e_after" ] || note=' (entente printed no timing lines under ENTENTE_TIMING=1)'
        verdict_line "$(at_least "$x" "$IG_AFTER_TARGET")" "entente shift after loading on" \
"$label: python-igraph ${ig_after:-?} s / entente ${e_after:-?} s = ${x}x (target >= ${IG_AFTER_TARGET}x)$note"
        x=$(ratio "${e_rss:-}" "${ig_rss:-}")
        verdict_line "$(at_most "$x" "$IG_RSS_TARGET")" "entente shift peak RSS on $label:" \
"$(mib "$((${e_rss:-0} * 1024))") MiB = ${x}x python-igraph's $(mib "$((${ig_rss:-0} * 1024))") MiB (target <= ${IG_RSS_TARGET}x)"
    fi
    peers=$(for p in $PIPE_RUN; do pipe_label "$p"; done | paste -sd, - | sed 's/,/, /g')
    if [ -z "$AGREE_FAIL" ]; then
        verdict_line PASS "the top-$PIPE_TOP lists of $peers agree on every size (same ids in" \
            "the same order but for exact ties, deltas to $PIPE_TOL or to the rounding of what" \
            "a peer prints)"
    else
        verdict_line FAIL "the top-$PIPE_TOP lists of $peers differ, or one is missing, on" \
            "size(s):$AGREE_FAIL"
    fi
    echo "$PIPE_VERDICT: pipeline benchmark (tables in $RESULTS, every run in $RAW)"
}

# --------------------------------------------------------------------------- query ---

# Asks the who questions on size $1 (file $2) and appends ent_bench_who's summary to $RAW as
# "size=... part=query ..." (the questions one by one go to $OUT/query-SIZE.txt).
query_run() {
    "$BIN/ent_bench_who" "$2" "$QUERY_DAY" "$QUERY_DEPTH" "$QUERY_SAMPLE" \
        > "$OUT/query-$1.txt" || die "ent_bench_who failed on $2"
    echo "size=$1 peer=query-api run=1 $(sed -n 's/^summary //p' "$OUT/query-$1.txt")" >> "$RAW"
}

# Seconds $1 as microseconds, no decimals ("-" when missing).
usec() {
    awk -v s="${1:-}" 'BEGIN { if (s == "") print "-"; else printf "%.0f\n", s * 1e6 }'
}

# The query table, one row per size in $SIZES.
query_table() {
    echo
    echo "== who backed ACTOR --at $QUERY_DAY --depth $QUERY_DEPTH, after loading"
    printf '%-6s%10s%10s%10s%12s%12s%12s%10s%12s
' size relations "med exam" "med us" \
        "hub exam" "hub us" "max us" "ns/exam" "scan us"
    {
        printf '\n## The who query\n\n'
        echo "\`who backed ACTOR --at $QUERY_DAY --depth $QUERY_DEPTH\` through the library" \
             "after loading (ent_bench_who): $QUERY_SAMPLE actors spread over the graph and" \
             "the three with the most incoming relations, each asked 5 times, the fastest" \
             "kept. examined: relations the walk looked at; hub: the actor with the most" \
             "incoming relations; ns / examined: median over the sample of query time per" \
             "relation examined; scan: one plain pass over every relation checking its target" \
             "and dates, the least a query without the by-target index would cost."
        echo
        echo "| size | relations | median examined | median µs | hub examined | hub µs |" \
             "slowest µs | ns / examined | full scan µs |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|"
    } >> "$RESULTS"
    for spec in $SIZES; do
        label=${spec%%:*}
        f() { figure "$label" query-api "$1"; }
        rels=$(f relations)
        if [ -z "$rels" ]; then
            printf '%-6s failed\n' "$label"
            echo "| $label | failed |" >> "$RESULTS"
            continue
        fi
        printf '%-6s%10s%10s%10s%12s%12s%12s%10s%12s\n' "$label" "$rels" \
            "$(f examined_median)" "$(usec "$(f query_median_s)")" "$(f hub_examined)" \
            "$(usec "$(f hub_query_s)")" "$(usec "$(f query_max_s)")" "$(f ns_per_examined)" \
            "$(usec "$(f scan_s)")"
        echo "| $label | $rels | $(f examined_median) | $(usec "$(f query_median_s)") |" \
             "$(f hub_examined) | $(usec "$(f hub_query_s)") | $(usec "$(f query_max_s)") |" \
             "$(f ns_per_examined) | $(usec "$(f scan_s)") |" >> "$RESULTS"
    done
}

# The questions about the hub of size $1 at growing depths, from $OUT/query-SIZE.txt.
query_deep() {
    echo
    echo "the hub of $1 at depths 1 to 5:"
    printf '%6s%12s%10s%12s\n' depth examined rows "query us"
    {
        printf '\nThe hub of %s asked about at growing depths (the neighbourhood grows, and' "$1"
        printf ' the time with it):\n\n| depth | examined | rows | query µs |\n'
        echo "|---:|---:|---:|---:|"
    } >> "$RESULTS"
    sed -n 's/^deep //p' "$OUT/query-$1.txt" | while read -r line; do
        v() { echo "$line" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
        printf '%6s%12s%10s%12s\n' "$(v depth)" "$(v examined)" "$(v rows)" \
            "$(usec "$(v query_s)")"
        echo "| $(v depth) | $(v examined) | $(v rows) | $(usec "$(v query_s)") |" >> "$RESULTS"
    done
}

# `entente who backed HUB` end to end on size $1 (file $2): REPEAT runs under GNU time, the
# median of each figure, appended to $RESULTS.
query_cli() {
    hub=$(figure "$1" query-api hub)
    [ -n "$hub" ] || return 0
    n=1
    while [ "$n" -le "$REPEAT" ]; do
        if ! "$GNU_TIME" -f '%e %M' -o "$TMP/time" env ENTENTE_TIMING=1 "$BUILD/entente" who \
            backed "$hub" "$2" --at "$QUERY_DAY" --depth "$QUERY_DEPTH" --format csv \
            > "$TMP/out" 2> "$TMP/err"; then
            echo "run.sh: entente who failed on $2:" >&2
            head -n 10 "$TMP/err" >&2
            return 0
        fi
        # shellcheck disable=SC2046 # two words
        set -- "$1" "$2" $(tail -n 1 "$TMP/time")
        echo "size=$1 peer=query-cli run=$n wall_s=$3 rss_kb=$4" \
            "$(sed -n 's/^timing //p' "$TMP/err" | tr '\n' ' ')" >> "$RAW"
        set -- "$1" "$2"
        n=$((n + 1))
    done
    load=$(figure "$1" query-cli load_s | awk '{ printf "%.2f", $1 }')
    q=$(figure "$1" query-cli query_s)
    wall=$(figure "$1" query-cli wall_s)
    rss=$(figure "$1" query-cli rss_kb)
    line="entente who backed $hub FILE --at $QUERY_DAY --depth $QUERY_DEPTH on $1: load\
 ${load:-?} s, query $(usec "$q") us, wall ${wall:-?} s, peak RSS $(mib "$((${rss:-0} * 1024))") MiB"
    echo "$line"
    printf '\nEnd to end: %s (median of %s runs).\n' "$(echo "$line" | sed 's/ us,/ µs,/')" \
        "$REPEAT" >> "$RESULTS"
}

# The query's targets, from the first and last sizes.
query_verdict() {
    first=$1 last=$2
    PIPE_VERDICT=PASS
    printf '\nQuery targets:\n\n' >> "$RESULTS"
    echo
    mx=$(figure "$last" query-api query_max_s)
    ok=$(awk -v x="${mx:-}" -v t="$QUERY_MAX_S" \
        'BEGIN { print (x != "" && x + 0 < t) ? "PASS" : "FAIL" }')
    verdict_line "$ok" "slowest who question at depth $QUERY_DEPTH on $last after loading:" \
        "$(usec "$mx") us (target < $(usec "$QUERY_MAX_S") us)"
    x=$(ratio "$(figure "$last" query-api ns_per_examined)" \
        "$(figure "$first" query-api ns_per_examined)")
    verdict_line "$(at_most "$x" "$QUERY_GROWTH")" "time per examined relation on $last /" \
        "on $first = ${x}x while the graph is $(ratio "$(figure "$last" query-api relations)" \
        "$(figure "$first" query-api relations)")x larger (target <= ${QUERY_GROWTH}x)"
    echo "$PIPE_VERDICT: query benchmark (tables in $RESULTS, every question in $OUT/query-*.txt)"
}

# -------------------------------------------------------------------------- render ---

# Whether engine $1 runs on the graph of $2 actors: every engine up to RENDER_FULL_MAX actors,
# beyond it only auto and the engines it may take, unless RENDER_FULL is 1.
render_runs() {
    [ "$RENDER_FULL" != 1 ] || return 0
    [ "$2" -gt "$RENDER_FULL_MAX" ] || return 0
    case " auto $RENDER_AUTO_ENGINES " in *" $1 "*) return 0 ;; esac
    return 1
}

# Draws file $2 (size label $3) on day $5 (default RENDER_DAY) with engine $1 once, through
# ent_bench_render, as SVG; unless $4 is "warmup", appends its figures to $RAW as one line
#   size=... peer=render-ENGINE run=N wall_s=T rss_kb=K user_s=T sys_s=T <its own figures>
render_once() {
    r_eng=$1 r_file=$2 r_size=$3 r_run=$4 r_day=${5:-$RENDER_DAY}
    if ! "$GNU_TIME" -f '%e %M %U %S' -o "$TMP/time" "$BIN/ent_bench_render" "$r_file" \
        "$r_day" "$r_eng" svg > "$TMP/out" 2> "$TMP/err"; then
        echo "run.sh: ent_bench_render $r_eng failed on $r_file:" >&2
        head -n 20 "$TMP/err" >&2
        [ "$r_run" = warmup ] ||
            echo "size=$r_size peer=render-$r_eng run=$r_run failed=1" >> "$RAW"
        return 0
    fi
    if [ -s "$TMP/err" ]; then
        echo "run.sh: ent_bench_render $r_eng wrote to stderr on $r_file:" >&2
        head -n 10 "$TMP/err" >&2
    fi
    [ "$r_run" != warmup ] || return 0
    # shellcheck disable=SC2046 # four words
    set -- $(tail -n 1 "$TMP/time")
    echo "size=$r_size peer=render-$r_eng run=$r_run wall_s=$1 rss_kb=$2 user_s=$3 sys_s=$4" \
        "$(tail -n 1 "$TMP/out")" >> "$RAW"
}

# The engine(s) the runs of peer $2 on size $1 reported (the automatic choice's pick).
render_engine() {
    grep "^size=$1 peer=$2 run=" "$RAW" | sed -n 's/.* engine=\([^ ]*\).*/\1/p' | sort -u |
        paste -sd/ -
}

# The number of counted runs of peer $2 on size $1 that succeeded.
render_count() {
    grep "^size=$1 peer=$2 run=" "$RAW" | grep -c -v ' failed=1' || true
}

# Times every engine on the graph of $2 actors, file $1 (size label render-ACTORS): run 1 of
# each engine in turn, then runs 2 to RENDER_REPEAT of those whose first run took at most
# RENDER_SLOW seconds.
render_size() {
    rs_file=$1 rs_actors=$2 rs_label=render-$2
    rs_engines='' rs_out=''
    for e in $RENDER_ENGINES; do
        if render_runs "$e" "$rs_actors"; then
            rs_engines="$rs_engines $e"
        else
            rs_out="$rs_out $e"
        fi
    done
    echo "rendering $rs_actors actors (up to $RENDER_REPEAT counted runs of:$rs_engines${rs_out:+;\
 left out:$rs_out})..."
    for e in $rs_engines; do
        render_once "$e" "$rs_file" "$rs_label" 1
    done
    rs_again=''
    for e in $rs_engines; do
        w=$(figure "$rs_label" "render-$e" wall_s)
        if [ -n "$w" ] && awk -v w="$w" -v t="$RENDER_SLOW" 'BEGIN { exit !(w <= t) }'; then
            rs_again="$rs_again $e"
        elif [ -n "$w" ] && [ "$RENDER_REPEAT" -gt 1 ]; then
            echo "  $e took $w s (over ${RENDER_SLOW} s): counted once"
        fi
    done
    n=2
    while [ "$n" -le "$RENDER_REPEAT" ]; do
        for e in $rs_again; do
            render_once "$e" "$rs_file" "$rs_label" "$n"
        done
        n=$((n + 1))
    done
}

# The name of engine $1 in tables.
render_name() {
    case $1 in
    auto) echo "auto (automatic)" ;;
    *) echo "$1" ;;
    esac
}

# Prints (terminal) and appends to $RESULTS (Markdown) the table of the graph of $2 actors,
# file $1.
render_table() {
    rt_file=$1 rt_actors=$2 rt_label=render-$2
    bytes=$(wc -c < "$rt_file" | tr -d ' ')
    ew=''
    for e in $RENDER_ENGINES; do
        ew=$(grep "^size=$rt_label peer=render-$e run=" "$RAW" | grep -v ' failed=1' |
            head -n 1)
        [ -z "$ew" ] || break
    done
    v() { echo "$ew" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
    title="$rt_actors actors, $((rt_actors * RENDER_PER_ACTOR)) relations, file $(mib "$bytes")\
 MiB: $(v actors) actors and $(v edges) edges drawn on $RENDER_DAY"
    echo
    echo "== render, $title"
    printf '%-18s%6s%10s%9s%9s%9s%9s\n' engine runs "render s" "wall s" "user s" "RSS MiB" \
        "SVG KiB"
    {
        printf '\n### Render, %s\n\n' "$title"
        echo "| engine | runs | render s | wall s | user s | peak RSS MiB | SVG KiB |"
        echo "|---|---:|---:|---:|---:|---:|---:|"
    } >> "$RESULTS"
    for e in $RENDER_ENGINES; do
        name=$(render_name "$e")
        if ! render_runs "$e" "$rt_actors"; then
            printf '%-18s left out (BENCH_RENDER_FULL=1 runs it)\n' "$name"
            echo "| $name | left out (BENCH_RENDER_FULL=1 runs it) |" >> "$RESULTS"
            continue
        fi
        wall=$(figure "$rt_label" "render-$e" wall_s)
        if [ -z "$wall" ]; then
            printf '%-18s failed\n' "$name"
            echo "| $name | failed |" >> "$RESULTS"
            continue
        fi
        [ "$e" != auto ] || name="auto: $(render_engine "$rt_label" render-auto)"
        runs=$(render_count "$rt_label" "render-$e")
        rend=$(figure "$rt_label" "render-$e" render_s)
        user=$(figure "$rt_label" "render-$e" user_s)
        rss=$(figure "$rt_label" "render-$e" rss_kb)
        rss_mib=$(mib "$((rss * 1024))")
        svg=$(awk -v b="$(figure "$rt_label" "render-$e" bytes)" \
            'BEGIN { printf "%.0f", b / 1024 }')
        printf '%-18s%6s%10s%9s%9s%9s%9s\n' "$name" "$runs" "${rend:--}" "$wall" "${user:--}" \
            "$rss_mib" "$svg"
        echo "| $name | $runs | ${rend:--} | $wall | ${user:--} | $rss_mib | $svg |" \
            >> "$RESULTS"
    done
}

# The growth table: the render time (the ent_render call, median) of every engine on every size.
render_growth() {
    echo
    echo "== render s by engine and actors (* one run only, - left out or failed)"
    printf '%-18s' engine
    hdr='| engine |' sep='|---|'
    for a in $RENDER_SIZES; do
        printf '%14s' "$a"
        hdr="$hdr $a actors |" sep="$sep---:|"
    done
    echo
    {
        printf '\nrender s (the ent_render call) by engine and size; \\* one run only, slower'
        printf ' than %s s; – left out or failed:\n\n%s\n%s\n' "$RENDER_SLOW" "$hdr" "$sep"
    } >> "$RESULTS"
    for e in $RENDER_ENGINES; do
        printf '%-18s' "$(render_name "$e")"
        row="| $(render_name "$e") |"
        for a in $RENDER_SIZES; do
            t=$(figure "render-$a" "render-$e" render_s)
            if [ -z "$t" ]; then
                cell=- md=–
            else
                [ "$(render_count "render-$a" "render-$e")" -ne 1 ] ||
                    [ "$RENDER_REPEAT" -eq 1 ] || t="$t*"
                [ "$e" != auto ] || t="$t $(render_engine "render-$a" render-auto)"
                cell=$t md=$(echo "$t" | sed 's/\*/\\*/')
            fi
            printf '%14s' "$cell"
            row="$row $md |"
        done
        echo
        echo "$row" >> "$RESULTS"
    done
}

# `entente render` on the South Caucasus graph, case $1 (single, compare or diff), run $2
# ("warmup" is not counted): appends its figures to $RAW as size=south-caucasus peer=cli-CASE.
render_cli_once() {
    rc_case=$1 rc_run=$2
    # shellcheck disable=SC2046 # the case's options
    set -- $(render_cli_args "$rc_case")
    if ! "$GNU_TIME" -f '%e %M %U %S' -o "$TMP/time" "$BUILD/entente" render "$RENDER_SC" \
        "$@" -o "$TMP/sc-$rc_case.svg" > "$TMP/out" 2> "$TMP/err"; then
        echo "run.sh: entente render $* failed:" >&2
        head -n 20 "$TMP/err" >&2
        [ "$rc_run" = warmup ] ||
            echo "size=south-caucasus peer=cli-$rc_case run=$rc_run failed=1" >> "$RAW"
        return 0
    fi
    if [ -s "$TMP/err" ] || [ -s "$TMP/out" ]; then
        echo "run.sh: entente render $* printed:" >&2
        cat "$TMP/out" "$TMP/err" | head -n 10 >&2
    fi
    [ "$rc_run" != warmup ] || return 0
    rc_bytes=$(wc -c < "$TMP/sc-$rc_case.svg" | tr -d ' ')
    # shellcheck disable=SC2046 # four words
    set -- $(tail -n 1 "$TMP/time")
    echo "size=south-caucasus peer=cli-$rc_case run=$rc_run wall_s=$1 rss_kb=$2 user_s=$3" \
        "sys_s=$4 bytes=$rc_bytes" >> "$RAW"
}

render_cli_args() {
    case $1 in
    single) echo "--at after-2022" ;;
    compare) echo "--at before-2022 --compare after-2022" ;;
    diff) echo "--from before-2022 --to after-2022 --diff" ;;
    esac
}

# The South Caucasus runs: one warm-up and RENDER_CLI_REPEAT counted runs of each case, the
# cases taking turns, then the same number of ent_bench_render runs of the single diagram for
# the time inside the process; prints and appends the table.
render_sc() {
    echo
    echo "rendering graphs/south-caucasus.json (1 warm-up and $RENDER_CLI_REPEAT counted runs" \
         "of each)..."
    for c in single compare diff; do
        render_cli_once "$c" warmup
    done
    n=1
    while [ "$n" -le "$RENDER_CLI_REPEAT" ]; do
        for c in single compare diff; do
            render_cli_once "$c" "$n"
        done
        render_once auto "$RENDER_SC" south-caucasus "$n" after-2022
        n=$((n + 1))
    done
    echo
    echo "== entente render graphs/south-caucasus.json -o FILE.svg, median of" \
         "$RENDER_CLI_REPEAT runs"
    printf '%-52s%8s%8s%9s%9s\n' options "wall s" "user s" "RSS MiB" "SVG KiB"
    {
        printf '\n### Render, graphs/south-caucasus.json end to end\n\n'
        echo "\`entente render graphs/south-caucasus.json OPTIONS -o FILE.svg\`, the whole" \
             "process from GNU time, median of $RENDER_CLI_REPEAT runs after one warm-up."
        echo
        echo "| options | wall s | user s | peak RSS MiB | SVG KiB |"
        echo "|---|---:|---:|---:|---:|"
    } >> "$RESULTS"
    for c in single compare diff; do
        opts=$(render_cli_args "$c")
        wall=$(figure south-caucasus "cli-$c" wall_s)
        if [ -z "$wall" ]; then
            printf '%-52s failed\n' "$opts"
            echo "| \`$opts\` | failed |" >> "$RESULTS"
            continue
        fi
        user=$(figure south-caucasus "cli-$c" user_s)
        rss=$(mib "$(($(figure south-caucasus "cli-$c" rss_kb) * 1024))")
        kib=$(awk -v b="$(figure south-caucasus "cli-$c" bytes)" 'BEGIN { printf "%.0f", b / 1024 }')
        printf '%-52s%8s%8s%9s%9s\n' "$opts" "$wall" "$user" "$rss" "$kib"
        echo "| \`$opts\` | $wall | $user | $rss | $kib |" >> "$RESULTS"
    done
    ew=$(grep "^size=south-caucasus peer=render-auto run=" "$RAW" | grep -v ' failed=1' |
        head -n 1)
    if [ -n "$ew" ]; then
        v() { echo "$ew" | tr ' ' '\n' | sed -n "s/^$1=//p"; }
        line="inside the process (ent_bench_render, after-2022, auto): $(v actors) actors and\
 $(v edges) edges drawn with $(v engine), load $(figure south-caucasus render-auto load_s) s,\
 render $(figure south-caucasus render-auto render_s) s"
        echo "$line"
        printf '\nInside the process (\140ent_bench_render\140, after-2022, auto): %s.\n' \
            "${line#*auto): }" >> "$RESULTS"
    fi
}

# The render part's targets.
render_verdict() {
    PIPE_VERDICT=PASS
    printf '\nRender targets:\n\n' >> "$RESULTS"
    echo
    w=$(figure south-caucasus cli-single wall_s)
    ok=$(awk -v x="${w:-}" -v t="$RENDER_SC_MAX_S" \
        'BEGIN { print (x != "" && x + 0 < t) ? "PASS" : "FAIL" }')
    verdict_line "$ok" "entente render graphs/south-caucasus.json --at after-2022 -o FILE.svg:" \
        "wall ${w:-?} s (target < $RENDER_SC_MAX_S s)"
    case " $RENDER_SIZES |$RENDER_ENGINES " in
    *" $RENDER_AUTO_ACTORS "*"|"*auto*)
        w=$(figure "render-$RENDER_AUTO_ACTORS" render-auto wall_s)
        ok=$(awk -v x="${w:-}" -v t="$RENDER_AUTO_MAX_S" \
            'BEGIN { print (x != "" && x + 0 < t) ? "PASS" : "FAIL" }')
        verdict_line "$ok" "automatic layout choice" \
            "($(render_engine "render-$RENDER_AUTO_ACTORS" render-auto)) on" \
            "$RENDER_AUTO_ACTORS actors: wall ${w:-?} s (target < $RENDER_AUTO_MAX_S s)" ;;
    *)
        verdict_line SKIP "automatic layout choice on $RENDER_AUTO_ACTORS actors (not among" \
            "BENCH_RENDER_SIZES, or auto not among BENCH_RENDER_ENGINES)" ;;
    esac
    echo "$PIPE_VERDICT: render benchmark (tables in $RESULTS, every run in $RAW)"
}

# ------------------------------------------------------------------------- balance ---

# Measures structural balance on size $1 (file $2) once with `ent_bench_balance graph`, under
# GNU time, and appends its figures to $RAW as "size=... peer=balance run=1 wall_s=T rss_kb=K
# <its own figures>" (the steps are repeated inside the process).
balance_run() {
    if ! "$GNU_TIME" -f '%e %M' -o "$TMP/time" "$BIN/ent_bench_balance" graph "$2" \
        "$BALANCE_DAY" "$BALANCE_REPEAT" > "$TMP/out" 2> "$TMP/err"; then
        echo "run.sh: ent_bench_balance failed on $2:" >&2
        head -n 20 "$TMP/err" >&2
        echo "size=$1 peer=balance run=1 failed=1" >> "$RAW"
        return 0
    fi
    # shellcheck disable=SC2046 # two words
    set -- "$1" $(tail -n 1 "$TMP/time")
    echo "size=$1 peer=balance run=1 wall_s=$2 rss_kb=$3 $(tail -n 1 "$TMP/out")" >> "$RAW"
}

# The balance table of the graphs, one row per size in $SIZES.
balance_table() {
    echo
    echo "== structural balance on $BALANCE_DAY after loading, seconds (median of" \
         "$BALANCE_REPEAT runs of each step)"
    printf '%-6s%8s%8s%7s%6s%7s%8s%7s%11s%8s%8s%8s%8s%8s' size actors ties neg tri unbal \
        frustr lower method heur walk "load s" "view s" "proj s"
    hdr='| size | actors | ties | negative ties | triangles | unbalanced | frustration |'
    hdr="$hdr lower bound | method | heuristic alone | walk balance | load s | snapshot s |"
    hdr="$hdr projection s |"
    sep='|---|---:|---:|---:|---:|---:|---:|---:|---|---:|---:|---:|---:|---:|'
    for st in $BALANCE_STEPS; do
        printf '%14s' "$st s"
        hdr="$hdr $st s |" sep="$sep---:|"
    done
    echo
    {
        printf '\n### Balance of the synthetic graphs on %s\n\n%s\n%s\n' "$BALANCE_DAY" "$hdr" \
            "$sep"
    } >> "$RESULTS"
    for spec in $SIZES; do
        label=${spec%%:*}
        f() { figure "$label" balance "$1"; }
        ties=$(f ties)
        if [ -z "$ties" ]; then
            printf '%-6s failed\n' "$label"
            echo "| $label | failed |" >> "$RESULTS"
            continue
        fi
        printf '%-6s%8s%8s%7s%6s%7s%8s%7s%11s%8s%8s%8s%8s%8s' "$label" "$(f actors)" "$ties" \
            "$(f negative)" "$(f triangles)" "$(f unbalanced)" "$(f frustration)" \
            "$(f lower_bound)" "$(f method)" "$(f heur_frustration)" "$(f walk)" "$(f load_s)" \
            "$(f view_s)" "$(f project_s)"
        row="| $label | $(f actors) | $ties | $(f negative) | $(f triangles) | $(f unbalanced) |"
        row="$row $(f frustration) | $(f lower_bound) | $(f method) | $(f heur_frustration) |"
        walk=$(f walk)
        [ "$walk" != - ] || walk=–
        row="$row $walk | $(f load_s) | $(f view_s) | $(f project_s) |"
        for st in $BALANCE_STEPS; do
            t=$(f "${st}_s")
            printf '%14s' "${t:--}"
            row="$row ${t:--} |"
        done
        echo
        echo "$row" >> "$RESULTS"
    done
}

# Solves the random graphs of $1 actors, density $2 percent, with `ent_bench_balance exact`;
# every graph goes to $OUT/balance-exact-ACTORS-DENSITY.txt, the summary to $RAW as
# "size=exact-ACTORS-DENSITY peer=balance-exact run=1 ...".
balance_exact_run() {
    be_file=$OUT/balance-exact-$1-$2.txt
    if ! "$BIN/ent_bench_balance" exact "$1" "$2" "$BALANCE_NEGATIVE" "$BALANCE_SEEDS" \
        "$BALANCE_REPEAT" > "$be_file" 2> "$TMP/err"; then
        echo "run.sh: ent_bench_balance exact $1 $2 failed:" >&2
        head -n 20 "$TMP/err" >&2
        echo "size=exact-$1-$2 peer=balance-exact run=1 failed=1" >> "$RAW"
        return 0
    fi
    echo "size=exact-$1-$2 peer=balance-exact run=1 $(sed -n 's/^summary //p' "$be_file")" \
        >> "$RAW"
}

# The words of $1 separated by commas.
commas() {
    printf '%s\n' "$1" | awk '{ $1 = $1; gsub(/ /, ", "); print }'
}

# Seconds $1 as milliseconds with two decimals ("-" when missing).
msec() {
    awk -v s="${1:-}" 'BEGIN { if (s == "") print "-"; else printf "%.2f\n", s * 1e3 }'
}

# The table of the exact frustration index on the small random graphs.
balance_exact_table() {
    echo
    echo "== exact frustration index (ent_frustration, exact_max 64) on random signed graphs," \
         "$BALANCE_NEGATIVE% of the ties negative, $BALANCE_SEEDS graphs per row"
    printf '%7s%9s%8s%7s%10s%12s%11s%11s%11s%9s\n' actors density graphs exact "med ties" \
        "med frustr" "med nodes" "max nodes" "median ms" "max ms"
    {
        printf '\n### Exact frustration index on small random graphs\n\n'
        echo "ent_frustration with exact_max 64 and the default node budget (ent_bench_balance" \
             "exact) on $BALANCE_SEEDS random signed graphs per row: each pair of actors tied" \
             "with probability density, each tie negative with probability" \
             "$BALANCE_NEGATIVE%. exact: graphs proven optimal; nodes: branch-and-bound nodes" \
             "visited; times: each graph solved $BALANCE_REPEAT times, the median kept, then" \
             "the median and the slowest over the graphs."
        echo
        echo "| actors | density | graphs | exact | median ties | median frustration |" \
             "median nodes | max nodes | median ms | max ms |"
        echo "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    } >> "$RESULTS"
    for n in $BALANCE_EXACT_SIZES; do
        for d in $BALANCE_DENSITIES; do
            f() { figure "exact-$n-$d" balance-exact "$1"; }
            graphs=$(f graphs)
            if [ -z "$graphs" ]; then
                printf '%7s%9s failed\n' "$n" "$d%"
                echo "| $n | $d% | failed |" >> "$RESULTS"
                continue
            fi
            printf '%7s%9s%8s%7s%10s%12s%11s%11s%11s%9s\n' "$n" "$d%" "$graphs" "$(f exact)" \
                "$(f ties_median)" "$(f frustration_median)" "$(f nodes_median)" \
                "$(f nodes_max)" "$(msec "$(f time_median_s)")" "$(msec "$(f time_max_s)")"
            echo "| $n | $d% | $graphs | $(f exact) | $(f ties_median) |" \
                 "$(f frustration_median) | $(f nodes_median) | $(f nodes_max) |" \
                 "$(msec "$(f time_median_s)") | $(msec "$(f time_max_s)") |" >> "$RESULTS"
        done
    done
}

# The balance part's verdicts: the graph runs all succeeded (ent_bench_balance fails when the
# summary and the building blocks disagree), and the targets on the small random graphs.
balance_verdict() {
    PIPE_VERDICT=PASS
    printf '\nBalance targets:\n\n' >> "$RESULTS"
    echo
    bv_failed=''
    for spec in $SIZES; do
        label=${spec%%:*}
        [ -n "$(figure "$label" balance ties)" ] || bv_failed="$bv_failed $label"
    done
    if [ -z "$bv_failed" ]; then
        verdict_line PASS "the summary and the building blocks count the same ties and" \
            "triangles on every size"
    else
        verdict_line FAIL "ent_bench_balance graph failed, or its summary and building blocks" \
            "disagree, on size(s):$bv_failed"
    fi
    bv_graphs=0 bv_exact=0 bv_failed='' bv_max='' bv_top_graphs=0 bv_top_exact=0
    for n in $BALANCE_EXACT_SIZES; do
        for d in $BALANCE_DENSITIES; do
            g=$(figure "exact-$n-$d" balance-exact graphs)
            if [ -z "$g" ]; then
                bv_failed="$bv_failed $n:$d%"
                continue
            fi
            [ "$n" -le "$BALANCE_EXACT_ACTORS" ] || continue
            e=$(figure "exact-$n-$d" balance-exact exact)
            bv_graphs=$((bv_graphs + g)) bv_exact=$((bv_exact + e))
            [ "$n" -eq "$BALANCE_EXACT_ACTORS" ] || continue
            bv_top_graphs=$((bv_top_graphs + g)) bv_top_exact=$((bv_top_exact + e))
            t=$(figure "exact-$n-$d" balance-exact time_max_s)
            bv_max=$(awk -v a="$bv_max" -v b="$t" \
                'BEGIN { print (a == "" || b + 0 > a + 0) ? b : a }')
        done
    done
    if [ -n "$bv_failed" ]; then
        verdict_line FAIL "ent_bench_balance exact failed for (actors:density)$bv_failed"
    fi
    if [ "$bv_graphs" -eq 0 ]; then
        verdict_line SKIP "exact frustration index on graphs of up to $BALANCE_EXACT_ACTORS" \
            "actors (no size up to $BALANCE_EXACT_ACTORS in BENCH_BALANCE_EXACT_SIZES, or its" \
            "runs failed)"
    else
        ok=PASS
        [ "$bv_exact" -eq "$bv_graphs" ] || ok=FAIL
        verdict_line "$ok" "exact frustration index on the random graphs of up to" \
            "$BALANCE_EXACT_ACTORS actors: $bv_exact of $bv_graphs proven exact (target: all)"
    fi
    if [ "$bv_top_graphs" -eq 0 ]; then
        verdict_line SKIP "exact frustration index on $BALANCE_EXACT_ACTORS actors in under" \
            "$BALANCE_EXACT_MAX_S s ($BALANCE_EXACT_ACTORS not among BENCH_BALANCE_EXACT_SIZES," \
            "or its runs failed)"
    else
        ok=$(awk -v x="$bv_max" -v t="$BALANCE_EXACT_MAX_S" -v a="$bv_top_exact" \
            -v b="$bv_top_graphs" 'BEGIN { print (a == b && x + 0 < t) ? "PASS" : "FAIL" }')
        verdict_line "$ok" "slowest exact frustration index on $BALANCE_EXACT_ACTORS actors:" \
            "$bv_max s, $bv_top_exact of $bv_top_graphs exact (target < $BALANCE_EXACT_MAX_S s," \
            "all exact)"
    fi
    echo "$PIPE_VERDICT: balance benchmark (tables in $RESULTS, every small graph in" \
         "$OUT/balance-exact-*.txt)"
}

# ---------------------------------------------------------------------------- main ---

for part in $PARTS; do
    case $part in
    loader | pipeline | query | render | balance | report | align | timeline | errors | huge) ;;
    *) die "unknown part '$part' in BENCH_PARTS (loader, pipeline, query, render, balance," \
        "report, align, timeline, errors, huge)" ;;
    esac
done
preflight
mkdir -p "$OUT"
TMP=$(mktemp -d)
trap 'rm -rf "$TMP"' EXIT
trap 'exit 130' INT TERM
RAW=$OUT/raw.txt
RESULTS=$OUT/results.md
: > "$RAW"

if has_part loader || has_part pipeline || has_part query || has_part balance ||
    has_part align || has_part timeline; then
    for spec in $SIZES; do
        IFS=: read -r label actors relations <<EOF
$spec
EOF
        generate "$label" "$actors" "$relations"
    done
    [ -n "$SIZES" ] || die "no sizes to run (BENCH_SIZES is empty)"
fi
if has_part pipeline || has_part timeline; then
    pipe_preflight
fi

cpu=$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -n 1)
mem=$(awk '/^MemTotal/ { printf "%.0f GB", $2 / 1048576 }' /proc/meminfo 2>/dev/null || true)
btype=$(sed -n 's/^CMAKE_BUILD_TYPE:[A-Z]*=//p' "$BUILD/CMakeCache.txt" 2>/dev/null || true)
commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo "none")
dirty=$(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null | head -n 1)
{
    echo "Benchmark ($(echo $PARTS | sed 's/ /, /g')) of $(date -u +%Y-%m-%d), commit" \
         "$commit${dirty:+ with local changes}, build type ${btype:-unset}."
    echo "Machine: ${cpu:-unknown CPU}, $(nproc) cores, ${mem:-unknown memory}, $(uname -sr)."
    if has_part loader || has_part pipeline || has_part query; then
        echo "Every figure is the median of $REPEAT runs, each in a process of its own."
    fi
    if has_part loader; then
        echo "load s: time in the process to read the file and build the peer's structure;"
        echo "wall s, user s, sys s and peak RSS: the whole process, from GNU time."
    fi
} > "$RESULTS"

loader_status=0
if has_part loader; then
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

    # --------------------------------------------------------------------- verdict ---

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
        echo "- load time at most ${TIME_TARGET}× bare cJSON's: ${t_subject:-?} s /" \
             "${t_base:-?} s = ${time_x}×: **$time_ok**"
        echo "- peak RSS under ${RSS_TARGET}× the file's size: $(mib "$((${rss:-0} * 1024))")" \
             "MiB / $(mib "$bytes") MiB = ${rss_x}×: **$rss_ok**"
    } >> "$RESULTS"

    echo
    echo "$time_ok: load time on $last_label: ${t_subject:-?} s = ${time_x}x bare cJSON's" \
         "(${t_base:-?} s; target <= ${TIME_TARGET}x)"
    echo "$rss_ok: peak RSS on $last_label: $(mib "$((${rss:-0} * 1024))") MiB = ${rss_x}x the" \
         "file's size ($(mib "$bytes") MiB; target < ${RSS_TARGET}x)"
    echo "$verdict: loader benchmark (tables in $RESULTS, every run in $RAW)"
    [ "$verdict" = PASS ] || loader_status=1
fi

pipeline_status=0
if has_part pipeline; then
    {
        echo
        echo "## The analysis pipeline"
        echo
        echo "\`entente shift FILE --from $PIPE_FROM --to $PIPE_TO --top $PIPE_TOP\`" \
             "(the default metric, leverage) against the same pipeline in Python $PY_VERSION" \
             "with NetworkX $NX_VERSION (a DiGraph of reliance, weighted degrees) and with" \
             "python-igraph $IG_VERSION (a Graph of reliance, simplify and strength): load, a" \
             "snapshot at each date, the leverage of each, the top $PIPE_TOP changes. load s" \
             "and the other phases: as timed by each peer itself (entente under" \
             "ENTENTE_TIMING=1); analysis s: leverage and ranking (the" \
             "Python peers time the two apart); after-load s: snapshot s + analysis s;" \
             "total s: load to output, in the process; wall s and peak RSS: the whole" \
             "process, from GNU time (for the Python peers it includes starting Python and" \
             "importing the libraries). × entente: the peer's figure over entente's."
    } >> "$RESULTS"
    AGREE_FAIL=''
    last_label=''
    for spec in $SIZES; do
        IFS=: read -r label actors relations <<EOF
$spec
EOF
        file=$OUT/graph-$label.json
        cat "$file" > /dev/null
        rm -f "$OUT/top-$label-"*.txt
        echo
        echo "pipeline on $label ($WARMUP warm-up and $REPEAT counted runs of:$PIPE_RUN)..."
        [ "$SHIFT_BUILT" = yes ] || echo "entente shift not built yet; skipping"
        n=1
        while [ "$n" -le "$WARMUP" ]; do
            for peer in $PIPE_RUN; do
                pipe_once "$peer" "$file" "$label" warmup
            done
            n=$((n + 1))
        done
        n=1
        while [ "$n" -le "$REPEAT" ]; do
            for peer in $PIPE_RUN; do
                pipe_once "$peer" "$file" "$label" "$n"
            done
            n=$((n + 1))
        done
        pipe_table "$label" "$file" "$actors" "$relations"
        last_label=$label
    done
    pipe_verdict "$last_label"
    [ "$PIPE_VERDICT" = PASS ] || pipeline_status=1
fi

query_status=0
if has_part query; then
    [ -x "$BUILD/entente" ] || die "$BUILD/entente is missing: build first (make build)"
    first_label='' last_label='' last_file=''
    for spec in $SIZES; do
        label=${spec%%:*}
        echo
        echo "who questions on $label..."
        query_run "$label" "$OUT/graph-$label.json"
        [ -n "$first_label" ] || first_label=$label
        last_label=$label last_file=$OUT/graph-$label.json
    done
    query_table
    query_deep "$last_label"
    query_cli "$last_label" "$last_file"
    query_verdict "$first_label" "$last_label"
    [ "$PIPE_VERDICT" = PASS ] || query_status=1
fi

render_status=0
if has_part render; then
    for prog in "$BIN/ent_bench_render" "$BUILD/entente"; do
        [ -x "$prog" ] || die "$prog is missing: build first (make build)"
    done
    [ -f "$RENDER_SC" ] || die "$RENDER_SC is missing"
    [ -n "$RENDER_SIZES" ] || die "no sizes to draw (BENCH_RENDER_SIZES is empty)"
    render_start=$(date +%s)
    for a in $RENDER_SIZES; do
        generate "render-$a" "$a" "$((a * RENDER_PER_ACTOR))"
    done
    gv=$(dot -V 2>&1 | sed -n 's/.*version \([^ ]*\).*/\1/p' | head -n 1)
    {
        echo
        echo "## Diagrams (render)"
        echo
        echo "\`ent_bench_render FILE $RENDER_DAY ENGINE svg\` on synthetic graphs of" \
             "$RENDER_PER_ACTOR relations per actor: load, the snapshot on $RENDER_DAY, then" \
             "one ent_render call (layout, drawing, SVG output in memory) with Graphviz" \
             "${gv:-(version unknown)}. neato and sfdp are the engines the automatic choice" \
             "takes (neato up to 500 actors, sfdp beyond); dot and fdp can be forced with" \
             "--layout. runs: counted runs, each a process of its own, the median kept (an" \
             "engine slower than $RENDER_SLOW s on its first run of a size is run only once" \
             "there); render s: the ent_render call, timed inside the process; wall s, user s" \
             "and peak RSS: the whole process, from GNU time. One uncounted warm-up run per" \
             "engine on the South Caucasus graph comes first."
    } >> "$RESULTS"
    echo
    echo "warming up ($RENDER_ENGINES on graphs/south-caucasus.json, not counted)..."
    for e in $RENDER_ENGINES; do
        render_once "$e" "$RENDER_SC" warmup warmup after-2022
    done
    for a in $RENDER_SIZES; do
        file=$OUT/graph-render-$a.json
        cat "$file" > /dev/null
        render_size "$file" "$a"
    done
    for a in $RENDER_SIZES; do
        render_table "$OUT/graph-render-$a.json" "$a"
    done
    render_growth
    render_sc
    render_verdict
    [ "$PIPE_VERDICT" = PASS ] || render_status=1
    took=$(($(date +%s) - render_start))
    echo "render part: $took s"
    printf '\nThe render part took %s s.\n' "$took" >> "$RESULTS"
fi

balance_status=0
if has_part balance; then
    [ -x "$BIN/ent_bench_balance" ] || die "$BIN/ent_bench_balance is missing: build first" \
        "(make build)"
    balance_start=$(date +%s)
    {
        echo
        echo "## Structural balance (balance)"
        echo
        echo "\`ent_bench_balance graph FILE $BALANCE_DAY $BALANCE_REPEAT\` on the synthetic" \
             "graphs: load, the snapshot on $BALANCE_DAY, its signed projection (one tie per" \
             "pair of actors, the sign of the sum of both directions' weights and of the bond" \
             "of a shared defence alliance), then each step" \
             "$BALANCE_REPEAT times in the process, the median kept: summary s," \
             "ent_balance_tables with the summary only and the default options (what" \
             "\`entente balance --at\` computes: triangles, walk balance when no connected part" \
             "exceeds 1,000 actors, frustration exact on parts of up to 48 actors and heuristic" \
             "beyond); triangles s, ent_signed_triangles on the projection; frustration s," \
             "ent_frustration with exact_max 0, the heuristic alone. actors: those with a tie;" \
             "unbalanced: ++- and --- triangles; frustration, lower bound, method and walk" \
             "balance: the summary's (– when the walk balance was not computed); heuristic" \
             "alone: the upper bound the heuristic alone finds; load s, snapshot s: once each;" \
             "projection s: the benchmark's own projection, which the building blocks take as" \
             "input."
    } >> "$RESULTS"
    for spec in $SIZES; do
        label=${spec%%:*}
        echo "balance on $label ($BALANCE_REPEAT runs of each step:" \
             "$(commas "$BALANCE_STEPS"))..."
        balance_run "$label" "$OUT/graph-$label.json"
    done
    echo "exact frustration index on random graphs of $(commas "$BALANCE_EXACT_SIZES") actors" \
         "(densities $(commas "$BALANCE_DENSITIES" | sed 's/,/%,/g')%," \
         "$BALANCE_SEEDS seeds each)..."
    for n in $BALANCE_EXACT_SIZES; do
        for d in $BALANCE_DENSITIES; do
            balance_exact_run "$n" "$d"
        done
    done
    balance_table
    balance_exact_table
    balance_verdict
    [ "$PIPE_VERDICT" = PASS ] || balance_status=1
    took=$(($(date +%s) - balance_start))
    echo "balance part: $took s"
    printf '\nThe balance part took %s s.\n' "$took" >> "$RESULTS"
fi

# The report of the bundled graph, end to end from the command line: load, every snapshot
# and comparison, 32 diagrams, the three files written and renamed into place.
report_status=0
if has_part report; then
    sc=$ROOT/graphs/south-caucasus.json
    rdir=$TMP/report
    "$BUILD/entente" report "$sc" -o "$rdir" --force > /dev/null || die "entente report failed"
    : > "$TMP/report-times"
    for i in 1 2 3 4 5; do
        "$GNU_TIME" -f '%e %U %M' -o "$TMP/report-time" "$BUILD/entente" report "$sc" \
            -o "$rdir" --force > /dev/null || die "entente report failed"
        cat "$TMP/report-time" >> "$TMP/report-times"
        echo "report run=$i $(cat "$TMP/report-time")" >> "$RAW"
    done
    wall=$(cut -d' ' -f1 "$TMP/report-times" | median)
    user=$(cut -d' ' -f2 "$TMP/report-times" | median)
    rss=$(cut -d' ' -f3 "$TMP/report-times" | median)
    slowest=$(cut -d' ' -f1 "$TMP/report-times" | sort -n | tail -n 1)
    figures=$(find "$rdir/img" -name '*.svg' | wc -l)
    size=$(du -sk "$rdir" | cut -f1)
    verdict=$(awk -v w="$slowest" 'BEGIN { print (w < 2.0) ? "PASS" : "FAIL" }')
    [ "$verdict" = PASS ] || report_status=1
    echo
    echo "== report of graphs/south-caucasus.json, end to end (5 runs after a warm-up)"
    echo "median wall $wall s, user $user s, slowest $slowest s, peak RSS $((rss / 1024)) MiB," \
         "$figures diagrams, $size KiB written"
    echo "$verdict: the whole report in under 2 s (slowest run $slowest s)"
    {
        echo
        echo "## Report (report)"
        echo
        echo "\`entente report graphs/south-caucasus.json -o DIR --force\`, five runs after a" \
             "warm-up, each a process of its own (GNU time): load, every snapshot and" \
             "comparison, $figures diagrams, index.html, report.md and results.json written" \
             "and renamed into place ($size KiB)."
        echo
        echo "| median wall s | median user s | slowest wall s | peak RSS MiB |"
        echo "|---:|---:|---:|---:|"
        echo "| $wall | $user | $slowest | $((rss / 1024)) |"
        echo
        echo "- the whole report in under 2 s (slowest run $slowest s): **$verdict**"
    } >> "$RESULTS"
fi

# One actor against all others (`entente align`), after loading: ent_bench_align on every
# size, ALIGN_SAMPLE actors spread over the graph and the hub (most edges), each question
# ALIGN_REPEAT times in the process, the fastest kept. Target: the hub against every other
# actor, every row, in under ALIGN_MAX_S seconds on the largest file.
align_status=0
if has_part align; then
    [ -x "$BIN/ent_bench_align" ] || die "$BIN/ent_bench_align is missing: build first" \
        "(make build)"
    echo
    echo "== align: one actor against all others on $ALIGN_DAY after loading, seconds"
    printf '%-6s%9s%9s%8s%10s%10s%11s%11s%9s%8s\n' size actors edges queries "top20 med" \
        "top20 max" "hub top20" "hub all" "load s" "view s"
    {
        echo
        echo "## Alignment (align)"
        echo
        echo "\`ent_bench_align FILE $ALIGN_DAY $ALIGN_REPEAT $ALIGN_SAMPLE\`: load, the snapshot" \
             "on $ALIGN_DAY, then ent_align_table (S, pi and the direct tie of one actor with" \
             "every other present) for $ALIGN_SAMPLE actors spread over the graph with the first" \
             "20 rows, and for the hub (the actor with the most edges) with 20 rows and with" \
             "every row; each question $ALIGN_REPEAT times, the fastest kept."
        echo
        echo "| size | actors | edges | questions | top 20, median s | top 20, max s |" \
             "hub, top 20 s | hub, all rows s | load s | snapshot s |"
        echo "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
    } >> "$RESULTS"
    last=''
    for spec in $SIZES; do
        label=${spec%%:*}
        last=$label
        if ! "$BIN/ent_bench_align" "$OUT/graph-$label.json" "$ALIGN_DAY" "$ALIGN_REPEAT" \
            "$ALIGN_SAMPLE" > "$TMP/out" 2> "$TMP/err"; then
            echo "run.sh: ent_bench_align failed on $label:" >&2
            head -n 20 "$TMP/err" >&2
            echo "size=$label peer=align run=1 failed=1" >> "$RAW"
            printf '%-6s failed\n' "$label"
            echo "| $label | failed |" >> "$RESULTS"
            continue
        fi
        echo "size=$label peer=align run=1 $(sed -n 's/^summary //p' "$TMP/out")" >> "$RAW"
        f() { figure "$label" align "$1"; }
        printf '%-6s%9s%9s%8s%10s%10s%11s%11s%9s%8s\n' "$label" "$(f actors)" "$(f edges)" \
            "$(f queries)" "$(f top_median_s)" "$(f top_max_s)" "$(f hub_top_s)" \
            "$(f hub_all_s)" "$(f load_s)" "$(f view_s)"
        echo "| $label | $(f actors) | $(f edges) | $(f queries) | $(f top_median_s) |" \
             "$(f top_max_s) | $(f hub_top_s) | $(f hub_all_s) | $(f load_s) | $(f view_s) |" \
             >> "$RESULTS"
    done
    printf '\nAlignment target:\n\n' >> "$RESULTS"
    PIPE_VERDICT=PASS
    hub_all=$(figure "$last" align hub_all_s)
    if [ -z "$hub_all" ]; then
        verdict_line FAIL "ent_bench_align failed on $last"
    else
        ok=$(awk -v x="$hub_all" -v t="$ALIGN_MAX_S" 'BEGIN { print (x + 0 < t) ? "PASS" : "FAIL" }')
        verdict_line "$ok" "the hub against every other actor on $last, every row: $hub_all s" \
            "after loading (target < $ALIGN_MAX_S s)"
    fi
    [ "$PIPE_VERDICT" = PASS ] || align_status=1
    echo "$PIPE_VERDICT: align benchmark (tables in $RESULTS)"
fi

# Metrics over time (`entente timeline`) on the largest size: TIMELINE_STEPS monthly steps
# of leverage from TIMELINE_FROM for the 10 actors `--top 10` picks, after loading (the
# timing lines of ENTENTE_TIMING=1), as one sweep and with --no-sweep (a fresh snapshot per
# step), against the same loop in python-igraph and NetworkX (timeline_peer.py: the pipeline
# peers' own functions, a snapshot and leverage per step). Every value of every peer must
# agree with entente's to the 3 decimals entente prints. Targets: the sweep at least 20 times faster
# than python-igraph's loop and at least 3 times faster than --no-sweep.
timeline_status=0
if has_part timeline; then
    last=''
    for spec in $SIZES; do last=${spec%%:*}; done
    file=$OUT/graph-$last.json
    echo
    echo "== timeline: $TIMELINE_STEPS monthly steps of leverage on $last (loop: after loading)"
    PIPE_VERDICT=PASS
    to=$("$PYTHON" -c 'import calendar, datetime, sys
d = datetime.date.fromisoformat(sys.argv[1]); m = d.month - 1 + int(sys.argv[2]) - 1
y, m = d.year + m // 12, m % 12 + 1
print(datetime.date(y, m, min(d.day, calendar.monthrange(y, m)[1])))' "$TIMELINE_FROM" "$TIMELINE_STEPS")
    # Each run under GNU time: its wall time and peak RSS (MB) into $TMP/tl-time.
    tl() { "$GNU_TIME" -f '%e %M' -o "$TMP/tl-time" env ENTENTE_TIMING=1 "$BUILD/entente" \
        timeline "$file" --from "$TIMELINE_FROM" --to "$to" --every month --format csv "$@"; }
    secs() { sed -n "s/^timing $1=//p" "$TMP/err" | head -n 1; }
    wall() { awk '{ print $1 }' "$TMP/tl-time"; }
    rss() { awk '{ printf "%.0f", $2 / 1024 }' "$TMP/tl-time"; }
    tl --top 10 > "$TMP/top.csv" 2> "$TMP/err" || die "entente timeline --top 10 failed on $last"
    actors=$("$PYTHON" -c 'import csv, sys
print(",".join(r["actor"] for r in list(csv.DictReader(open(sys.argv[1], newline="")))[:10]))' \
        "$TMP/top.csv")
    tl --actors "$actors" > "$TMP/entente.csv" 2> "$TMP/err" ||
        die "entente timeline --actors failed on $last"
    sweep=$(secs timeline_s)
    load=$(secs load_s)
    sweep_wall=$(wall)
    sweep_rss=$(rss)
    tl --actors "$actors" --no-sweep > "$TMP/fresh.csv" 2> "$TMP/err" ||
        die "entente timeline --no-sweep failed on $last"
    fresh=$(secs timeline_s)
    fresh_load=$(secs load_s)
    fresh_wall=$(wall)
    fresh_rss=$(rss)
    cmp -s "$TMP/entente.csv" "$TMP/fresh.csv" ||
        verdict_line FAIL "the sweep and --no-sweep printed different tables"
    {
        echo
        echo "## Metrics over time (timeline)"
        echo
        echo "$TIMELINE_STEPS monthly steps of leverage from $TIMELINE_FROM to $to on $last," \
             "for the 10 actors \`entente timeline --top 10\` picks; seconds after loading" \
             "(entente: its ENTENTE_TIMING figure timeline_s; Python: the loop of" \
             "timeline_peer.py, a snapshot and leverage per step with the pipeline peers'" \
             "functions); wall time and peak RSS of the whole process (GNU time). One run each."
        echo
        echo "| loop | load s | loop s | wall s | peak RSS MB | entente's sweep faster by (loop) |"
        echo "|---|---:|---:|---:|---:|---:|"
        echo "| entente timeline (one sweep) | $load | $sweep | $sweep_wall | $sweep_rss | 1 |"
        echo "| entente timeline --no-sweep (a snapshot per step) | $fresh_load | $fresh |" \
             "$fresh_wall | $fresh_rss |" \
             "$(awk -v a="$fresh" -v b="$sweep" 'BEGIN { printf "%.1f", a / b }') |"
    } >> "$RESULTS"
    printf '%-36s%9s%10s%9s%9s\n' loop "load s" "loop s" "wall s" "RSS MB"
    printf '%-36s%9s%10s%9s%9s\n' "entente (sweep)" "$load" "$sweep" "$sweep_wall" "$sweep_rss"
    printf '%-36s%9s%10s%9s%9s\n' "entente --no-sweep" "$fresh_load" "$fresh" "$fresh_wall" \
        "$fresh_rss"
    ig_loop=''
    for peer in $TIMELINE_PEERS; do
        if ! "$GNU_TIME" -f '%e %M' -o "$TMP/tl-time" "$PYTHON" \
            "$ROOT/tests/bench/timeline_peer.py" "$peer" "$file" "$VOCAB" \
            "$TIMELINE_FROM" "$TIMELINE_STEPS" "$actors" > "$TMP/$peer.csv" 2> "$TMP/err"; then
            head -n 20 "$TMP/err" >&2
            echo "FAIL the $peer loop failed" >> "$TMP/agree"
            continue
        fi
        pload=$(sed -n 's/.*load_s=\([0-9.]*\).*/\1/p' "$TMP/err")
        ploop=$(sed -n 's/.*loop_s=\([0-9.]*\).*/\1/p' "$TMP/err")
        [ "$peer" = igraph ] && ig_loop=$ploop
        printf '%-36s%9s%10s%9s%9s\n' "$peer loop" "$pload" "$ploop" "$(wall)" "$(rss)"
        echo "| $peer loop | $pload | $ploop | $(wall) | $(rss) |" \
             "$(awk -v a="$ploop" -v b="$sweep" 'BEGIN { printf "%.1f", a / b }') |" >> "$RESULTS"
        # Agreement: every (date, actor) value, entente's empty (absent) read as 0.
        bad=$("$PYTHON" - "$TMP/entente.csv" "$TMP/$peer.csv" <<'PY'
import csv, sys
ent = {}
for row in csv.DictReader(open(sys.argv[1], newline="")):
    ent[(row["date"], row["actor"])] = float(row["value"]) if row["value"] else 0.0
bad = n = 0
for line in open(sys.argv[2]):
    d, a, v = line.strip().split(",")
    n += 1
    x = ent.get((d, a))
    if x is None or abs(x - float(v)) > 0.0005 + 1e-9 * abs(x):  # entente prints 3 decimals
        bad += 1
print(bad if n == len(ent) else -1)
PY
)
        if [ "$bad" = 0 ]; then
            echo "PASS the $peer loop agrees with entente on every value" >> "$TMP/agree"
        else
            echo "FAIL the $peer loop disagrees with entente ($bad values, -1: other rows)" \
                >> "$TMP/agree"
        fi
    done
    printf '\nTimeline targets:\n\n' >> "$RESULTS"
    if [ -f "$TMP/agree" ]; then
        while read -r v text; do verdict_line "$v" "$text"; done < "$TMP/agree"
    fi
    ok=$(awk -v a="$fresh" -v b="$sweep" 'BEGIN { print (a >= 3 * b) ? "PASS" : "FAIL" }')
    verdict_line "$ok" "the sweep $sweep s against --no-sweep $fresh s (target: 3x faster)"
    if [ -n "$ig_loop" ]; then
        ok=$(awk -v a="$ig_loop" -v b="$sweep" 'BEGIN { print (a >= 20 * b) ? "PASS" : "FAIL" }')
        verdict_line "$ok" "the sweep $sweep s against python-igraph's loop $ig_loop s" \
            "(target: 20x faster)"
    fi
    [ "$PIPE_VERDICT" = PASS ] || timeline_status=1
    echo "$PIPE_VERDICT: timeline benchmark (tables in $RESULTS)"
fi

# Error reporting (`entente check --max-errors 0`) on a minified one-line file whose every
# element is an error, ERRORS_SIZES errors (each element of "actors" a number), the median
# wall time of 3 runs. Targets: the largest in under ERRORS_MAX_S seconds, and the time per
# error on the largest at most ERRORS_GROWTH times that on the smallest (locating a
# diagnostic does not walk its line from the start).
errors_status=0
if has_part errors; then
    [ -x "$BUILD/entente" ] || die "$BUILD/entente is missing: build first (make build)"
    echo
    echo "== errors: entente check --max-errors 0 on one line, median of 3 runs"
    printf '%-9s%10s%10s%12s\n' errors "wall s" "user s" "us/error"
    {
        echo
        echo "## Error reporting (errors)"
        echo
        echo "\`entente check --max-errors 0 --quiet FILE\` on a minified one-line file whose" \
             "every element of \"actors\" is a number (one error each), the median of 3 runs."
        echo
        echo "| errors | median wall s | median user s | us per error |"
        echo "|---:|---:|---:|---:|"
    } >> "$RESULTS"
    first_per='' last_per='' last_wall=''
    for n in $ERRORS_SIZES; do
        f=$TMP/errors-$n.json
        awk -v n="$n" 'BEGIN { printf "{\"format\":\"entente/1\",\"actors\":[1";
            for (i = 1; i < n; i++) printf ",1"; printf "]}" }' > "$f"
        : > "$TMP/errors-times"
        for i in 1 2 3; do
            "$GNU_TIME" -f '%e %U' -o "$TMP/errors-time" "$BUILD/entente" check \
                --max-errors 0 --quiet "$f" > /dev/null 2>&1 || : # exit status 1: errors
            # GNU time writes a line about the exit status first.
            tail -n 1 "$TMP/errors-time" >> "$TMP/errors-times"
            echo "errors=$n run=$i $(tail -n 1 "$TMP/errors-time")" >> "$RAW"
        done
        wall=$(cut -d' ' -f1 "$TMP/errors-times" | median)
        user=$(cut -d' ' -f2 "$TMP/errors-times" | median)
        per=$(awk -v w="$wall" -v n="$n" 'BEGIN { printf "%.2f", w * 1e6 / n }')
        [ -n "$first_per" ] || first_per=$per
        last_per=$per
        last_wall=$wall
        printf '%-9s%10s%10s%12s\n' "$n" "$wall" "$user" "$per"
        echo "| $n | $wall | $user | $per |" >> "$RESULTS"
    done
    printf '\nError reporting targets:\n\n' >> "$RESULTS"
    PIPE_VERDICT=PASS
    ok=$(awk -v x="$last_wall" -v t="$ERRORS_MAX_S" 'BEGIN { print (x + 0 < t) ? "PASS" : "FAIL" }')
    verdict_line "$ok" "the largest file in $last_wall s (target < $ERRORS_MAX_S s)"
    ok=$(awk -v a="$first_per" -v b="$last_per" -v g="$ERRORS_GROWTH" \
        'BEGIN { print (b + 0 <= g * (a + 0) || b + 0 < 5) ? "PASS" : "FAIL" }')
    verdict_line "$ok" "$last_per us per error on the largest, $first_per on the smallest" \
        "(target: at most $ERRORS_GROWTH times, or under 5 us)"
    [ "$PIPE_VERDICT" = PASS ] || errors_status=1
    echo "$PIPE_VERDICT: errors benchmark (tables in $RESULTS)"
fi

# A huge input: `entente check` on a generated file of about 2 GB (HUGE_RELATIONS relations),
# HUGE_REPEAT runs, the median wall time and peak RSS. Target: peak RSS at most
# HUGE_RSS_TARGET times the file's size.
huge_status=0
if has_part huge; then
    [ -x "$BUILD/entente" ] || die "$BUILD/entente is missing: build first (make build)"
    generate huge "$HUGE_ACTORS" "$HUGE_RELATIONS"
    f=$OUT/graph-huge.json
    bytes=$(wc -c < "$f")
    echo
    echo "== huge: entente check on $(mib "$bytes") MiB, median of $HUGE_REPEAT runs"
    : > "$TMP/huge-times"
    for i in $(seq "$HUGE_REPEAT"); do
        "$GNU_TIME" -f '%e %U %M' -o "$TMP/huge-time" "$BUILD/entente" check --quiet "$f" \
            > /dev/null 2>&1 || die "entente check failed on $f"
        tail -n 1 "$TMP/huge-time" >> "$TMP/huge-times"
        echo "huge run=$i bytes=$bytes $(tail -n 1 "$TMP/huge-time")" >> "$RAW"
    done
    wall=$(cut -d' ' -f1 "$TMP/huge-times" | median)
    user=$(cut -d' ' -f2 "$TMP/huge-times" | median)
    rss=$(cut -d' ' -f3 "$TMP/huge-times" | median)
    times=$(awk -v r="$rss" -v b="$bytes" 'BEGIN { printf "%.2f", r * 1024 / b }')
    printf '%12s%10s%10s%14s%12s\n' "file MiB" "wall s" "user s" "peak RSS MiB" "× file"
    printf '%12s%10s%10s%14s%12s\n' "$(mib "$bytes")" "$wall" "$user" "$(mib "$((rss * 1024))")" \
        "$times"
    {
        echo
        echo "## A huge input (huge)"
        echo
        echo "\`entente check --quiet FILE\` on a generated file of $HUGE_RELATIONS relations," \
             "the median of $HUGE_REPEAT runs."
        echo
        echo "| file MiB | relations | wall s | user s | peak RSS MiB | peak RSS / file size |"
        echo "|---:|---:|---:|---:|---:|---:|"
        echo "| $(mib "$bytes") | $HUGE_RELATIONS | $wall | $user | $(mib "$((rss * 1024))") |" \
             "$times |"
        printf '\nHuge input target:\n\n'
    } >> "$RESULTS"
    PIPE_VERDICT=PASS
    ok=$(awk -v x="$times" -v t="$HUGE_RSS_TARGET" 'BEGIN { print (x + 0 <= t) ? "PASS" : "FAIL" }')
    verdict_line "$ok" "peak RSS $times times the file's size (target: at most $HUGE_RSS_TARGET)"
    [ "$PIPE_VERDICT" = PASS ] || huge_status=1
    echo "$PIPE_VERDICT: huge benchmark (tables in $RESULTS)"
fi

[ "$loader_status" -eq 0 ] && [ "$pipeline_status" -eq 0 ] && [ "$query_status" -eq 0 ] &&
    [ "$render_status" -eq 0 ] && [ "$balance_status" -eq 0 ] && [ "$report_status" -eq 0 ] &&
    [ "$align_status" -eq 0 ] && [ "$timeline_status" -eq 0 ] && [ "$errors_status" -eq 0 ] &&
    [ "$huge_status" -eq 0 ]
