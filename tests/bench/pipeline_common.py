"""The parts of the analysis pipeline that the two Python peers share.

pipeline_networkx.py and pipeline_igraph.py run the same pipeline as
`entente shift FILE --from A --to B` with its default metric, leverage (docs/analyses.md,
"Snapshots" and "Leverage"):

1. load: parse the JSON file with the json module and build the actors (index by id, and
   whether each is an alliance with "collective_defense": true), the relation types (the
   built-in vocabulary from `entente types --format json`, overridden or extended by the
   file's `relation_types` with entente's defaults for what a new type leaves out) and the
   relations as parallel lists: source and target indices, type, intensity (the relation's
   own, else its type's default) and the day from which it counts and its last day
   (proleptic ordinals): entente's rule for partial dates, a relation counts from the last
   day of the period of its start (`from`, or `at` for an event);
2. snapshot at a day D with a window of W days, no decay, every status kept: a durable
   relation is in force when last_day(from) <= D <= last_day(to) (a missing end is open),
   an event when D - W + 1 <= last_day(at) <= D; the snapshot is the list of the relations
   in force;
3. leverage of each snapshot. The role of each relation in force says who relies on whom
   (reliance_terms, shared): `provides` makes the target rely on the source, `seeks` and
   `yields` the source on the target, `member_of` an alliance with collective defence the
   member on the alliance, and `refuses` takes from the target's reliance on the source;
   every other role adds nothing; a relation of a symmetric type (allied_with, partner_of,
   ...) holds both ways and is read in both directions. The amount is |weight| x (1 for a
   material mode, 0.5 otherwise) x (1 for a durable type, 0.5 for an event). The rest is each library's own
   (the peers' `leverage` functions): a weighted directed reliance graph client -> patron
   with the amounts summed per pair, pairs at or below 1e-9 dropped (a refusal that
   outweighs what it refuses leaves no reliance), R(client) = the client's out-strength,
   leverage(patron) = the in-strength with each edge weighted r^2 / R(client);
4. shift: delta = leverage_B - leverage_A for every actor, the top N by |delta| descending,
   ties in graph order (the actors' order in the file), as entente orders them, printed as
   "id delta" with 12 decimals.

Every phase but the library part of step 3 is this module, so that the two peers differ only
by their graph library. The load phase turns Python's cyclic garbage collector off while it
runs (see load; --gc keeps it on, which makes loading the 1M file two to three times slower).
Each peer prints the top lines to stdout and one line of phase timings to stderr:
    load_s=... snapshot_s=... leverage_s=... shift_s=... total_s=...
leverage_s covers reading the roles of the relations in force, building the library's graph
and computing leverage, for both snapshots. total_s runs from just before the file is opened
to just after the last line is printed (it leaves out starting Python and importing the
libraries, which the process's wall time includes).
"""

import argparse
import calendar
import datetime
import gc
import heapq
import json
import sys
import time

OPEN_START = 0  # before any proleptic ordinal (date(1, 1, 1) is 1)
OPEN_END = 10**7  # after any (date(9999, 12, 31) is 3652059)

# What a role does between the two ends of a relation (docs/analyses.md, "Leverage").
NOTHING, PROVIDES, SEEKS, REFUSES, MEMBERSHIP = range(5)
ROLE_EFFECT = {"provides": PROVIDES, "seeks": SEEKS, "yields": SEEKS, "refuses": REFUSES}
MATERIAL_MODES = ("material_cooperation", "material_conflict")
RELIANCE_EPS = 1e-9  # a pair's reliance at or below this is none (entente's RELIANCE_EPS)


def parse_args(description):
    p = argparse.ArgumentParser(description=description)
    p.add_argument("file", help="an entente/1 graph file")
    p.add_argument("vocab_json", help="the output of `entente types --format json`")
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


def mode_of_cameo(code):
    """The quad class of a CAMEO code's root (01-05, 06-09, 10-14, 15-20), or None."""
    if len(code) < 2 or not code[:2].isdigit() or not 1 <= int(code[:2]) <= 20:
        return None
    root = int(code[:2])
    return ("verbal_cooperation" if root <= 5 else "material_cooperation" if root <= 9
            else "verbal_conflict" if root <= 14 else "material_conflict")


class Type:
    """A relation type: what the pipeline reads of `entente types --format json`."""

    __slots__ = ("id", "sign", "intensity", "durable", "role", "mode", "symmetric")

    def __init__(self, tid, sign, intensity, durable, role, mode, symmetric=False):
        self.id = tid
        self.sign = sign
        self.intensity = intensity
        self.durable = durable
        self.role = role
        self.mode = mode
        self.symmetric = symmetric

    def effect(self):
        """What a relation of this type does to reliance, and the factor of its amount."""
        if self.role == "structure":
            effect = MEMBERSHIP if self.id == "member_of" else NOTHING
        else:
            effect = ROLE_EFFECT.get(self.role, NOTHING)
        factor = ((1.0 if self.mode in MATERIAL_MODES else 0.5) *
                  (1.0 if self.durable else 0.5))
        return effect, factor


def read_vocabulary(path):
    """{type id: Type} from `entente types --format json`."""
    with open(path, encoding="utf-8") as f:
        return {t["id"]: Type(t["id"], int(t["sign"]), float(t["intensity"]),
                              bool(t["durable"]), t["role"], t["mode"],
                              bool(t.get("symmetric", False)))
                for t in json.load(f)}


def define_type(types, t):
    """Applies one member of a file's `relation_types` the way entente's loader does: a
    built-in type keeps what the member leaves out; a new type gets role engages (disapproves
    when its sign is -1) and the mode of its CAMEO code, else words of its sign. The file is
    taken to be valid (`entente check` accepts it); the peers do not validate."""
    old = types.get(t["id"])
    if old is None:
        old = Type(t["id"], 0, 0.0, False, None, None)
    new = Type(old.id, int(t.get("sign", old.sign)), float(t.get("intensity", old.intensity)),
               bool(t.get("durable", old.durable)), t.get("role", old.role),
               t.get("mode", old.mode), bool(t.get("symmetric", old.symmetric)))
    if "mode" not in t and "cameo" in t and mode_of_cameo(t["cameo"]):
        new.mode = mode_of_cameo(t["cameo"])
    if new.role is None:
        new.role = "disapproves" if new.sign < 0 else "engages"
    if new.mode is None:
        new.mode = ("verbal_cooperation" if new.sign > 0 else "verbal_conflict"
                    if new.sign < 0 else "structure")
    types[new.id] = new


class Graph:
    """What the load phase builds: actor ids, their index and which of them are alliances
    bound to defend their members; the relation types; and the relations as parallel lists
    (source index, target index, type, durable, intensity, first day, last day)."""

    def __init__(self):
        self.actor_ids = []
        self.actor_index = {}
        self.defends = []  # per actor: an alliance with "collective_defense": true
        self.types = {}
        self.src = []
        self.tgt = []
        self.type = []
        self.durable = []
        self.intensity = []
        self.first = []
        self.last = []


def load(path, vocab_json, collect=False):
    """The load phase. Unless collect is true, the cyclic garbage collector is off while it
    runs: json.load creates millions of dicts and lists, each of which counts towards the
    collector's thresholds, and the full collections it then triggers walk the whole
    growing document again and again (on the 1M file they take over half of the load time).
    Nothing here makes reference cycles, so the collector would free nothing anyway."""
    enabled = gc.isenabled()
    if not collect:
        gc.disable()
    try:
        return _load(path, vocab_json)
    finally:
        if enabled:
            gc.enable()


def _load(path, vocab_json):
    g = Graph()
    g.types = types = read_vocabulary(vocab_json)
    with open(path, "rb") as f:
        doc = json.load(f)
    for t in doc.get("relation_types", ()):
        define_type(types, t)

    ids = g.actor_ids
    defends = g.defends
    for a in doc.get("actors", ()):
        ids.append(a["id"])
        defends.append(a.get("kind") == "alliance" and a.get("collective_defense") is True)
    index = g.actor_index = {aid: i for i, aid in enumerate(ids)}

    spans = {}  # date text -> (first day, last day); files repeat their dates a lot
    src, tgt, typ, dur = g.src, g.tgt, g.type, g.durable
    inten, first, last = g.intensity, g.first, g.last
    for r in doc.get("relations", ()):
        t = types[r["type"]]
        src.append(index[r["source"]])
        tgt.append(index[r["target"]])
        typ.append(t)
        dur.append(t.durable)
        w = r.get("intensity")
        inten.append(t.intensity if w is None else float(w))
        if t.durable:
            lo, hi = OPEN_START, OPEN_END
            text = r.get("from")
            if text is not None:
                span = spans.get(text)
                if span is None:
                    span = spans[text] = date_span(text)
                lo = span[1]  # surely begun by the last day of its period
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
            lo = hi = span[1]  # surely happened by the last day of its period
        first.append(min(lo, hi))
        last.append(hi)
    return g


def snapshot(g, day, window):
    """The indices of the relations in force on day (durable) or in its window (events)."""
    start = day - window + 1
    kept = []
    keep = kept.append
    for i, (durable, lo, hi) in enumerate(zip(g.durable, g.first, g.last)):
        if lo <= day and hi >= (day if durable else start):
            keep(i)
    return kept


def reliance_terms(g, kept):
    """What each relation in force adds to reliance, as parallel lists (client, patron,
    amount): one term per relation whose role makes one end rely on the other (a refusal's
    amount negative). The pairs are not summed yet: that is the graph library's work."""
    effects = {}  # Type -> (effect, factor), worked out once per type
    clients, patrons, amounts = [], [], []
    src, tgt, typ, inten, defends = g.src, g.tgt, g.type, g.intensity, g.defends
    for i in kept:
        t = typ[i]
        ef = effects.get(t)
        if ef is None:
            ef = effects[t] = t.effect()
        effect, factor = ef
        w = inten[i]
        if effect == NOTHING or w == 0:
            continue
        amount = abs(w) * factor
        ends = ((src[i], tgt[i]), (tgt[i], src[i])) if t.symmetric else ((src[i], tgt[i]),)
        for s, d in ends:  # a symmetric type holds both ways: read in both directions
            if effect == PROVIDES:
                c, p, a = d, s, amount
            elif effect == REFUSES:
                c, p, a = d, s, -amount
            elif effect == MEMBERSHIP and not defends[d]:
                break
            else:
                c, p, a = s, d, amount
            clients.append(c)
            patrons.append(p)
            amounts.append(a)
    return clients, patrons, amounts


def shift(g, lev_a, lev_b, top):
    """The top actors by |lev_b - lev_a| as (id, delta), ties in graph order."""
    delta = [b - a for a, b in zip(lev_a, lev_b)]
    best = heapq.nsmallest(top, range(len(delta)), key=lambda i: (-abs(delta[i]), i))
    return [(g.actor_ids[i], delta[i]) for i in best]


def run(description, leverage):
    """Runs the pipeline with leverage(n, clients, patrons, amounts) -> list of n values."""
    args = parse_args(description)
    day_a = day_number(args.date_a)
    day_b = day_number(args.date_b)

    t0 = time.perf_counter()
    g = load(args.file, args.vocab_json, args.gc)
    t1 = time.perf_counter()
    snap_a = snapshot(g, day_a, args.window)
    snap_b = snapshot(g, day_b, args.window)
    t2 = time.perf_counter()
    n = len(g.actor_ids)
    lev_a = leverage(n, *reliance_terms(g, snap_a))
    lev_b = leverage(n, *reliance_terms(g, snap_b))
    t3 = time.perf_counter()
    out = sys.stdout
    for aid, d in shift(g, lev_a, lev_b, args.top):
        out.write(f"{aid} {d:.12f}\n")
    out.flush()
    t4 = time.perf_counter()
    print(f"load_s={t1 - t0:.4f} snapshot_s={t2 - t1:.4f} leverage_s={t3 - t2:.4f} "
          f"shift_s={t4 - t3:.4f} total_s={t4 - t0:.4f}", file=sys.stderr)
