#!/bin/sh
# The import/export benchmark (issue "entente import and entente export"):
#   import: `entente import gdelt` on the real GDELT sample and on a synthetic
#           GDELT 2.0 table of IO_ROWS rows (default 1,000,000) drawn from the
#           sample's distributions (gen-gdelt.py), against the same import in
#           Python with the csv module and with pandas (import-python.py);
#   export: `entente export --to gexf|gexf-1.2|graphml` of the benchmark's
#           synthetic graph of 1M relations (tests/bench/gen.c) against
#           NetworkX's write_gexf (GEXF 1.2, so compare gexf-1.2) and
#           write_graphml of the same graph (export-networkx.py).
# Wall time, CPU time (user + system) and peak RSS of each process with GNU time, one run each, in one
# table. Nothing is asserted: the figures go to docs/import.md and the README.
#
# usage: run.sh ENTENTE_BIN GEN_BIN SOURCE_DIR OUT_DIR
# env: IO_ROWS (synthetic rows), IO_SAMPLE (the GDELT sample), IO_PARTS ("import export")
set -eu
bin=$1 gen=$2 src=$3 out=$4
rows=${IO_ROWS:-1000000}
sample=${IO_SAMPLE:-$src/../shared/external/gdelt/gdelt2_events_sample_2017.csv}
parts=${IO_PARTS:-"import export"}
here=$(cd "$(dirname "$0")" && pwd)
py=/usr/bin/python3
mkdir -p "$out"
res=$out/io-results.txt
: > "$res"

# measure LABEL CMD...: one line "LABEL wall_s rss_mb" in $res
measure() {
    label=$1
    shift
    if /usr/bin/time -f '%e %M %U %S' -o "$out/time" "$@" > "$out/stdout" 2> "$out/stderr"; then
        set -- $(tail -n 1 "$out/time")
        awk -v l="$label" -v w="$1" -v k="$2" -v u="$3" -v s="$4" \
            'BEGIN { printf "%-46s %8.2f s wall %8.2f s cpu %7.0f MB\n", l, w, u + s, k / 1024 }' |
            tee -a "$res"
    else
        echo "$label: failed" | tee -a "$res"
        sed 's/^/    /' "$out/stderr"
    fi
}

for part in $parts; do
case $part in
import)
    if [ ! -f "$sample" ]; then
        echo "import part skipped: no GDELT sample at $sample"
        continue
    fi
    "$bin" types --cameo --format json > "$out/rules.json"
    "$bin" types --format json > "$out/types.json"
    measure "import gdelt, sample (6,090 rows): entente" "$bin" import gdelt -q "$sample" -o "$out/sample.json"
    syn=$out/gdelt-$rows.tsv
    if [ ! -f "$syn" ]; then
        echo "generating $syn ($rows rows)..."
        $py "$here/gen-gdelt.py" "$rows" "$sample" "$syn.tmp" && mv "$syn.tmp" "$syn"
    fi
    echo "synthetic table: $(du -m "$syn" | cut -f1) MB, $rows rows" | tee -a "$res"
    measure "import gdelt, $rows rows: entente" "$bin" import gdelt "$syn" -o "$out/syn-entente.json"
    grep 'rows read' "$out/stderr" | sed 's/^/    /' | tee -a "$res"
    measure "import gdelt, $rows rows: Python csv module" $py "$here/import-python.py" csv "$syn" "$out/rules.json" "$out/types.json" "$out/syn-csv.json"
    sed 's/^/    /' "$out/stderr" | tee -a "$res"
    measure "import gdelt, $rows rows: pandas" $py "$here/import-python.py" pandas "$syn" "$out/rules.json" "$out/types.json" "$out/syn-pandas.json"
    sed 's/^/    /' "$out/stderr" | tee -a "$res"
    gzip -kf "$syn"
    measure "import gdelt, $rows rows, .gz: entente" "$bin" import gdelt -q "$syn.gz" -o "$out/syn-gz.json"
    ;;
export)
    graph=$out/graph-1M.json
    if [ ! -f "$graph" ]; then
        echo "generating $graph (100,000 actors, 1,000,000 relations)..."
        "$gen" 100000 1000000 > "$graph.tmp" && mv "$graph.tmp" "$graph"
    fi
    measure "check 1M (loading alone): entente" "$bin" check "$graph"
    for f in gexf gexf-1.2 graphml json-graph csv; do
        measure "export 1M --to $f: entente" "$bin" export "$graph" --to $f -o "$out/big.$f"
    done
    for f in gexf graphml; do
        measure "export 1M --to $f (1.2 for gexf): NetworkX" $py "$here/export-networkx.py" $f "$graph" "$out/big-nx.$f"
        sed 's/^/    /' "$out/stderr" | tee -a "$res"
    done
    rm -f "$out"/big.* "$out"/big-nx.*
    ;;
esac
done
echo "results in $res"
