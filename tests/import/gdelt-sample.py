#!/usr/bin/python3
"""entente import gdelt on real GDELT 2.0 events nobody on the project wrote:
the sample in ../shared/external/gdelt beside the checkout (never copied into
it). Skips (77) when that folder is absent.

Checked against what this script computes from the table with Python's csv
module: the rows read, the events kept (a country on both sides, two different
countries), those left out, every kept event cited exactly once, the actors'
names from iso-codes' JSON; and the graph file passes `entente check` without
a warning.

usage: gdelt-sample.py ENTENTE_BIN SAMPLE.csv WORK_DIR
"""
import csv
import json
import os
import subprocess
import sys

BIN, SAMPLE, WORK = sys.argv[1:4]
if not os.path.exists(SAMPLE):
    print(f"skipped: {SAMPLE} is not there")
    sys.exit(77)
os.makedirs(WORK, exist_ok=True)
failures = []


def check(cond, what, detail=""):
    print(("ok   " if cond else "FAIL ") + what + ("" if cond or not detail else "\n     " + str(detail)))
    if not cond:
        failures.append(what)


with open(SAMPLE, newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
kept = [r for r in rows if r["Actor1CountryCode"] and r["Actor2CountryCode"]
        and r["Actor1CountryCode"] != r["Actor2CountryCode"]]
no_country = sum(1 for r in rows if not (r["Actor1CountryCode"] and r["Actor2CountryCode"]))
same = len(rows) - len(kept) - no_country

out = os.path.join(WORK, "sample.json")
p = subprocess.run([BIN, "import", "gdelt", SAMPLE, "-o", out], capture_output=True, text=True)
check(p.returncode == 0, "the sample imports (exit 0)", p.stderr)
check(f"{len(rows)} rows read, {len(kept)} events kept" in p.stderr
      and f"left out: {no_country} without a country on both sides, {same} with the same actor on both" in p.stderr,
      f"{len(rows)} rows, {len(kept)} events kept, {no_country} without two countries, {same} within one", p.stderr)
doc = json.load(open(out, encoding="utf-8"))
cited = sorted(int(e["locator"].split()[-1]) for r in doc["relations"] for e in r["evidence"])
check(cited == sorted(int(r["GLOBALEVENTID"]) for r in kept), "every kept event is cited once")
urls = {r["SOURCEURL"] for r in kept}
check({s["url"] for s in doc["sources"]} == urls and len(doc["sources"]) == len(urls), "one source per URL of the kept events")
iso = {c["alpha_3"]: c.get("common_name", c["name"])
       for c in json.load(open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8"))["3166-1"]}
named = {a["id"]: a["name"] for a in doc["actors"]}
codes = {r[k] for r in kept for k in ("Actor1CountryCode", "Actor2CountryCode")}
check(set(named) == {c.lower() for c in codes}, "one actor per country code of the kept events")
bad = [(c, named[c.lower()], iso[c]) for c in codes if c in iso and named[c.lower()] != iso[c]]
check(not bad, "ISO countries are named as iso-codes names them (never from Actor1Name)", bad[:5])
check(named.get("usa") == "United States", "USA is 'United States'", named.get("usa"))
p = subprocess.run([BIN, "check", out], capture_output=True, text=True)
check(p.returncode == 0 and ", 0 warnings" in p.stdout, "entente check passes without a warning", p.stdout + p.stderr)

# The CAMEO mapping against CAMEO's own Goldstein values: every code lands on a
# type whose sign its value does not contradict (entente check would warn).
gold_path = os.path.join(os.path.dirname(SAMPLE), "CAMEO.goldsteinscale.txt")
if os.path.exists(gold_path):
    rules = json.loads(subprocess.run([BIN, "types", "--cameo", "--format", "json"], capture_output=True, text=True).stdout)
    signs = {t["id"]: t["sign"] for t in json.loads(subprocess.run([BIN, "types", "--format", "json"],
                                                                    capture_output=True, text=True).stdout)}
    rule = {r["cameo"]: r["type"] for r in rules}
    bad = []
    with open(gold_path, encoding="utf-8") as f:
        next(f)
        for line in f:
            code, g = line.split()[:2]
            g = float(g)
            t = next(rule[code[:n]] for n in (4, 3, 2) if code[:n] in rule)
            if (signs[t] > 0 and g < 0) or (signs[t] < 0 and g > 0):
                bad.append((code, g, t))
    check(not bad, "every CAMEO code maps to a type whose sign its Goldstein value agrees with", bad)
print(f"{len(failures)} failure(s)")
sys.exit(1 if failures else 0)
