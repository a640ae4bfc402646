"""The parts of the analysis pipeline that the two Python peers share.

pipeline_networkx.py and pipeline_igraph.py run the same pipeline as
`entente shift FILE --from A --to B --metric influence`:

1. load: parse the JSON file with the json module and build the actors (index by id), the
   relation types (the built-in vocabulary from `entente types --format csv`, overridden or
   extended by the file's `relation_types`) and the relations as parallel lists: source and
   target indices, durable or event, intensity (the relation's own, else its type's default)
   and the first and last day (proleptic ordinals) of its dates;
2. snapshot at a day D with a window of W days, no decay, every status kept: a durable
   relation is in force when first_day(from) <= D <= last_day(to) (a missing end is open),
   an event is kept when first_day(at) <= D and last_day(at) >= D - W + 1; weights are summed
   per ordered pair (source, target) into a positive and a negative total;
3. backing PageRank of each snapshot (the only part that differs between the peers): a
   directed graph on every actor of the file with an edge target -> source weighted by the
   pair's positive total when it is > 0; damping 0.85, dangling nodes spread uniformly;
4. shift: delta = pr_B - pr_A for every actor, the top N by |delta| descending (ties by actor
   id ascending) printed as "id delta" with 8 decimals.

Everything but step 3 is this module, so that the two peers differ only by their graph
library. The load phase turns Python's cyclic garbage collector off while it runs (see load;
--gc keeps it on, which makes loading the 1M file two to three times slower). Each peer prints the top lines to stdout and one line of phase timings to stderr:
    load_s=... snapshot_s=... pagerank_s=... shift_s=... total_s=...
pagerank_s includes building the library's graph from the snapshot. total_s runs from just
before the file is opened to just after the last line is printed (it leaves out starting
Python and importing the libraries, which the process's wall time includes).
"""

import argparse
import calendar
import csv
import datetime
import gc
import heapq
import json
import sys
import time

OPEN_START = 0  # before any proleptic ordinal (date(1, 1, 1) is 1)
OPEN_END = 10**7  # after any (date(9999, 12, 31) is 3652059)


def parse_args(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("file", help="an entente/1 graph file")
    p.add_argument("vocab_csv", help="the output of `entente types --format csv`")
    p.add_argument("--from", dest="date_a", default="2010-06-30", help="day A (YYYY-MM-DD)")
    p.add_argument("--to", dest="date_b", default="2020-06-30", help="day B (YYYY-MM-DD)")
    p.add_argument("--window", type=int, default=365, help="event window in days")
    p.add_argument("--top", type=int, default=20, help="lines to print")
    p.add_argument("--gc", action="store_true",
                   help="keep Python's cyclic garbage collector on while loading")
    return p.parse_args()


def day_number(text):
    """The proleptic ordinal of a full date YYYY-MM-DD."""
    return datetime.date.fromisoformat(text).toordinal()


def date_span(text):
    """(first day, last day) of a date YYYY, YYYY-MM or YYYY-MM-DD, as proleptic ordinals."""
    y = int(text[0:4])
    if len(text) == 4:
        return datetime.date(y, 1, 1).toordinal(), datetime.date(y, 12, 31).toordinal()
    m = int(text[5:7])
    if len(text) == 7:
        last = calendar.monthrange(y, m)[1]
        return datetime.date(y, m, 1).toordinal(), datetime.date(y, m, last).toordinal()
    d = datetime.date(y, m, int(text[8:10])).toordinal()
    return d, d


def read_vocabulary(path):
    """{type id: [sign, default intensity, durable]} from `entente types --format csv`."""
    types = {}
    with open(path, newline="", encoding="utf-8") as f:
        for row in csv.DictReader(f):
            types[row["id"]] = [int(row["sign"]), float(row["intensity"]),
                                row["durable"] == "true"]
    return types


class Graph:
    """What the load phase builds: actor ids and their index, and the relations as
    parallel lists (source index, target index, intensity, durable, first day, last day)."""

    def __init__(self):
        self.actor_ids = []
        self.actor_index = {}
        self.types = {}
        self.src = []
        self.tgt = []
        self.intensity = []
        self.durable = []
        self.first = []
        self.last = []


def load(path, vocab_csv, collect=False):
    """The load phase. Unless collect is true, the cyclic garbage collector is off while it
    runs: json.load creates millions of dicts and lists, each of which counts towards the
    collector's thresholds, and the full collections it then triggers walk the whole
    growing document again and again (on the 1M file they take over half of the load time).
    Nothing here makes reference cycles, so the collector would free nothing anyway."""
    enabled = gc.isenabled()
    if not collect:
        gc.disable()
    try:
        return _load(path, vocab_csv)
    finally:
        if enabled:
            gc.enable()


def _load(path, vocab_csv):
    g = Graph()
    g.types = types = read_vocabulary(vocab_csv)
    with open(path, "rb") as f:
        doc = json.load(f)
    for t in doc.get("relation_types", ()):
        entry = types.get(t["id"])
        if entry is None:
            entry = types[t["id"]] = [0, 0.0, False]
        if "sign" in t:
            entry[0] = int(t["sign"])
        if "intensity" in t:
            entry[1] = float(t["intensity"])
        if "durable" in t:
            entry[2] = bool(t["durable"])

    ids = g.actor_ids
    for a in doc.get("actors", ()):
        ids.append(a["id"])
    index = g.actor_index = {aid: i for i, aid in enumerate(ids)}

    spans = {}  # date text -> (first day, last day); files repeat their dates a lot
    src, tgt, inten, dur, first, last = g.src, g.tgt, g.intensity, g.durable, g.first, g.last
    for r in doc.get("relations", ()):
        t = types[r["type"]]
        src.append(index[r["source"]])
        tgt.append(index[r["target"]])
        w = r.get("intensity")
        inten.append(t[1] if w is None else float(w))
        if t[2]:
            lo, hi = OPEN_START, OPEN_END
            text = r.get("from")
            if text is not None:
                span = spans.get(text)
                if span is None:
                    span = spans[text] = date_span(text)
                lo = span[0]
            text = r.get("to")
            if text is not None:
                span = spans.get(text)
                if span is None:
                    span = spans[text] = date_span(text)
                hi = span[1]
        else:
            text = r["at"]
            span = spans.get(text)
            if span is None:
                span = spans[text] = date_span(text)
            lo, hi = span
        dur.append(t[2])
        first.append(lo)
        last.append(hi)
    return g


def snapshot(g, day, window):
    """{(source, target): [positive total, negative total]} of the relations kept at day."""
    start = day - window + 1
    pairs = {}
    for s, t, w, durable, lo, hi in zip(g.src, g.tgt, g.intensity, g.durable, g.first,
                                        g.last):
        if lo > day or hi < (day if durable else start):
            continue
        key = (s, t)
        e = pairs.get(key)
        if e is None:
            e = pairs[key] = [0.0, 0.0]
        if w > 0:
            e[0] += w
        elif w < 0:
            e[1] += w
    return pairs


def backing_edges(pairs):
    """The backing graph's edges (target, source) and their weights (positive totals > 0)."""
    edges = []
    weights = []
    for (s, t), (pos, _neg) in pairs.items():
        if pos > 0:
            edges.append((t, s))
            weights.append(pos)
    return edges, weights


def shift(g, pr_a, pr_b, top):
    """The top actors by |pr_b - pr_a| as (id, delta), ties by id ascending."""
    ids = g.actor_ids
    delta = [b - a for a, b in zip(pr_a, pr_b)]
    best = heapq.nsmallest(top, range(len(ids)), key=lambda i: (-abs(delta[i]), ids[i]))
    return [(ids[i], delta[i]) for i in best]


def run(description, pagerank):
    """Runs the pipeline with pagerank(n, edges, weights) -> list of n scores."""
    args = parse_args(description)
    day_a = day_number(args.date_a)
    day_b = day_number(args.date_b)

    t0 = time.perf_counter()
    g = load(args.file, args.vocab_csv, args.gc)
    t1 = time.perf_counter()
    snap_a = snapshot(g, day_a, args.window)
    snap_b = snapshot(g, day_b, args.window)
    t2 = time.perf_counter()
    n = len(g.actor_ids)
    pr_a = pagerank(n, *backing_edges(snap_a))
    pr_b = pagerank(n, *backing_edges(snap_b))
    t3 = time.perf_counter()
    out = sys.stdout
    for aid, d in shift(g, pr_a, pr_b, args.top):
        out.write(f"{aid} {d:.8f}\n")
    out.flush()
    t4 = time.perf_counter()
    print(f"load_s={t1 - t0:.4f} snapshot_s={t2 - t1:.4f} pagerank_s={t3 - t2:.4f} "
          f"shift_s={t4 - t3:.4f} total_s={t4 - t0:.4f}", file=sys.stderr)
