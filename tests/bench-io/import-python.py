#!/usr/bin/python3
"""The import of `entente import gdelt` (default options) written in Python,
for the benchmark: with the csv module (`csv`) or with pandas (`pandas`). The
same rules: both countries, two different ones, the CAMEO rule of the longest
matching prefix, symmetric types coded once, one relation per source, target,
type and day with the mean Goldstein value, one source per URL, every event
cited. The rules and the types' symmetry are read from `entente types
--cameo --format json` and `entente types --format json` (files given).

usage: import-python.py csv|pandas IN.tsv RULES.json TYPES.json OUT.json
"""
import json
import sys

how, src, rules_path, types_path, out = sys.argv[1:6]
rules = {r["cameo"]: r["type"] for r in json.load(open(rules_path))}
types = {t["id"]: t for t in json.load(open(types_path))}
iso = {c["alpha_3"]: c.get("common_name", c["name"])
       for c in json.load(open("/usr/share/iso-codes/json/iso_3166-1.json", encoding="utf-8"))["3166-1"]}


def rule(code):
    for n in (4, 3, 2):
        if code[:n] in rules:
            return rules[code[:n]]
    raise ValueError(code)


rels = {}
sources = {}
if how == "csv":
    import csv
    with open(src, newline="", encoding="utf-8") as f:
        for row in csv.reader(f, delimiter="\t", quoting=csv.QUOTE_NONE):
            c1, c2 = row[7], row[17]
            if not c1 or not c2 or c1 == c2:
                continue
            t = rule(row[26])
            a, b = c1.lower(), c2.lower()
            if types[t]["symmetric"] and a > b:
                a, b = b, a
            day = f"{row[1][:4]}-{row[1][4:6]}-{row[1][6:]}"
            key = (a, b, t, day)
            r = rels.get(key)
            if r is None:
                r = rels[key] = [0.0, 0, 0, []]
            r[0] += float(row[30])
            r[1] += 1
            r[2] += int(row[31])
            url = row[60]
            if url not in sources:
                sources[url] = None
            r[3].append((int(row[0]), url))
else:
    import pandas as pd
    df = pd.read_csv(src, sep="\t", header=None, dtype=str, keep_default_na=False, quoting=3,
                     usecols=[0, 1, 7, 17, 26, 30, 31, 60])
    df = df[(df[7] != "") & (df[17] != "") & (df[7] != df[17])].copy()
    codes = df[26].unique()
    df["type"] = df[26].map({c: rule(c) for c in codes})
    a, b = df[7].str.lower(), df[17].str.lower()
    sym = df["type"].map(lambda t: types[t]["symmetric"])
    swap = sym & (a > b)
    df["a"] = a.where(~swap, b)
    df["b"] = b.where(~swap, a)
    df["day"] = df[1].str[:4] + "-" + df[1].str[4:6] + "-" + df[1].str[6:]
    df["g"] = df[30].astype(float)
    df["m"] = df[31].astype(int)
    df["id"] = df[0].astype("int64")
    for url in df[60].unique():
        sources[url] = None
    for key, grp in df.groupby(["a", "b", "type", "day"], sort=False):
        rels[key] = [grp["g"].sum(), len(grp), int(grp["m"].sum()), list(zip(grp["id"], grp[60]))]

urls = sorted(sources)
sid = {u: f"s{i + 1}" for i, u in enumerate(urls)}
actors = sorted({k[0] for k in rels} | {k[1] for k in rels})
doc = {
    "format": "entente/1",
    "sources": [{"id": sid[u], "title": u, "url": u, "kind": "article"} for u in urls],
    "actors": [{"id": a, "name": iso.get(a.upper(), a.upper()), "kind": "state"} for a in actors],
    "relations": [
        {"source": k[0], "target": k[1], "type": k[2], "at": k[3], "intensity": round(v[0] / v[1], 2),
         "status": "reported",
         "evidence": [{"source": sid[u], "locator": f"GDELT event {e}"} for e, u in sorted(v[3])],
         "note": f"GDELT: {v[1]} events, {v[2]} mentions"}
        for k, v in sorted(rels.items(), key=lambda kv: (kv[0][3], kv[0][0], kv[0][1], kv[0][2]))
    ],
}
with open(out, "w", encoding="utf-8") as f:
    json.dump(doc, f)
print(f"relations={len(rels)} sources={len(urls)} actors={len(actors)}", file=sys.stderr)
