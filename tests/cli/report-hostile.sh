#!/bin/sh
# `entente report` on hostile text: tests/fixtures/report/hostile.json has a
# title, actor names, descriptions, relation notes, source titles, publishers,
# urls, evidence notes and locators, snapshot labels and a comparison label
# full of markup (<script>window.__pwned=1</script>, <img src=x onerror=...>,
# </td>, </style>, </title>, </svg>, ]]>, <!-- and -->), quotes " and ',
# "&amp;" and a bare &, Markdown (*bold*, _x_, `code`, [link](javascript:...),
# | pipe |, and notes and names that begin with "# ", "- ", "+ ", "1. ", "> "),
# newlines inside a note, backslashes, Arabic and Hebrew, and U+202E RIGHT-TO-
# LEFT OVERRIDE; its sources have javascript:, JaVaScRiPt: (after a space) and
# data: urls, and an https url with quotes and a <script> in it. Checked:
#
# - index.html, read with Python's html.parser: no <script> element, no on*
#   attribute, no iframe/object/embed, no link to javascript:, data: or any
#   scheme but http(s); every & of the file begins a character reference and
#   the quotes of the data are escaped; the elements that must be closed are
#   balanced; every string of the graph that the report shows (the title and
#   description, actor names, source titles, authors, publishers and urls,
#   relation notes, evidence locators and notes, snapshot and comparison
#   labels) is in the text of the page as written;
# - report.md: no "<script", "<img", "</td", "<!--" ... from the data; no
#   emphasis, code span or link made of the data; no line that begins a
#   heading, list or quote with a note; every table row has as many cells as
#   its header; links go to img/, #anchors or http(s) only; every string shown
#   is in the text once Markdown's escapes are read;
# - results.json: strict JSON holding every string shown exactly;
# - img/*.svg: well-formed XML, no script, no on* attribute.
#
# usage: report-hostile.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
bin=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
fx=$src/tests/fixtures/report/hostile.json
PY=${PYTHON:-python3}
. "$src/tests/tools/checks.sh"

"$bin" report "$fx" -o out > out.log 2> out.err
s=$?
if [ $s -eq 0 ] && [ -s out/index.html ] && [ -s out/report.md ] && [ -s out/results.json ]; then
    ok "the report of the hostile graph is written"
else
    bad "the report of the hostile graph: exit $s"
    head -5 out.err | sed 's/^/    /'
    echo "$pass passed, $fail failed, $xfail known bugs (XFAIL)"
    exit 1
fi
if grep -qF 'window.__pwned' out.log; then
    # The summary names actors: it is text on a terminal, and must not hold
    # control characters other than newline and tab.
    if LC_ALL=C tr -d '\n\t' < out.log | LC_ALL=C grep -q '[[:cntrl:]]'; then
        bad "the summary on the terminal holds control characters"
    else
        ok "the summary on the terminal holds no control character"
    fi
fi

cat > check.py <<'PY'
import html, html.parser, json, os, re, sys, urllib.parse
import xml.etree.ElementTree as ET

fixture, out = sys.argv[1], sys.argv[2]

def ok(m):
    print("ok " + m)

def bad(m, details=()):
    print("FAIL " + m)
    for d in list(details)[:10]:
        d = str(d).replace("\n", "\\n")
        print("    " + (d if len(d) <= 160 else d[:157] + "..."))

def check(cond, m, details=()):
    ok(m) if cond else bad(m, details)

def squeeze(s):
    return re.sub(r"\s+", "", s)

g = json.load(open(fixture, encoding="utf-8"))

# The strings the report shows, as written: (where, string). (docs/report.md:
# the overview gives the description; the sources their title, author and
# publisher; the evidence each relation's note and its evidence's locators and
# notes.)
shown = [("the title", g["title"]), ("the description", g["description"])]
shown += [("actor %s's name" % a["id"], a["name"]) for a in g["actors"]]
for s in g["sources"]:
    shown += [("source %s's %s" % (s["id"], k), s[k]) for k in ("title", "author", "publisher") if k in s]
for r in g["relations"]:
    if "note" in r:
        shown.append(("relation %s's note" % r["id"], r["note"]))
    for n, e in enumerate(r.get("evidence", [])):
        for k in ("locator", "note"):
            if k in e:
                shown.append(("relation %s's evidence %d %s" % (r["id"], n + 1, k), e[k]))
shown += [("snapshot %s's label" % s["id"], s["label"]) for s in g["snapshots"] if "label" in s]
shown += [("comparison %s's label" % c["id"], c["label"]) for c in g["comparisons"] if "label" in c]
urls = [(s["id"], s["url"]) for s in g["sources"] if "url" in s]

# The markup of the data that must never reach a file as markup.
MARKUP = ["<script", "<img", "</td", "</style", "</title", "</svg", "</text", "<!--"]

# --- index.html ---------------------------------------------------------------
class Doc(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events = []
    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, attrs))
    def handle_startendtag(self, tag, attrs):
        self.events.append(("empty", tag, attrs))
    def handle_endtag(self, tag):
        self.events.append(("end", tag, []))
    def handle_data(self, data):
        self.events.append(("text", data, []))
    def handle_comment(self, data):
        self.events.append(("comment", data, []))

raw = open(os.path.join(out, "index.html"), encoding="utf-8").read()
doc = Doc()
doc.feed(raw)
doc.close()
ev = doc.events
starts = [(t, a) for k, t, a in ev if k in ("start", "empty")]
text = "".join(t for k, t, a in ev if k == "text")

check(not any(t == "script" for t, a in starts), "index.html: no <script> element")
on = ["<%s %s=%r>" % (t, n, v) for t, a in starts for n, v in a if n.lower().startswith("on")]
check(not on, "index.html: no on* attribute", on)
emb = sorted({t for t, a in starts if t in ("iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "meta") and
              not (t == "meta" and all(n in ("charset", "name", "content") for n, v in a))})
check(not emb, "index.html: no iframe, object, embed, base, form or http-equiv", emb)

def scheme(v):
    # What a browser makes of a URL: C0 controls and spaces around it dropped,
    # tabs and newlines inside it removed, the scheme in any case.
    v = re.sub(r"[\t\n\r]", "", (v or "").strip("\x00\x01\x02\x03\x04\x05\x06\x07\x08\x0b\x0c\x0e\x0f\x10\x11\x12\x13\x14\x15\x16\x17\x18\x19\x1a\x1b\x1c\x1d\x1e\x1f \t\n\r"))
    m = re.match(r"([a-zA-Z][a-zA-Z0-9+.-]*):", v)
    return m.group(1).lower() if m else ""

badurl = []
for t, a in starts:
    for n, v in a:
        if n in ("href", "xlink:href", "src", "action", "formaction", "data", "poster", "srcset", "background", "ping"):
            sch = scheme(v)
            if sch in ("javascript", "vbscript", "data") and not (n == "src" and (v or "").startswith("data:image/")):
                badurl.append("<%s %s=%r>" % (t, n, v))
            elif t == "a" and n in ("href", "xlink:href") and not ((v or "").startswith("#") or sch in ("http", "https")):
                badurl.append("<a %s=%r>: a link must be #... or http(s)" % (n, v))
check(not badurl, "index.html: no javascript:, vbscript: or data: URL, links only to #... and http(s)", badurl)

amp = [raw[max(0, m.start() - 20):m.start() + 20] for m in
       re.finditer(r"&(?![A-Za-z][A-Za-z0-9]*;|#[0-9]+;|#[xX][0-9a-fA-F]+;)", raw)]
check(not amp, "index.html: every & begins a character reference", [repr(x) for x in amp])
check("&amp;amp;" in raw, "index.html: the data's \"&amp;\" is written &amp;amp;")
# (The page's own markup has </td>, </svg>, comments ...: those of the data
# are checked by the balance of elements and the text below.)
RAW = ["<script", "<img", 'onerror="', '"double"', "'single'"]
lit = [m for m in RAW if m in raw.lower()]
check(not lit, "index.html: the data's markup and quotes are escaped (no %s)" % " ".join(RAW), lit)

# Elements whose end tag HTML never omits are closed as often as opened.
counts = {}
for k, t, a in ev:
    if k in ("start", "end") and t in ("html", "head", "body", "title", "style", "nav", "section", "figure",
                                       "table", "a", "svg", "g", "text", "div", "span", "code", "h1", "h2", "h3",
                                       "h4", "figcaption", "caption", "ul", "ol", "bdi"):
        counts.setdefault(t, [0, 0])[k == "end"] += 1
unbal = ["<%s> %d opened, %d closed" % (t, o, c) for t, (o, c) in sorted(counts.items()) if o != c]
check(not unbal, "index.html: elements balanced (the data closed nothing)", unbal)
comments = [c for k, c, a in ev if k == "comment" and ("pwned" in c or "heading" in c or "desrever" in c)]
check(not comments, "index.html: no data inside a comment", comments)

lost = [w for w, s in shown if squeeze(s) not in squeeze(text)]
check(not lost, "index.html: every string the report shows is in the page's text as written (%d strings)" % len(shown), lost)
check("<script>window.__pwned=1</script>" in text, "index.html: the text holds <script>window.__pwned=1</script> literally")

hrefs = {urllib.parse.unquote(html.unescape(v or "")) for t, a in starts for n, v in a if t == "a" and n == "href"}
lost = []
for sid, u in urls:
    if scheme(u) in ("http", "https"):
        if squeeze(u) not in squeeze(text) and u not in hrefs and urllib.parse.unquote(u) not in hrefs:
            lost.append("%s: %r" % (sid, u))
    elif squeeze(u) not in squeeze(text):
        lost.append("%s: %r (not http(s): must be shown as text)" % (sid, u))
check(not lost, "index.html: every source url is shown as text, or as the link of an http(s) one", lost)

rtl = [w for w, s in shown if "\u202e" in s]
check(rtl and all(squeeze(s) in squeeze(text) for w, s in shown if "\u202e" in s),
      "index.html: right-to-left text and U+202E are kept (%d strings)" % len(rtl))

# --- report.md ------------------------------------------------------------------------
md = open(os.path.join(out, "report.md"), encoding="utf-8").read()
lines = md.split("\n")
# The Markdown with every backslash escape taken out: what is left is markup.
PUNCT = r"[!-/:-@\[-`{-~]"
bare = re.sub(r"\\" + PUNCT, "\x00", md)

# (\<script is text in Markdown, as &lt;script is.)
lit = [m for m in MARKUP if m in bare.lower()]
check(not lit, "report.md: no unescaped markup from the data (%s)" % " ".join(MARKUP), lit)
emph = [m for m in ("*bold*", "_x_", "`code`", "[link](", "](javascript:") if m in bare]
check(not emph, "report.md: no emphasis, code span or link made of the data", emph)

# Links and images: the destinations of [..](..) and <scheme:...> autolinks.
dests = re.findall(r"\]\(\s*<?([^)\s>]*)", bare)
dests += re.findall(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>", bare)
dests += re.findall(r"(?m)^ {0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", bare)
badl = [x for x in dests if not re.match(r"(img/|#|https?://)", x)]
check(not badl, "report.md: links only to img/, #anchors and http(s) (%d links)" % len(dests), badl)
gone = sorted({x for x in dests if x.startswith("img/") and not os.path.isfile(os.path.join(out, urllib.parse.unquote(x)))})
check(not gone, "report.md: every img/... it shows exists", gone)

# A line that the data begins: no heading, list item or quote, also inside a
# list item or a quote.
START = re.compile(r"^ {0,3}(#{1,6}[ \t]+heading|[-+*][ \t]+(list|plus)|[0-9]{1,9}[.)][ \t]+ordered|>[ \t]*quote)")
CONTAINER = re.compile(r"^ {0,3}(?:[-+*][ \t]+|[0-9]{1,9}[.)][ \t]+|>[ \t]?)")
starts_md = [l for l in lines if START.match(l) or START.match(CONTAINER.sub("", l, count=1))]
check(not starts_md, "report.md: no line begins a heading, list or quote with the data's # - + 1. >", starts_md)

# Tables: every row has as many cells as its header (pipes escaped as \| are
# not cell borders; a newline in the data must not cut a row).
def ncells(line):
    n, bs, last = 0, 0, None
    for ch in line:
        if ch == "\\":
            bs += 1
            continue
        if ch == "|" and bs % 2 == 0:
            n += 1
            last = True
        elif not ch.isspace():
            last = False
        bs = 0
    s = line.strip()
    return n + 1 - (1 if s.startswith("|") else 0) - (1 if last else 0)

DELIM = re.compile(r"^ {0,3}\|?[ \t]*:?-+:?[ \t]*(\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$")
tables, wrong = 0, []
i = 1
while i < len(lines):
    if "|" in lines[i] and DELIM.match(lines[i]) and "|" in lines[i - 1]:
        tables += 1
        want = ncells(lines[i - 1])
        if ncells(lines[i]) != want:
            wrong.append("line %d: delimiter row of %d cells, header of %d" % (i + 1, ncells(lines[i]), want))
        j = i + 1
        while j < len(lines) and lines[j].strip() and "|" in lines[j]:
            if ncells(lines[j]) != want:
                wrong.append("line %d: %d cells, header %d: %s" % (j + 1, ncells(lines[j]), want, lines[j][:100]))
            j += 1
        if j < len(lines) and lines[j].strip():
            wrong.append("line %d: the table goes on without a |: %s" % (j + 1, lines[j][:100]))
        i = j
    i += 1
check(tables > 0, "report.md: has tables (%d)" % tables)
check(not wrong, "report.md: every table row has as many cells as its header", wrong)

# The text once Markdown's escapes and character references are read.
def visible(s):
    s = re.sub(r"<br\s*/?>", " ", s)
    return re.sub(r"\\(" + PUNCT + r")|&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});",
                  lambda m: m.group(1) if m.group(1) is not None else html.unescape(m.group(0)), s)
vis = squeeze(visible(md))
lost = [w for w, s in shown if squeeze(s) not in vis]
check(not lost, "report.md: every string the report shows is in its text as written (%d strings)" % len(shown), lost)
lost = [sid for sid, u in urls if squeeze(u) not in vis and
        not (scheme(u) in ("http", "https") and any(d.startswith("https://example.org/") for d in dests))]
check(not lost, "report.md: every source url is shown (as text, or as the link of an http(s) one)", lost)

# --- results.json -----------------------------------------------------------------------
def pairs(ps):
    keys = [k for k, v in ps]
    if len(set(keys)) != len(keys):
        raise ValueError("duplicate key")
    return dict(ps)

def strings(x):
    if isinstance(x, str):
        yield x
    elif isinstance(x, dict):
        for v in x.values():
            yield from strings(v)
    elif isinstance(x, list):
        for v in x:
            yield from strings(v)

try:
    with open(os.path.join(out, "results.json"), encoding="utf-8") as f:
        res = json.loads(f.read(), object_pairs_hook=pairs,
                         parse_constant=lambda c: (_ for _ in ()).throw(ValueError(c)))
    ok("results.json is valid JSON")
    all_s = list(strings(res))
    # (The description is in the page's overview, not necessarily in a table.)
    tabled = [(w, s) for w, s in shown if w != "the description"]
    lost = [w for w, s in tabled if not any(s in x for x in all_s)]
    check(not lost, "results.json holds every string shown in a table, exactly (%d strings)" % len(tabled), lost)
    lost = ["%s: %r" % (sid, u) for sid, u in urls if not any(u in x for x in all_s)]
    check(not lost, "results.json holds every source url exactly", lost)
    check(isinstance(res, dict) and isinstance(res.get("title"), str) and g["title"] in res["title"],
          "results.json's title is the graph's title")
    ids = [s.get("id") for s in res.get("sections", [])]
    want = ["snap-before", "snap-after", "cmp-before-after", "sources", "evidence"]
    check(all(w in ids for w in want), "results.json has the sections %s" % " ".join(want), ids)
except (ValueError, UnicodeDecodeError) as e:
    bad("results.json is valid JSON", [str(e)])

# --- img/*.svg -------------------------------------------------------------------------
imgs = sorted(os.listdir(os.path.join(out, "img"))) if os.path.isdir(os.path.join(out, "img")) else []
wrong = []
for f in imgs:
    try:
        root = ET.parse(os.path.join(out, "img", f)).getroot()
    except ET.ParseError as e:
        wrong.append("%s: %s" % (f, e))
        continue
    for e in root.iter():
        tag = e.tag.rsplit("}", 1)[-1]
        if tag in ("script", "foreignObject", "iframe", "object", "embed"):
            wrong.append("%s: <%s>" % (f, tag))
        for n, v in e.attrib.items():
            n = n.rsplit("}", 1)[-1]
            if n.lower().startswith("on") or (n == "href" and scheme(v) not in ("", "http", "https")):
                wrong.append("%s: <%s %s=%r>" % (f, tag, n, v))
check(imgs and not wrong, "img/*.svg: %d well-formed SVG files without script, on* or javascript:" % len(imgs), wrong)
PY

"$PY" check.py "$fx" out > py.out 2>&1
st=$?
while IFS= read -r line; do
    case $line in
        "ok "*) ok "${line#ok }" ;;
        "FAIL "*) bad "${line#FAIL }" ;;
        *) printf '%s\n' "$line" ;;
    esac
done < py.out
[ $st -eq 0 ] || bad "check.py crashed (exit $st)"

echo "$pass passed, $fail failed, $xfail known bugs (XFAIL)"
[ "$fail" -eq 0 ]
