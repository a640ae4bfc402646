#!/bin/sh
# The loader's first pass on two threads: when the relations array is a
# megabyte or more, a second thread scans its second half from a guessed
# element boundary, and the result is kept only when the first thread's own
# scan confirms the guess. Whatever happens, the graph and every diagnostic
# (with its line and column) must be those of one thread. This test builds
# files that take each branch: a clean file (the guess holds), notes full of
# "}, {" on one line (guesses inside strings, which must be refused), an error and a
# syntax error in the second half, members after the relations (the second
# thread's member records), a repeated "relations" member, and relation ids
# repeated across the halves and within one (looked for after both halves
# are checked, not in a shared map).
#
# usage: general-load-split.sh ENT_BENCH_GEN ENTENTE_CLI WORK_DIR
set -u
gen=$1
bin=$2
work=$3
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
fail=0
ok() { echo "ok   $1"; }
bad() { fail=1; echo "FAIL $1"; }

"$gen" 5000 20000 3 > g.json || { echo "FAIL ent_bench_gen"; exit 1; }
python3 - <<'PY' || { echo "FAIL making the variants"; exit 1; }
import json
text = open("g.json").read()
d = json.loads(text)
assert len(text) > 3 << 20, "the file must be well over the 1 MB threshold"

def dump(name, doc, indent=1):
    with open(name, "w") as f:
        json.dump(doc, f, indent=indent, ensure_ascii=False)

# One line, notes full of "}, {", and a first relation whose first member is
# not the others': the only guesses are inside strings, never confirmed.
s = json.loads(text)
for r in s["relations"]:
    for e in r.get("evidence", []):
        e["note"] = "x}, {y}, {\"z\": [1]}, {"
r0 = s["relations"][0]
s["relations"][0] = {"type": r0["type"], **{k: v for k, v in r0.items() if k != "type"}}
dump("strings.json", s, None)

e = json.loads(text)
e["relations"][-7]["target"] = "nobody-at-all"
e["relations"][-3000]["type"] = "atacks"
dump("late-error.json", e)

# A missing comma between two relations in the last quarter.
cut = text.rfind('},\n    {"id"', 0, len(text) - len(text) // 4)
with open("syntax.json", "w") as f:
    f.write(text[:cut + 1] + text[cut + 2:])

# Repeated relation ids: across the two halves, and within the second.
i = json.loads(text)
i["relations"][-1]["id"] = i["relations"][0]["id"]
dump("dup-id-across.json", i)
i = json.loads(text)
i["relations"][-5]["id"] = i["relations"][-9]["id"]
dump("dup-id-late.json", i)

a = {"format": d["format"], "relations": d["relations"]}
for k, v in d.items():
    if k not in a:
        a[k] = v
dump("after.json", a)

# The actors are checked ahead, while the second thread scans (at least 2,000
# actors before the relations): kept when clean, checked again in order when
# they report anything, when the format turns out wrong, or when an error
# limit stops the reading before the actors.
w = json.loads(text)
w["actors"][4000]["name"] = w["actors"][10]["name"]
dump("actor-warning.json", w)
w = json.loads(text)
w["actors"][3000]["kind"] = "stat"
dump("actor-error.json", w)
w = json.loads(text)
w["format"] = "entente/9"
dump("format.json", w)
w = json.loads(text)
w["relation_types"] = [{"id": "hugs", "label": "hugs", "sign": 7}]
dump("type-error.json", w)
w = {k: v for k, v in json.loads(text).items() if k != "format"}
w["format"] = d["format"]
dump("format-last.json", w)

with open("dup.json", "w") as f:
    end = text.rstrip().rfind("}")
    f.write(text[:end].rstrip() + ',\n  "relations": []\n}\n')
PY

for f in g.json strings.json late-error.json syntax.json after.json dup.json \
         dup-id-across.json dup-id-late.json actor-warning.json actor-error.json format.json \
         type-error.json format-last.json; do
    for cmd in "check --format json" "check --max-errors 1" "info" \
               "snapshot --at 2005-01-01 --format csv"; do
        "$bin" $cmd --threads 1 "$f" > one.out 2>&1
        rc1=$?
        "$bin" $cmd "$f" > two.out 2>&1
        rc2=$?
        if [ $rc1 -ne $rc2 ] || ! cmp -s one.out two.out; then
            bad "$cmd $f: two threads (exit $rc2) differ from one (exit $rc1)"
            diff one.out two.out | head -10 | sed 's/^/    /'
        else
            ok "$cmd $f: exit $rc2 on two threads, as on one"
        fi
    done
done

# The expected outcomes, so that equal-but-wrong answers cannot pass.
"$bin" check g.json > /dev/null 2>&1 || bad "g.json should load"
"$bin" check strings.json > /dev/null 2>&1 || bad "strings.json should load"
"$bin" check after.json > /dev/null 2>&1 || bad "after.json should load"
"$bin" check late-error.json > out.txt 2>&1 && bad "late-error.json should fail"
grep -q 'nobody-at-all' out.txt && grep -q 'atacks' out.txt ||
    bad "late-error.json: both errors named"
"$bin" check syntax.json > out.txt 2>&1 && bad "syntax.json should fail"
grep -q "missing ','" out.txt || bad "syntax.json: the missing comma named"
"$bin" check dup.json > out.txt 2>&1 && bad "dup.json should fail"
grep -q 'has "relations" twice' out.txt || bad "dup.json: the repeated member named"
for f in dup-id-across.json dup-id-late.json; do
    "$bin" check $f > out.txt 2>&1 && bad "$f should fail"
    grep -q 'duplicate-id' out.txt || bad "$f: the repeated id named"
done
"$bin" check actor-warning.json > out.txt 2>&1 || bad "actor-warning.json should load"
grep -q 'ambiguous-name' out.txt || bad "actor-warning.json: the shared name reported"
"$bin" check actor-error.json > out.txt 2>&1 && bad "actor-error.json should fail"
grep -q '"stat"' out.txt || bad "actor-error.json: the wrong kind named"
"$bin" check format.json > out.txt 2>&1 && bad "format.json should fail"
grep -q 'entente/9' out.txt || bad "format.json: the format named"
"$bin" check --max-errors 1 type-error.json > out.txt 2>&1 && bad "type-error.json should fail"
[ "$(grep -c 'error:' out.txt)" = 1 ] || bad "type-error.json: the limit stops after the first error"
"$bin" check format-last.json > /dev/null 2>&1 || bad "format-last.json should load"
# The line of the late error is the line of its relation in the file.
line=$(python3 -c '
import json
t = open("late-error.json").read()
i = t.find("nobody-at-all")
print(t.count("\n", 0, i) + 1)')
grep -q "late-error.json:$line:" out.txt 2>/dev/null
"$bin" check late-error.json 2>&1 | grep -q "late-error.json:$line:" ||
    bad "late-error.json: the unknown target is reported at line $line"
[ $fail -eq 0 ] && ok "all variants agree with one thread"
exit $fail
