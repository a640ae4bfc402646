#!/usr/bin/python3
"""The two panels of `entente render --at A --compare B` share one layout.

Side by side, and stacked (--stack: the second panel below the first, at
the same x, the frames apart).

Renders tests/fixtures/render/alliance.json (early / late) and
graphs/south-caucasus.json (before-2022 / after-2022) as SVG and reads the SVG
back: every actor drawn in both panels must sit at the same place relative to
its panel. Node groups are titled "1/ID" and "2/ID"; the panels are the
clusters titled cluster_panel1 and cluster_panel2, whose outline's lowest x
and y are the panel's origin. A node's place is the centre of its shape (an
ellipse's centre, or the mean of a polygon's or path's points) and the anchor
of each of its texts, minus the origin; the two panels must agree to 0.01.

The actors expected in each panel come from the fixture's own description
(for the fixture) and from `entente snapshot` (for the data set), not from
the renderer; the pictures are drawn with --all-actors, so that actors
without a relation on a day are drawn too. The check is run once more on a copy of the SVG with one node
moved by half a point, and must then fail: that is what shows it can.

usage: render-panels.py ENTENTE_BINARY SOURCE_DIR WORK_DIR
"""
import copy
import json
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from svgtest import NUM, SVG, bad, ok, summary, title  # noqa: E402

TOL = 0.01



def points(el):
    """The points of a polygon or a path, the closing repeat dropped."""
    attr = el.get("points") if el.tag == SVG + "polygon" else el.get("d")
    nums = [float(x) for x in NUM.findall(attr or "")]
    pts = list(zip(nums[0::2], nums[1::2]))
    if len(pts) > 1 and pts[0] == pts[-1]:
        pts.pop()
    return pts


def shape_centre(g):
    """Centre of the first shape drawn in group g (the node's outline)."""
    for el in g.iter():
        if el.tag == SVG + "ellipse":
            return float(el.get("cx")), float(el.get("cy"))
        if el.tag in (SVG + "polygon", SVG + "path"):
            pts = points(el)
            if pts:
                return (sum(p[0] for p in pts) / len(pts), sum(p[1] for p in pts) / len(pts))
    return None


def places(g):
    """The shape's centre, then each text's anchor, in document order."""
    out = [shape_centre(g)]
    for el in g.iter(SVG + "text"):
        out.append((float(el.get("x")), float(el.get("y"))))
    return out


def read_svg(root):
    """(panel origins, {panel: {actor id: node group}}) of a comparison."""
    origins, nodes = {}, {1: {}, 2: {}}
    for g in root.iter(SVG + "g"):
        cls, t = g.get("class"), title(g)
        if cls == "cluster" and t in ("cluster_panel1", "cluster_panel2"):
            outline = g.find(SVG + "polygon")
            if outline is None:
                outline = g.find(SVG + "path")
            pts = points(outline)
            origins[int(t[-1])] = (min(p[0] for p in pts), min(p[1] for p in pts))
        elif cls == "node" and t and t[:2] in ("1/", "2/"):
            nodes[int(t[0])][t[2:]] = g
    return origins, nodes


def mismatches(root):
    """Lines describing every actor placed differently in the two panels."""
    origins, nodes = read_svg(root)
    if set(origins) != {1, 2}:
        return ["panels found: %s" % sorted(origins)]
    (ox1, oy1), (ox2, oy2) = origins[1], origins[2]
    out = []
    for actor in sorted(set(nodes[1]) & set(nodes[2])):
        p1, p2 = places(nodes[1][actor]), places(nodes[2][actor])
        if len(p1) != len(p2) or None in p1 or None in p2:
            out.append("%s: drawn differently (%d and %d places)" % (actor, len(p1), len(p2)))
            continue
        for (x1, y1), (x2, y2) in zip(p1, p2):
            dx, dy = (x2 - ox2) - (x1 - ox1), (y2 - oy2) - (y1 - oy1)
            if abs(dx) > TOL or abs(dy) > TOL:
                out.append("%s: moved by (%.3f, %.3f) between the panels" % (actor, dx, dy))
                break
    return out


def render(binary, graph, a, b, out, stack):
    proc = subprocess.run([binary, "render", graph, "--at", a, "--compare", b, "--all-actors", "-o", out]
                          + (["--stack"] if stack else []),
                          stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return proc.returncode, proc.stderr.decode("utf-8", "replace")


def snapshot_actors(binary, graph, when):
    proc = subprocess.run([binary, "snapshot", graph, "--at", when, "--format", "json"],
                          stdout=subprocess.PIPE, check=True)
    tables = json.loads(proc.stdout)["tables"]
    return {row["actor"] for row in tables[0]["rows"]}


def panel_boxes(root):
    """{panel: (min x, min y, max x, max y)} of the panels' frames."""
    out = {}
    for g in root.iter(SVG + "g"):
        if g.get("class") == "cluster" and title(g) in ("cluster_panel1", "cluster_panel2"):
            outline = g.find(SVG + "polygon")
            if outline is None:
                outline = g.find(SVG + "path")
            pts = points(outline)
            out[int(title(g)[-1])] = (min(p[0] for p in pts), min(p[1] for p in pts),
                                      max(p[0] for p in pts), max(p[1] for p in pts))
    return out


def check(name, binary, graph, a, b, want1, want2, work, stack=False):
    out = os.path.join(work, name + ".svg")
    status, err = render(binary, graph, a, b, out, stack)
    if status != 0 or err:
        bad("%s: render exit %d" % (name, status), err.splitlines())
        return
    root = ET.parse(out).getroot()
    origins, nodes = read_svg(root)
    got1, got2 = set(nodes[1]), set(nodes[2])
    if got1 == want1 and got2 == want2:
        ok("%s: the actors of each date are in their panel (%d and %d)" % (name, len(got1), len(got2)))
    else:
        bad("%s: actors per panel" % name,
            ["panel 1 missing %s, extra %s" % (sorted(want1 - got1), sorted(got1 - want1)),
             "panel 2 missing %s, extra %s" % (sorted(want2 - got2), sorted(got2 - want2))])
    shared = sorted(got1 & got2)
    if shared:
        ok("%s: %d actors drawn in both panels" % (name, len(shared)))
    else:
        bad("%s: no actor drawn in both panels" % name)
        return
    frames = panel_boxes(root)
    if set(frames) != {1, 2}:
        bad("%s: panel frames %s" % (name, frames))
    elif not stack and frames[2][0] > frames[1][2] and abs(frames[2][1] - frames[1][1]) <= TOL:
        ok("%s: panel 2 lies to the right of panel 1, level with it" % name)
    elif stack and frames[2][1] > frames[1][3] and abs(frames[2][0] - frames[1][0]) <= TOL:
        ok("%s: panel 2 lies below panel 1, aligned with it" % name)
    else:
        bad("%s: panel frames %s (%s)" % (name, frames, "stacked" if stack else "side by side"))
    # The drawing is as wide as one panel (stacked) or two, plus the margins.
    width = float(root.get("width").rstrip("pt"))
    panel_w = frames[1][2] - frames[1][0] if 1 in frames else 0
    want_panels = 1 if stack else 2
    if panel_w and want_panels * panel_w < width < want_panels * panel_w + 100:
        ok("%s: the drawing is %.0f pt wide, %d panel(s) of %.0f pt" % (name, width, want_panels, panel_w))
    else:
        bad("%s: the drawing is %.0f pt wide for panels of %.0f pt" % (name, width, panel_w))
    found = mismatches(root)
    if found:
        bad("%s: same place in both panels" % name, found)
    else:
        ok("%s: every shared actor at the same place in both panels" % name)

    # The check must notice a node moved by half a point in panel 2 ...
    victim = shared[len(shared) // 2]
    moved = copy.deepcopy(root)
    for g in moved.iter(SVG + "g"):
        if g.get("class") == "node" and title(g) == "2/" + victim:
            for el in g.iter():
                if el.tag == SVG + "ellipse":
                    el.set("cx", "%.2f" % (float(el.get("cx")) + 0.5))
                elif el.tag == SVG + "polygon":
                    el.set("points", " ".join(
                        "%.2f,%.2f" % (x + 0.5, y) for x, y in
                        zip(*[iter(float(v) for v in NUM.findall(el.get("points")))] * 2)))
                elif el.tag == SVG + "path":
                    nums = [float(v) for v in NUM.findall(el.get("d"))]
                    el.set("d", "M" + " ".join("%.2f,%.2f" % (x + 0.5, y)
                                               for x, y in zip(nums[0::2], nums[1::2])))
    found = mismatches(moved)
    if len(found) == 1 and found[0].startswith(victim + ": moved by (0.500"):
        ok("%s: self-check: a node moved by 0.5 pt is noticed (%s)" % (name, victim))
    else:
        bad("%s: self-check: moving %s by 0.5 pt gave %s" % (name, victim, found))
    # ... and a panel moved as a whole.
    moved = copy.deepcopy(root)
    for g in moved.iter(SVG + "g"):
        if g.get("class") == "cluster" and title(g) == "cluster_panel2":
            outline = g.find(SVG + "polygon")
            outline.set("points", " ".join("%.2f,%.2f" % (x, y - 1) for x, y in points(outline)))
    if len(mismatches(moved)) == len(shared):
        ok("%s: self-check: a panel moved by 1 pt is noticed" % name)
    else:
        bad("%s: self-check: moving panel 2 went unnoticed" % name)


def main():
    binary, src, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    early = {"ardenia", "borvia", "northern-pact", "mira", "corland", "estmark", "lake-vell"}
    sc = os.path.join(src, "graphs/south-caucasus.json")
    sc1, sc2 = snapshot_actors(binary, sc, "before-2022"), snapshot_actors(binary, sc, "after-2022")
    for stack in (False, True):
        suffix = "-stacked" if stack else ""
        check("fixture" + suffix, binary, os.path.join(src, "tests/fixtures/render/alliance.json"),
              "early", "late", early, early | {"newland"}, work, stack)
        check("south-caucasus" + suffix, binary, sc, "before-2022", "after-2022", sc1, sc2, work,
              stack)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
