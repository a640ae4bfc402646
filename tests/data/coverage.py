#!/usr/bin/env python3
"""The coverage table of graphs/README.md against graphs/south-caucasus.json.

The README numbers every paragraph of the article and lists, for each, the relations whose
evidence cites it and the actors that first appear there, or why nothing is coded. This test
reads that table (the first Markdown table after the heading "### Coverage") and checks:

- the paragraph rows are numbered 1, 2, ... without gaps, followed by one row "ref" for what
  rests on the reference source alone;
- every id in backticks in the "coded by" column is a relation or an actor of the graph;
- every relation and every actor of the graph appears in the table;
- a relation is listed at paragraph N exactly when one of its evidence entries cites the
  article with a locator "pN: ...", and in the "ref" row exactly when none does;
- a row that codes nothing says why.

usage: coverage.py SOURCE_DIR
Python 3 standard library only. Exit 0 when every check passes, 1 otherwise.
"""
import json
import os
import re
import sys

GRAPH = "graphs/south-caucasus.json"
README = "graphs/README.md"


def table_rows(text):
    """The cells of each body row of the first table after '### Coverage'."""
    at = text.find("\n### Coverage")
    if at < 0:
        raise SystemExit("no '### Coverage' heading in %s" % README)
    rows, started = [], False
    for line in text[at:].splitlines()[1:]:
        if line.startswith("|"):
            started = True
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", line.strip())[1:-1]]
            rows.append(cells)
        elif started:
            break
    if len(rows) < 2:
        raise SystemExit("no table under '### Coverage' in %s" % README)
    return rows[2:]  # header and separator


def main():
    src = sys.argv[1] if len(sys.argv) > 1 else "."
    graph = json.load(open(os.path.join(src, GRAPH), encoding="utf-8"))
    text = open(os.path.join(src, README), encoding="utf-8").read()
    kinds = {s["id"]: s.get("kind") for s in graph["sources"]}
    relations = {r["id"]: r for r in graph["relations"] if "id" in r}
    actors = {a["id"] for a in graph["actors"]}
    problems = []
    if len(relations) != len(graph["relations"]):
        problems.append("every relation needs an id to be listed in the coverage table")

    # Where each relation's article evidence points.
    cited = {}
    for rid, r in relations.items():
        ps = set()
        for e in r.get("evidence", []):
            if kinds.get(e.get("source")) != "article":
                continue
            m = re.match(r"p(\d+): ", e.get("locator", ""))
            if not m:
                problems.append("%s: article evidence without a 'pN: ' locator" % rid)
                continue
            ps.add(m.group(1))
        cited[rid] = ps or {"ref"}

    listed = {}  # row label -> set of relation ids
    seen_rel, seen_act = set(), set()
    expect = 1
    for cells in table_rows(text):
        if len(cells) != 4:
            problems.append("row %r: %d cells, want 4" % (cells[:1], len(cells)))
            continue
        label, _, coded, why = cells
        if label != "ref":
            if label != str(expect):
                problems.append("row %s: want paragraph %d" % (label, expect))
            expect = int(label) + 1 if label.isdigit() else expect + 1
        ids = re.findall(r"`([^`]+)`", coded)
        if not ids and not why:
            problems.append("row %s codes nothing and gives no reason" % label)
        rels = set()
        for i in ids:
            if i in relations:
                rels.add(i)
                seen_rel.add(i)
            elif i in actors:
                seen_act.add(i)
            else:
                problems.append("row %s: %r is neither a relation nor an actor" % (label, i))
        listed[label] = rels
    if "ref" not in listed:
        problems.append("no 'ref' row")

    for rid in sorted(set(relations) - seen_rel):
        problems.append("relation %s is not in the coverage table" % rid)
    for aid in sorted(actors - seen_act):
        problems.append("actor %s is not in the coverage table" % aid)
    for rid, ps in cited.items():
        rows = {label for label, rels in listed.items() if rid in rels}
        if rows != ps:
            problems.append("relation %s: listed at %s, its evidence cites %s"
                            % (rid, sorted(rows), sorted(ps)))

    for p in problems:
        print("FAIL " + p)
    print("%d rows, %d relations, %d actors: %s"
          % (len(listed), len(relations), len(actors), "ok" if not problems else
             "%d problems" % len(problems)))
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
