#!/usr/bin/python3
"""Checks that the peers of the pipeline benchmark print the same top list.

usage: compare_top.py [--tol 1e-6] LABEL=FILE LABEL=FILE...

Each FILE is what one peer printed: "id delta" lines (the Python peers), or CSV with a header
(`entente shift --format csv`: the columns named id or actor, and delta). The first file is the
reference; every other one is compared with it and gets one line:

    agree: LABEL vs REF: 20 ids, max |delta difference| 1.2e-09
    DISAGREE: LABEL vs REF: ... (what differs)

They agree when they list as many actors, the |delta| at every rank differs by at most tol,
and every actor in both lists has deltas that differ by at most tol. Two actors whose |delta|
are within tol of each other may come in either order (or one may be 21st in the other list):
that is reported, and still counts as agreement. Exit status 1 when any pair disagrees or a
file cannot be read.
"""

import argparse
import csv
import io
import sys

ID_COLUMNS = ("id", "actor", "actor_id")
DELTA_COLUMNS = ("delta", "change", "shift")


def read_top(path):
    """[(id, delta)] from a peer's output."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValueError("no output")
    if "," not in lines[0]:
        rows = []
        for line in lines:
            aid, delta = line.split()
            rows.append((aid, float(delta)))
        return rows
    reader = csv.reader(io.StringIO("\n".join(lines)))
    header = [h.strip().lower() for h in next(reader)]
    try:
        i_id = next(header.index(c) for c in ID_COLUMNS if c in header)
        i_delta = next(header.index(c) for c in DELTA_COLUMNS if c in header)
    except StopIteration:
        raise ValueError(f"no id or delta column in the CSV header {header}") from None
    return [(row[i_id], float(row[i_delta])) for row in reader if row]


def compare(ref, other, tol):
    """(agree, message) for two top lists."""
    problems = []
    notes = []
    if len(ref) != len(other):
        problems.append(f"{len(other)} lines instead of {len(ref)}")
    worst = 0.0
    for rank, ((id_a, d_a), (id_b, d_b)) in enumerate(zip(ref, other), 1):
        diff = abs(abs(d_a) - abs(d_b))
        worst = max(worst, diff)
        if diff > tol:
            problems.append(f"rank {rank}: |delta| {abs(d_a):.8f} ({id_a}) vs "
                            f"{abs(d_b):.8f} ({id_b})")
        elif id_a != id_b:
            notes.append(f"rank {rank}: {id_a} vs {id_b}")
    deltas = dict(ref)
    for aid, d in other:
        if aid in deltas:
            diff = abs(deltas[aid] - d)
            worst = max(worst, diff)
            if diff > tol:
                problems.append(f"{aid}: delta {deltas[aid]:.8f} vs {d:.8f}")
    if problems:
        return False, "; ".join(problems[:5]) + (" ..." if len(problems) > 5 else "")
    msg = f"{len(ref)} ids, max |delta difference| {worst:.1e}"
    if notes:
        msg += f", near-tied actors in another order at {'; '.join(notes)}"
    else:
        msg += ", same ids in the same order"
    return True, msg


def main():
    p = argparse.ArgumentParser(description="compare the peers' top lists")
    p.add_argument("--tol", type=float, default=1e-6)
    p.add_argument("outputs", nargs="+", metavar="LABEL=FILE")
    args = p.parse_args()
    tops = []
    ok = True
    for spec in args.outputs:
        label, _, path = spec.partition("=")
        try:
            tops.append((label, read_top(path)))
        except (OSError, ValueError) as e:
            print(f"DISAGREE: cannot read the output of {label}: {e}")
            ok = False
    if not tops:
        return 1
    ref_label, ref = tops[0]
    for label, top in tops[1:]:
        agree, msg = compare(ref, top, args.tol)
        print(f"{'agree' if agree else 'DISAGREE'}: {label} vs {ref_label}: {msg}")
        ok = ok and agree
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
