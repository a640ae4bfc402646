#!/usr/bin/python3
"""Checks that the peers of the pipeline benchmark print the same top list.

usage: compare_top.py [--tol 1e-9] [--tie-tol 1e-9] LABEL=FILE LABEL=FILE...

Each FILE is what one peer printed: "id delta" lines (the Python peers, 12 decimals), or CSV
with a header (`entente shift --format csv`: the columns named id or actor, and delta or
change). The first file is the reference and should print full precision (the NetworkX
peer); every other one is compared with it and gets one line:

    agree: LABEL vs REF: 20 ids in the same order, deltas within 4.9e-04 (printed to 3 decimals)
    DISAGREE: LABEL vs REF: ... (what differs)

They agree when:

- they list as many actors, the same actors at every rank: the order is by |delta|, largest
  first, and equal |delta| in graph order (entente's order, docs/analyses.md). Two actors may
  come in the other order only when their reference |deltas| are within --tie-tol, ties that
  the order of floating-point sums may break either way; that is reported and still agrees.
  At the last rank the other list may name another actor on the same condition;
- every actor in both lists has deltas that differ by at most the tolerance of that file:
  --tol, plus half a unit of the last decimal the file prints when that is coarser than
  --tol. entente prints leverage with 3 decimals in every format (text, CSV and JSON), so its
  deltas are checked to 5e-4 + --tol, the most its rounding can move them; the Python peers
  print 12 decimals and are checked to --tol.

Exit status 1 when any pair disagrees or a file cannot be read.
"""

import argparse
import csv
import io
import sys

ID_COLUMNS = ("id", "actor", "actor_id")
DELTA_COLUMNS = ("delta", "change", "shift")


def decimals(text):
    """How many decimals a printed number has."""
    text = text.strip().lower()
    if "e" in text:
        return 17  # exponent notation: take it as full precision
    return len(text.split(".", 1)[1]) if "." in text else 0


def read_top(path):
    """([(id, delta)], the fewest decimals printed) from a peer's output."""
    with open(path, encoding="utf-8") as f:
        text = f.read()
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise ValueError("no output")
    if "," not in lines[0]:
        cells = [line.split() for line in lines]
    else:
        reader = csv.reader(io.StringIO("\n".join(lines)))
        header = [h.strip().lower() for h in next(reader)]
        try:
            i_id = next(header.index(c) for c in ID_COLUMNS if c in header)
            i_delta = next(header.index(c) for c in DELTA_COLUMNS if c in header)
        except StopIteration:
            raise ValueError(f"no id or delta column in the CSV header {header}") from None
        cells = [(row[i_id], row[i_delta]) for row in reader if row]
    rows = [(aid, float(delta)) for aid, delta in cells]
    return rows, min(decimals(delta) for _aid, delta in cells)


def compare(ref, other, tol, tie_tol):
    """(agree, message) for two top lists; ref should be printed to full precision."""
    problems = []
    notes = []
    if len(ref) != len(other):
        problems.append(f"{len(other)} lines instead of {len(ref)}")
    ref_delta = dict(ref)
    worst = 0.0
    for rank, ((id_a, d_a), (id_b, _d_b)) in enumerate(zip(ref, other), 1):
        if id_a == id_b:
            continue
        # Another actor at this rank: fine only if the reference ranks the two as equal.
        d_b_ref = ref_delta.get(id_b)
        last = rank == len(ref)
        if d_b_ref is None and not last:
            problems.append(f"rank {rank}: {id_b} is not in the reference's list")
        elif d_b_ref is not None and abs(abs(d_a) - abs(d_b_ref)) > tie_tol:
            problems.append(f"rank {rank}: {id_b} where the reference has {id_a} "
                            f"(|delta| {abs(d_b_ref):.9f} vs {abs(d_a):.9f})")
        elif d_b_ref is None and abs(abs(d_a) - abs(other[rank - 1][1])) > tol:
            problems.append(f"rank {rank}: {id_b} (|delta| {abs(other[rank - 1][1]):.9f}) "
                            f"where the reference has {id_a} (|delta| {abs(d_a):.9f})")
        else:
            notes.append(f"rank {rank}: {id_a} vs {id_b}")
    for aid, d in other:
        if aid in ref_delta:
            diff = abs(ref_delta[aid] - d)
            worst = max(worst, diff)
            if diff > tol:
                problems.append(f"{aid}: delta {ref_delta[aid]:.9f} vs {d:.9f}")
    if problems:
        return False, "; ".join(problems[:5]) + (" ..." if len(problems) > 5 else "")
    if notes:
        msg = f"{len(ref)} ids, tied actors in another order at {'; '.join(notes)}"
    else:
        msg = f"{len(ref)} ids in the same order"
    return True, f"{msg}, deltas within {worst:.1e}"


def main():
    p = argparse.ArgumentParser(description="compare the peers' top lists")
    p.add_argument("--tol", type=float, default=1e-9,
                   help="deltas agree to this, or to the rounding of what a file prints")
    p.add_argument("--tie-tol", type=float, default=1e-9,
                   help="reference |deltas| this close may come in either order")
    p.add_argument("outputs", nargs="+", metavar="LABEL=FILE")
    args = p.parse_args()
    tops = []
    ok = True
    for spec in args.outputs:
        label, _, path = spec.partition("=")
        try:
            tops.append((label, *read_top(path)))
        except (OSError, ValueError) as e:
            print(f"DISAGREE: cannot read the output of {label}: {e}")
            ok = False
    if not tops:
        return 1
    ref_label, ref, _ = tops[0]
    for label, top, dec in tops[1:]:
        rounding = 0.5 * 10.0**-dec
        tol = args.tol + (rounding if rounding > args.tol else 0.0)
        agree, msg = compare(ref, top, tol, args.tie_tol)
        if dec < 12:
            msg += f" (printed to {dec} decimals: tolerance {tol:.1e})"
        print(f"{'agree' if agree else 'DISAGREE'}: {label} vs {ref_label}: {msg}")
        ok = ok and agree
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
