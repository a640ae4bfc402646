#!/usr/bin/python3
"""The report's summary (src/report/summary.c) on tests/fixtures/report/story.json,
against sentences written by hand.

The fixture: P supports C (support_military 7.4, deeds, durable: C relies on P
7.4) and is allied with it (allied_with 8.0, words: 4.0 each way) from 2019; Q
and X are partners (partner_of 6.0) in 2019-2021. By the later snapshot
(2022-12-31, events of the last 365 days) X has attacked C (2022-05-10), P
cooperates with X (from 2022-04), Q has sent C military aid (aid_military 8.3,
an event: 4.15, counted from 2022-06-30) and condemned X (2022-06-15).

Leverage on 2021-06-30: C relies on P 11.4 (share 1): P 11.4; P relies on C
4.0: C 4.0; Q and X 0. Ranks: P 1, C 2, Q 3, X 4.
On 2022-12-31: C relies on P 11.4 and Q 4.15, 15.55 in all: P 11.4^2 / 15.55
= 8.35756..., Q 4.15^2 / 15.55 = 1.10756...; C still 4.0. Ranks: P 1, C 2, Q 3.
So Q rose by 1.108 and P fell by 3.042 (8.358 - 11.400), both for one reason,
the aid (the edge q -> c formed, weight 8.30): +1.108 for Q, -3.042 for P.
P's alliance binds it to defend C; C was attacked by X, with whom P cooperates:
broken on the later date, not on the earlier (nothing tested it then). Q's tie
with X went from +6.00 (the partnership) to -2.00 (the condemnation).

The test reads the summary of report.md, the same in the page, where it must be
the first section with the chart before any table and every relation a link to
an existing anchor, and the "summary" table of results.json.

Then the charts of the bundled graph's report (graphs/south-caucasus.json):
the first over the span of its declared snapshots, every snapshot marked; the
second, since its two comparisons (2020-10-15 to 2023-09-21) cover less than
half of that span (1923-12-31 to 2023-09-21), over theirs, marking the
snapshots on those dates and between them and no other. The dates and the
snapshots expected are read from the graph file here, not from the report.
story.json's comparison spans all of its snapshots: no second chart.

usage: report-summary.py ENTENTE_BINARY SOURCE_DIR WORK_DIR
"""
import json
import os
import re
import shutil
import subprocess
import sys

BIN, SRC, WORK = sys.argv[1], sys.argv[2], sys.argv[3]
FIXTURE = os.path.join(SRC, "tests/fixtures/report/story.json")
failures = 0


def ok(cond, what):
    global failures
    print(("ok   " if cond else "FAIL ") + what)
    failures += not cond
    return cond


EXPECTED = [
    "Quent (q): leverage rose by 1.108, from 0.000 (rank 3) on 2021-06-30 to 1.108 (rank 3) on "
    "2022-12-31. The largest contributions: q \u2192 c formed (weight 8.30), +1.108; came: "
    "[q-aids-c](#rel-q-aids-c).",
    "Pelor (p): leverage fell by 3.042, from 11.400 (rank 1) on 2021-06-30 to 8.358 (rank 1) on "
    "2022-12-31. The largest contributions: q \u2192 c formed (weight 8.30), -3.042; came: "
    "[q-aids-c](#rel-q-aids-c).",
    "Pelor (p) broke its commitment to Carn (c) by 2022-12-31 (not broken on 2021-06-30); the "
    "obligation: [p-allied-c](#rel-p-allied-c); what it did: "
    "[p-cooperates-x](#rel-p-cooperates-x).",
    "Quent (q) and Xan (x): their tie turned hostile, from 6.00 to -2.00; came: "
    "[q-condemns-x](#rel-q-condemns-x); went: [q-partner-x](#rel-q-partner-x).",
]

shutil.rmtree(WORK, ignore_errors=True)
os.makedirs(WORK)
out = os.path.join(WORK, "story")
r = subprocess.run([BIN, "report", FIXTURE, "-o", out], capture_output=True)
if not ok(r.returncode == 0, "the report is written"):
    print(r.stderr.decode())
    sys.exit(1)
md = open(os.path.join(out, "report.md"), encoding="utf-8").read()
section = md[md.index("## Summary: what changed"):md.index('<a id="overview">')]
items = [l[2:] for l in section.splitlines() if l.startswith("- ")]
ok(items == EXPECTED, "the findings, word for word")
for got, want in zip(items, EXPECTED):
    if got != want:
        print("    got:  " + got + "\n    want: " + want)
ok("From before, \u201cBefore the attack\u201d (2021-06-30) to after, \u201cAfter the attack\u201d "
   "(2022-12-31), the graph's headline comparison" in section, "the opening names the comparison")
ok("![" in section and "](img/timeline.svg)" in section and
   os.path.exists(os.path.join(out, "img/timeline.svg")), "Markdown: the chart as an image")
ok(section.index("](img/timeline.svg)") < section.index("- Quent"), "the chart before the findings")

page = open(os.path.join(out, "index.html"), encoding="utf-8").read()
first = re.search(r'<section id="([^"]+)"', page)
ok(first and first.group(1) == "summary", "the page's first section is the summary")
summary = page[page.index('<section id="summary">'):page.index('<section id="overview">')]
ok("<table" not in summary, "no table in the summary")
ok('<figure id="timeline">' in summary and "<svg" in summary and "<?xml" not in summary,
   "the chart inline in the page")
anchors = set(re.findall(r'<li id="(rel-[^"]+)"', page))
links = re.findall(r'<a href="#(rel-[^"]+)"', summary)
ok(len(links) == 6 and all(l in anchors for l in links),
   "every relation of the summary links to its evidence (%d links)" % len(links))
ok("<script" not in page, "no script")

res = json.load(open(os.path.join(out, "results.json")))
tables = [t for s in res["sections"] if s["id"] == "summary" for t in s["tables"]]
rows = [t for t in tables if t["title"] == "summary"][0]["rows"]
ok([x["finding"] for x in rows] == ["mover", "mover", "commitment broken", "tie turned"],
   "results.json: the findings by kind")
ok(rows[0]["relations"] == "q-aids-c" and rows[3]["relations"] == "q-condemns-x q-partner-x",
   "results.json: the relations of each finding")
ok(any(t["title"].startswith("timeline of leverage") for t in tables),
   "results.json: the timeline's table")

ok('id="timeline-comparisons"' not in page and not os.path.exists(os.path.join(out, "img/timeline-comparisons.svg")),
   "story.json: no chart of the comparisons' span (it is the snapshots' span)")


def marks(svg):
    """The snapshot ids of a chart's marks (line.mark, titled "ID, label (date)")."""
    return [m.split(",")[0] for m in re.findall(r'<line class="mark"[^>]*><title>([^<]*)</title>', svg)]


def chart_title(svg):
    """The title's lines (the chart wraps a long one), joined."""
    lines = re.findall(r'<text[^>]*class="title"[^>]*>(.*?)</text>', svg, re.S)
    return " ".join(re.sub(r"<[^>]+>", " ", x) for x in lines)


SC = os.path.join(SRC, "graphs/south-caucasus.json")
graph = json.load(open(SC, encoding="utf-8"))
at = {x["id"]: x["at"] for x in graph["snapshots"]}
ends = [at[c[k]] for c in graph["comparisons"] for k in ("from", "to")]
cf, cl = min(ends), max(ends)
sf, sl = min(at.values()), max(at.values())
inside = [x for x in sorted(at, key=lambda i: at[i]) if cf <= at[x] <= cl]
sc_out = os.path.join(WORK, "sc")
r = subprocess.run([BIN, "report", SC, "-o", sc_out, "--force"], stdout=subprocess.PIPE,
                   stderr=subprocess.PIPE)
ok(r.returncode == 0, "the bundled graph's report is written")
page = open(os.path.join(sc_out, "index.html"), encoding="utf-8").read()
summary = page[page.index('<section id="summary">'):page.index('<section id="overview">')]
whole = open(os.path.join(sc_out, "img/timeline.svg"), encoding="utf-8").read()
ok(" ".join(chart_title(whole).split()).endswith("declared snapshots, %s to %s" % (sf, sl)),
   "the first chart's title: the span of the declared snapshots, %s to %s" % (sf, sl))
ok(sorted(marks(whole)) == sorted(at), "the first chart marks all %d snapshots" % len(at))
zpath = os.path.join(sc_out, "img/timeline-comparisons.svg")
ok(os.path.exists(zpath) and '<figure id="timeline-comparisons">' in summary,
   "the second chart, inline in the summary and in img/")
if os.path.exists(zpath):
    zoom = open(zpath, encoding="utf-8").read()
    ok(" ".join(chart_title(zoom).split()).endswith("declared comparisons, %s to %s" % (cf, cl)),
       "the second chart's title: the span of the declared comparisons, %s to %s" % (cf, cl))
    ok(marks(zoom) == inside, "the second chart marks the %d snapshots from %s to %s: %s"
       % (len(inside), cf, cl, ", ".join(marks(zoom))))
ok(summary.index('<figure id="timeline">') < summary.index("<ul class=\"findings\">")
   < summary.index('<figure id="timeline-comparisons">'),
   "the first chart before the findings, the second after them")
md = open(os.path.join(sc_out, "report.md"), encoding="utf-8").read()
ok("](img/timeline-comparisons.svg)" in md, "Markdown: the second chart as an image")

print("%d failed" % failures)
sys.exit(1 if failures else 0)
