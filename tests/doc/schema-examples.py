#!/usr/bin/python3
"""Checks that docs/format.md, docs/schema.json and the loader agree.

Every JSON example in docs/format.md is preceded by a marker comment:

    <!-- example: valid -->            the loader accepts it (warnings allowed)
    <!-- example: invalid CODE -->     the loader rejects it with an error [CODE]

Each example is written to a temporary file and given to `entente check`,
which must give the verdict of the marker, and validated against
docs/schema.json, which must agree with the loader as far as a schema can:

  - a document the schema rejects must be rejected by the loader too;
  - when the loader reports an error that is about shape (a code in
    SCHEMA_CODES below, outside the exceptions of LOADER_ONLY_MESSAGES), the
    schema must reject the document as well.

The other errors are the loader's alone, and the schema may accept a document
that has only those: unknown-actor, unknown-source and unknown-type
(references between records), invalid-date for a date of the right shape that
is not in the calendar (2023-02-30), date-order, date-kind (it depends on
whether the type is durable), claim-without-claimant, kind-mismatch,
self-relation, type-definition, duplicate-id and duplicate-key. The schema's
own description in docs/schema.json says the same.

The same rules are applied to the extra cases of CASES below, which cover the
shape errors that format.md has no example of, to examples/minimal.json, and
to graphs/south-caucasus.json when it exists.

usage: schema-examples.py ENTENTE_BIN [SOURCE_DIR]

Run it with Debian's /usr/bin/python3, which has python3-jsonschema. Without
the jsonschema module it prints "skipped: ..." and exits with status 0.
"""

import json
import os
import re
import subprocess
import sys
import tempfile

try:
    import jsonschema
    import jsonschema.validators
except ImportError as e:
    print(f"skipped: the jsonschema module cannot be imported ({e}); "
          "install python3-jsonschema and run with /usr/bin/python3")
    sys.exit(0)

# Codes of loader errors about the shape of a document, which the schema
# can see too.
SCHEMA_CODES = {
    "missing-format",   # no "format"
    "unknown-format",   # "format" is not "entente/1"
    "top-level-type",   # the document is not an object
    "missing-field",    # a required member is missing
    "wrong-type",       # a member of the wrong JSON type
    "invalid-value",    # not one of an enumeration (kind, status, sign), cameo, empty name
    "intensity-range",  # outside -10..10
    "invalid-id",       # not an id, or a snapshot id shaped like a date
}

# Errors with a code of SCHEMA_CODES that depend on more than the shape, as
# (code, regular expression on the message).
LOADER_ONLY_MESSAGES = [
    # An event needs "at": whether a type is an event is in the vocabulary.
    ("missing-field", r"of event type .* needs \"at\""),
    # A new relation type needs sign, intensity and durable; an override of a
    # built-in type does not.
    ("missing-field", r"^a new relation type needs "),
]

# Extra cases: (name, expected verdict as in a marker, document).
LONG_ID = "a" * 128
CASES = [
    ("every optional member", "valid", {
        "format": "entente/1", "title": "t", "description": "d",
        "sources": [{"id": "s1", "title": "T", "publisher": "P", "author": "A",
                     "url": "https://example.org/", "date": "2023-09"}],
        "actors": [
            {"id": "a", "name": "A", "kind": "state", "aliases": ["Ay"], "from": "1991",
             "to": "2030-12-31", "tags": ["x"], "description": "d",
             "attributes": {"any": [1, 2]}},
            {"id": "b.b:b_b-b", "name": "B", "kind": "alliance", "collective_defense": False},
            {"id": "i", "name": "I", "kind": "issue"}],
        "relation_types": [{"id": "hosts_base", "label": "base", "sign": 1.0,
                            "intensity": 10, "durable": True, "obligation": False,
                            "cameo": "0871", "family": "support", "description": "d"}],
        "relations": [
            {"id": "r1", "source": "a", "target": "b.b:b_b-b", "type": "hosts_base",
             "from": "2000", "to": "2001", "intensity": 0.5, "status": "disputed",
             "claimed_by": "a", "via": "b.b:b_b-b", "note": "n",
             "evidence": [{"source": "s1", "locator": "p. 2", "note": "n"}]},
            {"source": "a", "target": "i", "type": "stance_against", "from": "2000",
             "to": "2001", "intensity": -10, "evidence": [{"source": "s1"}]}],
        "snapshots": [{"id": "s-2023", "at": "2023-01-01", "label": "l"}]}),
    ("an id of 128 characters", "valid", {
        "format": "entente/1", "actors": [{"id": LONG_ID, "name": "A", "kind": "state"}]}),
    ("unknown members in records are warnings, x- members are the user's", "valid", {
        "format": "entente/1", "x-curator": {"name": "E"},
        "actors": [{"id": "a", "name": "A", "kind": "state", "colour": "red"}]}),
    ("misspelt top-level member", "invalid unknown-field", {
        "format": "entente/1", "relatons": []}),
    ("unknown top-level member", "invalid unknown-field", {
        "format": "entente/1", "curator": "E"}),
    ("near miss of a member in a record (loader only)", "invalid unknown-field", {
        "format": "entente/1", "actors": [{"id": "a", "name": "A", "kind": "state",
                                           "aliasses": ["B"]}]}),
    ("top level not an object", "invalid top-level-type", ["format", "entente/1"]),
    ("format of another version", "invalid unknown-format", {"format": "entente/2"}),
    ("format not a string", "invalid wrong-type", {"format": 1}),
    ("title not a string", "invalid wrong-type", {"format": "entente/1", "title": ["t"]}),
    ("actors not an array", "invalid wrong-type", {"format": "entente/1", "actors": {}}),
    ("an actor that is not an object", "invalid wrong-type",
     {"format": "entente/1", "actors": ["a"]}),
    ("actor without name", "invalid missing-field",
     {"format": "entente/1", "actors": [{"id": "a", "kind": "state"}]}),
    ("actor with an empty name", "invalid invalid-value",
     {"format": "entente/1", "actors": [{"id": "a", "name": "", "kind": "state"}]}),
    ("unknown actor kind", "invalid invalid-value",
     {"format": "entente/1", "actors": [{"id": "a", "name": "A", "kind": "country"}]}),
    ("alias not a string", "invalid wrong-type",
     {"format": "entente/1",
      "actors": [{"id": "a", "name": "A", "kind": "state", "aliases": [1]}]}),
    ("empty tag", "invalid invalid-value",
     {"format": "entente/1",
      "actors": [{"id": "a", "name": "A", "kind": "state", "tags": [""]}]}),
    ("collective_defense not a boolean", "invalid wrong-type",
     {"format": "entente/1",
      "actors": [{"id": "a", "name": "A", "kind": "alliance", "collective_defense": "yes"}]}),
    ("attributes not an object", "invalid wrong-type",
     {"format": "entente/1",
      "actors": [{"id": "a", "name": "A", "kind": "state", "attributes": []}]}),
    ("id starting with a dash", "invalid invalid-id",
     {"format": "entente/1", "actors": [{"id": "-a", "name": "A", "kind": "state"}]}),
    ("id with a space", "invalid invalid-id",
     {"format": "entente/1", "actors": [{"id": "a b", "name": "A", "kind": "state"}]}),
    ("id of 129 characters", "invalid invalid-id",
     {"format": "entente/1", "actors": [{"id": LONG_ID + "a", "name": "A", "kind": "state"}]}),
    ("snapshot id shaped like a date", "invalid invalid-id",
     {"format": "entente/1", "snapshots": [{"id": "2023-13", "at": "2023"}]}),
    ("snapshot without at", "invalid missing-field",
     {"format": "entente/1", "snapshots": [{"id": "s"}]}),
    ("source without title", "invalid missing-field",
     {"format": "entente/1", "sources": [{"id": "s"}]}),
    ("date with slashes", "invalid invalid-date",
     {"format": "entente/1", "sources": [{"id": "s", "title": "T", "date": "2023/09"}]}),
    ("date as a number", "invalid wrong-type",
     {"format": "entente/1", "sources": [{"id": "s", "title": "T", "date": 2023}]}),
    ("relation without type", "invalid missing-field",
     {"format": "entente/1",
      "actors": [{"id": "a", "name": "A", "kind": "state"},
                 {"id": "b", "name": "B", "kind": "state"}],
      "relations": [{"source": "a", "target": "b", "at": "2023"}]}),
    ("unknown status", "invalid invalid-value",
     {"format": "entente/1",
      "actors": [{"id": "a", "name": "A", "kind": "state"},
                 {"id": "b", "name": "B", "kind": "state"}],
      "relations": [{"source": "a", "target": "b", "type": "attacks", "at": "2023",
                     "status": "rumoured"}]}),
    ("relation intensity above 10", "invalid intensity-range",
     {"format": "entente/1",
      "actors": [{"id": "a", "name": "A", "kind": "state"},
                 {"id": "b", "name": "B", "kind": "state"}],
      "relations": [{"source": "a", "target": "b", "type": "aid", "at": "2023",
                     "intensity": 10.5}]}),
    ("evidence without source", "invalid missing-field",
     {"format": "entente/1",
      "actors": [{"id": "a", "name": "A", "kind": "state"},
                 {"id": "b", "name": "B", "kind": "state"}],
      "relations": [{"source": "a", "target": "b", "type": "attacks", "at": "2023",
                     "evidence": [{"locator": "p. 1"}]}]}),
    ("event without at (loader only)", "invalid missing-field",
     {"format": "entente/1",
      "actors": [{"id": "a", "name": "A", "kind": "state"},
                 {"id": "b", "name": "B", "kind": "state"}],
      "relations": [{"source": "a", "target": "b", "type": "attacks"}]}),
    ("new type without durable (loader only)", "invalid missing-field",
     {"format": "entente/1",
      "relation_types": [{"id": "new", "sign": 1, "intensity": 1}]}),
    ("type sign of 2", "invalid invalid-value",
     {"format": "entente/1", "relation_types": [{"id": "criticizes", "sign": 2}]}),
    ("type intensity below -10", "invalid intensity-range",
     {"format": "entente/1", "relation_types": [{"id": "criticizes", "intensity": -11}]}),
    ("cameo with a letter", "invalid invalid-value",
     {"format": "entente/1", "relation_types": [{"id": "criticizes", "cameo": "11a"}]}),
    ("durable not a boolean", "invalid wrong-type",
     {"format": "entente/1", "relation_types": [{"id": "criticizes", "durable": 0}]}),
]

MARKER = re.compile(r"^<!--\s*example:\s*(.*?)\s*-->\s*$")


class Results:
    def __init__(self):
        self.passed = 0
        self.failed = 0

    def ok(self, what):
        self.passed += 1
        print(f"ok   {what}")

    def bad(self, what, details=()):
        self.failed += 1
        print(f"FAIL {what}")
        for line in details:
            print(f"    {line}")


def extract_examples(path):
    """Returns [(line, marker, text)] for the marked examples of a Markdown
    file, and a list of problems (a marker without a block, a block without a
    marker)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    examples, problems = [], []
    pending = None  # (line, marker) waiting for its block
    i = 0
    while i < len(lines):
        m = MARKER.match(lines[i])
        if m:
            if pending:
                problems.append(f"line {pending[0]}: marker without a ```json block")
            pending = (i + 1, m.group(1))
            i += 1
            continue
        fence = lines[i].strip()
        if fence.startswith("```"):
            start = i + 1
            j = i + 1
            while j < len(lines) and lines[j].strip() != "```":
                j += 1
            if fence == "```json":
                if pending:
                    examples.append((start, pending[1], "\n".join(lines[start:j]) + "\n"))
                else:
                    problems.append(f"line {start}: a ```json block without an example marker")
            elif pending:
                problems.append(f"line {pending[0]}: the marker is not followed by ```json")
            pending = None
            i = j + 1
            continue
        if pending and lines[i].strip():
            problems.append(f"line {pending[0]}: the marker is not followed by ```json")
            pending = None
        i += 1
    if pending:
        problems.append(f"line {pending[0]}: marker without a ```json block")
    return examples, problems


def parse_marker(marker):
    """("valid", None) or ("invalid", CODE); None when malformed."""
    words = marker.split()
    if words == ["valid"]:
        return "valid", None
    if len(words) == 2 and words[0] == "invalid" and re.fullmatch(r"[a-z0-9-]+", words[1]):
        return "invalid", words[1]
    return None


def run_loader(binary, path):
    """Runs `entente check` on path: (exit status, text diagnostics on stderr,
    [(severity, code, message)] from --format json)."""
    text = subprocess.run([binary, "check", path], capture_output=True, text=True)
    js = subprocess.run([binary, "check", "--format", "json", path], capture_output=True,
                        text=True)
    try:
        diags = [(d["severity"], d["code"], d["message"])
                 for d in json.loads(js.stdout)["diagnostics"]]
    except (ValueError, KeyError, TypeError):
        diags = None
    if js.returncode != text.returncode:
        diags = None
    return text.returncode, text.stderr, diags


def strict_json(text):
    """The document as Python data, or None when it is not strict JSON."""
    def refuse(name):
        raise ValueError(f"{name} is not JSON")
    try:
        return json.loads(text, parse_constant=refuse)
    except ValueError:
        return None


def schema_errors(validator, doc):
    return sorted(validator.iter_errors(doc), key=lambda e: list(e.absolute_path))


def describe(err):
    where = "/".join(str(p) for p in err.absolute_path) or "(top)"
    return f"schema: at {where}: {err.message[:150]}"


def shape_errors(diags):
    """The loader's errors that the schema must see too."""
    found = []
    for sev, code, msg in diags:
        if sev != "error" or code not in SCHEMA_CODES:
            continue
        if any(code == c and re.search(rx, msg) for c, rx in LOADER_ONLY_MESSAGES):
            continue
        found.append(f"loader: [{code}] {msg}")
    return found


def check_document(res, label, path, text, verdict, code, binary, validator):
    """Applies the rules to one document; verdict None means the loader may
    say either (a data file), otherwise "valid" or "invalid" with code."""
    status, stderr, diags = run_loader(binary, path)
    if diags is None:
        res.bad(f"{label}: 'entente check --format json' gave no usable diagnostics "
                f"(exit {status})")
        return
    errors = [f"loader: [{c}] {m}" for s, c, m in diags if s == "error"]

    # The loader against the marker.
    if verdict == "valid":
        if status == 0:
            warnings = sum(1 for d in diags if d[0] == "warning")
            res.ok(f"{label}: valid, the loader accepts it (warnings: {warnings})")
        else:
            res.bad(f"{label}: marked valid, but 'entente check' exits {status}", errors)
    elif verdict == "invalid":
        pattern = re.compile(r": error: .* \[" + re.escape(code) + r"\]$", re.M)
        if status != 1:
            res.bad(f"{label}: marked invalid {code}, but 'entente check' exits {status}",
                    errors)
        elif not pattern.search(stderr):
            res.bad(f"{label}: 'entente check' exits 1 but reports no error [{code}]", errors)
        else:
            res.ok(f"{label}: invalid, the loader reports [{code}]")
    elif status not in (0, 1):
        res.bad(f"{label}: 'entente check' exits {status}", stderr.splitlines()[:5])
        return

    # The schema against the loader.
    doc = strict_json(text)
    if doc is None:
        if status == 1:
            res.ok(f"{label}: not strict JSON, so only the loader decides; it rejects it")
        else:
            res.bad(f"{label}: not strict JSON for Python, yet the loader accepts it")
        return
    found = schema_errors(validator, doc)
    must_reject = shape_errors(diags)
    if found and status == 0:
        res.bad(f"{label}: the schema rejects what the loader accepts",
                [describe(e) for e in found[:5]])
    elif not found and must_reject:
        res.bad(f"{label}: the loader finds errors of shape that the schema accepts",
                must_reject[:5])
    elif found:
        res.ok(f"{label}: the schema rejects it too ({describe(found[0])})")
    elif status == 1:
        res.ok(f"{label}: the schema accepts it; its errors are for the loader only "
               f"({', '.join(sorted({c for s, c, m in diags if s == 'error'}))})")
    else:
        res.ok(f"{label}: the schema accepts it")


def main(argv):
    if len(argv) not in (2, 3):
        print("usage: schema-examples.py ENTENTE_BIN [SOURCE_DIR]", file=sys.stderr)
        return 2
    binary = os.path.abspath(argv[1])
    src = argv[2] if len(argv) == 3 else os.path.join(os.path.dirname(__file__), "..", "..")
    res = Results()

    with open(os.path.join(src, "docs", "schema.json"), encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    try:
        cls.check_schema(schema)
        res.ok(f"docs/schema.json is a valid schema ({cls.__name__})")
    except jsonschema.exceptions.SchemaError as e:
        res.bad("docs/schema.json is not a valid schema", [e.message])
        print(f"{res.passed} passed, {res.failed} failed")
        return 1
    validator = cls(schema)

    examples, problems = extract_examples(os.path.join(src, "docs", "format.md"))
    for p in problems:
        res.bad(f"docs/format.md: {p}")
    if examples:
        res.ok(f"docs/format.md has {len(examples)} marked examples")
    else:
        res.bad("docs/format.md has no marked examples")

    with tempfile.TemporaryDirectory(prefix="schema-examples.") as tmp:
        for line, marker, text in examples:
            label = f"format.md:{line} ({marker})"
            parsed = parse_marker(marker)
            if parsed is None:
                res.bad(f"{label}: the marker is neither 'valid' nor 'invalid CODE'")
                continue
            path = os.path.join(tmp, f"format-md-{line}.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            check_document(res, label, path, text, parsed[0], parsed[1], binary, validator)

        for n, (name, marker, doc) in enumerate(CASES, 1):
            verdict, code = parse_marker(marker)
            text = json.dumps(doc, indent=1) + "\n"
            path = os.path.join(tmp, f"case-{n}.json")
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            check_document(res, f"case {name} ({marker})", path, text, verdict, code, binary,
                           validator)

    for rel in ("examples/minimal.json", "graphs/south-caucasus.json"):
        path = os.path.join(src, rel)
        if not os.path.exists(path):
            print(f"skip {rel}: there is no such file yet")
            continue
        with open(path, encoding="utf-8") as f:
            text = f.read()
        check_document(res, rel, path, text, None, None, binary, validator)

    print(f"{res.passed} passed, {res.failed} failed")
    return 0 if res.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv))
