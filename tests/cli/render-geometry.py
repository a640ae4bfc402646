#!/usr/bin/python3
"""What an `entente render` SVG shows must not mislead: checked on the geometry.

For each picture (tests/fixtures/render/alliance.json, graphs/south-caucasus.json
and a random graph of 200 actors made by the benchmark's generator; one
snapshot, a comparison and a diff of each) the SVG is read back and:

  - edges: no line passes through a node it does not connect. Every edge's
    path (its cubic Bezier pieces, sampled) is tested against the bounding
    box of every other node's outline, shrunk by half a point;
  - labels: no text of a node overlaps another node's outline or another
    node's text, no edge label overlaps a node or sits on a line, and no
    alliance box's title overlaps a node. A text's box is estimated from its
    anchor, font size and length (0.6 em a character, wider than DejaVu
    Sans's average), so the check errs on the side of a failure;
  - boxes: every node drawn over an alliance box is the alliance itself or one
    of its members on the panel's date, computed here from the graph file's
    member_of relations (a member while any day of its 'from' to 'to' period
    contains the date, which forgives partial dates);
  - bold: with every actor a focus actor (--focus on all of them, --depth 0),
    so that every name is drawn in bold at 14 points, each line of every
    name fits inside its node's outline (the outline's polygon or ellipse,
    not its bounding box). A bold line's width is estimated at 0.7 em a
    character from where Graphviz starts it, wider than DejaVu Sans Bold's
    average (about 0.63 em for names), so the check errs on the side of a
    failure.

Each check is also run once on a copy of the SVG that was broken on purpose
(a node moved onto a line, a non-member moved into a box) and must then fail.

usage: render-geometry.py ENTENTE_BINARY SOURCE_DIR WORK_DIR GENERATOR [CHECK...]
CHECK is edges, labels, boxes or bold (default: all four).
"""
import copy
import json
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from svgtest import NUM, SVG, bad, ok, summary, title  # noqa: E402

SHRINK = 0.5
CHECKS = {"edges", "labels", "boxes", "bold"}
BOLD_EM = 0.7



def shape_box(g):
    """Bounding box (x0, y0, x1, y1) of a node's first outline, or None."""
    for el in g.iter():
        if el.tag == SVG + "ellipse":
            cx, cy = float(el.get("cx")), float(el.get("cy"))
            rx, ry = float(el.get("rx")), float(el.get("ry"))
            return (cx - rx, cy - ry, cx + rx, cy + ry)
        if el.tag in (SVG + "polygon", SVG + "path"):
            if el.get("stroke") == "transparent" and el.get("fill") in ("none", "white"):
                continue
            nums = [float(x) for x in NUM.findall(el.get("points") or el.get("d") or "")]
            xs, ys = nums[0::2], nums[1::2]
            if xs:
                return (min(xs), min(ys), max(xs), max(ys))
    return None


def text_boxes(g):
    out = []
    for el in g.iter(SVG + "text"):
        txt = "".join(el.itertext())
        if not txt.strip():
            continue
        fs = float(el.get("font-size", "14"))
        w = len(txt) * fs * 0.6
        x, y = float(el.get("x")), float(el.get("y"))
        anchor = el.get("text-anchor", "start")
        x0 = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
        out.append(((x0, y - fs * 0.8, x0 + w, y + fs * 0.2), txt))
    return out


def bezier_points(d):
    """The path as a polyline: M then C pieces, each cubic sampled 16 times."""
    nums = [float(x) for x in NUM.findall(d)]
    pts = list(zip(nums[0::2], nums[1::2]))
    if not pts:
        return []
    out = [pts[0]]
    for i in range(1, len(pts) - 2, 3):
        p0, p1, p2, p3 = pts[i - 1], pts[i], pts[i + 1], pts[i + 2]
        for k in range(1, 17):
            t = k / 16
            a, b, c, e = (1 - t) ** 3, 3 * t * (1 - t) ** 2, 3 * t * t * (1 - t), t ** 3
            out.append((a * p0[0] + b * p1[0] + c * p2[0] + e * p3[0],
                        a * p0[1] + b * p1[1] + c * p2[1] + e * p3[1]))
    return out


def bbox_of(pts):
    if not pts:
        return (0, 0, 0, 0)
    xs, ys = [p[0] for p in pts], [p[1] for p in pts]
    return (min(xs), min(ys), max(xs), max(ys))


def seg_hits_box(p, q, box, shrink=SHRINK):
    x0, y0, x1, y1 = box[0] + shrink, box[1] + shrink, box[2] - shrink, box[3] - shrink
    if x0 >= x1 or y0 >= y1:
        return False
    t0, t1 = 0.0, 1.0
    for s, d, lo, hi in ((p[0], q[0] - p[0], x0, x1), (p[1], q[1] - p[1], y0, y1)):
        if abs(d) < 1e-12:
            if s <= lo or s >= hi:
                return False
            continue
        a, b = (lo - s) / d, (hi - s) / d
        if a > b:
            a, b = b, a
        t0, t1 = max(t0, a), min(t1, b)
        if t0 >= t1:
            return False
    return True


def boxes_meet(a, b, shrink=SHRINK):
    return (a[0] + shrink < b[2] - shrink and b[0] + shrink < a[2] - shrink and
            a[1] + shrink < b[3] - shrink and b[1] + shrink < a[3] - shrink)


def read(root):
    """nodes {title: (group, box)}, edges [(title, tail, head, points, group)],
    clusters [(title, box, label)]."""
    nodes, edges, clusters = {}, [], []
    for g in root.iter(SVG + "g"):
        cls, t = g.get("class"), title(g)
        if cls == "node":
            nodes[t] = (g, shape_box(g))
    for g in root.iter(SVG + "g"):
        cls, t = g.get("class"), title(g)
        if cls == "edge":
            tail = head = None
            for m in re.finditer("->", t):
                if t[:m.start()] in nodes and t[m.end():] in nodes:
                    tail, head = t[:m.start()], t[m.end():]
            path = g.find(".//" + SVG + "path")
            edges.append((t, tail, head, bezier_points(path.get("d")) if path is not None else [], g))
        elif cls == "cluster" and t.startswith("cluster_") and "legend" not in t and "panel" not in t:
            outline = g.find(SVG + "path")
            if outline is None:
                outline = g.find(SVG + "polygon")
            nums = [float(x) for x in NUM.findall(outline.get("d") or outline.get("points"))]
            box = (min(nums[0::2]), min(nums[1::2]), max(nums[0::2]), max(nums[1::2]))
            label = " ".join("".join(el.itertext()) for el in g.iter(SVG + "text"))
            clusters.append((t, box, label, g))
    return nodes, edges, clusters


def edge_crossings(root):
    nodes, edges, _ = read(root)
    out = []
    for t, tail, head, pts, _ in edges:
        if tail is None and not t.startswith("legend/"):
            out.append("%s: cannot tell its ends" % t)
            continue
        ebox = bbox_of(pts)
        for name, (_, box) in nodes.items():
            if box is None or not boxes_meet(ebox, box, -1):
                continue
            if box is None or name in (tail, head):
                continue
            if any(seg_hits_box(pts[i], pts[i + 1], box) for i in range(len(pts) - 1)):
                out.append("%s crosses %s" % (t, name))
    return out


def label_overlaps(root):
    nodes, edges, clusters = read(root)
    texts = []  # (owner, box, text)
    for name, (g, box) in nodes.items():
        for b, s in text_boxes(g):
            if box is not None:
                # Graphviz sizes a node to its text: the estimate, wider
                # than the text, is cut to the node's outline.
                b = (max(b[0], box[0]), max(b[1], box[1]), min(b[2], box[2]), min(b[3], box[3]))
            texts.append((name, b, s))
    out = []
    for i, (owner, b, s) in enumerate(texts):
        for name, (_, box) in nodes.items():
            if name != owner and box is not None and boxes_meet(b, box):
                out.append("text %r of %s overlaps node %s" % (s, owner, name))
        for owner2, b2, s2 in texts[i + 1:]:
            if owner2 != owner and boxes_meet(b, b2):
                out.append("text %r of %s overlaps text %r of %s" % (s, owner, s2, owner2))
    for t, _, _, _, g in edges:
        for b, s in text_boxes(g):
            for name, (_, box) in nodes.items():
                if box is not None and boxes_meet(b, box):
                    out.append("label %r of %s overlaps node %s" % (s, t, name))
            for t2, _, _, pts, _ in edges:
                if not boxes_meet(bbox_of(pts), b, -1):
                    continue
                if any(seg_hits_box(pts[i], pts[i + 1], b) for i in range(len(pts) - 1)):
                    out.append("label %r of %s sits on the line %s" % (s, t, t2))
    for t, _, _, g in clusters:
        for b, s in text_boxes(g):
            for name, (_, box) in nodes.items():
                if box is not None and boxes_meet(b, box):
                    out.append("title %r of box %s overlaps node %s" % (s, t, name))
    return out


def outline_of(g):
    """A node's first outline: ("ellipse", cx, cy, rx, ry) or ("polygon", points)."""
    for el in g.iter():
        if el.tag == SVG + "ellipse":
            return ("ellipse", float(el.get("cx")), float(el.get("cy")),
                    float(el.get("rx")), float(el.get("ry")))
        if el.tag == SVG + "polygon":
            if el.get("stroke") == "transparent" and el.get("fill") in ("none", "white"):
                continue
            nums = [float(x) for x in NUM.findall(el.get("points"))]
            return ("polygon", list(zip(nums[0::2], nums[1::2])))
    return None


def inside(outline, x, y):
    """Whether (x, y) lies within the outline (on its edge counts as inside)."""
    if outline[0] == "ellipse":
        _, cx, cy, rx, ry = outline
        return ((x - cx) / rx) ** 2 + ((y - cy) / ry) ** 2 <= 1 + 1e-9
    pts = outline[1]
    for i in range(len(pts)):  # on an edge
        (x0, y0), (x1, y1) = pts[i - 1], pts[i]
        if (min(x0, x1) - 1e-6 <= x <= max(x0, x1) + 1e-6 and
                min(y0, y1) - 1e-6 <= y <= max(y0, y1) + 1e-6 and
                abs((x1 - x0) * (y - y0) - (y1 - y0) * (x - x0)) <= 1e-6 * (1 + abs(x1 - x0) + abs(y1 - y0))):
            return True
    crossings = 0  # a ray to the right crosses the outline an odd number of times
    for i in range(len(pts)):
        (x0, y0), (x1, y1) = pts[i - 1], pts[i]
        if (y0 > y) != (y1 > y) and x < x0 + (y - y0) * (x1 - x0) / (y1 - y0):
            crossings += 1
    return crossings % 2 == 1


def bold_spills(root):
    """The bold lines of names that do not fit inside their node's outline."""
    nodes, _, _ = read(root)
    out = []
    for name, (g, _) in nodes.items():
        if name.startswith("legend"):
            continue
        outline = outline_of(g)
        for el in g.iter(SVG + "text"):
            txt = "".join(el.itertext())
            if not txt.strip() or el.get("font-weight") != "bold":
                continue
            fs = float(el.get("font-size", "14"))
            w = len(txt) * fs * BOLD_EM
            x, y = float(el.get("x")), float(el.get("y"))
            anchor = el.get("text-anchor", "start")
            x0 = x - w / 2 if anchor == "middle" else x - w if anchor == "end" else x
            corners = [(x0, y - fs * 0.75), (x0 + w, y - fs * 0.75), (x0, y + fs * 0.2),
                       (x0 + w, y + fs * 0.2)]
            if outline is None or not all(inside(outline, cx, cy) for cx, cy in corners):
                out.append("%s: bold %r (%.0f pt wide at %.0f pt) spills out of its outline"
                           % (name, txt, w, fs))
    return out


def check_bold(label, binary, graph_path, args, drawn, work):
    """Every actor drawn a focus actor: each bold name must fit inside its node.
    drawn: the SVG of the same picture without focus, whose nodes are the actors."""
    panels = {}
    for name in read(ET.parse(drawn).getroot())[0]:
        if not name.startswith("legend"):
            panel, aid = ids_panels(name)
            panels.setdefault(aid, set()).add(panel)
    most = max(len(p) for p in panels.values())
    ids = sorted(a for a, p in panels.items() if len(p) == most)
    out = os.path.join(work, label + ".svg")
    status, err = render(binary, [graph_path] + args +
                         ["--focus", ",".join(ids), "--depth", "0"], out)
    if status != 0:
        bad("%s: render exit %d" % (label, status), err.splitlines())
        return
    root = ET.parse(out).getroot()
    found = bold_spills(root)
    names = sum(1 for el in root.iter(SVG + "text") if el.get("font-weight") == "bold")
    if names < 2:
        bad("%s: no bold names drawn" % label)
    elif found:
        bad("%s: %d bold lines spill out of their node" % (label, len(found)), found)
    else:
        ok("%s: all %d bold lines fit inside their node" % (label, names - 1))
    # The check must be able to fail: the first bold name made wider than its node.
    broken = copy.deepcopy(root)
    for g in broken.iter(SVG + "g"):
        if g.get("class") == "node" and not title(g).startswith("legend"):
            t = next((el for el in g.iter(SVG + "text") if el.get("font-weight") == "bold"), None)
            if t is not None:
                t.text = (t.text or "") + "WWWW"
                break
    if bold_spills(broken):
        ok("%s: self-check: a longer bold name is noticed" % label)
    else:
        bad("%s: self-check: a bold name made longer went unnoticed" % label)


# --- membership, from the graph file ---------------------------------------

def period(text, last):
    """First (last=False) or last day of a partial date, as YYYY-MM-DD."""
    parts = text.split("-")
    if len(parts) == 3:
        return text
    if len(parts) == 2:
        if not last:
            return text + "-01"
        y, m = int(parts[0]), int(parts[1])
        days = [31, 29 if (y % 4 == 0 and y % 100 != 0) or y % 400 == 0 else 28,
                31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]
        return "%s-%02d" % (text, days)
    return text + ("-12-31" if last else "-01-01")


def load_graph(path):
    with open(path) as f:
        g = json.load(f)
    snaps = {s["id"]: s["at"] for s in g.get("snapshots", [])}
    names = {a["id"]: a.get("name") or a["id"] for a in g["actors"]}
    members = []
    for r in g["relations"]:
        if r["type"] == "member_of":
            members.append((r["source"], r["target"], r.get("from"), r.get("to")))
    return snaps, names, members


def members_on(graph, day):
    """{alliance id: set of actor ids that may be members on `day`}."""
    _, _, members = graph
    out = {}
    for src, al, frm, to in members:
        if (frm is None or period(frm, False) <= day) and (to is None or day <= period(to, True)):
            out.setdefault(al, set()).add(src)
    return out


def box_intruders(root, graph, days, ids_of):
    """Nodes over an alliance box that are neither the alliance nor a member on
    the panel's day(s). ids_of(node title) -> (panel, actor id)."""
    nodes, _, clusters = read(root)
    _, names, _ = graph
    by_name = {}
    for aid, name in names.items():
        by_name.setdefault(name, aid)
    out = []
    for t, box, label, _ in clusters:
        al = None
        for name, aid in by_name.items():
            if label.replace(" ", "").startswith(name.replace(" ", "")[:30]):
                al = aid
        if al is None:
            out.append("box %s: no alliance named %r" % (t, label))
            continue
        for name, (_, nbox) in nodes.items():
            if nbox is None or name.startswith("legend"):
                continue
            panel, aid = ids_of(name)
            if aid == al or not boxes_meet(nbox, box):
                continue
            allowed = set()
            for day in days[panel]:
                allowed |= members_on(graph, day).get(al, set())
            if aid not in allowed:
                out.append("%s is drawn over the box of %s without being a member" % (name, al))
    return out


def render(binary, args, out):
    proc = subprocess.run([binary, "render"] + args + ["-o", out],
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


def ids_single(name):
    return 0, name


def ids_panels(name):
    if name[:2] in ("1/", "2/"):
        return int(name[0]) - 1, name[2:]
    return 0, name


def check(label, binary, graph_path, args, days, ids_of, work, selftest=False):
    out = os.path.join(work, label + ".svg")
    status, err = render(binary, [graph_path] + args, out)
    if status != 0:
        bad("%s: render exit %d" % (label, status), err.splitlines())
        return
    root = ET.parse(out).getroot()
    nodes, edges, _ = read(root)
    drawn = [e for e in edges if not e[0].startswith("legend")]
    found = edge_crossings(root) if "edges" in CHECKS else None
    if found:
        bad("%s: %d of %d lines cross a node they do not connect" % (label, len(found), len(drawn)),
            found)
    elif found is not None:
        ok("%s: none of the %d lines crosses a node it does not connect" % (label, len(drawn)))
    found = label_overlaps(root) if "labels" in CHECKS else None
    if found:
        bad("%s: labels overlap" % label, found)
    elif found is not None:
        ok("%s: no label overlaps a node, another label or a line" % label)
    graph = load_graph(graph_path)
    found = box_intruders(root, graph, days, ids_of) if "boxes" in CHECKS else None
    if found:
        bad("%s: alliance boxes hold non-members" % label, found)
    elif found is not None:
        ok("%s: alliance boxes hold their members only" % label)
    if not selftest:
        return
    # The checks must be able to fail: a node moved onto the middle of a line ...
    victim_edge = next(e for e in drawn if len(e[3]) > 2)
    mid = victim_edge[3][len(victim_edge[3]) // 2]
    other = next(n for n in nodes if n not in (victim_edge[1], victim_edge[2]) and
                 nodes[n][1] is not None and not n.startswith("legend"))
    moved = copy.deepcopy(root)
    move_node(moved, other, mid)
    if "edges" not in CHECKS:
        pass
    elif any(other in f for f in edge_crossings(moved)):
        ok("%s: self-check: a node moved onto a line is noticed" % label)
    else:
        bad("%s: self-check: moving %s onto %s went unnoticed" % (label, other, victim_edge[0]))
    # ... a node moved onto a line's label ...
    labelled = [(e, b) for e in drawn for b, _ in text_boxes(e[4])]
    if "labels" in CHECKS and labelled:
        (e, b) = labelled[0]
        victim = next(n for n in nodes if n not in (e[1], e[2]) and nodes[n][1] is not None
                      and not n.startswith("legend"))
        moved = copy.deepcopy(root)
        move_node(moved, victim, ((b[0] + b[2]) / 2, (b[1] + b[3]) / 2))
        if any(victim in f for f in label_overlaps(moved)):
            ok("%s: self-check: a node moved onto a label is noticed" % label)
        else:
            bad("%s: self-check: moving %s onto the label of %s went unnoticed"
                % (label, victim, e[0]))
    # ... and a non-member moved into an alliance box.
    _, _, clusters = read(root)
    if clusters and "boxes" in CHECKS:
        t, box, _, _ = clusters[0]
        centre = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
        moved = copy.deepcopy(root)
        outsider = next((n for n in nodes if not n.startswith("legend") and nodes[n][1] is not None
                         and not any(boxes_meet(nodes[n][1], c[1]) for c in clusters)), None)
        if outsider is None:
            return
        move_node(moved, outsider, centre)
        if any(outsider in f for f in box_intruders(moved, graph, days, ids_of)):
            ok("%s: self-check: a non-member moved into a box is noticed" % label)
        else:
            bad("%s: self-check: moving %s into %s went unnoticed" % (label, outsider, t))


def move_node(root, name, to):
    for g in root.iter(SVG + "g"):
        if g.get("class") == "node" and title(g) == name:
            box = shape_box(g)
            dx, dy = to[0] - (box[0] + box[2]) / 2, to[1] - (box[1] + box[3]) / 2
            for el in g.iter():
                if el.tag == SVG + "ellipse":
                    el.set("cx", "%.2f" % (float(el.get("cx")) + dx))
                    el.set("cy", "%.2f" % (float(el.get("cy")) + dy))
                elif el.tag in (SVG + "polygon", SVG + "path"):
                    key = "points" if el.tag == SVG + "polygon" else "d"
                    nums = [float(v) for v in NUM.findall(el.get(key))]
                    pts = " ".join("%.2f,%.2f" % (x + dx, y + dy)
                                   for x, y in zip(nums[0::2], nums[1::2]))
                    el.set(key, pts if key == "points" else "M" + pts)
                elif el.tag == SVG + "text":
                    el.set("x", "%.2f" % (float(el.get("x")) + dx))
                    el.set("y", "%.2f" % (float(el.get("y")) + dy))


def day_of(graph, when):
    snaps, _, _ = graph
    return snaps.get(when, when)


def cases(binary, path, a, b, work, label, selftest=False):
    graph = load_graph(path)
    da, db = day_of(graph, a), day_of(graph, b)
    check(label + "-one", binary, path, ["--at", a], {0: [da]}, ids_single, work, selftest)
    check(label + "-compare", binary, path, ["--at", a, "--compare", b], {0: [da], 1: [db]},
          ids_panels, work)
    check(label + "-diff", binary, path, ["--from", a, "--to", b, "--diff"], {0: [da, db]},
          ids_single, work)
    if "bold" in CHECKS and label != "random-200":
        check_bold(label + "-bold-one", binary, path, ["--at", a],
                   os.path.join(work, label + "-one.svg"), work)
        check_bold(label + "-bold-compare", binary, path, ["--at", a, "--compare", b],
                   os.path.join(work, label + "-compare.svg"), work)


def main():
    global CHECKS
    binary, src, work, gen = sys.argv[1:5]
    if len(sys.argv) > 5:
        CHECKS = set(sys.argv[5:])
    os.makedirs(work, exist_ok=True)
    cases(binary, os.path.join(src, "tests/fixtures/render/alliance.json"), "early", "late", work,
          "fixture", selftest=True)
    cases(binary, os.path.join(src, "graphs/south-caucasus.json"), "before-2022", "after-2022",
          work, "south-caucasus", selftest=True)
    rnd = os.path.join(work, "random-200.json")
    with open(rnd, "w") as f:
        subprocess.run([gen, "200", "2000"], stdout=f, check=True)
    cases(binary, rnd, "2015-06-30", "2020-06-30", work, "random-200", selftest=True)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
