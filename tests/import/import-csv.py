#!/usr/bin/python3
"""entente import csv on small tables written here by hand: an ACLED-style
export (quoted fields with commas, quotes and a line break, CRLF, a byte-order
mark, no final newline, a type map, URLs), dates in other formats, a table
with YEAR/MONTH/DAY columns and -9 for an unknown day (as the Correlates of
War write them), an actors table; what the graph file must hold is worked out
below from the rows. Then the errors, their messages pinned, and nothing
written on error.

usage: import-csv.py ENTENTE_BIN WORK_DIR
"""
import json
import os
import subprocess
import sys

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


def write(name, text):
    with open(name, "w", encoding="utf-8", newline="") as f:
        f.write(text)
    return name


def rels(path):
    doc = json.load(open(path, encoding="utf-8"))
    src = {s["id"]: s for s in doc["sources"]}
    return doc, [(r["source"], r["target"], r["type"], r.get("at"), r.get("from"), r.get("to"),
                  r.get("intensity"), r.get("status"), r.get("note"),
                  [(src[e["source"]].get("url", src[e["source"]]["title"]), e["locator"]) for e in r["evidence"]])
                 for r in doc["relations"]]


def clean(path, what):
    p = run("check", path)
    check(p.returncode == 0 and ", 0 warnings" in p.stdout, f"{what}: entente check passes without a warning",
          p.stdout + p.stderr)


# --- an ACLED-style export ------------------------------------------------------
acled = ("\ufeffevent_id,event_date,actor1,actor2,sub_event_type,fatalities,notes,source_url\r\n"
         "A1,2023-09-19,Military Forces of Azerbaijan,Military Forces of Armenia,Armed clash,10,"
         "\"Shelling near \"\"Stepanakert\"\", heavy\",https://example.org/1\r\n"
         "A2,2023-09-20,Military Forces of Azerbaijan,Nagorno-Karabakh Defence Army,Armed clash,3,"
         "\"two lines:\r\nthe second\",https://example.org/2\r\n"
         "A3,2023-09-20,Russian peacekeepers,Military Forces of Azerbaijan,Mediation,0,,https://example.org/1")
write("acled.csv", acled)
write("acled-types.csv", "code,type\nArmed clash,attacks\nMediation,mediation\n")
p = run("import", "csv", "acled.csv", "--map", "source=actor1,target=actor2,type=sub_event_type,at=event_date,"
        "note=notes,url=source_url", "--type-map", "acled-types.csv", "-o", "acled.json")
check(p.returncode == 0, "ACLED-style table: exit 0", p.stderr)
doc, got = rels("acled.json")
want = [
    ("military-forces-of-azerbaijan", "military-forces-of-armenia", "attacks", "2023-09-19", None, None, None, None,
     'Shelling near "Stepanakert", heavy', [("https://example.org/1", "acled.csv line 2")]),
    ("military-forces-of-azerbaijan", "nagorno-karabakh-defence-army", "attacks", "2023-09-20", None, None, None,
     None, "two lines:\r\nthe second", [("https://example.org/2", "acled.csv line 3")]),
    # the row after a quoted line break starts on line 5
    ("russian-peacekeepers", "military-forces-of-azerbaijan", "mediation", "2023-09-20", None, None, None, None,
     None, [("https://example.org/1", "acled.csv line 5")]),
]
check(got == want, "ACLED-style table: one relation per row, types from the map, notes, URLs, lines", got)
check({a["id"]: a["name"] for a in doc["actors"]} == {
    "military-forces-of-azerbaijan": "Military Forces of Azerbaijan",
    "military-forces-of-armenia": "Military Forces of Armenia",
    "nagorno-karabakh-defence-army": "Nagorno-Karabakh Defence Army",
    "russian-peacekeepers": "Russian peacekeepers"}, "actors: the distinct values, ids made from them")
check([s["url"] for s in doc["sources"]] == ["https://example.org/1", "https://example.org/2"], "one source per URL")
check([s["id"] for s in doc["snapshots"]] == ["first-day", "last-day"]
      and [s["at"] for s in doc["snapshots"]] == ["2023-09-19", "2023-09-20"], "snapshots on the first and last day")
clean("acled.json", "ACLED-style table")
p2 = run("import", "csv", "acled.csv", "--map", "source=actor1,target=actor2,type=sub_event_type,at=event_date,"
         "note=notes,url=source_url", "--type-map", "acled-types.csv", "-o", "acled2.json")
check(open("acled.json", "rb").read() == open("acled2.json", "rb").read(), "importing twice gives the same bytes")

# --- other date formats, --type, an actors table, intensity and status -----------
write("dates.csv", "who,whom,when,score,how sure\n"
      "Armenia,Russia,19 September 2023,3.4,confirmed\n"
      "Armenia,Russia,20 Sep 2023,,reported\n")
write("actors.csv", "value,id,name,kind\nArmenia,am,Republic of Armenia,state\nRussia,ru,Russian Federation,state\n")
p = run("import", "csv", "dates.csv", "--map", "source=who,target=whom,at=when,intensity=score,status=how sure",
        "--type", "requests_help", "--date-format", "%d %B %Y", "--actors", "actors.csv", "-o", "dates.json")
check(p.returncode == 0, "--date-format '%d %B %Y' (and its short month names): exit 0", p.stderr)
doc, got = rels("dates.json")
check([(r[0], r[1], r[2], r[3], r[6], r[7]) for r in got] ==
      [("am", "ru", "requests_help", "2023-09-19", 3.4, "confirmed"), ("am", "ru", "requests_help", "2023-09-20", None, "reported")],
      "dates, --type, intensity and status as the rows give them", got)
check({a["id"]: (a["name"], a["kind"]) for a in doc["actors"]} ==
      {"am": ("Republic of Armenia", "state"), "ru": ("Russian Federation", "state")}, "--actors gives ids, names and kinds")
check([s["id"] for s in doc["sources"]] == ["table1"] and doc["sources"][0]["title"] == "dates.csv",
      "rows without a URL cite the table itself")
clean("dates.json", "dates")
write("slash.csv", "a,b,d\nArmenia,Russia,19/09/2023\n")
p = run("import", "csv", "slash.csv", "--map", "source=a,target=b,at=d", "--type", "call", "--date-format", "%d/%m/%Y", "-o", "slash.json")
check(p.returncode == 0 and rels("slash.json")[1][0][3] == "2023-09-19", "--date-format %d/%m/%Y")

# --- YEAR/MONTH/DAY columns, -9 for an unknown day (durable relations) ------------
write("cow.csv", "state_a,state_b,st_year,st_month,st_day,end_year,end_month,end_day\n"
      "ARM,RUS,1997,8,29,,,\n"
      "KAZ,RUS,1994,-9,-9,2001,5,-9\n")
p = run("import", "csv", "cow.csv", "--map", "source=state_a,target=state_b,from=st_year/st_month/st_day,"
        "to=end_year/end_month/end_day", "--type", "security_guarantee", "--unknown-day", "-9", "-o", "cow.json")
check(p.returncode == 0, "YEAR/MONTH/DAY columns with --unknown-day -9: exit 0", p.stderr)
doc, got = rels("cow.json")
check([(r[0], r[1], r[4], r[5]) for r in got] == [("arm", "rus", "1997-08-29", None), ("kaz", "rus", "1994", "2001-05")],
      "-9 leaves the day (and the month) out; an empty end year is open", got)
clean("cow.json", "YEAR/MONTH/DAY")

# --- errors -----------------------------------------------------------------------
def err(name, args, status, text, what):
    out = name + ".out.json"
    with open(out, "w") as f:
        f.write("previous\n")
    p = run("import", "csv", *args, "-o", out)
    check(p.returncode == status and p.stderr == text, f"{what}: exit {status} and the message",
          f"exit {p.returncode}, stderr:\n{p.stderr}")
    check(open(out).read() == "previous\n", f"{what}: the output is left as it was")


M = "source=actor1,target=actor2,type=sub_event_type,at=event_date"
write("badtype.csv", "actor1,actor2,sub_event_type,event_date\nA,B,attacks,2023-09-19\nA,B,Shelling,2023-09-19\n")
err("badtype", ["badtype.csv", "--map", M], 1,
    "badtype.csv:3:5: error: 'Shelling' is not a relation type (see 'entente types'; --type-map maps the table's own codes) [csv-type]\n"
    " 3 | A,B,Shelling,2023-09-19\n"
    "   |     ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "an unknown type")
err("notmapped", ["badtype.csv", "--map", M, "--type-map", "acled-types.csv"], 1,
    "badtype.csv:2:5: error: 'attacks' is not in the type map [csv-type]\n"
    " 2 | A,B,attacks,2023-09-19\n"
    "   |     ^\n"
    "badtype.csv:3:5: error: 'Shelling' is not in the type map [csv-type]\n"
    " 3 | A,B,Shelling,2023-09-19\n"
    "   |     ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "a code the type map lacks")
write("baddate.csv", "actor1,actor2,sub_event_type,event_date\nA,B,attacks,2023-13-45\n")
err("baddate", ["baddate.csv", "--map", M], 1,
    "baddate.csv:2:13: error: '2023-13-45' is not a date: the month must be from 01 to 12 [csv-date]\n"
    " 2 | A,B,attacks,2023-13-45\n"
    "   |             ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "a date like 2023-13-45")
err("nocol", ["baddate.csv", "--map", "source=actor1,target=actor_2,type=sub_event_type,at=event_date"], 1,
    "baddate.csv:1:1: error: the table has no column 'actor_2' for target=; its columns: actor1, actor2, sub_event_type, event_date [csv-map]\n"
    " 1 | actor1,actor2,sub_event_type,event_date\n"
    "   | ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "a column the table lacks")
with open("latin1.csv", "wb") as f:  # a spreadsheet saved as Latin-1: "Bakı" is not UTF-8 there
    f.write(b"actor1,actor2,sub_event_type,event_date\nBak\xfd,B,attacks,2023-09-19\n")
err("latin1", ["latin1.csv", "--map", M], 1,
    "latin1.csv:2:1: error: field 1 holds byte 0xfd, which is not UTF-8: the file must be UTF-8 (convert it first, e.g. iconv -f latin1 -t utf-8) [csv-encoding]\n"
    " 2 | Bak?,B,attacks,2023-09-19\n"
    "   | ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "a field that is not UTF-8")
write("cols.csv", "actor1,actor2,sub_event_type,event_date\nA,B,attacks\n")
err("cols", ["cols.csv", "--map", M], 1,
    "cols.csv:2:1: error: this row has 3 columns, the header 4 [csv-columns]\n"
    " 2 | A,B,attacks\n"
    "   | ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "a wrong column count")
write("self.csv", "actor1,actor2,sub_event_type,event_date\nArmenia,Armenia,attacks,2023\n")
err("self", ["self.csv", "--map", M], 1,
    "self.csv:2:9: error: the source and the target are the same actor, 'armenia' [csv-actor]\n"
    " 2 | Armenia,Armenia,attacks,2023\n"
    "   |         ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "one actor on both sides")
write("int.csv", "actor1,actor2,sub_event_type,event_date,i\nA,B,attacks,2023,12\n")
err("int", ["int.csv", "--map", M + ",intensity=i"], 1,
    "int.csv:2:18: error: intensity '12' is not a number from -10 to 10 [csv-field]\n"
    " 2 | A,B,attacks,2023,12\n"
    "   |                  ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "an intensity outside -10..10")
write("empty.csv", "")
err("empty", ["empty.csv", "--map", M], 1, "empty.csv: error: the file is empty [import-empty]\n"
    "entente import: nothing written\n", "an empty file")
write("quote.csv", "actor1,actor2,sub_event_type,event_date\nA,\"B,attacks,2023\n")
err("quote", ["quote.csv", "--map", M], 1,
    "quote.csv:2:3: error: a quoted field is not closed before the end of the file [csv-quote]\n"
    " 2 | A,\"B,attacks,2023\n"
    "   |   ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "a quote left open")
# strict RFC 4180 quoting: a quote inside an unquoted field, where it is (the
# byte-order mark is not a column)
write("stray.csv", "\ufeffactor1,actor2,sub_event_type,event_date\r\nA,B\"x,attacks,2023\r\nA,B,attacks,2023\r\n")
err("stray", ["stray.csv", "--map", M], 1,
    "stray.csv:2:4: error: a quote inside a field that does not start with one (quote the whole field and double the quote) [csv-quote]\n"
    " 2 | A,B\"x,attacks,2023\n"
    "   |    ^\n"
    "entente import: nothing written (--skip-bad skips malformed rows)\n", "a stray quote")
# lines are counted through a quoted line break: the bad date is on line 4
write("lines.csv", "actor1,actor2,sub_event_type,event_date,notes\r\n"
      "A,B,attacks,2023-09-19,\"two\r\nlines\"\r\nA,B,attacks,2023-13-01,x\r\n")
p = run("import", "csv", "lines.csv", "--map", M, "-o", "lines.json")
check(p.returncode == 1 and p.stderr.startswith("lines.csv:4:13: error: '2023-13-01' is not a date"),
      "a problem in the row after a quoted line break is placed on its line", p.stderr)
p = run("import", "csv", "badtype.csv", "--map", M, "--skip-bad", "-o", "skip.json")
check(p.returncode == 0 and "warning:" in p.stderr and len(rels("skip.json")[1]) == 1,
      "--skip-bad: the bad row a warning, the good one kept", p.stderr)

for args, text in ((["x.csv", "-o", "x.json"], "'--map FIELD=COLUMN,...' is required for csv"),
                   (["x.csv", "--map", "source=a,target=b", "-o", "x.json"], "--map needs type= (or --type)"),
                   (["x.csv", "--map", "source=a,target=b,kind=c", "-o", "x.json"], "--map takes FIELD=COLUMN pairs"),
                   (["x.csv", "--map", "source=a,target=b,at=c", "--type", "hugs", "-o", "x.json"], "'hugs' is not a relation type"),
                   (["x.csv", "--map", M, "--per", "day", "-o", "x.json"], "--per is an option of 'import gdelt'")):
    p = run("import", "csv", *args)
    check(p.returncode == 2 and text in p.stderr, f"usage error: {text}", p.stderr)
p = run("import", "gdelt", "x.csv", "--map", M, "-o", "x.json")
check(p.returncode == 2 and "--map is an option of 'import csv'" in p.stderr, "usage error: --map with gdelt", p.stderr)

# a value without a letter or digit gets "actor-" and a fixed hash of its UTF-8
# bytes: FNV-1a, then MurmurHash3's 32-bit final mix (docs/import.md), computed
# here on its own
def value_hash(text):
    h = 2166136261
    for byte in text.encode():
        h = ((h ^ byte) * 16777619) & 0xFFFFFFFF
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & 0xFFFFFFFF
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & 0xFFFFFFFF
    h ^= h >> 16
    return h

write("symbols.csv", "actor1,actor2,sub_event_type,event_date\n!!!,\u2014?,attacks,2023\n")
p = run("import", "csv", "symbols.csv", "--map", M, "-o", "symbols.json")
ids = sorted(a["id"] for a in json.load(open("symbols.json"))["actors"]) if p.returncode == 0 else []
check(ids == sorted("actor-%08x" % value_hash(v) for v in ("!!!", "\u2014?")),
      "values without letters or digits: actor- and the fixed hash", (ids, p.stderr))

print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
