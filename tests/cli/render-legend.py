#!/usr/bin/python3
"""The legend of an `entente render` SVG shows exactly the marks the picture uses.

For each picture (the fixture tests/fixtures/render/alliance.json and the bundled
graph; one snapshot, a comparison, a diff, each also with --color-by bloc) the
SVG is read back and the marks of the drawing (outside the legend) are compared
with the samples in the legend (the cluster titled cluster_legend):

  - line hues (stroke colours), line patterns (solid, dashed, dotted), heads
    (arrow, bar, circle, none) and change marks (a diff's badges: + x and the
    others, the texts drawn beside lines that are one character long): every
    one used is in the legend, and the legend has no hue, pattern or mark the
    drawing lacks;
  - node fills: every fill used is in the legend (a kind's sample, or a bloc's
    swatch when fills are by bloc), and the legend has no fill the drawing
    lacks (white excepted: the neutral ground of shape samples);
  - node outlines: a dotted or bold outline is in the legend when used;
  - with --color-by bloc, the legend names each bloc fill ("bloc N").

Each check also runs on a copy of a drawing with one line recoloured, and must
fail then.

usage: render-legend.py ENTENTE_BINARY SOURCE_DIR WORK_DIR
"""
import copy
import os
import subprocess
import sys
import xml.etree.ElementTree as ET

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "tools"))
from svgtest import SVG, bad, ok, summary, title  # noqa: E402

WHITE = {"white", "#ffffff"}



def pattern(el):
    dash = el.get("stroke-dasharray")
    if not dash:
        return "solid"
    return "dotted" if dash.startswith("1,") else "dashed"


def head(g):
    """The head of an edge group: arrow (triangle), bar, circle or none."""
    shapes = [el for el in g.iter() if el.tag in (SVG + "polygon", SVG + "ellipse")]
    if not shapes:
        return "none"
    el = shapes[0]
    if el.tag == SVG + "ellipse":
        return "circle"
    return "arrow" if len(el.get("points").split()) == 4 else "bar"


def marks(root):
    """(drawing, legend): each a dict of sets of marks."""
    legend_ids = set()
    for g in root.iter(SVG + "g"):
        if g.get("class") == "cluster" and title(g) == "cluster_legend":
            legend_ids.add(id(g))
    out = ({}, {})
    for g in root.iter(SVG + "g"):
        cls, t = g.get("class"), title(g)
        if cls not in ("node", "edge"):
            continue
        side = out[1] if t.startswith("legend/") else out[0]
        if cls == "edge":
            path = g.find(".//" + SVG + "path")
            if path is None:
                continue
            side.setdefault("hue", set()).add(path.get("stroke"))
            side.setdefault("pattern", set()).add(pattern(path))
            side.setdefault("head", set()).add(head(g))
            for el in g.iter(SVG + "text"):
                text = "".join(el.itertext())
                if len(text) == 1:
                    side.setdefault("badge", set()).add(text)
        else:
            shape = next((el for el in g.iter() if el.tag in (SVG + "polygon", SVG + "ellipse",
                                                                SVG + "path")), None)
            if shape is None or shape.get("fill") in (None, "none", "transparent"):
                continue
            side.setdefault("fill", set()).add(shape.get("fill"))
            outline = pattern(shape)
            if outline == "dotted":
                side.setdefault("outline", set()).add("dotted")
            if float(shape.get("stroke-width", "1")) >= 2:
                side.setdefault("outline", set()).add("bold")
            if t.startswith("legend/fill/"):
                side.setdefault("swatch", set()).add(shape.get("fill"))
    return out


def compare(root):
    drawing, legend = marks(root)
    found = []
    for channel in ("hue", "pattern", "head", "badge", "fill", "outline"):
        used, shown = drawing.get(channel, set()), legend.get(channel, set())
        for m in sorted(used - shown):
            found.append("%s %s is drawn but not in the legend" % (channel, m))
        extra = shown - used
        if channel == "fill":
            extra -= WHITE
        if channel == "head":
            extra = set()  # a sample of a hue always has some head
        for m in sorted(extra):
            found.append("%s %s is in the legend but not drawn" % (channel, m))
    return found


def texts(root):
    return {"".join(el.itertext()) for el in root.iter(SVG + "text")}


def check(label, binary, args, work, bloc, selftest=False):
    out = os.path.join(work, label + ".svg")
    proc = subprocess.run([binary, "render"] + args + ["-o", out], stdout=subprocess.PIPE,
                          stderr=subprocess.PIPE)
    if proc.returncode != 0:
        bad("%s: render exit %d" % (label, proc.returncode),
            proc.stderr.decode("utf-8", "replace").splitlines())
        return
    root = ET.parse(out).getroot()
    found = compare(root)
    if found:
        bad("%s: the legend and the drawing disagree" % label, found)
    else:
        d, _ = marks(root)
        ok("%s: the legend shows exactly the marks drawn (%s)" %
           (label, ", ".join("%d %s" % (len(v), k) for k, v in sorted(d.items()))))
    if bloc:
        _, legend = marks(root)
        words = texts(root)
        named = [w for w in words if w.startswith("bloc ")]
        if legend.get("swatch") and named:
            ok("%s: the bloc key names %d bloc(s)" % (label, len(named)))
        else:
            bad("%s: no bloc key in the legend" % label)
    if selftest:
        moved = copy.deepcopy(root)
        for g in moved.iter(SVG + "g"):
            if g.get("class") == "edge" and not title(g).startswith("legend/"):
                g.find(".//" + SVG + "path").set("stroke", "#00ff00")
                break
        if any("#00ff00 is drawn but not in the legend" in f for f in compare(moved)):
            ok("%s: self-check: a line of an unexplained hue is noticed" % label)
        else:
            bad("%s: self-check: a recoloured line went unnoticed" % label)


def main():
    binary, src, work = sys.argv[1:4]
    os.makedirs(work, exist_ok=True)
    for name, path, a, b in (("fixture", "tests/fixtures/render/alliance.json", "early", "late"),
                             ("south-caucasus", "graphs/south-caucasus.json", "before-2022",
                              "after-2022")):
        g = os.path.join(src, path)
        for extra, tag in (([], ""), (["--color-by", "bloc"], "-bloc")):
            bloc = bool(extra)
            check(name + "-one" + tag, binary, [g, "--at", a] + extra, work, bloc, not bloc)
            check(name + "-compare" + tag, binary, [g, "--at", a, "--compare", b] + extra, work,
                  bloc)
            check(name + "-diff" + tag, binary, [g, "--from", a, "--to", b, "--diff"] + extra,
                  work, bloc, not bloc)
    return summary()


if __name__ == "__main__":
    sys.exit(main())
