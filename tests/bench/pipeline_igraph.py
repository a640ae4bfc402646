#!/usr/bin/python3
"""The python-igraph peer of `entente shift FILE --from A --to B --metric influence`.

usage: /usr/bin/python3 pipeline_igraph.py FILE VOCAB_CSV [--from A] [--to B]

VOCAB_CSV is the output of `entente types --format csv`. Prints the top 20 actors by change
of backing PageRank between A (default 2010-06-30) and B (default 2020-06-30) to stdout as
"id delta", and the phase timings to stderr (see pipeline_common.py, which holds every phase
but the PageRank).

The PageRank is igraph's PRPACK solver (weighted, directed, damping 0.85; dangling nodes
spread uniformly).
"""

import sys

import igraph

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import pipeline_common  # noqa: E402


def pagerank(n, edges, weights):
    g = igraph.Graph(n=n, edges=edges, directed=True)
    return g.pagerank(weights=weights, directed=True, damping=0.85, implementation="prpack")


if __name__ == "__main__":
    pipeline_common.run(f"python-igraph {igraph.__version__} peer of entente shift", pagerank)
