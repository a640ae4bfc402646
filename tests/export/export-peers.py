#!/usr/bin/python3
"""entente export read back by the tools it is for, not by entente itself.

For a graph with hostile names (quotes, <, &, control characters, Armenian and
Azerbaijani letters, a 2,000-character name) and for the bundled example, every
format is written and read back:
  - GEXF 1.2 (--to gexf-1.2) with NetworkX's read_gexf; GEXF 1.3 (--to gexf,
    which NetworkX 2.8 does not read) parsed with xml.etree and compared with
    the 1.2 file element by element (nodes, edges, attributes, time: 1.2's
    start/end against 1.3's spells), its 1.3 constructs checked against the
    GEXF 1.3 schema's rules; both checked for Gephi's rules on dynamic graphs
    (timeformat date, start <= end, ISO days);
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


GEXF12 = "http://www.gexf.net/1.2draft"
GEXF13 = "http://gexf.net/1.3"
XSI = "http://www.w3.org/2001/XMLSchema-instance"
# The GEXF 1.3 schema's enumerations (gexf.rnc / dynamics.rnc of version 1.3).
GEXF13_ATTR_TYPES = {"integer", "long", "double", "float", "boolean", "bigdecimal", "biginteger",
                     "byte", "char", "short", "liststring", "listboolean", "listinteger", "listlong",
                     "listfloat", "listdouble", "listbyte", "listshort", "listbigdecimal",
                     "listbiginteger", "listchar", "string", "anyURI"}
GEXF13_TIMEFORMATS = {"integer", "double", "date", "dateTime"}


def day_span(date, last):
    """The first (last=False) or last day of a date as written: 2022, 2022-09
    or 2022-09-19, as YYYY-MM-DD; None for no date."""
    import calendar

    if not date:
        return None
    parts = [int(x) for x in date.split("-")]
    y = parts[0]
    m = parts[1] if len(parts) > 1 else (12 if last else 1)
    d = parts[2] if len(parts) > 2 else (calendar.monthrange(y, m)[1] if last else 1)
    return f"{y:04d}-{m:02d}-{d:02d}"


def expected_spans(path):
    """The interval each node and edge must carry, from the graph file alone:
    an event its day, month or year; a durable relation from the first day of
    its from to the last day of its to; an actor likewise; None for an open end."""
    doc = json.load(open(path, encoding="utf-8"))
    nodes = {a["id"]: (day_span(a.get("from"), False), day_span(a.get("to"), True))
             for a in doc.get("actors", [])}
    edges = {}
    for i, r in enumerate(doc.get("relations", [])):
        if "at" in r:
            edges[str(i)] = (day_span(r["at"], False), day_span(r["at"], True))
        else:
            edges[str(i)] = (day_span(r.get("from"), False), day_span(r.get("to"), True))
    return nodes, edges


def gexf_parts(path):
    """A GEXF file as plain Python values, namespace set aside: the root and
    graph attributes, the attribute declarations, and per node and edge its
    XML attributes, its attvalues and its time (the start/end attributes and
    the spells, each as a list of (start, end))."""
    from xml.etree import ElementTree as ET

    root = ET.parse(path).getroot()
    ns = root.tag[1:].split("}")[0]
    q = lambda name: f"{{{ns}}}{name}"
    graph = root.find(q("graph"))
    decls = [(a.get("class"), a.get("mode"), sorted((d.attrib.items()) for d in a.findall(q("attribute"))))
             for a in graph.findall(q("attributes"))]

    def element(el):
        attrs = dict(el.attrib)
        att = [(v.get("for"), v.get("value")) for v in el.findall(f"{q('attvalues')}/{q('attvalue')}")]
        spells = [dict(sp.attrib) for sp in el.findall(f"{q('spells')}/{q('spell')}")]
        return {"attrs": attrs, "attvalues": att, "spells": spells,
                "n_spells_elements": len(el.findall(q("spells")))}

    nodes = {n.get("id"): element(n) for n in graph.findall(f"{q('nodes')}/{q('node')}")}
    edges = {e.get("id"): element(e) for e in graph.findall(f"{q('edges')}/{q('edge')}")}
    return {"ns": ns, "root": dict(root.attrib), "graph": dict(graph.attrib), "decls": decls,
            "nodes": nodes, "edges": edges, "all": list(root.iter())}


def gexf13_same_as_12(p12, p13, name, dynamic, spans=None):
    """The 1.3 export (p13) holds the graph of the 1.2 export (p12), which
    NetworkX has already checked against the graph file; 1.3's own constructs
    follow the GEXF 1.3 schema. spans: the intervals from expected_spans."""
    a, b = gexf_parts(p12), gexf_parts(p13)
    check(a["ns"] == GEXF12 and a["root"].get("version") == "1.2", f"{name}: the 1.2 file is GEXF 1.2draft")
    check(b["ns"] == GEXF13 and b["root"].get("version") == "1.3",
          f"{name}: namespace http://gexf.net/1.3, version 1.3")
    loc = b["root"].get(f"{{{XSI}}}schemaLocation", "").split()
    check(loc == [GEXF13, "http://gexf.net/1.3/gexf.xsd"], f"{name}: schemaLocation pairs the namespace with its XSD ({loc})")
    # graph: the same mode and edge type; 1.3's time attributes from its enumerations
    same = {k: v for k, v in a["graph"].items()}
    check(all(b["graph"].get(k) == v for k, v in same.items()), f"{name}: graph attributes {same} kept")
    if dynamic:
        check(b["graph"].get("timeformat") in GEXF13_TIMEFORMATS and b["graph"]["timeformat"] == "date",
              f"{name}: timeformat date, one of 1.3's {sorted(GEXF13_TIMEFORMATS)}")
        check(b["graph"].get("timerepresentation") == "interval", f"{name}: timerepresentation interval")
        check(b["graph"].get("timezone") == "UTC", f"{name}: timezone UTC (days do not move with the reader's zone)")
    else:
        check(not {"timeformat", "timerepresentation", "timezone"} & set(b["graph"]),
              f"{name}: a static graph says nothing of time")
    extra = set(b["graph"]) - set(a["graph"]) - {"timerepresentation", "timezone"}
    check(not extra, f"{name}: no graph attribute beyond 1.2's but timerepresentation and timezone ({extra})")
    # no construct 1.3 removed: startopen/endopen anywhere, start/end on <attributes>
    gone = [el.tag for el in b["all"] if "startopen" in el.attrib or "endopen" in el.attrib]
    gone += [el.tag for el in b["all"] if el.tag == f"{{{GEXF13}}}attributes" and ({"start", "end"} & set(el.attrib))]
    check(not gone, f"{name}: none of the constructs 1.3 removed (startopen, endopen, start/end on attributes)")
    check(a["decls"] == b["decls"], f"{name}: the same attribute declarations")
    types = {t for _, _, attrs in b["decls"] for d in attrs for k, t in d if k == "type"}
    check(types <= GEXF13_ATTR_TYPES, f"{name}: attribute types {sorted(types)} are 1.3 types")
    for what in ("nodes", "edges"):
        check(list(a[what]) == list(b[what]), f"{name}: the same {len(a[what])} {what} in the same order")
        bad = []
        for k, x in a[what].items():
            y = b[what].get(k)
            if y is None:
                continue
            ax = {n: v for n, v in x["attrs"].items() if n not in ("start", "end")}
            by = {n: v for n, v in y["attrs"].items() if n != "kind"}
            if ax != by:
                bad.append(f"{k}: {ax} != {by}")
            if x["attvalues"] != y["attvalues"]:
                bad.append(f"{k}: attvalues differ")
            # time: 1.2's start/end attributes are 1.3's one spell; 1.3 has no
            # start/end of its own (intervals are not given two ways)
            iv = (x["attrs"].get("start"), x["attrs"].get("end"))
            want_spells = [] if iv == (None, None) else [{n: v for n, v in zip(("start", "end"), iv) if v}]
            if y["spells"] != want_spells:
                bad.append(f"{k}: spells {y['spells']} != {want_spells}")
            if {"start", "end", "intervals", "timestamp", "timestamps"} & set(y["attrs"]):
                bad.append(f"{k}: time given as attributes as well as spells")
            if y["n_spells_elements"] > 1 or (y["n_spells_elements"] == 1 and not y["spells"]):
                bad.append(f"{k}: <spells> must hold one or more <spell> (and come once)")
            if any(set(sp) - {"start", "end"} or not sp for sp in y["spells"]):
                bad.append(f"{k}: a spell with other than start/end, or none (interval representation)")
            if spans is not None and dynamic:
                ws = spans[what][k]
                got = (y["spells"][0].get("start"), y["spells"][0].get("end")) if y["spells"] else (None, None)
                if got != ws:
                    bad.append(f"{k}: spell {got} != {ws} from the graph file")
            if not dynamic and (y["spells"] or y["n_spells_elements"]):
                bad.append(f"{k}: spells in a static graph")
            if what == "edges":
                kind = y["attrs"].get("kind")
                typ = dict(y["attvalues"]).get("type")
                if kind != typ:
                    bad.append(f"edge {k}: kind {kind!r} != type {typ!r}")
                if kind is None or not re.fullmatch(r"[^\s](?:[^\t\r\n ]| (?! ))*", kind) or kind.endswith(" "):
                    bad.append(f"edge {k}: kind {kind!r} is not an xsd:token")
                try:
                    float(y["attrs"]["weight"])
                except (KeyError, ValueError):
                    bad.append(f"edge {k}: weight {y['attrs'].get('weight')!r} is not an xsd:double")
        check(not bad, f"{name}: {what} equal element by element (attributes, attvalues, spells)" +
              "".join("\n     " + x for x in bad[:5]))


def all_formats(graph, tag, extra=()):
    doc, nodes, edges = expected(graph)
    out = os.path.join(WORK, tag)
    for fmt, suffix in (("gexf-1.2", ".v12.gexf"), ("gexf", ".gexf"), ("gexf-1.3", ".alias.gexf"),
                        ("graphml", ".graphml"), ("json-graph", ".json")):
        p = run("export", graph, "--to", fmt, "-o", out + suffix, *extra)
        check(p.returncode == 0 and p.stderr == "", f"{tag}: export --to {fmt} exits 0, silent")
    G = nx.read_gexf(out + ".v12.gexf")
    compare(f"{tag} gexf-1.2/networkx", G, nodes, edges, xml=True)
    nspans, espans = expected_spans(graph)
    got = {n: (d.get("start"), d.get("end")) for n, d in G.nodes(data=True)}
    check(got == nspans, f"{tag} gexf-1.2/networkx: node start/end from the graph file's dates")
    got = {k: (d.get("start"), d.get("end")) for _, _, k, d in G.edges(keys=True, data=True)}
    check(got == espans, f"{tag} gexf-1.2/networkx: edge start/end from the graph file's dates")
    gexf_rules(out + ".v12.gexf", f"{tag} gexf-1.2", dynamic=True)
    gexf13_same_as_12(out + ".v12.gexf", out + ".gexf", f"{tag} gexf (1.3)", dynamic=True,
                      spans={"nodes": nspans, "edges": espans})
    gexf_rules(out + ".gexf", f"{tag} gexf (1.3)", dynamic=True)
    labels = {k: v["attrs"].get("label") for k, v in gexf_parts(out + ".gexf")["nodes"].items()}
    check(labels == {k: xml_clean(v["label"]) for k, v in nodes.items()},
          f"{tag} gexf (1.3): node labels equal the graph file's names")
    check(open(out + ".gexf", "rb").read() == open(out + ".alias.gexf", "rb").read(),
          f"{tag}: --to gexf-1.3 writes the same bytes as --to gexf")
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


p = run("export", minimal, "--to", "gexf-1.2", "--at", "before-2022", "-o", os.path.join(WORK, "at.gexf"))
rels, G = edge_relations(os.path.join(WORK, "at.gexf"))
check(rels == ["am-csto"], f"--at before-2022: only the CSTO membership is in force ({rels})")
check(G.graph["mode"] == "static", "--at writes a static graph")
gexf_rules(os.path.join(WORK, "at.gexf"), "--at gexf-1.2", dynamic=False)
run("export", minimal, "--to", "gexf", "--at", "before-2022", "-o", os.path.join(WORK, "at13.gexf"))
gexf13_same_as_12(os.path.join(WORK, "at.gexf"), os.path.join(WORK, "at13.gexf"), "--at gexf (1.3)", dynamic=False)
gexf_rules(os.path.join(WORK, "at13.gexf"), "--at gexf (1.3)", dynamic=False)
run("export", minimal, "--to", "gexf-1.2", "--at", "after-2022", "--window", "100", "-o", os.path.join(WORK, "at2.gexf"))
rels, _ = edge_relations(os.path.join(WORK, "at2.gexf"))
check(rels == ["am-csto", "az-blockade"], f"--at after-2022 --window 100: membership and blockade ({rels})")
run("export", minimal, "--to", "gexf-1.2", "--at", "after-2022", "-o", os.path.join(WORK, "at3.gexf"))
rels, _ = edge_relations(os.path.join(WORK, "at3.gexf"))
check(len(rels) == 5, f"--at after-2022: the September 2022 events are within the 365-day window ({rels})")
run("export", minimal, "--to", "gexf-1.2", "--between", "2022-09", "2022-09", "-o", os.path.join(WORK, "between.gexf"))
rels, G = edge_relations(os.path.join(WORK, "between.gexf"))
check(rels == ["am-csto", "am-csto-ask", "az-am-2022", "ru-am-refusal"],
      f"--between 2022-09 2022-09: the membership and the three events, not the December blockade ({rels})")
check(G.graph["mode"] == "dynamic", "--between keeps the time")
run("export", minimal, "--to", "gexf", "--between", "2022-09", "2022-09", "-o", os.path.join(WORK, "between13.gexf"))
gexf13_same_as_12(os.path.join(WORK, "between.gexf"), os.path.join(WORK, "between13.gexf"), "--between gexf (1.3)",
                  dynamic=True)
run("export", minimal, "--to", "gexf-1.2", "--status", "confirmed", "--between", "2023", "2023", "-o", os.path.join(WORK, "st.gexf"))
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
