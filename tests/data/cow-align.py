#!/usr/bin/env python3
"""cow-align.py: `entente align` against real data nobody on the project wrote.

    cow-align.py ENTENTE_BINARY MIDB_CSV [DISPUTE...]

Reads the Correlates of War militarized interstate disputes, participant level
(MIDB 4.3: one row per participant spell, with its side `sidea` 1/0 and its
start and end day, month and year, -9 for an unknown day or month), keeps the
disputes named (default 258, the Second World War), and writes an entente graph
into a temporary folder: one actor per state, and for every two spells of
different states in one dispute that overlap in time, a durable relation over
the overlap, `dispute_side_with` (+1) when the two are on the same side,
`dispute_opponent` (-1) when they are not. Types of the graph's own, so the
test does not depend on the built-in vocabulary. Nothing derived from the data
is kept once the test ends.

Then it checks, with the sides worked out here from the CSV and nowhere else:

1. on dates inside the spells, for every state taking part on that date: every
   partner on its side has a positive direct tie and a higher S than every
   partner on the other side, which has a negative tie;
2. a state with spells on both sides of one dispute (Italy in 1943, Romania,
   Bulgaria and Finland in 1944 ...) changes alignment when it changes side:
   between a date inside a spell on one side and a date inside a spell on the
   other, its S with a partner whose side stayed the same falls when they
   part and rises when they meet, and the direct tie turns accordingly.

Exits 77 (skipped) when the CSV is absent: the data is not part of the project.
"""
import csv
import datetime
import json
import os
import subprocess
import sys
import tempfile

SKIP = 77


def fail(msg):
    print("FAIL " + msg)
    sys.exit(1)


def partial(year, month, day, last):
    """The first (or, with last, the last) day of a COW date with -9 parts."""
    y = int(year)
    m = int(month)
    d = int(day)
    if m < 1:
        return datetime.date(y, 12, 31) if last else datetime.date(y, 1, 1)
    if d < 1:
        if not last:
            return datetime.date(y, m, 1)
        nxt = datetime.date(y + (m == 12), m % 12 + 1, 1)
        return nxt - datetime.timedelta(days=1)
    return datetime.date(y, m, d)


def read_spells(path, disputes):
    """Spells of the disputes: dicts with dispute, ccode, abbreviation, side, first, last."""
    spells = []
    with open(path, newline="") as f:
        for row in csv.DictReader(f):
            if row["dispnum3"] not in disputes:
                continue
            spells.append({
                "dispute": row["dispnum3"],
                "ccode": int(row["ccode"]),
                "abb": row["stabb"],
                "side": int(row["sidea"]),
                "first": partial(row["styear"], row["stmon"], row["stday"], False),
                "last": partial(row["endyear"], row["endmon"], row["endday"], True),
            })
    return spells


def actor_id(ccode):
    return "c%d" % ccode


def write_graph(spells, path):
    """The entente graph of the spells (see the top of the file). Returns the relation count."""
    states = {}
    for s in spells:
        states.setdefault(s["ccode"], s["abb"])
    relations = []
    for i, a in enumerate(spells):
        for j in range(i + 1, len(spells)):
            b = spells[j]
            if a["dispute"] != b["dispute"] or a["ccode"] == b["ccode"]:
                continue
            first, last = max(a["first"], b["first"]), min(a["last"], b["last"])
            if first > last:
                continue
            same = a["side"] == b["side"]
            relations.append({
                "id": "d%s-%d-%d" % (a["dispute"], i, j),
                "source": actor_id(a["ccode"]),
                "target": actor_id(b["ccode"]),
                "type": "dispute_side_with" if same else "dispute_opponent",
                "from": first.isoformat(),
                "to": last.isoformat(),
                "status": "confirmed",
                "evidence": [{"source": "cow-midb",
                              "locator": "dispute %s, spells of %s and %s" %
                                         (a["dispute"], a["abb"], b["abb"])}],
            })
    doc = {
        "format": "entente/1",
        "title": "Militarized interstate disputes (COW MIDB 4.3), converted at test time",
        "sources": [{"id": "cow-midb", "title": "Militarized Interstate Disputes, participant "
                     "level (MIDB) 4.3", "publisher": "Correlates of War Project"}],
        "relation_types": [
            {"id": "dispute_side_with", "label": "on the same side of a dispute", "sign": 1,
             "intensity": 5, "durable": True},
            {"id": "dispute_opponent", "label": "on opposite sides of a dispute", "sign": -1,
             "intensity": -5, "durable": True},
        ],
        "actors": [{"id": actor_id(c), "name": abb, "kind": "state"}
                   for c, abb in sorted(states.items())],
        "relations": relations,
    }
    with open(path, "w") as f:
        json.dump(doc, f, indent=1)
    return len(relations)


def side_on(spells, ccode, dispute, day):
    """The side (1: A, 0: B) of a state in a dispute on a day, or None when not taking part."""
    for s in spells:
        if s["ccode"] == ccode and s["dispute"] == dispute and s["first"] <= day <= s["last"]:
            return s["side"]
    return None


def align(entente, graph, *args):
    """Rows of `entente align GRAPH ARGS --format csv` as dicts."""
    cmd = [entente, "align", graph] + list(args) + ["--format", "csv"]
    run = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                         universal_newlines=True)
    if run.returncode != 0:
        fail("%s: exit %d: %s" % (" ".join(cmd), run.returncode, run.stderr.strip()))
    return list(csv.DictReader(run.stdout.splitlines()))


def midpoint(s):
    return s["first"] + (s["last"] - s["first"]) // 2


def main():
    if len(sys.argv) < 3:
        print("usage: cow-align.py ENTENTE_BINARY MIDB_CSV [DISPUTE...]", file=sys.stderr)
        return 2
    entente, midb = sys.argv[1], sys.argv[2]
    disputes = set(sys.argv[3:]) or {"258"}
    if not os.path.exists(midb):
        print("skipped: %s is absent (the COW data is not part of the project)" % midb)
        return SKIP
    spells = read_spells(midb, disputes)
    if not spells:
        fail("no spell of disputes %s in %s" % (", ".join(sorted(disputes)), midb))
    names = {s["ccode"]: s["abb"] for s in spells}
    checks = 0
    with tempfile.TemporaryDirectory(prefix="entente-cow-") as tmp:
        graph = os.path.join(tmp, "mid.json")
        n = write_graph(spells, graph)
        print("disputes %s: %d spells of %d states, %d relations" %
              (", ".join(sorted(disputes)), len(spells), len(names), n))
        run = subprocess.run([entente, "check", graph], stdout=subprocess.PIPE,
                             stderr=subprocess.STDOUT, universal_newlines=True)
        if run.returncode != 0:
            fail("entente check: " + run.stdout)

        # 1. Same side against the other side, on the middle day of every spell.
        for probe in spells:
            day = midpoint(probe)
            dispute = probe["dispute"]
            me = probe["ccode"]
            rows = align(entente, graph, actor_id(me), "--at", day.isoformat())
            same, other = [], []
            for r in rows:
                c = int(r["partner"][1:])
                side = side_on(spells, c, dispute, day)
                if side is None:
                    continue
                (same if side == probe["side"] else other).append(r)
            for r in same:
                if r["sign"] != "+":
                    fail("%s on %s: %s is on its side but the tie is %s" %
                         (names[me], day, r["name"], r["sign"]))
            for r in other:
                if r["sign"] != "-":
                    fail("%s on %s: %s is on the other side but the tie is %s" %
                         (names[me], day, r["name"], r["sign"]))
            if same and other:
                low = min(float(r["S"]) for r in same)
                high = max(float(r["S"]) for r in other)
                if not low > high:
                    fail("%s on %s: S with its side (lowest %.4f) not above S with the "
                         "other side (highest %.4f)" % (names[me], day, low, high))
            checks += 1
        print("ok   same side above the other side: %d spells checked" % checks)

        # 2. States that change side within a dispute.
        switchers = 0
        for a in spells:
            for b in spells:
                if (a["ccode"] != b["ccode"] or a["dispute"] != b["dispute"] or
                        a["side"] == b["side"] or not a["last"] < b["first"]):
                    continue
                d1, d2 = midpoint(a), midpoint(b)
                me, dispute = a["ccode"], a["dispute"]
                # Partners whose side is known on both days and the same on both.
                partners = sorted(c for c in names
                                  if c != me and side_on(spells, c, dispute, d1) is not None
                                  and side_on(spells, c, dispute, d1) ==
                                  side_on(spells, c, dispute, d2))
                for c in partners:
                    row = align(entente, graph, actor_id(me), "--with", actor_id(c),
                                "--from", d1.isoformat(), "--to", d2.isoformat())
                    if len(row) != 1:
                        fail("--with gave %d rows" % len(row))
                    r = row[0]
                    was = side_on(spells, c, dispute, d1) == a["side"]
                    change = float(r["S_change"])
                    want_from, want_to = ("+", "-") if was else ("-", "+")
                    if (r["sign_from"], r["sign_to"]) != (want_from, want_to):
                        fail("%s and %s from %s to %s: tie %s -> %s, expected %s -> %s" %
                             (names[me], names[c], d1, d2, r["sign_from"], r["sign_to"],
                              want_from, want_to))
                    if (change < 0) != was or change == 0:
                        fail("%s and %s from %s to %s: S %s -> %s does not follow the side "
                             "change" % (names[me], names[c], d1, d2, r["S_from"], r["S_to"]))
                    print("ok   %s (side %s until %s, side %s from %s) with %s: S %s on %s, "
                          "%s on %s; tie %s -> %s" %
                          (names[me], "AB"[1 - a["side"]], a["last"], "AB"[1 - b["side"]],
                           b["first"], names[c], r["S_from"], d1, r["S_to"], d2,
                           r["tie_from"], r["tie_to"]))
                    checks += 1
                switchers += 1
        if not switchers:
            fail("no state changes side in disputes %s" % ", ".join(sorted(disputes)))
        print("%d checks passed, %d side changes" % (checks, switchers))
    return 0


if __name__ == "__main__":
    sys.exit(main())
