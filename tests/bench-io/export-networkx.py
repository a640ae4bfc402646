#!/usr/bin/python3
"""What `entente export --to gexf|graphml` does, with NetworkX: read the graph
file (json), build a MultiDiGraph with the same node and edge attributes
(docs/export.md), write it with nx.write_gexf or nx.write_graphml. Prints the
time of each step on stderr.

usage: export-networkx.py gexf|graphml GRAPH.json OUT
"""
import json
import sys
import time

import networkx as nx

fmt, src, out = sys.argv[1:4]
t0 = time.perf_counter()
doc = json.load(open(src, encoding="utf-8"))
t1 = time.perf_counter()
G = nx.MultiDiGraph()
for a in doc.get("actors", []):
    G.add_node(a["id"], label=a.get("name", a["id"]), kind=a["kind"], **{"from": a.get("from", ""), "to": a.get("to", "")},
               aliases="; ".join(a.get("aliases", [])), tags="; ".join(a.get("tags", [])),
               description=a.get("description", ""))
for i, r in enumerate(doc.get("relations", [])):
    G.add_edge(r["source"], r["target"], key=i, relation=r.get("id", ""), type=r["type"],
               weight=float(r.get("intensity", 0)), status=r.get("status", "reported"),
               **{"from": r.get("from", ""), "to": r.get("to", ""), "at": r.get("at", "")},
               claimed_by=r.get("claimed_by", ""), via=r.get("via", ""),
               evidence="; ".join(e["source"] for e in r.get("evidence", [])), note=r.get("note", ""))
t2 = time.perf_counter()
if fmt == "gexf":
    nx.write_gexf(G, out)
else:
    nx.write_graphml(G, out)
t3 = time.perf_counter()
print(f"read_s={t1 - t0:.2f} build_s={t2 - t1:.2f} write_s={t3 - t2:.2f}", file=sys.stderr)
