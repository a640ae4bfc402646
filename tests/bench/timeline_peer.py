#!/usr/bin/python3
"""The NetworkX and python-igraph peers of `entente timeline FILE --from A --every month
--actors LIST` (the default metric, leverage): the natural loop in those libraries, a
snapshot and the metric per step.

usage: /usr/bin/python3 timeline_peer.py networkx|igraph FILE VOCAB_JSON FROM STEPS ACTORS

FROM is the first day (YYYY-MM-DD); the steps are FROM and each month after it, STEPS in
all, a month later keeping the day of the month or taking the month's last day (as
entente's --every month). ACTORS is a comma-separated list of actor ids. Loads the graph
with pipeline_common.load, then at each step takes pipeline_common.snapshot and
pipeline_common.reliance_terms and computes leverage with the peer's own function
(pipeline_networkx.leverage or pipeline_igraph.leverage, the same code as the pipeline
part). Prints "date,actor,value" per step and actor (value with 12 decimals; empty when the
actor is not present, which these peers do not tell apart: they print 0), and the timings
to stderr: load_s, loop_s, steps.
"""

import calendar
import datetime
import sys
import time

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import pipeline_common  # noqa: E402


def month_steps(first, steps):
    """FROM and the months after it, keeping its day of the month or the month's last day."""
    out = []
    for k in range(steps):
        m = first.month - 1 + k
        y, m = first.year + m // 12, m % 12 + 1
        out.append(datetime.date(y, m, min(first.day, calendar.monthrange(y, m)[1])))
    return out


def main():
    if len(sys.argv) != 7:
        sys.exit(__doc__)
    peer, path, vocab, first, steps, actors = sys.argv[1:]
    if peer == "networkx":
        import pipeline_networkx as lib
    elif peer == "igraph":
        import pipeline_igraph as lib
    else:
        sys.exit("timeline_peer.py: the peer is networkx or igraph, not " + peer)
    days = month_steps(datetime.date.fromisoformat(first), int(steps))
    t0 = time.perf_counter()
    g = pipeline_common.load(path, vocab)
    t1 = time.perf_counter()
    index = {a: i for i, a in enumerate(g.actor_ids)}
    shown = [(a, index[a]) for a in actors.split(",")]
    n = len(g.actor_ids)
    rows = []
    for day in days:
        kept = pipeline_common.snapshot(g, day.toordinal(), 365)
        lev = lib.leverage(n, *pipeline_common.reliance_terms(g, kept))
        rows.extend((day.isoformat(), a, lev[i]) for a, i in shown)
    t2 = time.perf_counter()
    for d, a, v in rows:
        sys.stdout.write(f"{d},{a},{v:.12f}\n")
    print(f"load_s={t1 - t0:.4f} loop_s={t2 - t1:.4f} steps={len(days)}", file=sys.stderr)


if __name__ == "__main__":
    main()
