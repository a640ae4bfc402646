#!/bin/sh
# entente info: refusing bad data, the JSON form, comparisons in file order
# with the headline marked, and the kinds of sources.
#
# usage: info.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
src=$2
. "$src/tests/tools/checks.sh"
start "$@"

ex=$src/examples/minimal.json
fx=$src/tests/fixtures/invalid
kinds=$src/tests/fixtures/cli/kinds.json

expect "info refuses bad data" 1 '\[unknown-actor\]' "$bin" info "$fx/unknown-actor.json"

"$bin" info --format json "$ex" > info.json
if $PY - info.json <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["actors"] == {"total": 4, "by_kind": {"state": 3, "alliance": 1}}, d["actors"]
r = d["relations"]
assert (r["total"], r["durable"], r["events"]) == (5, 2, 3), r
assert r["by_status"] == {"confirmed": 5}, r
assert d["dates"] == {"first": "1994-04-20", "last": "2022-12"}, d["dates"]
assert [s["id"] for s in d["snapshots"]] == ["before-2022", "after-2022"]
assert d["sources"][0]["publisher"] == "The Kyiv Independent"
PY
then ok "info --format json"; else bad "info --format json"; fi

# Comparisons: in file order, the headline marked. The columns were counted
# by hand: the id padded to 20 characters, "headline" (or as many spaces) from
# column 54, then the label, and no spaces at the end of a line.
cat > compare.json <<'JSON'
{"format": "entente/1",
 "snapshots": [{"id": "war-2020", "at": "2020-10-15"}, {"id": "before-2022", "at": "2022-02-23"},
               {"id": "after-2022", "at": "2023-09-21"}],
 "comparisons": [{"id": "since-war-2020", "from": "war-2020", "to": "after-2022"},
                 {"id": "before-after-2022", "from": "before-2022", "to": "after-2022",
                  "label": "Before and after", "headline": true}]}
JSON
printf '%s\n' 'comparisons 2' \
    '  since-war-2020       war-2020 -> after-2022' \
    '  before-after-2022    before-2022 -> after-2022     headline Before and after' > compare.want
"$bin" info compare.json > compare.txt
status=$?
[ $status -eq 0 ] && tail -n 3 compare.txt | cmp -s - compare.want && ok "info lists comparisons" ||
    bad "info lists comparisons: exit $status, $(tail -n 3 compare.txt)"
"$bin" info --format json compare.json > compare.json.out
"$bin" info --format json "$src/graphs/south-caucasus.json" > compare-sc.json.out
if $PY - compare.json.out compare-sc.json.out <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
assert d["comparisons"] == [
    {"id": "since-war-2020", "from": "war-2020", "to": "after-2022", "label": "",
     "headline": False},
    {"id": "before-after-2022", "from": "before-2022", "to": "after-2022",
     "label": "Before and after", "headline": True}], d["comparisons"]
# The data set leads with the article's own comparison.
sc = [c for c in json.load(open(sys.argv[2]))["comparisons"] if c["headline"]]
assert [(c["id"], c["from"], c["to"]) for c in sc] == [
    ("before-after-2022", "before-2022", "after-2022")], sc
PY
then ok "info --format json lists comparisons"; else bad "info --format json lists comparisons"; fi

expect "sources: info lists kinds" 0 '^  art: The article \[article\]$' "$bin" info "$kinds"

finish
