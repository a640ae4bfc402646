#!/bin/sh
# The graph files and other inputs are never overwritten, by any command that
# writes files (one check, cli_output_clash in src/cli/run.c): an output that
# is an input (the same path, another spelling, a symbolic or a hard link) is
# refused by import, export, render and report, and report also refuses an
# output directory that holds an input at any depth. Each refusal is a usage
# error (exit 2) that names the file, and the input is left byte for byte.
#
# usage: general-input-protection.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
bin=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
. "$src/tests/tools/checks.sh"

# same NAME FILE COPY: FILE is still byte for byte COPY.
same() {
    if cmp -s "$2" "$3"; then ok "$1: the input is unchanged"; else bad "$1: the input changed"; fi
}

cp "$src/tests/fixtures/render/alliance.json" g.json
cp g.json keep.json
ln g.json hard.json
ln -s g.json link.json

# --- export ------------------------------------------------------------------
expect "export onto its input" 2 "'g.json' is one of the input files; not overwritten" \
    "$bin" export g.json --to graphml -o g.json
expect "export onto a hard link of its input" 2 "'hard.json' is one of the input files" \
    "$bin" export g.json --to graphml -o hard.json
expect "export onto a symbolic link to its input" 2 "'link.json' is one of the input files" \
    "$bin" export g.json --to graphml -o link.json
expect "export onto ./ and its input's name" 2 "is one of the input files" \
    "$bin" export g.json --to graphml -o ./g.json
same "export" g.json keep.json
expect "export elsewhere" 0 "" "$bin" export g.json --to graphml -o out.graphml
if [ -s out.graphml ]; then ok "export elsewhere writes"; else bad "export elsewhere wrote nothing"; fi

# --- import ------------------------------------------------------------------
printf 'src,dst,kind,date\nA,B,attacks,2023-09-19\n' > t.csv
cp t.csv t.keep
ln t.csv t-hard.csv
expect "import onto its input" 2 "'t.csv' is one of the input files; not overwritten" \
    "$bin" import csv t.csv --map source=src,target=dst,type=kind,at=date -o t.csv
expect "import onto a hard link of its input" 2 "'t-hard.csv' is one of the input files" \
    "$bin" import csv t.csv --map source=src,target=dst,type=kind,at=date -o t-hard.csv
same "import" t.csv t.keep
expect "import elsewhere" 0 "" \
    "$bin" import csv t.csv --map source=src,target=dst,type=kind,at=date -o t.json

# --- render ------------------------------------------------------------------
expect "render onto its input" 2 "'g.json' is one of the graph files" \
    "$bin" render g.json --at early --format svg -o g.json
same "render" g.json keep.json

# --- report ------------------------------------------------------------------
mkdir -p d/deeper
cp g.json d/deeper/g.json
expect "report into its input" 2 "'g.json' is one of the graph files; choose another directory" \
    "$bin" report g.json -o g.json
expect "report into a directory that holds its input" 2 \
    "'d' holds the graph file 'd/deeper/g.json'; choose another directory" \
    "$bin" report d/deeper/g.json -o d --force
expect "report into the input's own directory" 2 "'d/deeper' holds the graph file" \
    "$bin" report d/deeper/g.json -o d/deeper --force
same "report" d/deeper/g.json keep.json
same "report" g.json keep.json

printf '%d passed, %d failed\n' "$pass" "$fail"
[ "$fail" -eq 0 ]
