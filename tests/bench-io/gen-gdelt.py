#!/usr/bin/python3
"""Writes a synthetic GDELT 2.0 event table (61 columns, tab-separated, no
header, as GDELT publishes it) of N rows, drawn from the value distributions
of a real sample: the pairs of country codes (empty ones included), the event
codes with their Goldstein values and quad classes, IsRootEvent, NumMentions.
Dates are spread over 30 days, URLs over N/4 made-up addresses. Seeded: the
same N and sample give the same file. Never committed; the bench makes it.

usage: gen-gdelt.py N SAMPLE.csv OUT
"""
import csv
import random
import sys

n, sample, out = int(sys.argv[1]), sys.argv[2], sys.argv[3]
rng = random.Random(20230919)
with open(sample, newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
pairs = [(r["Actor1CountryCode"], r["Actor1Type1Code"], r["Actor2CountryCode"], r["Actor2Type1Code"]) for r in rows]
events = [(r["EventCode"], r["EventBaseCode"], r["EventRootCode"], r["QuadClass"], r["GoldsteinScale"]) for r in rows]
roots = [r["IsRootEvent"] for r in rows]
mentions = [r["NumMentions"] for r in rows]
n_urls = max(1, n // 4)
blank = [""] * 61
with open(out, "w", encoding="utf-8", newline="") as f:
    for i in range(n):
        c1, t1, c2, t2 = rng.choice(pairs)
        code, base, root, quad, gold = rng.choice(events)
        day = 1 + rng.randrange(30)
        date = f"202306{day:02d}"
        row = blank[:]
        row[0] = str(700000000 + i)
        row[1], row[2], row[3], row[4] = date, "202306", "2023", "2023.4329"
        row[5], row[7], row[12] = c1 + t1, c1, t1
        row[6] = "SOMEONE" if c1 else ""
        row[15], row[17], row[22] = c2 + t2, c2, t2
        row[16] = "SOMEONE ELSE" if c2 else ""
        row[25], row[26], row[27], row[28], row[29], row[30] = rng.choice(roots), code, base, root, quad, gold
        row[31] = rng.choice(mentions)
        row[32], row[33], row[34] = "1", row[31], "-2.1"
        row[59] = date + "003000"
        row[60] = f"https://news{rng.randrange(n_urls)}.example.org/story/{rng.randrange(1000)}"
        f.write("\t".join(row) + "\n")
