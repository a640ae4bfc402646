"""
svgtest.py: what the Python checks of entente's SVG diagrams share
(tests/cli/render-geometry.py, render-legend.py, render-panels.py): the SVG
namespace, a number pattern, the ok/FAIL lines and their tally, and a
group's <title>.
"""
import re

SVG = "{http://www.w3.org/2000/svg}"
NUM = re.compile(r"-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?")

passed = failed = 0


def ok(msg):
    global passed
    passed += 1
    print("ok   " + msg)


def bad(msg, detail=()):
    """A failed check, with at most 12 lines of detail."""
    global failed
    failed += 1
    print("FAIL " + msg)
    for line in list(detail)[:12]:
        print("    " + line)


def summary():
    """Prints the tally; the exit status: 1 when a check failed."""
    print("%d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


def title(g):
    """The text of the <title> of SVG group g, "" when it has none."""
    t = g.find(SVG + "title")
    return t.text if t is not None else ""
