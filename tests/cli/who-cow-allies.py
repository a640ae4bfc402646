#!/usr/bin/python3
"""who-cow-allies.py: `entente who backed` against real data nobody on the project wrote.

Converts the Correlates of War formal alliances (v4.1, one row per membership
spell: alliance_v4.1_by_member.csv) into an entente graph file in a temporary
folder, then asks entente who backed a few states on a few dates and compares
the answer with the states that shared a defence pact with them on that day,
computed here straight from the CSV without entente.

The conversion: an actor per state (id "c<ccode>", its COW name), an alliance
actor per version4id (id "cow-<version4id>"), `collective_defense` true when
any member spell of the alliance carries the defence obligation (`defense` 1;
COW codes obligations per member, and entente's membership binds all members
alike), and a `member_of` relation per spell from its start to its end (an
empty end year: still in force; -9 or an empty day or month: unknown, so the
date is kept to the month or the year, which entente reads as the whole
period).

The COW data must not be copied into the project: the test reads it from
../shared/external next to the source tree and skips (exit 77) without it.

usage: who-cow-allies.py ENTENTE_BINARY SOURCE_DIR WORK_DIR
"""
import calendar
import csv
import datetime
import json
import os
import subprocess
import sys

SKIP = 77
# (state, day): states and years with well-known defence pacts on both sides.
QUESTIONS = [
    ("France", "1913-06-30"),  # the Franco-Russian alliance
    ("Germany", "1913-06-30"),  # the Triple Alliance
    ("United States of America", "1960-06-30"),  # NATO, the Rio pact, SEATO, ANZUS ...
    ("Poland", "1975-06-30"),  # the Warsaw Pact
]


def part(value):
    """A date part as an int, or None when unknown (empty or negative)."""
    value = value.strip()
    if not value or value.startswith("-"):
        return None
    return int(value)


def date_text(year, month, day):
    """The entente date of a COW date: as precise as the known parts allow."""
    if year is None:
        return None
    if month is None:
        return "%04d" % year
    if day is None:
        return "%04d-%02d" % (year, month)
    return "%04d-%02d-%02d" % (year, month, day)


def first_day(year, month, day):
    return datetime.date(year, month or 1, day or 1)


def last_day(year, month, day):
    month_ = month or 12
    return datetime.date(year, month_, day or calendar.monthrange(year, month_)[1])


def main():
    if len(sys.argv) != 4:
        sys.exit(__doc__.strip().splitlines()[-1])
    binary, src, work = sys.argv[1:4]
    csv_path = os.path.join(src, "..", "shared", "external", "cow", "alliance_v4.1_by_member.csv")
    if not os.path.isfile(csv_path):
        print("skip: no COW alliance data at %s" % csv_path)
        return SKIP
    with open(csv_path, newline="", encoding="latin-1") as f:
        rows = list(csv.DictReader(f))

    # The graph file.
    states, alliances, relations = {}, {}, []
    for row in rows:
        states.setdefault(row["ccode"], row["state_name"])
        alliances[row["version4id"]] = alliances.get(row["version4id"], False) or (
            row["defense"].strip() == "1")
    for n, row in enumerate(rows):
        rel = {"id": "spell-%d" % (n + 1), "source": "c" + row["ccode"],
               "target": "cow-" + row["version4id"], "type": "member_of",
               "evidence": [{"source": "cow", "locator": "row %d" % (n + 2)}]}
        start = date_text(part(row["mem_st_year"]), part(row["mem_st_month"]),
                          part(row["mem_st_day"]))
        end = date_text(part(row["mem_end_year"]), part(row["mem_end_month"]),
                        part(row["mem_end_day"]))
        if start:
            rel["from"] = start
        if end:
            rel["to"] = end
        relations.append(rel)
    graph = {
        "format": "entente/1",
        "title": "Correlates of War formal alliances v4.1 (test conversion)",
        "sources": [{"id": "cow", "title": "Formal Alliances (v4.1)",
                     "publisher": "Correlates of War Project"}],
        "actors": [{"id": "c" + c, "name": name, "kind": "state"}
                   for c, name in sorted(states.items(), key=lambda kv: int(kv[0]))]
        + [{"id": "cow-" + a, "name": "COW alliance " + a, "kind": "alliance",
            "collective_defense": d}
           for a, d in sorted(alliances.items(), key=lambda kv: int(kv[0]))],
        "relations": relations,
    }
    os.makedirs(work, exist_ok=True)
    path = os.path.join(work, "cow-alliances.json")
    with open(path, "w", encoding="utf-8") as f:
        json.dump(graph, f, indent=1, ensure_ascii=False)

    # The answers, computed from the CSV alone.
    def in_force(row, day):
        y0, m0, d0 = (part(row["mem_st_" + k]) for k in ("year", "month", "day"))
        y1, m1, d1 = (part(row["mem_end_" + k]) for k in ("year", "month", "day"))
        if y0 is not None and first_day(y0, m0, d0) > day:
            return False
        return y1 is None or last_day(y1, m1, d1) >= day

    def fellows(name, day):
        mine = {r["version4id"] for r in rows
                if r["state_name"] == name and alliances[r["version4id"]] and in_force(r, day)}
        return {r["state_name"] for r in rows
                if r["version4id"] in mine and r["state_name"] != name and in_force(r, day)}

    failures = 0
    for name, when in QUESTIONS:
        want = fellows(name, datetime.date.fromisoformat(when))
        out = subprocess.run([binary, "who", "backed", name, path, "--at", when, "--format",
                              "json"], capture_output=True, text=True)
        if out.returncode != 0:
            print("FAIL who backed %s --at %s: exit %d: %s" % (name, when, out.returncode,
                                                               out.stderr.strip()[:300]))
            failures += 1
            continue
        table = json.loads(out.stdout)
        got = {r["name"] for r in table["rows"]}
        bound = all(r["link"].startswith("bound by alliance") for r in table["rows"])
        if got == want and bound and want:
            print("ok   who backed %s on %s: %d states bound by a defence pact: %s"
                  % (name, when, len(got), ", ".join(sorted(got)[:8])
                     + (" ..." if len(got) > 8 else "")))
        else:
            failures += 1
            print("FAIL who backed %s on %s" % (name, when))
            print("    missing: %s" % sorted(want - got))
            print("    extra:   %s" % sorted(got - want))
            if not bound:
                print("    rows not marked 'bound by alliance': %s"
                      % [r["name"] for r in table["rows"] if not r["link"].startswith("bound")])
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
