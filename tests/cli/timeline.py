#!/usr/bin/python3
"""`entente timeline`: its table, its chart and its refusals.

- The long table of tests/fixtures/timeline/months.json against values worked
  out by hand (the same graph as test_timeline.c, where each value is
  explained), in CSV and JSON.
- The sweep and --no-sweep print the same bytes on the bundled graph, with and
  without a half-life, for every metric.
- The chart, parsed as XML: every line has a non-empty <title> that names its
  actor; the legend has one entry per line, in the same order, with the same
  label, colour and dashes; the legend lies right of every point of every
  line; the date tick labels do not overlap and the value tick labels do not
  either, with text widths estimated more generously (0.7 em a character)
  than the writer's own estimate; each declared snapshot in the span has its
  vertical line. The colours are those of the Okabe-Ito palette.
- The chart of tests/fixtures/timeline/months.json against a golden SVG read
  by hand (ENTENTE_UPDATE_GOLDEN=1 rewrites it), and byte-identical runs.
- Hostile names (tests/fixtures/render/hostile.json) come out escaped: the
  SVG parses, has no <script> element, and shows each name as written
  (the control characters XML cannot carry as spaces).
- Refusals: -o /dev/null (left alone), a symbolic link, an output that is not
  .svg, --mark without -o, an unknown metric or period, --from after --to,
  --actors with --top; each exits 2 and leaves no file behind.

usage: timeline.py ENTENTE_BINARY SOURCE_DIR WORK_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

BIN, SRC, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
SVGNS = "{http://www.w3.org/2000/svg}"
MONTHS = os.path.join(SRC, "tests/fixtures/timeline/months.json")
BUNDLED = os.path.join(SRC, "graphs/south-caucasus.json")
HOSTILE = os.path.join(SRC, "tests/fixtures/render/hostile.json")
GOLDEN = os.path.join(SRC, "tests/golden/timeline/months.svg")
OKABE_ITO = {"#000000", "#E69F00", "#56B4E9", "#009E73", "#0072B2", "#D55E00", "#CC79A7"}

failures = 0
passes = 0


def ok(cond, what):
    global failures, passes
    if cond:
        passes += 1
        print("ok   " + what)
    else:
        failures += 1
        print("FAIL " + what)
    return cond


def run(*args):
    return subprocess.run([BIN, "timeline", *args], capture_output=True, cwd=WORK)


shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)

# --- the table, by hand ------------------------------------------------------
HAND = """date,actor,name,metric,value,rank
2020-01-15,p,P,leverage,0.000,1
2020-01-15,q,Q,leverage,0.000,2
2020-01-15,c,C,leverage,0.000,3
2020-01-15,d,D,leverage,,
2020-02-15,p,P,leverage,7.400,1
2020-02-15,q,Q,leverage,4.150,2
2020-02-15,c,C,leverage,0.000,3
2020-02-15,d,D,leverage,0.000,4
2020-03-15,p,P,leverage,7.400,1
2020-03-15,q,Q,leverage,4.150,2
2020-03-15,c,C,leverage,0.000,3
2020-03-15,d,D,leverage,0.000,4
2020-04-15,p,P,leverage,4.000,2
2020-04-15,q,Q,leverage,5.750,1
2020-04-15,c,C,leverage,0.000,3
2020-04-15,d,D,leverage,0.000,4
2020-05-15,p,P,leverage,0.000,2
2020-05-15,q,Q,leverage,1.750,1
2020-05-15,c,C,leverage,0.000,3
2020-05-15,d,D,leverage,0.000,4
"""
r = run(MONTHS, "--from", "2020-01-15", "--to", "2020-05-15", "--window", "60", "--top", "0",
        "--format", "csv")
ok(r.returncode == 0 and r.stdout.decode() == HAND, "months.json: leverage by month, by hand")
r = run(MONTHS, "--from", "2020-01-15", "--to", "2020-05-15", "--window", "60",
        "--actors", "Q,d", "--format", "json")
doc = json.loads(r.stdout)
ok(doc["columns"] == ["date", "actor", "name", "metric", "value", "rank"], "json: the columns")
ok([(x["actor"], x["value"], x["rank"]) for x in doc["rows"][:2]] == [("q", 0, 2), ("d", None, None)],
   "json: absent is null, --actors keeps its order")
ok(any("window" in n or "last 60 days" in n for n in doc["notes"]), "json: the rules in a note")
r = run(MONTHS, "--from", "2020-01-15", "--to", "2020-05-15", "--window", "60", "--top", "2",
        "--format", "csv")
ok([l.split(",")[1] for l in r.stdout.decode().splitlines()[1:3]] == ["p", "q"],
   "--top 2: the two highest peaks, p (7.4) then q (5.75)")

# --- the sweep against fresh snapshots ----------------------------------------
ALL = "leverage,cooperation_rank,pressure,pos_in,pos_out,neg_in,neg_out,net_stance,betweenness,pn"
for extra in ([], ["--half-life", "60", "--window", "200"], ["--status", "confirmed"]):
    a = run(BUNDLED, "--from", "2018-06", "--to", "2024-01", "--every", "week", "--metric", ALL,
            "--top", "0", "--format", "csv", *extra)
    b = run(BUNDLED, "--from", "2018-06", "--to", "2024-01", "--every", "week", "--metric", ALL,
            "--top", "0", "--format", "csv", "--no-sweep", *extra)
    ok(a.returncode == 0 and a.stdout == b.stdout and len(a.stdout) > 100000,
       "sweep == --no-sweep, every metric, weekly " + " ".join(extra))

# --- the chart ------------------------------------------------------------------


def chart(path, *args):
    r = run(*args, "-o", path)
    ok(r.returncode == 0, "chart %s written" % os.path.basename(path))
    return ET.parse(os.path.join(WORK, path)).getroot()


def text_width(s, font=12.0):
    return len(s) * font * 0.7


def check_chart(root, what, series_labels=None):
    lines = root.findall(".//%spath[@class='line']" % SVGNS)
    ok(len(lines) > 0, what + ": has lines")
    titles = [l.find(SVGNS + "title") for l in lines]
    ok(all(t is not None and t.text and t.text.strip() for t in titles),
       what + ": every line has a <title>")
    entries = root.findall(".//%sg[@class='legend-entry']" % SVGNS)
    ok(len(entries) == len(lines), what + ": one legend entry per line")
    labels = [e.find(SVGNS + "text").find(SVGNS + "title").text for e in entries]
    ok(all(t.text.startswith(l) for t, l in zip(titles, labels)),
       what + ": each line's title names its legend entry's label")
    if series_labels is not None:
        ok(labels[:len(series_labels)] == series_labels, what + ": legend labels in order")
    same = all(e.find(SVGNS + "line").get("stroke") == l.get("stroke") and
               e.find(SVGNS + "line").get("stroke-dasharray") == l.get("stroke-dasharray")
               for e, l in zip(entries, lines))
    ok(same, what + ": legend colour and dashes match each line")
    ok(all(l.get("stroke") in OKABE_ITO for l in lines), what + ": Okabe-Ito colours")
    # The legend lies right of every point.
    xs = [float(x) for l in lines for x in re.findall(r"[ML]([-0-9.]+) ", l.get("d"))]
    legend_x = min(float(e.find(SVGNS + "line").get("x1")) for e in entries)
    ok(max(xs) < legend_x, what + ": the legend is beside the plot, not over a line")
    # Tick labels do not overlap.
    for panel in root.findall(".//%sg[@class='panel']" % SVGNS):
        xt = panel.find("%sg[@class='x-ticks']" % SVGNS)
        boxes = sorted((float(t.get("x")) - text_width(t.text) / 2,
                        float(t.get("x")) + text_width(t.text) / 2)
                       for t in xt.findall(SVGNS + "text"))
        ok(len(boxes) >= 2 and all(a[1] < b[0] for a, b in zip(boxes, boxes[1:])),
           what + ": %d date tick labels, none overlapping" % len(boxes))
        yt = sorted(float(t.get("y")) for t in panel.find("%sg[@class='y-ticks']" % SVGNS)
                    .findall(SVGNS + "text"))
        ok(len(yt) >= 2 and all(b - a >= 14 for a, b in zip(yt, yt[1:])),
           what + ": value tick labels at least 14 px apart")
    return lines


root = chart("bundled.svg", BUNDLED, "--from", "2020-11", "--to", "2023-09", "--top", "6",
             "--mark", "2022-02-24=invasion")
check_chart(root, "bundled")
marks = root.findall(".//%sline[@class='mark']" % SVGNS)
mark_titles = [m.find(SVGNS + "title").text for m in marks]
snaps = json.load(open(BUNDLED))["snapshots"]
inside = [s for s in snaps if "2020-11-30" <= s["at"] <= "2023-09-30"]
ok(all(any(t.startswith(s["id"]) for t in mark_titles) for s in inside) and
   any(t.startswith("invasion") for t in mark_titles) and len(marks) == len(inside) + 1,
   "bundled: a line per snapshot in the span and one for --mark")
ok(any("snapshot rules" in (t.text or "") for t in root.iter(SVGNS + "text")),
   "bundled: the rules under the title")
# The numbers of marks close together do not collide: the bundled graph's ten
# snapshots over a century, five of them within a year.
root = chart("century.svg", BUNDLED, "--from", "1923", "--to", "2023-09-21", "--top", "6")
nums = [(float(t.get("y")), float(t.get("x")), t.text)
        for t in root.findall(".//%stext[@class='mark-number']" % SVGNS)]
rows = {}
for y, x, text in nums:
    rows.setdefault(y, []).append((x - text_width(text) / 2, x + text_width(text) / 2))
ok(len(nums) == 10 and all(a[1] < b[0] for r in rows.values() for a, b in zip(sorted(r), sorted(r)[1:])),
   "century: 10 mark numbers in %d rows, none overlapping" % len(rows))
root = chart("many.svg", BUNDLED, "--from", "2014", "--to", "2024", "--every", "quarter",
             "--top", "12", "--metric", "leverage,pos_in")
lines = check_chart(root, "12 lines, two panels")
ok(len(root.findall(".//%sg[@class='panel']" % SVGNS)) == 2, "two metrics, two panels")
ok(len({(l.get("stroke"), l.get("stroke-dasharray")) for l in lines[:12]}) == 12,
   "12 lines, 12 different colour and dash pairs")
root = chart("days.svg", MONTHS, "--from", "2020-02-01", "--to", "2020-02-20", "--every", "day")
check_chart(root, "daily steps")

# Golden chart and determinism.
r1 = run(MONTHS, "--from", "2020-01-15", "--to", "2020-05-15", "--window", "60", "--top", "0",
         "-o", "-")
r2 = run(MONTHS, "--from", "2020-01-15", "--to", "2020-05-15", "--window", "60", "--top", "0",
         "-o", "-")
ok(r1.returncode == 0 and r1.stdout == r2.stdout, "the same chart twice, byte for byte")
if os.environ.get("ENTENTE_UPDATE_GOLDEN") == "1":
    with open(GOLDEN, "wb") as f:
        f.write(r1.stdout)
    print("note: rewrote " + GOLDEN)
with open(GOLDEN, "rb") as f:
    ok(f.read() == r1.stdout, "months.json chart equals tests/golden/timeline/months.svg")
check_chart(ET.fromstring(r1.stdout), "golden", ["P", "Q", "C", "D"])

# Hostile names.
r = run(HOSTILE, "--from", "2021", "--to", "2024", "--top", "0", "-o", "hostile.svg",
        "--mark", "2022-01=<script>alert(1)</script> & \x01")
ok(r.returncode == 0, "hostile: written")
raw = open(os.path.join(WORK, "hostile.svg"), encoding="utf-8").read()
ok("<script" not in raw, "hostile: no <script> element")
root = ET.fromstring(raw.encode())
names = [a["name"] for a in json.load(open(HOSTILE))["actors"]]
legend = [e.find(SVGNS + "text").find(SVGNS + "title").text
          for e in root.findall(".//%sg[@class='legend-entry']" % SVGNS)]
# Control characters XML cannot carry become spaces; tab and line feed stay.
clean = [re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f]", " ", n) for n in names]
ok(sorted(legend) == sorted(c for c in clean if c in legend) and len(legend) > 0 and
   all(l in clean for l in legend), "hostile: legend names as written")
ok(any((t.text or "").startswith("<script>alert(1)</script> & ") for t in root.iter(SVGNS + "title")),
   "hostile: the mark's label as written")

# --- --pairs ---------------------------------------------------------------------
# Every pair's tie, S and pi at every step equal `entente align A --with B --at DAY`,
# which computes them on its own snapshot by its own folding; CSV and JSON agree.
PAIRS = [("russia", "armenia"), ("armenia", "azerbaijan"), ("azerbaijan", "nkr")]
spec = ",".join("%s:%s" % p for p in PAIRS)
r = run(BUNDLED, "--from", "before-2022", "--to", "after-2022", "--every", "quarter",
        "--pairs", spec, "--format", "csv")
ok(r.returncode == 0, "pairs: exit 0")
lines = r.stdout.decode().splitlines()
ok(lines[0] == "date,actor,name,metric,value,rank", "pairs: the long table's header")
rows = [l.split(",") for l in lines[1:]]
steps = sorted({row[0] for row in rows})
ok(len(rows) == len(steps) * 3 * len(PAIRS), "pairs alone: three rows per pair and step")
by = {(row[0], row[1], row[3]): row for row in rows}
checked = 0
for day in steps:
    for a, b in PAIRS:
        al = subprocess.run([BIN, "align", BUNDLED, a, "--with", b, "--at", day, "--format",
                             "csv"], capture_output=True, cwd=WORK)
        if al.returncode != 0:  # one of the two is not present: empty values
            ok(all(by[(day, a + ":" + b, m)][4] == "" for m in ("tie", "S", "pi")),
               "pairs: %s:%s on %s empty when align refuses" % (a, b, day))
            continue
        head, vals = [l.split(",") for l in al.stdout.decode().splitlines()[:2]]
        want = dict(zip(head, vals))
        for m, col in (("tie", "tie"), ("S", "S"), ("pi", "pi")):
            got = by[(day, a + ":" + b, m)]
            same = (abs(float(got[4]) - float(want[col])) < 5e-5) if want[col] else got[4] == ""
            ok(got[5] == "" and same,
               "pairs: %s:%s %s on %s = align (%s)" % (a, b, m, day, want[col]))
            checked += 1
ok(checked >= 3 * len(steps), "pairs: compared with align on most steps")
r2 = run(BUNDLED, "--from", "before-2022", "--to", "after-2022", "--every", "quarter",
         "--pairs", spec, "--no-sweep", "--format", "csv")
ok(r2.stdout == r.stdout, "pairs: --no-sweep prints the same bytes")
rj = run(BUNDLED, "--from", "before-2022", "--to", "after-2022", "--every", "quarter",
         "--pairs", spec, "--format", "json")
jrows = json.loads(rj.stdout)["rows"]
ok(len(jrows) == len(rows) and all(j["rank"] is None for j in jrows), "pairs: JSON rows, null ranks")
# With actors: each step's actor rows come first; the chart has the three panels.
r = run(BUNDLED, "--from", "before-2022", "--to", "after-2022", "--every", "quarter",
        "--actors", "russia", "--pairs", spec, "--format", "csv")
lines = r.stdout.decode().splitlines()[1:]
ok(lines[0].split(",")[1] == "russia" and lines[1].split(",")[1] == "%s:%s" % PAIRS[0],
   "pairs with --actors: the actor's row, then the pairs'")
r = run(BUNDLED, "--from", "before-2022", "--to", "after-2022", "--every", "quarter",
        "--actors", "russia", "--pairs", spec, "-o", "pairs.svg")
ok(r.returncode == 0, "pairs chart: written")
raw = open(os.path.join(WORK, "pairs.svg"), encoding="utf-8").read()
for label in ("alignment: tie", "alignment: S", "alignment: pi"):
    ok(label in raw, "pairs chart: a panel '%s'" % label)
ok("Russia and Armenia" in raw, "pairs chart: a line named 'Russia and Armenia'")
for bad, what in ((["--pairs", "p:p"], "a pair of one actor"),
                  (["--pairs", "p"], "a pair without a colon"),
                  (["--pairs", "p:"], "a pair without its second actor"),
                  (["--pairs", "p:nobody"], "a pair with an unknown actor")):
    r = run(MONTHS, "--from", "2020-01", "--to", "2020-05", *bad)
    ok(r.returncode == 2 and r.stderr.startswith(b"entente timeline: "), what + ": exit 2")

# --- PNG and PDF (cairo) --------------------------------------------------------
# The same layout as the SVG: the PNG is as many pixels as the SVG's width and
# height, the PDF's page as many points; both are the same bytes on every run.
import struct
import zlib
args = [BUNDLED, "--from", "2020-11", "--to", "2023-09", "--top", "6",
        "--mark", "2022-02-24=invasion", "--pairs", "russia:armenia"]
svg = run(*args, "-o", "-").stdout
m = re.search(rb'<svg [^>]*width="(\d+)" height="(\d+)"', svg)
width, height = int(m.group(1)), int(m.group(2))
for n in (1, 2):
    ok(run(*args, "-o", "chart%d.png" % n).returncode == 0, "png: run %d written" % n)
    ok(run(*args, "-o", "chart%d.pdf" % n).returncode == 0, "pdf: run %d written" % n)
png = open(os.path.join(WORK, "chart1.png"), "rb").read()
ok(png[:8] == b"\x89PNG\r\n\x1a\n", "png: the PNG signature")
w, h = struct.unpack(">II", png[16:24])
ok((w, h) == (width, height), "png: %dx%d, the SVG's %dx%d" % (w, h, width, height))
ok(png == open(os.path.join(WORK, "chart2.png"), "rb").read(), "png: the same bytes on two runs")
# Not blank: the image data holds more than the white background.
idat = b"".join(png[i + 8:i + 8 + struct.unpack(">I", png[i:i + 4])[0]]
                for i in [k - 4 for k in range(len(png)) if png[k:k + 4] == b"IDAT"])
raw = zlib.decompress(idat)


def unfiltered(raw, w, h, bpp=3):
    """The PNG's rows of 8-bit RGB, its row filters undone (PNG spec, section 9)."""
    stride, rows, prev = w * bpp, [], bytearray(w * bpp)
    for y in range(h):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(line)
        prev = line
    return rows


rows_px = unfiltered(raw, w, h) if len(raw) == h * (w * 3 + 1) else []
dark = sum(1 for line in rows_px for x in range(0, w * 3, 3) if line[x] + line[x + 1] + line[x + 2] < 300)
white_corner = bool(rows_px) and all(v == 255 for v in rows_px[h - 1][-30:])
ok(white_corner, "png: a white background")
ok(dark > 2000, "png: lines and text drawn (%d dark pixels)" % dark)
pdf = open(os.path.join(WORK, "chart1.pdf"), "rb").read()
ok(pdf.startswith(b"%PDF-"), "pdf: starts with %PDF-")
ok(pdf == open(os.path.join(WORK, "chart2.pdf"), "rb").read(), "pdf: the same bytes on two runs")
ok(b"/CreationDate (20000101000000Z)" in pdf, "pdf: the fixed creation date")
box = re.search(rb"/MediaBox \[ *0 +0 +([\d.]+) +([\d.]+) *\]", pdf)
ok(box and (float(box.group(1)), float(box.group(2))) == (width, height),
   "pdf: a page of the SVG's size")
# A failure leaves nothing, and an existing file is replaced whole.
ok(run(*args, "--metric", "nonsense", "-o", "chart1.png").returncode == 2 and
   open(os.path.join(WORK, "chart1.png"), "rb").read() == png, "png: a refused run leaves the old file")

# --- refusals ------------------------------------------------------------------
before = os.stat("/dev/null")
os.symlink("target.svg", os.path.join(WORK, "link.svg"))
cases = [
    (["-o", "/dev/null"], "-o /dev/null"),
    (["-o", "link.svg"], "-o a symbolic link"),
    (["-o", "chart.gif"], "-o chart.gif"),
    (["--mark", "2022"], "--mark without -o"),
    (["--metric", "leverag"], "unknown metric"),
    (["--every", "fortnight"], "unknown period"),
    (["--actors", "p", "--top", "3"], "--actors with --top"),
    (["--actors", "nobody"], "unknown actor"),
]
for extra, what in cases:
    r = run(MONTHS, "--from", "2020-01", "--to", "2020-05", *extra)
    ok(r.returncode == 2 and r.stderr.startswith(b"entente timeline: "), what + ": exit 2")
r = run(MONTHS, "--from", "2020-05", "--to", "2020-01")
ok(r.returncode == 2 and b"comes after" in r.stderr, "--from after --to: exit 2")
r = run(MONTHS, "--from", "1000", "--to", "9000", "--every", "day")
ok(r.returncode == 2 and b"100000 steps" in r.stderr, "too many steps: exit 2")
after = os.stat("/dev/null")
ok((before.st_mode, before.st_rdev) == (after.st_mode, after.st_rdev), "/dev/null left alone")
ok(not os.path.exists(os.path.join(WORK, "target.svg")), "the link's target was not written")
left = [f for f in os.listdir(WORK) if f.startswith(".")]
ok(left == [], "no temporary file left behind")

print("%d passed, %d failed" % (passes, failures))
sys.exit(1 if failures else 0)
