#!/usr/bin/python3
"""entente import gdelt on small GDELT tables written here, by hand, row by row.

The rows are built field by field at the positions of GDELT's codebook (2.0:
61 columns; 1.0: 58, or 57 without SOURCEURL), written tab-separated without a
header as GDELT publishes them, comma-separated with a header (quoted fields,
CRLF, a byte-order mark, no final newline), and gzipped and zipped at test
time. What the graph file must hold is worked out below from the rows and
CAMEO's codebook, not from an earlier run: which relation each event joins,
the mean Goldstein value, the evidence, the actor names from ISO 3166.
Then the errors, each with its message pinned, and nothing written on error.

usage: import-gdelt.py ENTENTE_BIN WORK_DIR
"""
import gzip
import json
import os
import random
import subprocess
import sys
import zipfile

BIN, WORK = sys.argv[1:3]
os.makedirs(WORK, exist_ok=True)
os.chdir(WORK)
failures = []


def check(cond, what, detail=""):
    print(("ok   " if cond else "FAIL ") + what + ("" if cond or not detail else "\n     " + str(detail)))
    if not cond:
        failures.append(what)


def run(*args):
    return subprocess.run([BIN, *args], capture_output=True, text=True)


# GDELT 2.0 field names, in order (the codebook's 61 columns).
NAMES61 = ("GLOBALEVENTID SQLDATE MonthYear Year FractionDate "
           "Actor1Code Actor1Name Actor1CountryCode Actor1KnownGroupCode Actor1EthnicCode "
           "Actor1Religion1Code Actor1Religion2Code Actor1Type1Code Actor1Type2Code Actor1Type3Code "
           "Actor2Code Actor2Name Actor2CountryCode Actor2KnownGroupCode Actor2EthnicCode "
           "Actor2Religion1Code Actor2Religion2Code Actor2Type1Code Actor2Type2Code Actor2Type3Code "
           "IsRootEvent EventCode EventBaseCode EventRootCode QuadClass GoldsteinScale NumMentions "
           "NumSources NumArticles AvgTone "
           "Actor1Geo_Type Actor1Geo_FullName Actor1Geo_CountryCode Actor1Geo_ADM1Code Actor1Geo_ADM2Code "
           "Actor1Geo_Lat Actor1Geo_Long Actor1Geo_FeatureID "
           "Actor2Geo_Type Actor2Geo_FullName Actor2Geo_CountryCode Actor2Geo_ADM1Code Actor2Geo_ADM2Code "
           "Actor2Geo_Lat Actor2Geo_Long Actor2Geo_FeatureID "
           "ActionGeo_Type ActionGeo_FullName ActionGeo_CountryCode ActionGeo_ADM1Code ActionGeo_ADM2Code "
           "ActionGeo_Lat ActionGeo_Long ActionGeo_FeatureID DATEADDED SOURCEURL").split()
assert len(NAMES61) == 61
# GDELT 1.0 has no ADM2Code in its three geographies: 58 columns, 57 without SOURCEURL.
NAMES58 = [n for n in NAMES61 if not n.endswith("ADM2Code")]
NAMES57 = NAMES58[:-1]
assert len(NAMES58) == 58 and len(NAMES57) == 57


def event(eid, date, c1, c2, code, gold, mentions=4, url="http://news.example/a", root="1",
          t1="", t2="", name1="SOMEONE", quad=None):
    root_code = code[:2]
    q = quad or (1 if root_code <= "05" else 2 if root_code <= "09" else 3 if root_code <= "14" else 4)
    return {
        "GLOBALEVENTID": str(eid), "SQLDATE": date, "MonthYear": date[:6], "Year": date[:4],
        "FractionDate": "2023.7", "Actor1Code": c1 + t1, "Actor1Name": name1,
        "Actor1CountryCode": c1, "Actor1Type1Code": t1, "Actor2Code": c2 + t2,
        "Actor2Name": "OTHER, \"QUOTED\"", "Actor2CountryCode": c2, "Actor2Type1Code": t2,
        "IsRootEvent": root, "EventCode": code, "EventBaseCode": code[:3], "EventRootCode": root_code,
        "QuadClass": str(q), "GoldsteinScale": str(gold), "NumMentions": str(mentions),
        "NumSources": "1", "NumArticles": str(mentions), "AvgTone": "-1.5",
        "ActionGeo_FullName": "Yerevan, Yerevan, Armenia", "DATEADDED": date + "120000", "SOURCEURL": url,
    }


def tsv(rows, names=NAMES61, end="\n"):
    return end.join("\t".join(r.get(n, "") for n in names) for r in rows) + end


def csv_text(rows, names=NAMES61, header=True, end="\r\n", final=True, bom=False):
    def q(v):
        return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\n\r') else v
    lines = ([",".join(names)] if header else []) + [",".join(q(r.get(n, "")) for n in names) for r in rows]
    return ("\ufeff" if bom else "") + end.join(lines) + (end if final else "")


def write(name, text):
    with open(name, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return name


# --- the events ---------------------------------------------------------------
# CAMEO (codebook): 042 "make a visit", 0234 "appeal for military protection",
# 0231 "appeal for economic aid" (base 023), 1011 "demand economic cooperation"
# (root 10), 190 "use conventional military force", 046 "engage in negotiation".
EVENTS = [
    event(101, "20230919", "ARM", "RUS", "042", 1.9, mentions=3, url="http://news.example/a"),
    event(102, "20230919", "ARM", "RUS", "042", 2.5, mentions=5, url="http://news.example/b"),
    event(103, "20230919", "ARM", "RUS", "042", 1.6, mentions=1, url="http://news.example/a"),
    event(104, "20230919", "AZE", "ARM", "190", -10, mentions=40, url="http://news.example/c"),
    event(105, "20230920", "ARM", "RUS", "0234", 3.4, url="http://news.example/d"),
    event(106, "20230920", "ARM", "EUR", "0231", 3.4, url="http://news.example/d"),
    event(107, "20230921", "RUS", "AZE", "1011", -5, url="http://news.example/e"),
    event(108, "20230921", "RUS", "ARM", "046", 7, url="http://news.example/e"),
    event(109, "20230921", "ARM", "RUS", "046", 7, url="http://news.example/f"),
    event(110, "20230921", "ARM", "", "042", 1.9),           # no second country: left out
    event(111, "20230921", "ARM", "ARM", "042", 1.9),        # the same actor: left out
    event(112, "20231002", "AZE", "ARM", "190", -10, mentions=2, root="0", url="http://news.example/g"),
]

# What the import must give, per day, worked out from the rows above.
EXPECTED = {
    # id: (source, target, type, at, intensity, [(event, url)], note)
    "arm-rus-visit-2023-09-19": ("arm", "rus", "visit", "2023-09-19", 2.0,
                                 [(101, "a"), (102, "b"), (103, "a")],
                                 "GDELT: 3 events, 9 mentions; quad class 1 (verbal cooperation)"),
    "aze-arm-attacks-2023-09-19": ("aze", "arm", "attacks", "2023-09-19", -10.0, [(104, "c")],
                                   "GDELT: 1 event, 40 mentions; quad class 4 (material conflict)"),
    "arm-rus-requests_help-2023-09-20": ("arm", "rus", "requests_help", "2023-09-20", 3.4, [(105, "d")], None),
    "arm-eur-requests_help-2023-09-20": ("arm", "eur", "requests_help", "2023-09-20", 3.4, [(106, "d")], None),
    "rus-aze-demands-2023-09-21": ("rus", "aze", "demands", "2023-09-21", -5.0, [(107, "e")], None),
    # negotiation is symmetric: RUS->ARM and ARM->RUS are one relation, from "arm" (sorts first)
    "arm-rus-negotiation-2023-09-21": ("arm", "rus", "negotiation", "2023-09-21", 7.0,
                                       [(108, "e"), (109, "f")], None),
    "aze-arm-attacks-2023-10-02": ("aze", "arm", "attacks", "2023-10-02", -10.0, [(112, "g")], None),
}
NAMES = {"arm": ("Armenia", "state"), "aze": ("Azerbaijan", "state"),
         "rus": ("Russian Federation", "state"), "eur": ("Europe", "place")}


def load(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def relations_of(doc):
    src = {s["id"]: s.get("url", "") for s in doc["sources"]}
    out = {}
    for r in doc["relations"]:
        ev = [(int(e["locator"].split()[-1]), src[e["source"]].rsplit("/", 1)[-1] if src[e["source"]] else "")
              for e in r["evidence"]]
        out[r["id"]] = (r["source"], r["target"], r["type"], r["at"], r["intensity"], ev, r.get("note"))
    return out


def same_graph(doc, what, expected=EXPECTED, names=NAMES):
    got = relations_of(doc)
    bad = []
    for k, want in expected.items():
        g = got.get(k)
        if g is None:
            bad.append(f"missing {k}")
            continue
        for i, (x, y) in enumerate(zip(g, want)):
            if y is None:
                continue
            if i == 4 and abs(x - y) > 0.005:
                bad.append(f"{k} intensity {x} != {y}")
            elif i != 4 and x != y:
                bad.append(f"{k}[{i}] {x!r} != {y!r}")
    extra = set(got) - set(expected)
    check(not bad and not extra, f"{what}: the relations worked out by hand", bad + sorted(extra))
    actors = {a["id"]: (a["name"], a["kind"]) for a in doc["actors"]}
    check(actors == names, f"{what}: actors named from ISO 3166 and CAMEO's regions", actors)
    urls = [s["url"] for s in doc["sources"]]
    check(len(urls) == len(set(urls)) == len({u for r in expected.values() for _, u in r[5]}),
          f"{what}: one source per URL")


def imp(out, *args, expect=0):
    p = run("import", "gdelt", *args, "-o", out)
    if p.returncode != expect:
        print(f"     exit {p.returncode}: {p.stderr.strip()[:400]}")
    return p


def check_clean(path, what):
    p = run("check", path)
    check(p.returncode == 0 and ", 0 warnings" in p.stdout and not p.stderr,
          f"{what}: entente check passes without a warning", p.stdout + p.stderr)


# --- formats -----------------------------------------------------------------
plain = write("events.export.CSV", tsv(EVENTS))
p = imp("day.json", plain)
check(p.returncode == 0, "GDELT 2.0, tab-separated, no header: exit 0")
doc = load("day.json")
same_graph(doc, "2.0 tsv")
check_clean("day.json", "2.0 tsv")
check("12 rows read, 10 events kept in 7 relations between 4 actors, citing 7 sources" in p.stderr
      and "1 without a country on both sides, 1 with the same actor on both, 0 by the options" in p.stderr,
      "the summary counts rows, events, relations, actors, sources and what was left out", p.stderr)
imp("day2.json", plain)
check(open("day.json", "rb").read() == open("day2.json", "rb").read(), "importing twice gives the same bytes")
shuffled = EVENTS[:]
random.Random(7).shuffle(shuffled)
write("shuffled.export.CSV", tsv(shuffled))
imp("shuffled.json", "shuffled.export.CSV")
d2 = load("shuffled.json")
check(json.dumps(d2["relations"]) == json.dumps(doc["relations"]) and d2["sources"] == doc["sources"]
      and d2["actors"] == doc["actors"], "rows in another order give the same sources, actors and relations")

variants = {
    "csv with a header, CRLF, BOM, no final newline": write("events.csv", csv_text(EVENTS, bom=True, final=False)),
    "csv with a header, LF": write("events-lf.csv", csv_text(EVENTS, end="\n")),
    "csv without a header": write("events-nohdr.csv", csv_text(EVENTS, header=False)),
    "tsv with a header": write("events-hdr.tsv", "\t".join(NAMES61) + "\n" + tsv(EVENTS)),
    "GDELT 1.0, 58 columns": write("events58.CSV", tsv(EVENTS, NAMES58)),
    "tsv with CRLF": write("events-crlf.CSV", tsv(EVENTS, end="\r\n")),
}
with gzip.open("events.export.CSV.gz", "wt", encoding="utf-8", newline="") as f:
    f.write(tsv(EVENTS))
variants["gzipped"] = "events.export.CSV.gz"
with zipfile.ZipFile("events.export.CSV.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("20230919.export.CSV", tsv(EVENTS))
variants["zipped"] = "events.export.CSV.zip"
# a quoted field holding the delimiter, a quote and a line break
tricky = [dict(e) for e in EVENTS]
tricky[0]["Actor1Name"] = 'LINE\r\nBREAK, "AND" QUOTE'
variants["csv with a line break inside a quoted field"] = write("events-tricky.csv", csv_text(tricky))
# tab-separated tables have no quoting: a field may start with a quote
quoted = [dict(e) for e in EVENTS]
quoted[0]["Actor1Name"] = '"SO-CALLED" GROUP'
quoted[1]["SOURCEURL"] = '"http://news.example/b'
quoted_tsv = write("events-quote.CSV", tsv(quoted))
# blank lines (LF, CRLF, a last one) are no rows
variants["csv with blank lines"] = write("events-blank.csv", csv_text(EVENTS).replace("\r\n", "\r\n\r\n", 3) + "\n\r\n")
for what, path in variants.items():
    p = imp(path + ".json", path)
    check(p.returncode == 0, f"{what}: exit 0")
    if p.returncode == 0:
        d = load(path + ".json")
        check(d["relations"] == doc["relations"] and d["sources"] == doc["sources"] and d["actors"] == doc["actors"],
              f"{what}: the same graph as the plain table")
p = imp("quote.json", quoted_tsv)
d = load("quote.json") if p.returncode == 0 else {}
check(p.returncode == 0 and relations_of(d) == relations_of(doc) and d["actors"] == doc["actors"]
      and [s.get("url") for s in d["sources"]].count('"http://news.example/b') == 1,
      "tsv whose fields start with a quote: the quote is text (the URL keeps it), the same relations")
p = imp("57.json", write("events57.CSV", tsv(EVENTS, NAMES57)))
d = load("57.json")
check(p.returncode == 0 and [s["id"] for s in d["sources"]] == ["gdelt"]
      and all(e["source"] == "gdelt" for r in d["relations"] for e in r["evidence"])
      and len(d["relations"]) == 7, "GDELT 1.0, 57 columns (no SOURCEURL): events cite one 'gdelt' source")
check_clean("57.json", "57 columns")

# --- aggregation and filters ----------------------------------------------------
p = imp("event.json", plain, "--per", "event")
d = load("event.json")
check(sorted(r["id"] for r in d["relations"]) == [f"gdelt-{i}" for i in (101, 102, 103, 104, 105, 106, 107, 108, 109, 112)],
      "--per event: one relation per event, named by its id")
check([r["intensity"] for r in d["relations"] if r["id"] == "gdelt-102"] == [2.5], "--per event: the event's own Goldstein value")
check_clean("event.json", "--per event")
imp("month.json", plain, "--per", "month")
d = load("month.json")
ats = sorted({(r["source"], r["target"], r["type"], r["at"], len(r["evidence"])) for r in d["relations"]})
check(("aze", "arm", "attacks", "2023-09", 1) in ats and ("aze", "arm", "attacks", "2023-10", 1) in ats
      and ("arm", "rus", "visit", "2023-09", 3) in ats and len(ats) == 7,
      "--per month: dated YYYY-MM, September and October apart", ats)
imp("week.json", plain, "--per", "week")
d = load("week.json")
ats = sorted((r["type"], r["at"], len(r["evidence"])) for r in d["relations"] if r["type"] in ("attacks", "negotiation"))
# 2023-09-19 and -21 are in the ISO week starting Monday 2023-09-18; 2023-10-02 is a Monday
check(ats == [("attacks", "2023-09-18", 1), ("attacks", "2023-10-02", 1), ("negotiation", "2023-09-18", 2)],
      "--per week: dated by the week's Monday", ats)
imp("root.json", plain, "--root-only")
check("aze-arm-attacks-2023-10-02" not in relations_of(load("root.json")), "--root-only drops event 112 (IsRootEvent 0)")
imp("mentions.json", plain, "--min-mentions", "5")
check(sorted(relations_of(load("mentions.json"))) == ["arm-rus-visit-2023-09-19", "aze-arm-attacks-2023-09-19"]
      and relations_of(load("mentions.json"))["arm-rus-visit-2023-09-19"][5] == [(102, "b")],
      "--min-mentions 5 keeps events 102 and 104")
imp("between.json", plain, "--between", "2023-09-20", "2023-09")
check(sorted(relations_of(load("between.json"))) == ["arm-eur-requests_help-2023-09-20", "arm-rus-negotiation-2023-09-21",
                                                        "arm-rus-requests_help-2023-09-20", "rus-aze-demands-2023-09-21"],
      "--between 2023-09-20 2023-09 keeps 20 to 30 September")
imp("countries.json", plain, "--countries", "arm,aze")
check(sorted(relations_of(load("countries.json"))) == ["aze-arm-attacks-2023-09-19", "aze-arm-attacks-2023-10-02"],
      "--countries arm,aze keeps the events between the two")
typed = [event(201, "20230919", "RUS", "ARM", "190", -10, t1="MIL", t2="GOV"),
         event(202, "20230919", "RUS", "ARM", "042", 1.9, t1="GOV")]
imp("typed.json", write("typed.CSV", tsv(typed)), "--cameo-types")
d = load("typed.json")
check({a["id"]: a["name"] for a in d["actors"]} == {"rus-mil": "Russian Federation (military)",
                                                     "arm-gov": "Armenia (government)",
                                                     "rus-gov": "Russian Federation (government)",
                                                     "arm": "Armenia"},
      "--cameo-types: one actor per country and CAMEO type", [a["id"] for a in d["actors"]])
check_clean("typed.json", "--cameo-types")

# --- errors -------------------------------------------------------------------
def err(name, args, status, text, what):
    out = name + ".out.json"
    with open(out, "w") as f:
        f.write("previous\n")
    p = run("import", "gdelt", *args, "-o", out)
    check(p.returncode == status and p.stderr == text, f"{what}: exit {status} and the message",
          f"exit {p.returncode}, stderr:\n{p.stderr}")
    check(open(out).read() == "previous\n", f"{what}: the output is left as it was")
    left = [n for n in os.listdir(".") if n.startswith("." + out)]
    check(not left, f"{what}: no temporary file left", left)


bad = [dict(e) for e in EVENTS[:3]]
write("cols.CSV", tsv(bad[:1]) + "\t".join(bad[1].get(n, "") for n in NAMES61[:60]) + "\n")
err("cols", ["cols.CSV"], 1,
    "cols.CSV:2:1: error: this row has 60 columns, not 61 like the rows before it [gdelt-columns]\n"
    ' 2 | 102 20230919 202309 2023 2023.7 ARM SOMEONE ARM        RUS OTHER, "QUOTED" RUS        1 042 042 04 1 2.5 5 1 5 -1.5                  Yerevan, Yerevan,...\n'
    "   | ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "a wrong column count")
b = [dict(e) for e in EVENTS[:2]]
b[1]["EventCode"] = "999"
write("code.CSV", tsv(b))
err("code", ["code.CSV"], 1,
    "code.CSV:2:89: error: unknown CAMEO event code '999' (see 'entente types --cameo') [cameo-code]\n"
    ' 2 | ...3.7 ARM SOMEONE ARM        RUS OTHER, "QUOTED" RUS        1 999 042 04 1 2.5 5 1 5 -1.5                  Yerevan, Yerevan, Armenia       2023091912000...\n'
    "   |                                                                ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "an unknown CAMEO code")
b = [dict(e) for e in EVENTS[:2]]
b[0]["SQLDATE"] = "20231345"
write("date.CSV", tsv(b))
err("date", ["date.CSV"], 1,
    "date.CSV:1:5: error: SQLDATE '20231345' is not a day written YYYYMMDD: the month must be from 01 to 12 [gdelt-date]\n"
    ' 1 | 101 20231345 202309 2023 2023.7 ARM SOMEONE ARM        RUS OTHER, "QUOTED" RUS        1 042 042 04 1 1.9 3 1 3 -1.5                  Yerevan, Yerevan,...\n'
    "   |     ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "a date like 20231345")
write("empty.CSV", "")
err("empty", ["empty.CSV"], 1, "empty.CSV: error: the file is empty [import-empty]\n"
    "entente import: nothing written\n", "an empty file")
with open("random.CSV", "wb") as f:
    rng = random.Random(1)
    f.write(bytes(rng.randrange(256) for _ in range(4096)))
err("random", ["random.CSV"], 1, "random.CSV: error: the file holds binary data, not a GDELT event table [import-binary]\n"
    "entente import: nothing written\n", "a file of random bytes")
with zipfile.ZipFile("full.zip", "w", zipfile.ZIP_DEFLATED) as z:
    z.writestr("20230919.export.CSV", tsv(EVENTS * 20))
data = open("full.zip", "rb").read()
with open("truncated.zip", "wb") as f:
    f.write(data[: len(data) // 2])
err("truncated", ["truncated.zip"], 1,
    "truncated.zip: error: the compressed data is damaged or cut short: ZIP decompression failed (-5) [import-archive]\n"
    "entente import: nothing written\n", "a truncated zip")
write("quote.csv", csv_text(EVENTS[:1]) + '102,"20230919\n')
err("quote", ["quote.csv"], 1,
    "quote.csv:3:5: error: a quoted field is not closed before the end of the file [gdelt-quote]\n"
    " 3 | 102,\"20230919\n"
    "   |     ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "a quote left open")
# RFC 4180 quoting, strictly (libcsv's strict mode): a quote inside a field
# that does not start with one, and text after a closing quote, are refused
# where they are; the rest of the line is shown.
lines = csv_text(EVENTS[:3]).split("\r\n")
stray = lines[:]
stray[2] = stray[2].replace("SOMEONE", 'SO"MEONE', 1)  # column 39: after "102,...,ARM,SO"
write("stray.csv", "\r\n".join(stray))
err("stray", ["stray.csv"], 1,
    "stray.csv:3:39: error: a quote inside a field that does not start with one (quote the whole field and double the quote) [gdelt-quote]\n"
    ' 3 | 102,20230919,202309,2023,2023.7,ARM,SO"MEONE,ARM,,,,,,,,RUS,"OTHER, ""QUOTED""",RUS,,,,,,,,1,042,042,04,1,2.5,5,1,5,-1.5,,,,,,,,,,,,,,,,,,"Yerevan, Ye...\n'
    "   |                                       ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "a stray quote in a comma-separated table")
p = imp("stray.json", "stray.csv", "--skip-bad")
d = load("stray.json") if p.returncode == 0 else {"relations": []}
check(p.returncode == 0 and "2 rows read" in p.stderr and "1 malformed (skipped" in p.stderr
      and sorted(e["locator"] for r in d["relations"] for e in r["evidence"]) == ["GDELT event 101", "GDELT event 103"],
      "--skip-bad: the row with the stray quote is skipped, the next line read", p.stderr)
after = lines[:]
after[2] = after[2].replace('"OTHER, ""QUOTED"""', '"OTHER, ""QUOTED"""X', 1)  # the X: column 79
write("after.csv", "\r\n".join(after))
err("after", ["after.csv"], 1,
    "after.csv:3:79: error: the quoted field goes on after its closing quote (a quote inside quotes is written twice) [gdelt-quote]\n"
    ' 3 | ...9,2023,2023.7,ARM,SOMEONE,ARM,,,,,,,,RUS,"OTHER, ""QUOTED"""X,RUS,,,,,,,,1,042,042,04,1,2.5,5,1,5,-1.5,,,,,,,,,,,,,,,,,,"Yerevan, Yerevan, Armenia",,,...\n'
    "   |                                                                ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "text after a closing quote")
# a problem after a quoted line break: on the record's second line, its column there
b = [dict(e) for e in EVENTS[:2]]
b[0]["Actor1Name"] = 'LINE\r\nBREAK, "AND" QUOTE'
b[0]["EventCode"] = "999"  # line 3 is 'BREAK, ""AND"" QUOTE",ARM,,,,,,,,RUS,...,1,999': column 71
write("multi.csv", csv_text(b))
err("multi", ["multi.csv"], 1,
    "multi.csv:3:71: error: unknown CAMEO event code '999' (see 'entente types --cameo') [cameo-code]\n"
    ' 3 | ...ND"" QUOTE",ARM,,,,,,,,RUS,"OTHER, ""QUOTED""",RUS,,,,,,,,1,999,042,04,1,1.9,3,1,3,-1.5,,,,,,,,,,,,,,,,,,"Yerevan, Yerevan, Armenia",,,,,,,20230919120...\n'
    "   |                                                                ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "a problem on the second line of a record")
b = [dict(e) for e in EVENTS[:1]]
b[0]["Actor2CountryCode"] = "XYZ"
write("country.CSV", tsv(b))
err("country", ["country.CSV"], 1,
    "country.CSV:1:76: error: unknown country code 'XYZ'; GDELT uses ISO 3166 alpha-3 codes and CAMEO's region codes (docs/import.md) [gdelt-country]\n"
    ' 1 | ...2309 2023 2023.7 ARM SOMEONE ARM        RUS OTHER, "QUOTED" XYZ        1 042 042 04 1 1.9 3 1 3 -1.5                  Yerevan, Yerevan, Armenia       ...\n'
    "   |                                                                ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "an unknown country code")
write("hdr.csv", "GLOBALEVENTID,SQLDATE\n1,20230919\n")
err("hdr", ["hdr.csv"], 1,
    "hdr.csv:1:1: error: the header has no column 'Actor1CountryCode'; is this a GDELT event table? [gdelt-header]\n"
    " 1 | GLOBALEVENTID,SQLDATE\n"
    "   | ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "a header without GDELT's columns")
err("missing", ["no-such-file.CSV"], 3,
    "no-such-file.CSV: error: cannot read: Failed to open 'no-such-file.CSV' [import-read]\n", "a missing file")

# --skip-bad: the good rows, the bad counted and said
b = [dict(e) for e in EVENTS]
b[1]["EventCode"] = "999"
b[4]["SQLDATE"] = "20231345"
write("skip.CSV", tsv(b))
p = imp("skip.json", "skip.CSV", "--skip-bad")
check(p.returncode == 0 and "[cameo-code]" in p.stderr and "[gdelt-date]" in p.stderr
      and ", 2 malformed (skipped, see the warnings above)" in p.stderr and "warning:" in p.stderr,
      "--skip-bad: exit 0, each skipped row a warning, the count in the summary", p.stderr)
got = relations_of(load("skip.json"))
check(got["arm-rus-visit-2023-09-19"][5] == [(101, "a"), (103, "a")] and "arm-rus-requests_help-2023-09-20" not in got,
      "--skip-bad: the bad rows are left out, the others kept")

# A signal while the import reads: no temporary file left, no output.
import signal
import time
proc = subprocess.Popen([BIN, "import", "gdelt", "-", "-o", "signalled.json"], stdin=subprocess.PIPE,
                        stdout=subprocess.PIPE, stderr=subprocess.PIPE)
proc.stdin.write(tsv(EVENTS[:3]).encode())
proc.stdin.flush()
for _ in range(100):  # until the temporary file exists
    if any(n.startswith(".signalled.json.") for n in os.listdir(".")):
        break
    time.sleep(0.05)
seen = any(n.startswith(".signalled.json.") for n in os.listdir("."))
proc.send_signal(signal.SIGTERM)
proc.wait(timeout=20)
proc.stdin.close()
check(seen and proc.returncode == -signal.SIGTERM and not os.path.exists("signalled.json")
      and not any(n.startswith(".signalled.json.") for n in os.listdir(".")),
      "SIGTERM while reading: the process ends by the signal, its temporary file removed, no output",
      (seen, proc.returncode))

# usage
for args, text in ((["xls", "x.csv", "-o", "x.json"], "unknown source 'xls'"),
                   (["gdelt", plain], "'-o OUT' is required"),
                   (["gdelt", plain, "-o", "x.json", "--per", "year"], "--per takes day, week, month or event"),
                   (["gdelt", plain, "-o", "x.json", "--between", "2023-10", "2023-09"], "ends before it starts"),
                   (["gdelt", plain, "-o", plain], "one of the input files")):
    p = run("import", *args)
    check(p.returncode == 2 and text in p.stderr, f"usage error: {text}", p.stderr)

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
