#!/usr/bin/python3
"""entente export read back by the tools it is for, not by entente itself.

For a graph with hostile names (quotes, <, &, control characters, Armenian and
Azerbaijani letters, a 2,000-character name) and for the bundled example, every
format is written and read back:
  - GEXF 1.2 with NetworkX's read_gexf, GEXF 1.3 the same after its namespace
    is mapped to 1.2's (NetworkX 2.8 knows no 1.3), both checked for Gephi's
    rules on dynamic graphs (timeformat date, start <= end, ISO days);
  - GraphML with NetworkX's read_graphml and python-igraph's Read_GraphML;
  - node-link JSON with NetworkX's node_link_graph;
  - CSV with Python's csv module.
Each must give the nodes, labels, edges, weights and attributes that this
script computes from the graph file itself (parsed with json, intensities
from the vocabulary `entente types --format json` lists). Then --at and
--between against hand-computed selections, determinism, atomic output and the
usage errors.

usage: export-peers.py ENTENTE_BIN SOURCE_DIR WORK_DIR
"""
import csv
import json
import os
import re
import subprocess
import sys

import networkx as nx

try:
    import igraph
except ImportError:  # python3-igraph is in DEB_PACKAGES; say so rather than skip
    igraph = None

BIN, SRC, WORK = sys.argv[1:4]
os.makedirs(WORK, exist_ok=True)
failures = []


def check(cond, what):
    print(("ok   " if cond else "FAIL ") + what)
    if not cond:
        failures.append(what)


def run(*args, expect=0):
    p = subprocess.run([BIN, *args], capture_output=True, text=True)
    if p.returncode != expect:
        print(f"     {' '.join(args)} -> {p.returncode}\n     {p.stderr.strip()}")
    return p


def xml_clean(s):
    """What XML 1.0 can hold: C0 controls other than tab, LF, CR become U+FFFD."""
    return re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", "\ufffd", s)


VOCAB = {t["id"]: t for t in json.loads(run("types", "--format", "json").stdout)}


def expected(path):
    """Nodes and edges the export must hold, from the graph file alone."""
    doc = json.load(open(path, encoding="utf-8"))
    nodes = {}
    for a in doc.get("actors", []):
        nodes[a["id"]] = {
            "label": a.get("name", a["id"]),
            "kind": a["kind"],
            "from": a.get("from", ""),
            "to": a.get("to", ""),
            "aliases": "; ".join(a.get("aliases", [])),
            "tags": "; ".join(a.get("tags", [])),
            "description": a.get("description", ""),
        }
    edges = {}
    for i, r in enumerate(doc.get("relations", [])):
        t = VOCAB[r["type"]]
        edges[str(i)] = {
            "source": r["source"],
            "target": r["target"],
            "weight": float(r.get("intensity", t["intensity"])),
            "relation": r.get("id", ""),
            "type": r["type"],
            "sign": t["sign"],
            "durable": t["durable"],
            "from": r.get("from", ""),
            "to": r.get("to", ""),
            "at": r.get("at", ""),
            "status": r.get("status", "reported"),
            "claimed_by": r.get("claimed_by", ""),
            "via": r.get("via", ""),
            "note": r.get("note", ""),
            "evidence": "; ".join(e["source"] for e in r.get("evidence", [])),
        }
    return doc, nodes, edges


def compare(name, G, nodes, edges, xml=False, ekey=lambda k: k, empty_missing=False):
    """G (a NetworkX MultiDiGraph) against the expected nodes and edges."""
    clean = xml_clean if xml else (lambda s: s)
    check(G.is_directed() and G.is_multigraph(), f"{name}: a directed multigraph")
    check(set(G.nodes) == set(nodes), f"{name}: the same {len(nodes)} nodes")
    bad = []
    for n, want in nodes.items():
        if n not in G.nodes:
            continue
        got = G.nodes[n]
        for k, v in want.items():
            g = got.get(k, "" if empty_missing else None)
            if g != clean(v):
                bad.append(f"{n}.{k}: {g!r} != {clean(v)!r}")
    check(not bad, f"{name}: node labels and attributes equal" + ("".join("\n     " + b for b in bad[:5])))
    got_edges = {ekey(k): (u, v, d) for u, v, k, d in G.edges(keys=True, data=True)}
    check(set(got_edges) == set(edges), f"{name}: the same {len(edges)} edges")
    bad = []
    for k, want in edges.items():
        if k not in got_edges:
            continue
        u, v, d = got_edges[k]
        if (u, v) != (want["source"], want["target"]):
            bad.append(f"edge {k}: {u}->{v}")
        for a, w in want.items():
            if a in ("source", "target"):
                continue
            g = d.get(a, "" if empty_missing else None)
            w = clean(w) if isinstance(w, str) else w
            if g != w:
                bad.append(f"edge {k}.{a}: {g!r} != {w!r}")
    check(not bad, f"{name}: edge weights and attributes equal" + "".join("\n     " + b for b in bad[:5]))


def gexf_rules(path, name, dynamic):
    """Gephi's GEXF rules for time, checked on the XML itself."""
    from xml.etree import ElementTree as ET

    root = ET.parse(path).getroot()
    ns = root.tag[1:].split("}")[0]
    graph = root.find(f"{{{ns}}}graph")
    check(graph.get("mode") == ("dynamic" if dynamic else "static"), f"{name}: mode {graph.get('mode')}")
    if dynamic:
        check(graph.get("timeformat") == "date", f"{name}: timeformat date")
    iso = re.compile(r"^\d{4}-\d{2}-\d{2}$")
    bad = []
    for el in root.iter():
        s, e = el.get("start"), el.get("end")
        for v in (s, e):
            if v is not None and not iso.match(v):
                bad.append(f"{el.get('id')}: {v}")
        if s and e and s > e:
            bad.append(f"{el.get('id')}: start {s} after end {e}")
        if not dynamic and (s or e):
            bad.append(f"{el.get('id')}: time in a static graph")
    check(not bad, f"{name}: every start/end an ISO day, start <= end" + "".join("\n     " + b for b in bad[:5]))
    p = subprocess.run(["xmllint", "--noout", path], capture_output=True, text=True)
    check(p.returncode == 0, f"{name}: well-formed for xmllint " + p.stderr[:200])


def all_formats(graph, tag, extra=()):
    doc, nodes, edges = expected(graph)
    out = os.path.join(WORK, tag)
    for fmt, suffix in (("gexf", ".gexf"), ("gexf-1.3", ".v13.gexf"), ("graphml", ".graphml"),
                        ("json-graph", ".json")):
        p = run("export", graph, "--to", fmt, "-o", out + suffix, *extra)
        check(p.returncode == 0 and p.stderr == "", f"{tag}: export --to {fmt} exits 0, silent")
    G = nx.read_gexf(out + ".gexf")
    compare(f"{tag} gexf/networkx", G, nodes, edges, xml=True)
    gexf_rules(out + ".gexf", f"{tag} gexf", dynamic=True)
    text = open(out + ".v13.gexf", encoding="utf-8").read()
    check('xmlns="http://gexf.net/1.3"' in text and 'version="1.3"' in text, f"{tag} gexf-1.3: namespace and version 1.3")
    mapped = os.path.join(WORK, tag + ".v13-as-12.gexf")
    with open(mapped, "w", encoding="utf-8") as f:
        f.write(text.replace("http://gexf.net/1.3", "http://www.gexf.net/1.2draft"))
    compare(f"{tag} gexf-1.3/networkx", nx.read_gexf(mapped), nodes, edges, xml=True)
    gexf_rules(out + ".v13.gexf", f"{tag} gexf-1.3", dynamic=True)
    G = nx.read_graphml(out + ".graphml")
    compare(f"{tag} graphml/networkx", G, nodes, edges, xml=True, ekey=lambda k: k[1:], empty_missing=True)
    p = subprocess.run(["xmllint", "--noout", out + ".graphml"], capture_output=True, text=True)
    check(p.returncode == 0, f"{tag} graphml: well-formed for xmllint")
    if igraph is None:
        check(False, "python3-igraph is installed")
    else:
        ig = igraph.Graph.Read_GraphML(out + ".graphml")
        check(ig.is_directed() and ig.vcount() == len(nodes) and ig.ecount() == len(edges),
              f"{tag} graphml/igraph: {len(nodes)} vertices, {len(edges)} edges")
        ids = ig.vs["id"]
        got = sorted((ids[e.source], ids[e.target], e["weight"], e["type"], e["status"]) for e in ig.es)
        want = sorted((e["source"], e["target"], e["weight"], e["type"], e["status"]) for e in edges.values())
        check(got == want, f"{tag} graphml/igraph: same edges, weights, types, statuses")
        check(sorted(zip(ids, ig.vs["label"])) == sorted((k, xml_clean(v["label"])) for k, v in nodes.items()),
              f"{tag} graphml/igraph: same labels")
    J = nx.node_link_graph(json.load(open(out + ".json", encoding="utf-8")))
    # node-link JSON keeps lists as lists; compare them joined, as the others write them
    for n in J.nodes:
        for k in ("aliases", "tags"):
            J.nodes[n][k] = "; ".join(J.nodes[n][k])
    for u, v, k, d in J.edges(keys=True, data=True):
        d["evidence"] = "; ".join(d["evidence"])
    compare(f"{tag} json-graph/networkx", J, nodes, edges, ekey=str)
    p = run("export", graph, "--to", "csv", "-o", out, *extra)
    check(p.returncode == 0, f"{tag}: export --to csv exits 0")
    with open(out + ".actors.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    check({r["id"]: r["name"] for r in rows} == {k: v["label"] for k, v in nodes.items()},
          f"{tag} csv: actors.csv ids and names equal")
    with open(out + ".edges.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    got = {r["edge"]: (r["source"], r["target"], float(r["weight"]), r["type"], r["note"], r["evidence"]) for r in rows}
    want = {k: (e["source"], e["target"], e["weight"], e["type"], e["note"], e["evidence"]) for k, e in edges.items()}
    check(got == want, f"{tag} csv: edges.csv edges, weights, types, notes, evidence equal")
    raw = open(out + ".edges.csv", "rb").read()
    check(raw.endswith(b"\r\n") and b"\n" not in raw.replace(b"\r\n", b"").replace(b"\n", b"") ,
          f"{tag} csv: RFC 4180 CRLF line ends")
    return out


# --- round trips -------------------------------------------------------------
hostile = os.path.join(SRC, "tests/fixtures/render/hostile.json")
out = all_formats(hostile, "hostile")
long_name = [a["name"] for a in json.load(open(hostile))["actors"] if a["id"] == "long"][0]
check(len(long_name) >= 2000, "the hostile graph has a name of 2,000 characters or more")
minimal = os.path.join(SRC, "examples/minimal.json")
all_formats(minimal, "minimal")

# --- determinism ------------------------------------------------------------
a = run("export", hostile, "--to", "gexf", "-o", "-").stdout
b = run("export", hostile, "--to", "gexf", "-o", "-").stdout
check(a == b and a == open(out + ".gexf", encoding="utf-8").read(), "the same input gives the same bytes")

# --- selections, computed by hand on examples/minimal.json ------------------
def edge_relations(path):
    G = nx.read_gexf(path)
    return sorted(d["relation"] for _, _, d in G.edges(data=True)), G


p = run("export", minimal, "--to", "gexf", "--at", "before-2022", "-o", os.path.join(WORK, "at.gexf"))
rels, G = edge_relations(os.path.join(WORK, "at.gexf"))
check(rels == ["am-csto"], f"--at before-2022: only the CSTO membership is in force ({rels})")
check(G.graph["mode"] == "static", "--at writes a static graph")
gexf_rules(os.path.join(WORK, "at.gexf"), "--at gexf", dynamic=False)
run("export", minimal, "--to", "gexf", "--at", "after-2022", "--window", "100", "-o", os.path.join(WORK, "at2.gexf"))
rels, _ = edge_relations(os.path.join(WORK, "at2.gexf"))
check(rels == ["am-csto", "az-blockade"], f"--at after-2022 --window 100: membership and blockade ({rels})")
run("export", minimal, "--to", "gexf", "--at", "after-2022", "-o", os.path.join(WORK, "at3.gexf"))
rels, _ = edge_relations(os.path.join(WORK, "at3.gexf"))
check(len(rels) == 5, f"--at after-2022: the September 2022 events are within the 365-day window ({rels})")
run("export", minimal, "--to", "gexf", "--between", "2022-09", "2022-09", "-o", os.path.join(WORK, "between.gexf"))
rels, G = edge_relations(os.path.join(WORK, "between.gexf"))
check(rels == ["am-csto", "am-csto-ask", "az-am-2022", "ru-am-refusal"],
      f"--between 2022-09 2022-09: the membership and the three events, not the December blockade ({rels})")
check(G.graph["mode"] == "dynamic", "--between keeps the time")
run("export", minimal, "--to", "gexf", "--status", "confirmed", "--between", "2023", "2023", "-o", os.path.join(WORK, "st.gexf"))
rels, _ = edge_relations(os.path.join(WORK, "st.gexf"))
check(rels == ["am-csto", "az-blockade"], f"--between 2023 2023: the membership and the blockade ({rels})")

# --- usage errors and atomic output ----------------------------------------
def err(args, status, text, what):
    p = run(*args, expect=status)
    check(p.returncode == status and text in p.stderr, f"{what}: exit {status}, says '{text}'" +
          ("" if text in p.stderr else f" (said {p.stderr.strip()!r})"))


err(["export", minimal, "-o", os.path.join(WORK, "x.gexf")], 2, "'--to FORMAT' is required", "no --to")
err(["export", minimal, "--to", "dot", "-o", os.path.join(WORK, "x.gexf")], 2, "unknown format 'dot'", "an unknown format")
err(["export", minimal, "--to", "gexf"], 2, "'-o OUT' is required", "no -o")
err(["export", minimal, "--to", "csv", "-o", "-"], 2, "csv writes two files", "csv to standard output")
err(["export", minimal, "--to", "gexf", "--at", "2020", "--between", "2019", "2020", "-o", os.path.join(WORK, "x.gexf")],
    2, "not both", "--at with --between")
err(["export", minimal, "--to", "gexf", "--between", "2023", "2020", "-o", os.path.join(WORK, "x.gexf")],
    2, "ends before it starts", "a period backwards")
err(["export", minimal, "--to", "gexf", "--at", "befor-2022", "-o", os.path.join(WORK, "x.gexf")],
    2, "did you mean 'before-2022'", "an unknown snapshot")
link = os.path.join(WORK, "link.gexf")
target = os.path.join(WORK, "target.txt")
with open(target, "w") as f:
    f.write("keep me\n")
if os.path.lexists(link):
    os.unlink(link)
os.symlink(target, link)
err(["export", minimal, "--to", "gexf", "-o", link], 3, "not a regular file", "a symbolic link as output")
check(os.path.islink(link) and open(target).read() == "keep me\n", "the link and its target are left as they were")
os.makedirs(os.path.join(WORK, "dir.gexf"), exist_ok=True)
err(["export", minimal, "--to", "gexf", "-o", os.path.join(WORK, "dir.gexf")], 3, "not a regular file", "a directory as output")
copy = os.path.join(WORK, "input.json")
with open(copy, "w") as f:
    f.write(open(minimal).read())
err(["export", copy, "--to", "gexf", "-o", copy], 2, "one of the input files", "the input as output")
check(open(copy).read() == open(minimal).read(), "the input is left as it was")
bad = os.path.join(WORK, "bad.json")
with open(bad, "w") as f:
    f.write('{"format": "entente/1", "actors": [{"id": "a"}]}\n')
target = os.path.join(WORK, "bad.gexf")
err(["export", bad, "--to", "gexf", "-o", target], 1, "error", "a graph with errors")
check(not os.path.exists(target), "nothing is written for a graph with errors")
d = os.path.join(WORK, "csvdir")
os.makedirs(d, exist_ok=True)
p = run("export", minimal, "--to", "csv", "-o", d)
check(p.returncode == 0 and sorted(os.listdir(d)) == ["actors.csv", "edges.csv"], "csv into a directory: actors.csv and edges.csv")
p = run("export", minimal, "--to", "csv", "-o", os.path.join(WORK, "pre.csv"))
check(os.path.exists(os.path.join(WORK, "pre.actors.csv")) and os.path.exists(os.path.join(WORK, "pre.edges.csv")),
      "csv -o pre.csv: pre.actors.csv and pre.edges.csv")
left = [n for n in os.listdir(WORK) if re.search(r"\.[A-Za-z0-9]{6}$", n) and n.startswith(".")]
check(not left, f"no temporary file left behind ({left})")

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
