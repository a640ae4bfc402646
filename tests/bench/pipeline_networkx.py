#!/usr/bin/python3
"""The NetworkX peer of `entente shift FILE --from A --to B` (the default metric, leverage).

usage: /usr/bin/python3 pipeline_networkx.py FILE VOCAB_JSON [--from A] [--to B]

VOCAB_JSON is the output of `entente types --format json` (each type's role, mode and
durable flag). Prints the top 20 actors by change of leverage between A (default 2010-06-30)
and B (default 2020-06-30) to stdout as "id delta", and the phase timings to stderr (see
pipeline_common.py, which holds every phase but the graph library's part of leverage).

Leverage on a NetworkX DiGraph of reliance: one edge client -> patron per pair, its "weight"
the pair's summed reliance (NetworkX keeps one edge per pair, so the terms are summed in a
dict first and the pairs at or below 1e-9 left out); R(client) is the client's out-degree
weighted by "weight" (its strength); each edge gets a "leverage" of weight^2 / R(client), and
an actor's leverage is its in-degree weighted by "leverage".
"""

import sys

import networkx as nx

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import pipeline_common  # noqa: E402


def leverage(n, clients, patrons, amounts):
    reliance = {}
    for pair, a in zip(zip(clients, patrons), amounts):
        reliance[pair] = reliance.get(pair, 0.0) + a
    g = nx.DiGraph()
    g.add_weighted_edges_from((c, p, r) for (c, p), r in reliance.items()
                              if r > pipeline_common.RELIANCE_EPS)
    total = dict(g.out_degree(weight="weight"))
    for c, _p, d in g.edges(data=True):
        d["leverage"] = d["weight"] * d["weight"] / total[c]
    out = [0.0] * n
    for p, x in g.in_degree(weight="leverage"):
        out[p] = x
    return out


if __name__ == "__main__":
    pipeline_common.run(f"NetworkX {nx.__version__} peer of entente shift", leverage)
