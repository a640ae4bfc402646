#!/bin/sh
# End-to-end tests of `entente report` as a command, on the invented graph
# tests/fixtures/report/small.json (eight actors, the Amber League with
# collective defence, three snapshots calm, crisis and aftermath, the headline
# comparison calm -> aftermath) and on the bundled data set:
#
# - usage errors (exit 2) and data errors (exit 1) write nothing; an existing
#   DIR without --force is an error and is left as it was;
# - --force replaces DIR when it is a previous report (or empty), never a
#   folder holding anything else, a symbolic link, a fifo or a device; a failed
#   run with --force leaves the old DIR;
# - DIR is written atomically: a run that cannot write (exit 3), one whose
#   writes fail midway (a file size limit) and one killed midway leave no
#   half-written DIR, and a failure leaves no DIR.tmp-* behind;
# - the three outputs: index.html (self-contained: no script, no event
#   handler, no external resource; every #link has its target; the
#   navigation links every section; the headline figure is an inline SVG),
#   report.md (every img/*.svg it shows exists and is an SVG), results.json
#   (the sections and tables of the contract; every source and relation
#   listed);
# - the options --actors, --top, --title and the view options;
# - byte-identical output from run to run, and report.md of the small graph
#   equal to tests/golden/report/small.md (ENTENTE_UPDATE_GOLDEN=1 rewrites
#   it: review the diff before committing);
# - at the end, report's further scripts: report-hostile.sh (hostile strings),
#   report-signal.sh (signals during a run), report-summary.py (the summary).
#
# usage: report.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR
set -u
bin=$1
src=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
work=$(pwd)
umask 022
fx=$src/tests/fixtures/report/small.json
sc=$src/graphs/south-caucasus.json
gold=$src/tests/golden/report/small.md
PY=${PYTHON:-python3}
. "$src/tests/tools/checks.sh"

# listing DIR: every entry of DIR, hidden ones included, one per line.
listing() { (cd "$1" 2> /dev/null && LC_ALL=C ls -A); }
# no_tmp DIR NAME: DIR holds no temporary folder of a report (*.tmp-*).
no_tmp() {
    if ! listing "$1" | grep -qF '.tmp-'; then
        ok "$2: no temporary folder left in $1"
    else
        bad "$2: temporary folders left in $1: $(listing "$1" | grep -F '.tmp-' | tr '\n' ' ')"
    fi
}

# The checks on the outputs, in Python (stdlib only). Each prints "ok NAME" or
# "FAIL NAME" lines, and indented details.
cat > check.py <<'PY'
import html, html.parser, json, os, re, sys, urllib.parse
import xml.etree.ElementTree as ET

def ok(m):
    print("ok " + m)

def bad(m, details=()):
    print("FAIL " + m)
    for d in list(details)[:8]:
        d = str(d).replace("\n", "\\n")
        print("    " + (d if len(d) <= 160 else d[:157] + "..."))

def check(cond, m, details=()):
    ok(m) if cond else bad(m, details)

def strict_json(path):
    def pairs(ps):
        keys = [k for k, _ in ps]
        dups = sorted({k for k in keys if keys.count(k) > 1})
        if dups:
            raise ValueError("duplicate keys %s" % dups)
        return dict(ps)
    def constant(c):
        raise ValueError("%s is not JSON" % c)
    with open(path, encoding="utf-8") as f:
        return json.loads(f.read(), object_pairs_hook=pairs, parse_constant=constant)

def cells(table):
    """The rows of a results.json table as lists of strings (a row is an
    object keyed by the columns, or an array in their order)."""
    out = []
    for row in table.get("rows", []):
        vals = [row.get(c) for c in table["columns"]] if isinstance(row, dict) else row
        out.append(["" if v is None else str(v) for v in vals])
    return out

def shape(r):
    errs = []
    if not isinstance(r, dict):
        return ["the top level is not an object"]
    if not isinstance(r.get("title"), str) or not r["title"]:
        errs.append("no 'title' string")
    secs = r.get("sections")
    if not isinstance(secs, list) or not secs:
        return errs + ["no 'sections' array"]
    for i, s in enumerate(secs):
        if not isinstance(s, dict):
            errs.append("section %d is not an object" % i)
            continue
        w = "section %r" % s.get("id", i)
        for k in ("id", "title"):
            if not isinstance(s.get(k), str) or not s[k]:
                errs.append("%s: no %r string" % (w, k))
        if not isinstance(s.get("tables"), list):
            errs.append(w + ": no 'tables' array")
            continue
        for j, t in enumerate(s["tables"]):
            tw = "%s, table %d" % (w, j)
            if not isinstance(t, dict):
                errs.append(tw + " is not an object")
                continue
            if not isinstance(t.get("title"), str):
                errs.append(tw + ": no 'title' string")
            cols = t.get("columns")
            if not isinstance(cols, list) or not cols or not all(isinstance(c, str) for c in cols):
                errs.append(tw + ": 'columns' is not an array of strings")
                continue
            rows = t.get("rows")
            if not isinstance(rows, list):
                errs.append(tw + ": no 'rows' array")
                continue
            for k, row in enumerate(rows):
                if isinstance(row, dict):
                    if list(row) != cols:
                        errs.append("%s, row %d: keys %s, columns %s" % (tw, k, list(row), cols))
                elif isinstance(row, list):
                    if len(row) != len(cols):
                        errs.append("%s, row %d: %d cells, %d columns" % (tw, k, len(row), len(cols)))
                else:
                    errs.append("%s, row %d is neither an object nor an array" % (tw, k))
            notes = t.get("notes")
            if not isinstance(notes, list) or not all(isinstance(n, str) for n in notes):
                errs.append(tw + ": 'notes' is not an array of strings")
    return errs

def section(r, sid):
    for s in r["sections"]:
        if s.get("id") == sid:
            return s
    return None

def section_text(s):
    """Every title, cell and note of a section, one string per line."""
    lines = [s.get("title", "")]
    for t in s.get("tables", []):
        lines.append(t.get("title", ""))
        lines += [" | ".join(row) for row in cells(t)]
        lines += [n for n in t.get("notes", []) if isinstance(n, str)]
    return "\n".join(lines)

def influence_tables(s):
    """The tables of a section with a bloc column and an influence column or title."""
    out = []
    for t in s.get("tables", []):
        cols = [c.lower() for c in t.get("columns", [])]
        if any("bloc" in c for c in cols) and (
                any("influence" in c for c in cols) or "influence" in t.get("title", "").lower()):
            out.append(t)
    return out

def word(s):
    return re.compile(r"(?<![\w.:-])" + re.escape(s) + r"(?![\w.:-])")

class Doc(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.events = []
    def handle_starttag(self, tag, attrs):
        self.events.append(("start", tag, dict(attrs)))
    def handle_startendtag(self, tag, attrs):
        self.events.append(("empty", tag, dict(attrs)))
    def handle_endtag(self, tag):
        self.events.append(("end", tag, {}))
    def handle_data(self, data):
        self.events.append(("text", data, {}))

def parse_html(path):
    with open(path, encoding="utf-8") as f:
        raw = f.read()
    d = Doc()
    d.feed(raw)
    d.close()
    return raw, d.events

def inside(events, tag, attr, value):
    """The events inside the first element TAG whose ATTR is VALUE."""
    for i, (kind, t, a) in enumerate(events):
        if kind == "start" and t == tag and a.get(attr) == value:
            depth, out = 1, []
            for e in events[i + 1:]:
                if e[1] == tag and e[0] == "start":
                    depth += 1
                elif e[1] == tag and e[0] == "end":
                    depth -= 1
                    if depth == 0:
                        return out
                out.append(e)
            return out
    return None

def html_checks(d, results_ids):
    """index.html of DIR: self-contained, links, navigation, sections, figure."""
    path = os.path.join(d, "index.html")
    raw, ev = parse_html(path)
    starts = [(t, a) for kind, t, a in ev if kind in ("start", "empty")]
    check(re.match(r"\s*<!doctype html>", raw, re.I) is not None, d + ": index.html starts with <!DOCTYPE html>")
    check(any(t == "meta" and (a.get("charset") or "").lower() == "utf-8" for t, a in starts),
          d + ": index.html declares <meta charset=\"utf-8\">")
    title_text = "".join(x for k, x, _ in (inside_first(ev, "title") or []) if k == "text").strip()
    check(title_text != "", d + ": index.html has a <title>")

    # Self-contained: no script, no event handler, no external resource.
    check(not any(t == "script" for t, a in starts) and "<script" not in raw.lower(),
          d + ": no <script>")
    on = sorted({n for t, a in starts for n in a if n.lower().startswith("on")})
    check(not on, d + ": no on* event-handler attribute", on)
    embeds = sorted({t for t, a in starts if t in ("iframe", "frame", "frameset", "object", "embed", "applet", "base", "form", "portal")})
    check(not embeds, d + ": no iframe, object, embed, base or form", embeds)
    refresh = [a for t, a in starts if t == "meta" and (a.get("http-equiv") or "").lower() == "refresh"]
    check(not refresh, d + ": no <meta http-equiv=refresh>")
    external = []
    for t, a in starts:
        for n, v in a.items():
            v = v or ""
            low = re.sub(r"[\x00-\x20]", "", v).lower()
            if n in ("src", "srcset", "poster", "data", "background", "action", "formaction", "ping"):
                if not low.startswith("data:") or n == "srcset":
                    external.append("<%s %s=%r>" % (t, n, v))
            elif n in ("href", "xlink:href"):
                if t == "a":
                    if not (low.startswith("#") or low.startswith("http://") or low.startswith("https://")):
                        external.append("<a %s=%r> (a link must be #... or http(s))" % (n, v))
                elif not low.startswith("#") and not low.startswith("data:"):
                    external.append("<%s %s=%r>" % (t, n, v))
            elif n == "style" and re.search(r"url\(\s*['\"]?(?!#|data:)", v, re.I):
                external.append("<%s style=%r>" % (t, v))
    styles, in_style = [], False
    for kind, t, a in ev:
        if t == "style" and kind in ("start", "end"):
            in_style = kind == "start"
        elif kind == "text" and in_style:
            styles.append(t)
    for m in re.finditer(r"url\(\s*['\"]?(?!#|data:)[^)]*\)|@import", "".join(styles), re.I):
        external.append("style: " + m.group(0))
    for m in re.finditer(r"""(?:src\s*=|url\()\s*['"]?\s*https?://[^\s'")>]*""", raw, re.I):
        external.append("raw: " + m.group(0))
    check(not external, d + ": no external resource (src, url(), <link>, <use href>)", sorted(set(external)))
    links = [(t, a) for t, a in starts if t == "link"]
    check(not links, d + ": no <link> element (styles are inline)", [str(a) for t, a in links])

    # Ids are unique; every #link has its target.
    ids = [a["id"] for t, a in starts if a.get("id") is not None]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    check(not dup, d + ": every id is unique" + (" (%d ids are not)" % len(dup) if dup else ""), dup)
    targets = [a.get("href") or a.get("xlink:href") for t, a in starts if t == "a"]
    targets = [h for h in targets if h and h.startswith("#")]
    missing = sorted({h for h in targets if urllib.parse.unquote(h[1:]) not in ids})
    check(targets and not missing, d + ": every href=\"#x\" has an element with id=\"x\" (%d links)" % len(targets), missing)

    # Navigation: <nav id="nav"> links every section of results.json.
    nav = inside(ev, "nav", "id", "nav")
    if nav is None:
        bad(d + ": <nav id=\"nav\">")
    else:
        navs = {a.get("href") for k, t, a in nav if k == "start" and t == "a"}
        lost = [s for s in results_ids if "#" + s not in navs]
        check(not lost, d + ": the navigation links every section of results.json", lost)
    lost = [s for s in results_ids if s not in ids]
    check(not lost, d + ": every section of results.json has its id in the page", lost)

    # The headline figure: an inline <svg> inside <figure id="headline-before-after">.
    fig = inside(ev, "figure", "id", "headline-before-after")
    if fig is None:
        bad(d + ": <figure id=\"headline-before-after\">")
    else:
        check(any(k == "start" and t == "svg" for k, t, a in fig),
              d + ": the headline figure holds an inline <svg>")
        check(not any(k in ("start", "empty") and t in ("img", "object") for k, t, a in fig),
              d + ": the headline figure is not an <img> or <object>")

    # Diagrams per section: from one section's id to the next one's, a
    # snapshot has at least one inline SVG, a comparison at least two.
    order = []
    for i, (kind, t, a) in enumerate(ev):
        if kind in ("start", "empty") and a.get("id") in results_ids:
            order.append((i, a["id"]))
    short = []
    for n, (i, sid) in enumerate(order):
        end = order[n + 1][0] if n + 1 < len(order) else len(ev)
        svgs = sum(1 for kind, t, a in ev[i:end] if kind == "start" and t == "svg")
        want = 1 if sid.startswith("snap-") else 2 if sid.startswith("cmp-") else 0
        if svgs < want:
            short.append("%s: %d inline <svg>, expected at least %d" % (sid, svgs, want))
    check(not short, d + ": each snapshot section has its diagram, each comparison its two", short)

def inside_first(ev, tag):
    for i, (kind, t, a) in enumerate(ev):
        if kind == "start" and t == tag:
            out = []
            for e in ev[i + 1:]:
                if e[0] == "end" and e[1] == tag:
                    return out
                out.append(e)
            return out
    return None

def md_checks(d, want_images):
    md = open(os.path.join(d, "report.md"), encoding="utf-8").read()
    refs = re.findall(r"\]\(\s*<?(img/[^)\s>]+)>?\s*(?:\"[^\"]*\")?\)", md)
    check(len(set(refs)) >= want_images,
          d + ": report.md shows at least %d diagrams from img/ (%d)" % (want_images, len(set(refs))))
    gone = sorted({r for r in refs if not os.path.isfile(os.path.join(d, urllib.parse.unquote(r)))})
    check(not gone, d + ": every img/... that report.md shows exists", gone)
    files = sorted(f for f in os.listdir(os.path.join(d, "img"))) if os.path.isdir(os.path.join(d, "img")) else []
    unused = [f for f in files if "img/" + f not in {urllib.parse.unquote(r) for r in refs}]
    check(files and not unused, d + ": every file of img/ is shown by report.md", unused)
    notsvg = []
    for f in files:
        try:
            root = ET.parse(os.path.join(d, "img", f)).getroot()
            if not f.endswith(".svg") or root.tag != "{http://www.w3.org/2000/svg}svg":
                notsvg.append("%s: root %s" % (f, root.tag))
            if any(e.tag.endswith("}script") or e.tag == "script" for e in root.iter()):
                notsvg.append(f + ": a <script>")
        except ET.ParseError as e:
            notsvg.append("%s: %s" % (f, e))
    check(not notsvg, d + ": every img/*.svg is a well-formed SVG without script", notsvg)
    other = [m for m in re.findall(r"\]\(\s*<?([^)\s>]*)", md)
             if not re.match(r"(img/|#|https?://)", m)]
    check(not other, d + ": report.md links only to img/, #anchors and http(s)", other)

def results_checks(d, fixture, snaps, cmps, headline):
    path = os.path.join(d, "results.json")
    try:
        r = strict_json(path)
    except (ValueError, UnicodeDecodeError) as e:
        bad(d + ": results.json is valid JSON", [str(e)])
        return []
    ok(d + ": results.json is valid JSON (no duplicate key, no NaN)")
    errs = shape(r)
    check(not errs, d + ": results.json has {title, sections: [{id, title, tables: [{title, columns, rows, notes}]}]}", errs)
    if errs:
        return []
    ids = [s["id"] for s in r["sections"]]
    dup = sorted({i for i in ids if ids.count(i) > 1})
    check(not dup, d + ": section ids are unique", dup)
    want = ["snap-" + s for s in snaps] + ["cmp-" + c for c in cmps] + ["sources", "evidence"]
    lost = [w for w in want if w not in ids]
    check(not lost, d + ": the sections %s" % " ".join(want), lost + ["has: " + " ".join(ids)])
    check("cmp-" + headline in ids, d + ": the headline comparison's section cmp-" + headline)
    for s in snaps:
        sec = section(r, "snap-" + s)
        if sec is not None:
            check(influence_tables(sec), d + ": snap-%s has an influence table with a bloc column" % s,
                  ["tables: %s" % [(t["title"], t["columns"]) for t in sec["tables"]]])
    titles = " ".join(s["title"] + " " + " ".join(t["title"] for t in s["tables"]) for s in r["sections"])
    check(re.search(r"balance", titles, re.I), d + ": a table of structural balance")
    g = json.load(open(fixture, encoding="utf-8"))
    src = section(r, "sources")
    if src is not None:
        text = section_text(src)
        lost = ["%s: %s %r" % (s["id"], k, s[k]) for s in g.get("sources", [])
                for k in ("title", "publisher", "date", "url") if k in s and s[k] not in text]
        check(not lost, d + ": the sources section lists every source's title, publisher, date and url", lost)
    ev = section(r, "evidence")
    if ev is not None:
        rows = [" | ".join(row) for t in ev["tables"] for row in cells(t)]
        lost, wrong = [], []
        for rel in g.get("relations", []):
            if "id" not in rel:
                continue
            mine = [row for row in rows if word(rel["id"]).search(row)]
            if not mine:
                lost.append(rel["id"])
                continue
            status = rel.get("status", "reported")
            if not any(word(status).search(row) for row in mine):
                wrong.append("%s: status %s not given" % (rel["id"], status))
            if "claimed_by" in rel:
                who = rel["claimed_by"]
                name = next((a["name"] for a in g["actors"] if a["id"] == who), who)
                if not any(word(who).search(row) or name in row for row in mine):
                    wrong.append("%s: claimant %s not given" % (rel["id"], who))
            for e in rel.get("evidence", []):
                if "note" in e and not any(e["note"] in row for row in mine):
                    wrong.append("%s: evidence note %r not given" % (rel["id"], e["note"]))
        check(not lost, d + ": the evidence section lists every relation by id", lost)
        check(not wrong, d + ": each relation's status, claimant and evidence notes", wrong)
    return r

def main():
    mode, args = sys.argv[1], sys.argv[2:]
    if mode == "outputs":
        # outputs DIR FIXTURE SNAPS CMPS HEADLINE: every check of one report.
        d, fixture, snaps, cmps, headline = args
        snaps, cmps = snaps.split(","), cmps.split(",")
        r = results_checks(d, fixture, snaps, cmps, headline)
        ids = [s["id"] for s in r["sections"]] if r else ["snap-" + s for s in snaps] + ["cmp-" + c for c in cmps] + ["sources", "evidence"]
        html_checks(d, ids)
        md_checks(d, len(snaps) + 2 * len(cmps))
    elif mode == "comparison":
        # comparison DIR SECTION: the headline comparison of the small graph:
        # Lorin's rise explained (its support of Valdor, less its refusal),
        # commitments kept and broken.
        d, sid = args
        s = section(strict_json(os.path.join(d, "results.json")), sid)
        expl = [t for t in (s or {}).get("tables", [])
                if "contribution" in t["columns"] or re.search(r"explain", t["title"], re.I)]
        check(any("lor-val-support" in section_text({"title": "", "tables": [t]}) and
                  "lor-rejects" in section_text({"title": "", "tables": [t]}) for t in expl),
              "%s: %s explains Lorin's change of leverage by its support and its refusal" % (d, sid),
              ["tables: %s" % [t["title"] for t in (s or {}).get("tables", [])]])
        check(any("change" in " ".join(t["columns"]).lower() or "shift" in t["title"].lower()
                  for t in (s or {}).get("tables", []) if t not in expl),
              "%s: %s has the shift of leverage" % (d, sid))
        rows = [" | ".join(row).lower() for t in (s or {}).get("tables", []) for row in cells(t)]
        check(any(re.search(r"\bbroken\b", x) and "valdor" in x and "amber" in x for x in rows),
              "%s: %s: the Amber League's commitment to Valdor is broken" % (d, sid))
        check(any(re.search(r"\bkept\b", x) and "ruthmar" in x and "lorin" in x for x in rows),
              "%s: %s: Ruthmar's guarantee to Lorin is kept" % (d, sid))
    elif mode == "mentions":
        # mentions DIR SECTION ACTOR...: the section's tables other than the
        # influence table name each actor (the main actors' backers/opponents);
        # ACTOR is "id|Name": either will do, in any case.
        d, sid, names = args[0], args[1], args[2:]
        s = section(strict_json(os.path.join(d, "results.json")), sid)
        if s is None:
            bad("%s: no section %s" % (d, sid))
            return
        infl = [id(t) for t in influence_tables(s)]
        text = section_text({"title": "", "tables": [t for t in s["tables"] if id(t) not in infl]})
        lost = [n for n in names if not any(x.lower() in text.lower() for x in n.split("|"))]
        check(not lost, "%s: %s names the main actors %s" % (d, sid, ", ".join(names)), lost)
    elif mode == "top":
        # top DIR N EXACT: each snapshot's influence table has at most N rows,
        # and EXACT=1: one of them exactly N.
        d, n, exact = args[0], int(args[1]), args[2] == "1"
        r = strict_json(os.path.join(d, "results.json"))
        counts = {s["id"]: [len(t["rows"]) for t in influence_tables(s)]
                  for s in r["sections"] if s["id"].startswith("snap-")}
        over = ["%s: %s rows" % (k, v) for k, v in counts.items() if not v or max(v) > n]
        check(not over, "%s: influence tables of at most %d rows" % (d, n), over)
        if exact:
            check(any(n in v for v in counts.values()), "%s: an influence table of exactly %d rows" % (d, n),
                  ["%s: %s" % kv for kv in counts.items()])
    elif mode == "title":
        # title DIR TEXT: the report's title in results.json, <title> and report.md.
        d, want = args
        r = strict_json(os.path.join(d, "results.json"))
        check(r.get("title") == want, "%s: results.json's title is %r" % (d, want), [repr(r.get("title"))])
        raw, ev = parse_html(os.path.join(d, "index.html"))
        t = "".join(x for k, x, _ in (inside_first(ev, "title") or []) if k == "text")
        check(want in t, "%s: <title> holds %r" % (d, want), [repr(t)])
        md = open(os.path.join(d, "report.md"), encoding="utf-8").read()
        first = next((l for l in md.splitlines() if l.startswith("# ")), "")
        check(want in first, "%s: report.md's first heading is %r" % (d, want), [first])
    else:
        raise SystemExit("check.py: unknown mode " + mode)

try:
    main()
except (OSError, ValueError) as e:
    # No report to check (the run failed, which is reported already).
    bad("%s %s: %s" % (sys.argv[1], sys.argv[2], e))
PY

# py MODE ARGS...: runs check.py; its "ok ..." and "FAIL ..." lines count.
py() {
    "$PY" "$work/check.py" "$@" > "$work/py.out" 2>&1
    st=$?
    while IFS= read -r line; do
        case $line in
            "ok "*) ok "${line#ok }" ;;
            "FAIL "*) bad "${line#FAIL }" ;;
            *) printf '%s\n' "$line" ;;
        esac
    done < "$work/py.out"
    [ $st -eq 0 ] || bad "check.py $1 $2: crashed (exit $st)"
}

# run NAME DIR ARGS...: `entente report ARGS -o DIR` succeeds, with the three
# files; its output is kept in DIR.out (with / in DIR as _).
run() {
    name=$1 dir=$2
    shift 2
    log=$work/$(printf '%s' "$dir" | tr / _).out
    "$bin" report "$@" -o "$dir" > "$log" 2>&1
    st=$?
    if [ $st -eq 0 ] && [ -s "$dir/index.html" ] && [ -s "$dir/report.md" ] && [ -s "$dir/results.json" ]; then
        ok "$name"
    else
        bad "$name: exit $st, files: $(listing "$dir" 2> /dev/null | tr '\n' ' ')"
        head -5 "$log" | sed 's/^/    /'
    fi
}

# --- Usage and data errors ------------------------------------------------------
mkdir u
expect "no -o" 2 "'-o [A-Z]+' is required" "$bin" report "$fx"
expect "-o without a value" 2 "needs a value" "$bin" report "$fx" -o
expect "no graph file" 2 "no graph file given" "$bin" report -o u/r
expect "unknown option" 2 "--bogus" "$bin" report "$fx" --bogus -o u/r
expect "unknown actor, close to one" 2 "did you mean '[Vv]aldor'" "$bin" report "$fx" --actors Valdr -o u/r
expect "unknown actor among known ones" 2 "Zzyzx" "$bin" report "$fx" --actors valdor,Zzyzx,lorin -o u/r
expect "--top not a number" 2 "--top" "$bin" report "$fx" --top many -o u/r
expect "--top 0" 2 "'--top' must be at least 1" "$bin" report "$fx" --top 0 -o u/r
expect "unknown status" 2 "unknown status 'bogus'" "$bin" report "$fx" --status bogus -o u/r
expect "data errors" 1 '\[unknown-actor\]' "$bin" report "$src/tests/fixtures/invalid/unknown-actor.json" -o u/r
expect "missing graph file" 3 'cannot open' "$bin" report /nonexistent/g.json -o u/r
[ -z "$(listing u)" ] && ok "usage and data errors write nothing" || bad "usage and data errors left: $(listing u | tr '\n' ' ')"

# --- An existing DIR --------------------------------------------------------------
# Without --force it is an error, whatever it is, and it is left as it was.
mkdir e e/keep e/empty
printf 'keep me\n' > e/keep/old.txt
printf 'a file\n' > e/file
expect "an existing folder without --force" 2 "--force" "$bin" report "$fx" -o e/keep
expect "an existing empty folder without --force" 2 "--force" "$bin" report "$fx" -o e/empty
expect "an existing file without --force" 2 "e/file" "$bin" report "$fx" -o e/file
if [ "$(cat e/keep/old.txt)" = "keep me" ] && [ "$(listing e/keep)" = old.txt ] && [ -z "$(listing e/empty)" ] &&
   [ "$(cat e/file)" = "a file" ] && [ "$(listing e | tr '\n' ' ')" = "empty file keep " ]; then
    ok "an existing DIR without --force is left untouched"
else
    bad "an existing DIR without --force: e has $(listing e | tr '\n' ' '), e/keep has $(listing e/keep | tr '\n' ' ')"
fi

# With --force, a directory that is not a previous report (anything but
# index.html, report.md, results.json and img/*.svg), a symbolic link to a
# report, a fifo or a device is refused and left as it was.
"$bin" report "$fx" -o prev > /dev/null 2>&1
cp -R prev e/prev
cp -R prev e/extra
printf 'mine\n' > e/extra/img/notes.txt
ln -s prev e/link
mkfifo e/fifo
expect "--force on a folder with other files" 2 "not a report's" "$bin" report "$fx" --force -o e/keep
expect "--force on a report with an extra file" 2 "not a report's" "$bin" report "$fx" --force -o e/extra
expect "--force on a symlink to a report" 2 "exists and is not a directory" "$bin" report "$fx" --force -o e/link
expect "--force on a fifo" 2 "exists and is not a directory" "$bin" report "$fx" --force -o e/fifo
expect "--force on /dev/null" 2 "exists and is not a directory" "$bin" report "$fx" --force -o /dev/null
if [ "$(cat e/keep/old.txt)" = "keep me" ] && [ "$(listing e/keep)" = old.txt ] &&
   [ "$(cat e/extra/img/notes.txt)" = mine ] && [ -L e/link ] && [ -p e/fifo ] && [ -c /dev/null ] &&
   diff -r prev e/link > /dev/null; then
    ok "--force leaves what is not a previous report as it was"
else
    bad "--force on what is not a report: e has $(listing e | tr '\n' ' ')"
fi

# A failed run with --force leaves the old DIR too.
expect "--force with data errors" 1 '\[unknown-actor\]' "$bin" report "$src/tests/fixtures/invalid/unknown-actor.json" --force -o e/prev
expect "--force with an unknown actor" 2 "did you mean" "$bin" report "$fx" --actors Valdr --force -o e/prev
diff -r prev e/prev > /dev/null &&
    ok "a failed run with --force leaves the old DIR" || bad "a failed run with --force: e/prev has $(listing e/prev | tr '\n' ' ')"
no_tmp e "failed runs with --force"

# DIR may not be the working directory (--force would replace it).
expect "-o . with --force" 2 "cannot be the report's directory" "$bin" report "$fx" --force -o .
expect "-o ./ without --force" 2 "" "$bin" report "$fx" -o ./
[ -f check.py ] && [ -d e/keep ] && ok "-o . leaves the working directory alone" || bad "-o . changed the working directory"

# --force replaces a previous report: the old one is gone, the new one there.
printf 'old\n' > e/prev/index.html
run "--force replaces a previous report" e/prev "$fx" --force
[ "$(cat e/prev/index.html)" != old ] && diff -r prev e/prev > /dev/null &&
    ok "--force: the old report is gone, the new report is in place" ||
    bad "--force: e/prev has $(listing e/prev | tr '\n' ' ')"
mkdir e/empty2
run "--force replaces an empty folder" e/empty2 "$fx" --force
run "--force on a new DIR" e/new "$fx" --force
no_tmp e "--force"

# --- The graph files are never replaced -----------------------------------------
mkdir g
cp "$fx" g/in.json
expect "-o is the graph file, with --force" 2 "one of the graph files" "$bin" report g/in.json --force -o g/in.json
expect "-o is the folder of the graph file, with --force" 2 "graph file" "$bin" report g/in.json --force -o g
cmp -s "$fx" g/in.json && [ "$(listing g)" = in.json ] &&
    ok "the graph file and its folder are unchanged" || bad "the graph file's folder: $(listing g | tr '\n' ' ')"

# --- Atomic output ---------------------------------------------------------------
# A DIR that cannot be created (its parent is a file): exit 3, nothing written.
mkdir f
printf 'a file\n' > f/somefile
expect "the parent of DIR is a file" 3 "f/somefile" "$bin" report "$fx" -o f/somefile/x
[ "$(listing f)" = somefile ] && [ "$(cat f/somefile)" = "a file" ] &&
    ok "a run that cannot create DIR writes nothing" || bad "a run that cannot create DIR left: $(listing f | tr '\n' ' ')"

# limited HOW ARGS...: `entente report ARGS` with files limited to 4 KiB
# (ulimit -f counts 512-byte blocks), so that a write fails midway. HOW is
# "fail": SIGXFSZ is ignored and write() fails with EFBIG, which the command
# must handle; or "kill": SIGXFSZ kills it at that write. No core file
# (ulimit -c is not POSIX, but dash and bash have it).
# shellcheck disable=SC3045
limited() {
    how=$1
    shift
    if [ "$how" = fail ]; then
        (trap '' XFSZ; ulimit -c 0; ulimit -f 8; exec "$bin" report "$@")
    else
        (ulimit -c 0; ulimit -f 8; exec "$bin" report "$@")
    fi
}

# Writes that fail midway: exit 3, and no DIR, or the old DIR with --force.
mkdir f/full f/killed f/killed2 f/full2
cp -R prev f/full2/r
printf 'keep me\n' > f/full2/r/report.md
limited fail "$fx" -o f/full/r > f/full.out 2>&1
s=$?
[ $s -eq 3 ] && ok "a write that fails midway exits 3" ||
    { bad "a write that fails midway: exit $s, expected 3"; head -3 f/full.out | sed 's/^/    /'; }
[ -z "$(listing f/full)" ] && ok "a write that fails midway leaves neither DIR nor a temporary folder" ||
    bad "a write that fails midway left: $(listing f/full | tr '\n' ' ')"
limited fail "$fx" --force -o f/full2/r > f/full2.out 2>&1
s=$?
if [ $s -eq 3 ] && [ "$(listing f/full2)" = r ] && [ "$(listing f/full2/r | tr '\n' ' ')" = "img index.html report.md results.json " ] &&
   [ "$(cat f/full2/r/report.md)" = "keep me" ]; then
    ok "a write that fails midway with --force leaves the old DIR, and no temporary folder"
else
    bad "a write that fails midway with --force: exit $s, f/full2 has $(listing f/full2 | tr '\n' ' '), r has $(listing f/full2/r | tr '\n' ' ')"
fi

# A run killed midway (SIGXFSZ at the first write past 4 KiB): no half-written
# DIR. A temporary folder may stay behind (nothing can remove it); with
# --force the old DIR is still whole. (A command that ignores SIGXFSZ exits 3
# instead, as above.)
limited kill "$fx" -o f/killed/r > /dev/null 2>&1
s=$?
if { [ $s -gt 128 ] || [ $s -eq 3 ]; } && [ ! -e f/killed/r ]; then
    ok "a run killed midway leaves no DIR (exit $s)"
else
    bad "a run killed midway: exit $s, f/killed has $(listing f/killed | tr '\n' ' ')"
fi
cp -R prev f/killed2/r
printf 'keep me\n' > f/killed2/r/report.md
limited kill "$fx" --force -o f/killed2/r > /dev/null 2>&1
s=$?
if { [ $s -gt 128 ] || [ $s -eq 3 ]; } && [ "$(cat f/killed2/r/report.md)" = "keep me" ] &&
   [ "$(listing f/killed2/r | tr '\n' ' ')" = "img index.html report.md results.json " ]; then
    ok "a run with --force killed midway leaves the old DIR whole"
else
    bad "a run with --force killed midway: exit $s, f/killed2/r has $(listing f/killed2/r | tr '\n' ' ')"
fi

# Interrupted by a signal at some point of its run (SIGTERM, SIGHUP, SIGINT
# after 0.1, 0.3 and 0.6 s, on the bundled graph, which takes about a second):
# DIR is then either absent or whole, and no temporary folder is left behind
# (the command removes it on these signals).
mkdir i
n=0
for sig_delay in TERM:0.1 HUP:0.3 INT:0.6; do
    n=$((n + 1))
    # (In a subshell whose stderr is dropped: sh reports "Terminated" there.)
    (
        "$bin" report "$sc" -o i/r$n > /dev/null 2>&1 &
        pid=$!
        sleep "${sig_delay#*:}"
        kill -s "${sig_delay%:*}" $pid
        wait $pid
    ) 2> /dev/null
    s=$?
    if [ ! -e i/r$n ]; then
        what="no DIR"
    elif [ -s i/r$n/report.md ] && tail -c 8 i/r$n/index.html | grep -q '</html>' &&
         "$PY" -c 'import json, sys; json.load(open(sys.argv[1]))' i/r$n/results.json 2> /dev/null; then
        what="a whole DIR"
    else
        what="a half-written DIR"
    fi
    if [ "$what" != "a half-written DIR" ] && ! listing i | grep -qF '.tmp-'; then
        ok "SIG${sig_delay%:*} after ${sig_delay#*:} s: exit $s, $what, no temporary folder"
    else
        bad "SIG${sig_delay%:*} after ${sig_delay#*:} s: exit $s, $what; i has $(listing i | tr '\n' ' ')"
    fi
done

# A DIR written with a trailing slash is the same DIR.
mkdir t
run "-o DIR/" t/slash/ "$fx"
[ "$(listing t)" = slash ] && [ -f t/slash/index.html ] && ok "-o DIR/ writes DIR and nothing beside it" ||
    bad "-o DIR/: t has $(listing t | tr '\n' ' ')"

# --- The report of the small graph --------------------------------------------------
run "report of the small graph" small "$fx"
[ "$(listing small | tr '\n' ' ')" = "img index.html report.md results.json " ] &&
    ok "DIR holds img/, index.html, report.md and results.json" ||
    bad "DIR holds: $(listing small | tr '\n' ' ')"
no_tmp . "a successful run"
[ -z "$(find small -type d ! -perm 755)" ] && [ -z "$(find small -type f ! -perm 644)" ] &&
    ok "DIR and its files have the usual permissions (umask 022)" ||
    bad "permissions: $(find small ! -perm 755 ! -perm 644 -exec ls -ld {} + | awk '{ print $1, $NF }' | tr '\n' ';')"
grep -qF "small/index.html" small.out && ok "the summary gives the path to index.html" ||
    bad "the summary does not give small/index.html"
# By hand (docs/analyses.md, "Leverage"): on calm Lorin relies on nobody; in the
# aftermath Valdor relies on Lorin for 7.4 (support_military, deeds, durable) less
# 1.0 (the refusal: 4.0, words, an event) = 6.4, and on the league for 3.0 + 0.85
# (membership 6.0 as words; the request 3.4 as words and an event) = 3.85, 10.25 in
# all; Lorin's leverage is 6.4 * 6.4 / 10.25 = 3.996, the largest change.
grep -qF "Lorin (lorin): leverage rose by 3.996" small.out &&
    ok "the summary names the leading actor of the headline shift, with its change" ||
    bad "the summary does not say that Lorin's leverage rose by 3.996: $(grep -i leverage small.out | head -3)"
py outputs small "$fx" calm,crisis,aftermath calm-crisis,crisis-aftermath,calm-aftermath calm-aftermath
py comparison small cmp-calm-aftermath
# Default main actors: the top 3 of each snapshot's influence ranking.
py mentions small snap-calm Valdor Ruthmar Lorin
py mentions small snap-crisis Ruthmar Lorin
py mentions small snap-aftermath Ruthmar Lorin Valdor
py top small 10 0

# --- Options ------------------------------------------------------------------------
run "--actors by id and name, in any case" actors "$fx" --actors "LORIN,amber league"
for s in calm crisis aftermath; do
    py mentions actors snap-$s Lorin "amber-league|Amber League"
done
cmp -s small/results.json actors/results.json && bad "--actors changes nothing" || ok "--actors changes the report"
run "--top 3" top3 "$fx" --top 3
py top top3 3 1
run "--title" titled "$fx" --title "Custom title"
py title titled "Custom title"
run "the view options" view "$fx" --window 90 --half-life 30 --status confirmed,reported --exclude-claims-by kesh --max-errors 5
cmp -s small/results.json view/results.json && bad "the view options change nothing" || ok "the view options change the report"

# --- Byte-identical output from run to run -----------------------------------------
# Another DIR name, time zone and working folder: the same bytes.
mkdir elsewhere
(cd elsewhere && TZ=Pacific/Kiritimati "$bin" report "$fx" -o ../again > ../again.out 2>&1)
if diff -r small again > again.diff; then
    ok "the report is byte-identical from run to run"
else
    bad "the report differs from run to run"
    head -20 again.diff | sed 's/^/    /'
fi

# --- Golden report.md ------------------------------------------------------------------
# The report names the graph files as given: the golden one is made from the
# source tree with the relative path, so that it does not depend on where the
# tree is.
(cd "$src" && "$bin" report tests/fixtures/report/small.json -o "$work/golden" > "$work/golden.out" 2>&1) ||
    { bad "the golden run: exit $?"; head -5 golden.out | sed 's/^/    /'; }
if [ ! -f golden/report.md ]; then
    bad "the golden run wrote no report.md"
elif [ "${ENTENTE_UPDATE_GOLDEN:-0}" = 1 ]; then
    mkdir -p "$(dirname "$gold")"
    cp golden/report.md "$gold"
    echo "golden file rewritten: $gold (review the diff before committing)"
elif [ ! -f "$gold" ]; then
    bad "no golden file $gold (make it with ENTENTE_UPDATE_GOLDEN=1, then review it)"
elif cmp -s "$gold" golden/report.md; then
    ok "report.md equals tests/golden/report/small.md"
else
    bad "report.md differs from tests/golden/report/small.md"
    diff -u "$gold" golden/report.md | head -40 | sed 's/^/    /'
fi

# --- The bundled data set ------------------------------------------------------------------
sc_snaps=$("$PY" -c '
import json, sys
print(",".join(s["id"] for s in json.load(open(sys.argv[1]))["snapshots"]))' "$sc")
sc_cmps=$("$PY" -c '
import json, sys
g = json.load(open(sys.argv[1]))
at = {s["id"]: s["at"] for s in g["snapshots"]}
ids = sorted(at, key=lambda s: at[s])
pairs = ["%s-%s" % p for p in zip(ids, ids[1:])]
for c in g.get("comparisons", []):
    if "%s-%s" % (c["from"], c["to"]) not in pairs:
        pairs.append("%s-%s" % (c["from"], c["to"]))
head = [c for c in g.get("comparisons", []) if c.get("headline")][0]
print(",".join(pairs) + " %s-%s" % (head["from"], head["to"]))' "$sc")
run "report of graphs/south-caucasus.json" sc "$sc"
# shellcheck disable=SC2086
py outputs sc "$sc" "$sc_snaps" $sc_cmps
py top sc 10 1
py mentions sc snap-after-2022 "blinken|Antony Blinken" "aliyev|Ilham Aliyev"


# The further scripts of report: hostile strings in every file, signals during a run,
# and the summary's sentences against those written by hand. (The page in a real
# browser is tests/browser/, run by ctest as report_browser.)
part report-hostile.sh sh "$src/tests/cli/report-hostile.sh" "$bin" "$src" "$work/hostile"
part report-signal.sh sh "$src/tests/cli/report-signal.sh" "$bin" "$src" "$work/signal"
part report-summary.py /usr/bin/python3 "$src/tests/cli/report-summary.py" "$bin" "$src" "$work/summary"

echo "$pass passed, $fail failed, $xfail known bugs (XFAIL)"
[ "$fail" -eq 0 ]
