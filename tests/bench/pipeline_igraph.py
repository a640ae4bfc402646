#!/usr/bin/python3
"""The python-igraph peer of `entente shift FILE --from A --to B` (the default metric,
leverage).

usage: /usr/bin/python3 pipeline_igraph.py FILE VOCAB_JSON [--from A] [--to B]

VOCAB_JSON is the output of `entente types --format json` (each type's role, mode and
durable flag). Prints the top 20 actors by change of leverage between A (default 2010-06-30)
and B (default 2020-06-30) to stdout as "id delta", and the phase timings to stderr (see
pipeline_common.py, which holds every phase but the graph library's part of leverage).

Leverage on an igraph Graph of reliance: one edge client -> patron per term, merged into one
edge per pair by simplify(combine_edges="sum") (which sums the "weight" attribute), the pairs
at or below 1e-9 deleted; R(client) is strength(mode="out") with those weights; an actor's
leverage is strength(mode="in") with each edge weighted weight^2 / R(client).

python-igraph 0.10 imports NumPy on the first Graph it builds (0.1 s); it is imported at
start-up here, before the clock, so that the leverage phase does not pay for it.
"""

import sys

import igraph
import numpy  # noqa: F401 (python-igraph imports it on its first Graph: here, before the clock)

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import pipeline_common  # noqa: E402


def leverage(n, clients, patrons, amounts):
    g = igraph.Graph(n=n, edges=list(zip(clients, patrons)), directed=True,
                     edge_attrs={"weight": amounts})
    g.simplify(multiple=True, loops=False, combine_edges="sum")
    g.delete_edges(g.es.select(weight_le=pipeline_common.RELIANCE_EPS))
    weight = g.es["weight"]
    total = g.strength(mode="out", weights=weight)
    share = [w * w / total[c] for (c, _p), w in zip(g.get_edgelist(), weight)]
    return g.strength(mode="in", weights=share)


if __name__ == "__main__":
    pipeline_common.run(f"python-igraph {igraph.__version__} peer of entente shift", leverage)
