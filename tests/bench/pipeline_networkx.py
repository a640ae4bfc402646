#!/usr/bin/python3
"""The NetworkX peer of `entente shift FILE --from A --to B --metric influence`.

usage: /usr/bin/python3 pipeline_networkx.py FILE VOCAB_CSV [--from A] [--to B]

VOCAB_CSV is the output of `entente types --format csv`. Prints the top 20 actors by change
of backing PageRank between A (default 2010-06-30) and B (default 2020-06-30) to stdout as
"id delta", and the phase timings to stderr (see pipeline_common.py, which holds every phase
but the PageRank).

The PageRank is nx.pagerank, which in NetworkX 2.8 and later is the SciPy implementation
(power iteration on a sparse matrix; dangling nodes spread uniformly). Its default tolerance
is loose: it stops when the L1 change of the whole vector is below tol times the node count,
and with the default tol=1e-6 single scores differ from PRPACK's by up to 6e-5 on the
benchmark's graphs. With tol=1e-10 they differ by at most 1e-8, so that the top lists agree
to 1e-6; the extra iterations cost a few hundredths of a second at 1M.
"""

import sys

import networkx as nx
import scipy  # noqa: F401 (nx.pagerank imports them on its first call: here, before the clock)
import scipy.sparse  # noqa: F401

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import pipeline_common  # noqa: E402

TOL = 1e-10
MAX_ITER = 1000


def pagerank(n, edges, weights):
    g = nx.DiGraph()
    g.add_nodes_from(range(n))
    g.add_weighted_edges_from((t, s, w) for (t, s), w in zip(edges, weights))
    pr = nx.pagerank(g, alpha=0.85, weight="weight", tol=TOL, max_iter=MAX_ITER)
    return [pr[i] for i in range(n)]


if __name__ == "__main__":
    pipeline_common.run(f"NetworkX {nx.__version__} peer of entente shift", pagerank)
