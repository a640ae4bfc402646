#!/bin/sh
# End-to-end tests of `entente render` as a command: usage errors, the output
# written atomically (a failure leaves neither a file nor a temporary file,
# and an existing file is left as it was), the graph files protected from
# being overwritten, an output that is not a regular file (a symbolic link, a
# fifo, a directory, /dev/null) refused and left as it was, standard output, the formats, and byte-identical output
# from run to run. At the end it runs render's further scripts
# (render-hostile.sh, render-geometry.py, render-legend.py, render-panels.py);
# the golden DOT files are tests/golden/run-render.sh's.
#
# usage: render.sh ENTENTE_BINARY SOURCE_DIR WORK_DIR ENT_BENCH_GEN
set -u
bin=$1
src=$2
work=$3
gen=$4
rm -rf "$work"
mkdir -p "$work"
cd "$work" || exit 1
umask 022
fx=$src/tests/fixtures/render/alliance.json
. "$src/tests/tools/checks.sh"

# listing DIR: every entry of DIR, hidden ones included, one per line.
listing() { (cd "$1" && ls -A); }

# --- Usage errors -------------------------------------------------------------
mkdir u
expect "no -o" 2 "'-o OUTPUT' is required" "$bin" render "$fx" --at early
expect "from and to without --diff" 2 "add '--diff'" "$bin" render "$fx" --from early --to late -o u/x.svg
expect "--diff without --to" 2 "needs both '--from WHEN' and '--to WHEN'" "$bin" render "$fx" --from early --diff -o u/x.svg
expect "--compare without --at" 2 "'--compare WHEN' goes with '--at WHEN'" "$bin" render "$fx" --compare late -o u/x.svg
expect "--at with --from" 2 "not both" "$bin" render "$fx" --at early --from early --to late --diff -o u/x.svg
expect "no date" 2 "give '--at WHEN'" "$bin" render "$fx" -o u/x.svg
expect "--depth without --focus" 2 "'--depth' goes with '--focus ACTOR'" "$bin" render "$fx" --at early --depth 2 -o u/x.svg
expect "an unknown actor in a --focus list" 2 "no actor 'Borvai'; did you mean 'borvia'" "$bin" render "$fx" --at early --focus ardenia,Borvai -o u/x.svg
expect "unknown extension" 2 "unknown extension '.xyz'" "$bin" render "$fx" --at early -o u/x.xyz
expect "no extension" 2 "cannot tell the format" "$bin" render "$fx" --at early -o u/x
expect "stdout needs --format" 2 "cannot tell the format from '-'" "$bin" render "$fx" --at early -o -
expect "unknown format" 2 "unknown format 'jpg'" "$bin" render "$fx" --at early --format jpg -o u/x.svg
expect "unknown layout" 2 "unknown layout 'bogus'" "$bin" render "$fx" --at early --layout bogus -o u/x.svg
expect "unknown kind" 2 "unknown kind 'stat' in '--kinds'; did you mean 'state'" "$bin" render "$fx" --at early --kinds stat -o u/x.svg
expect "unknown type" 2 "unknown type 'sanction' in '--types'; did you mean 'sanctions'" "$bin" render "$fx" --at early --types sanction -o u/x.svg
expect "unknown focus" 2 "no actor 'Borvai'; did you mean 'borvia'" "$bin" render "$fx" --at early --focus Borvai -o u/x.svg
expect "unknown snapshot" 2 "did you mean 'early'" "$bin" render "$fx" --at eraly -o u/x.svg
expect "no graph file" 2 "no graph file given" "$bin" render --at early -o u/x.svg
expect "data errors" 1 '\[unknown-actor\]' "$bin" render "$src/tests/fixtures/invalid/unknown-actor.json" --at 2023 -o u/x.svg
expect "missing graph file" 3 'cannot open' "$bin" render /nonexistent/g.json --at 2023 -o u/x.svg
[ -z "$(listing u)" ] && ok "usage errors write nothing" || bad "usage errors left: $(listing u | tr '\n' ' ')"

# --- Actors without a relation, and the focus -----------------------------------
# On the early day every actor of the fixture has a relation; a copy with one
# more actor, Isolia, related to no one: left out and named in the note, drawn
# with --all-actors.
mkdir iso
sed 's/"actors": \[/"actors": [\n    {"id": "isolia", "name": "Isolia", "kind": "state"},/' "$fx" > iso/g.json
"$bin" render iso/g.json --at early --format dot -o iso/default.dot 2> iso/err
s=$?
if [ $s -eq 0 ] && ! grep -q '^	*isolia	' iso/default.dot && grep -q "Not drawn, without a relation on the day (--all-actors draws them): .*Isolia" iso/default.dot; then
    ok "an actor without a relation is left out and named in the note"
else
    bad "an actor without a relation: exit $s, $(grep -c isolia iso/default.dot) mentions; $(head -c 200 iso/err)"
fi
"$bin" render iso/g.json --at early --all-actors --format dot -o iso/all.dot
if grep -q '^	*isolia	' iso/all.dot && ! grep -q 'Not drawn' iso/all.dot; then
    ok "--all-actors draws it, with no note"
else
    bad "--all-actors: isolia not drawn, or a note left"
fi
# Focus on two actors, everyone drawn (--depth 0): both larger and bold, every
# actor of the day drawn, the lines of Borvia wider than without the focus.
"$bin" render "$fx" --at early --focus ardenia,borvia --depth 0 --format dot -o iso/focus.dot
"$bin" render "$fx" --at early --format dot -o iso/plain.dot
big=$(awk '/^\t+(ardenia|borvia)\t/{on=1} on&&/fontsize=14/{n++} /\];$/{on=0} END{print n+0}' iso/focus.dot)
nodes_f=$(grep -cE '^	+[a-z"-]+	\[' iso/focus.dot)
nodes_p=$(grep -cE '^	+[a-z"-]+	\[' iso/plain.dot)
w_f=$(awk '/^\t+borvia -> corland/{on=1} on&&/penwidth/{sub(/.*penwidth=/,""); sub(/,.*/,""); print; exit}' iso/focus.dot)
w_p=$(awk '/^\t+borvia -> corland/{on=1} on&&/penwidth/{sub(/.*penwidth=/,""); sub(/,.*/,""); print; exit}' iso/plain.dot)
if [ "$big" = 2 ] && [ "$nodes_f" = "$nodes_p" ] && [ "$w_f" = 3.20 ] && [ "$w_p" = 2.00 ] &&
   grep -q 'focus on Ardenia and Borvia' iso/focus.dot; then
    ok "--focus A,B --depth 0: both larger, every actor drawn, their lines 1.6 times wider (2.00 -> 3.20)"
else
    bad "--focus A,B --depth 0: $big larger, $nodes_f/$nodes_p nodes, widths $w_f/$w_p"
fi

# --- Atomic output --------------------------------------------------------------
# A render that fails after the graph is read (the focus is not on the date)
# and one that fails before (an unknown layout) leave the folder empty.
mkdir a
expect "focus absent on the date" 2 "newland is not in the snapshot drawn" "$bin" render "$fx" --at early --focus Newland -o a/out.svg
expect "focus absent on both dates" 2 "is not in the snapshots drawn" "$bin" render "$fx" --at early --compare late --focus borvia --kinds alliance -o a/out.svg
expect "nothing left to draw" 2 "nothing to draw" "$bin" render "$fx" --at early --types at_war_with -o a/out.svg
[ -z "$(listing a)" ] && ok "a failed render leaves no file" || bad "a failed render left: $(listing a | tr '\n' ' ')"

# An existing output survives a failed render, byte for byte.
printf 'keep me\n' > a/out.svg
"$bin" render "$fx" --at early --focus Newland -o a/out.svg 2> /dev/null
s1=$?
"$bin" render "$fx" --at early --layout bogus -o a/out.svg 2> /dev/null
s2=$?
if [ $s1 -eq 2 ] && [ $s2 -eq 2 ] && [ "$(cat a/out.svg)" = "keep me" ] && [ "$(listing a)" = out.svg ]; then
    ok "a failed render leaves the existing output untouched"
else
    bad "a failed render and the existing output: exit $s1 $s2, $(head -c 40 a/out.svg), files: $(listing a | tr '\n' ' ')"
fi

# A success replaces it by renaming a new file into place (another inode), and
# leaves no temporary file.
inode_before=$(ls -i a/out.svg | cut -d' ' -f1)
"$bin" render "$fx" --at early -o a/out.svg
s=$?
inode_after=$(ls -i a/out.svg | cut -d' ' -f1)
if [ $s -eq 0 ] && head -1 a/out.svg | grep -q '^<?xml' && [ "$inode_before" != "$inode_after" ] &&
   [ "$(listing a)" = out.svg ]; then
    ok "a success renames a new file into place"
else
    bad "a success: exit $s, inode $inode_before -> $inode_after, files: $(listing a | tr '\n' ' ')"
fi
perm=$(ls -l a/out.svg | cut -c1-10)
[ "$perm" = "-rw-r--r--" ] && ok "the output has the usual permissions" || bad "output permissions $perm (umask $(umask))"

# An output that is a folder is refused before anything is written (see also
# below), and leaves no temporary file behind.
mkdir w w/dir.svg
expect "output is a folder" 2 "'w/dir.svg' exists and is not a regular file" "$bin" render "$fx" --at early -o w/dir.svg
[ "$(listing w)" = dir.svg ] && [ -d w/dir.svg ] && [ -z "$(listing w/dir.svg)" ] &&
    ok "a failed write leaves no temporary file" || bad "a failed write left: $(listing w | tr '\n' ' ')"
expect "output folder missing" 3 "cannot create a file beside 'nowhere/out.svg'" "$bin" render "$fx" --at early -o nowhere/out.svg
[ ! -e nowhere ] && ok "a missing folder is not created" || bad "a missing folder was created"

# --- The graph files are never overwritten ---------------------------------------
mkdir g
cp "$fx" g/in.json
ln -s in.json g/link.svg
ln g/in.json g/hard.dot
expect "output is the input" 2 "'g/in.json' is one of the graph files" "$bin" render g/in.json --at early --format svg -o g/in.json
expect "output is a symlink to the input" 2 "is one of the graph files" "$bin" render g/in.json --at early -o g/link.svg
expect "output is a hard link to the input" 2 "is one of the graph files" "$bin" render g/in.json --at early -o g/hard.dot
expect "output is the second input" 2 "is one of the graph files" "$bin" render "$fx" g/in.json --at early -o g/hard.dot
cmp -s "$fx" g/in.json && [ -L g/link.svg ] && [ "$(listing g | tr '\n' ' ')" = "hard.dot in.json link.svg " ] &&
    ok "the graph file is unchanged" || bad "the graph file changed: $(listing g | tr '\n' ' ')"

# --- An output that is not a regular file is refused, and left as it was ----------
# (replacing it would put a regular file in place of a symbolic link, a device
# such as /dev/null, or a fifo).
mkdir n
printf 'target\n' > n/target.svg
ln -s target.svg n/link.svg
ln -s nowhere.svg n/dangling.svg
mkfifo n/fifo.svg
mkdir n/dir.svg
expect "output is a symlink" 2 "'n/link.svg' exists and is not a regular file" "$bin" render "$fx" --at early -o n/link.svg
expect "output is a dangling symlink" 2 "exists and is not a regular file" "$bin" render "$fx" --at early -o n/dangling.svg
expect "output is a fifo" 2 "'n/fifo.svg' exists and is not a regular file" "$bin" render "$fx" --at early -o n/fifo.svg
expect "output is a directory" 2 "exists and is not a regular file" "$bin" render "$fx" --at early -o n/dir.svg
# /dev/null itself only when not root: a command that got this wrong would
# replace it as root (where mkstemp in /dev succeeds), so root tests a device
# node of its own, made with mknod, the same device as /dev/null.
if [ "$(id -u)" -ne 0 ]; then
    expect "output is /dev/null" 2 "'/dev/null' exists and is not a regular file" "$bin" render "$fx" --at early --format svg -o /dev/null
    [ -c /dev/null ] && ok "/dev/null is still a device" || bad "/dev/null is no longer a device"
fi
null=n/null.svg
if mknod "$null" c 1 3 2> /dev/null || { [ "$(id -u)" -ne 0 ] && null=/dev/null; }; then
    expect "output is a device" 2 "'$null' exists and is not a regular file" "$bin" render "$fx" --at early --format svg -o "$null"
    [ -c "$null" ] && ok "the device '$null' is left as it was" || bad "the device '$null' was replaced"
else
    ok "# SKIP a device node: mknod is not allowed here (root without CAP_MKNOD)"
fi
[ -e n/null.svg ] || : > n/null.svg
if [ -L n/link.svg ] && [ "$(cat n/target.svg)" = target ] && [ -L n/dangling.svg ] && [ ! -e n/nowhere.svg ] &&
   [ -p n/fifo.svg ] && [ -d n/dir.svg ] && [ -z "$(listing n/dir.svg)" ] &&
   [ "$(listing n | tr '\n' ' ')" = "dangling.svg dir.svg fifo.svg link.svg null.svg target.svg " ]; then
    ok "a symlink, its target, a fifo, a directory and /dev/null are left as they were"
else
    bad "outputs not regular files changed: n has $(listing n | tr '\n' ' ')"
fi

# --- Standard output and the formats ----------------------------------------------
mkdir o
cd o || exit 1
"$bin" render "$fx" --at early --format dot -o - > ../stdout.dot 2> ../stdout.err
s=$?
cd .. || exit 1
[ $s -eq 0 ] && head -1 stdout.dot | grep -q '^digraph entente {$' && [ ! -s stdout.err ] && [ -z "$(listing o)" ] &&
    ok "-o - writes DOT to standard output, and no file" || bad "-o -: exit $s, files: $(listing o | tr '\n' ' ')"
"$bin" render "$fx" --at early --format svg -o - > stdout.svg
"$bin" render "$fx" --at early -o o/file.svg
cmp -s stdout.svg o/file.svg && ok "-o - gives the bytes a file gets" || bad "-o - and a file differ"
"$bin" render "$fx" --at early -o o/by-ext.gv &&
    head -1 o/by-ext.gv | grep -q '^digraph' && ok ".gv is DOT" || bad ".gv is DOT"
"$bin" render "$fx" --at early -o o/upper.SVG &&
    head -1 o/upper.SVG | grep -q '^<?xml' && ok ".SVG is SVG" || bad ".SVG is SVG"
"$bin" render "$fx" --at early -o o/x.png &&
    [ "$(head -c 8 o/x.png | od -An -tx1 | tr -d ' \n')" = 89504e470d0a1a0a ] && ok "png" || bad "png"
"$bin" render "$fx" --at early -o o/x.pdf && [ "$(head -c 5 o/x.pdf)" = "%PDF-" ] && ok "pdf" || bad "pdf"
"$bin" render "$fx" --at early --format svg -o o/forced.png &&
    head -1 o/forced.png | grep -q '^<?xml' && ok "--format wins over the extension" || bad "--format wins over the extension"
"$bin" render "$fx" --at early --format png -o - | head -c 4 | od -An -c | grep -q 'P   N   G' &&
    ok "png to standard output" || bad "png to standard output"

# --- Byte-identical output from run to run ---------------------------------------
# The comparison and the diff (which between them draw everything a single
# snapshot does), in each format, twice.
same=1
same_dot=1
for mode in "--at early --compare late" "--from early --to late --diff"; do
    for f in svg png dot; do
        # shellcheck disable=SC2086
        "$bin" render "$fx" $mode -o run1.$f && "$bin" render "$fx" $mode -o run2.$f || same=0
        if ! cmp -s run1.$f run2.$f; then
            echo "    differs: $mode, $f"
            if [ $f = dot ]; then same_dot=0; else same=0; fi
        fi
        if [ $f = dot ]; then
            cp run1.dot "names-$(echo "$mode" | cut -c3-4)-1.dot"
            cp run2.dot "names-$(echo "$mode" | cut -c3-4)-2.dot"
        fi
    done
done
[ $same -eq 1 ] && ok "svg and png are byte-identical from run to run" ||
    bad "svg and png are byte-identical from run to run"
verdict dot-html-names $same_dot "dot is byte-identical from run to run"

# cairo writes the time of the run into a PDF (/CreationDate); everything else
# must repeat. Two runs a second apart, compared without that line.
"$bin" render "$fx" --at early --compare late -o run1.pdf
sleep 1
"$bin" render "$fx" --at early --compare late -o run2.pdf
if cmp -s run1.pdf run2.pdf; then
    ok "pdf is byte-identical from run to run"
elif [ "$(grep -av CreationDate run1.pdf | cksum)" = "$(grep -av CreationDate run2.pdf | cksum)" ]; then
    ok "pdf is identical from run to run but for its /CreationDate"
else
    bad "pdf differs from run to run beyond its /CreationDate"
fi

# DOT names: Graphviz writes a name as an HTML string (<name>) when it takes it
# for one; entente names no object with an HTML string, so every name must
# come out as an identifier or a quoted string, on every run. Whether Graphviz
# is misled depends on memory contents, so ten runs are looked at.
for i in 3 4 5; do
    for mode in "--at early --compare late" "--from early --to late --diff"; do
        # shellcheck disable=SC2086
        "$bin" render "$fx" $mode --format dot -o "names-$(echo "$mode" | cut -c3-4)-$i.dot"
    done
done
html=0
for f in names-*.dot; do
    if grep -Eq '(^	*|-> |(sub|di)graph )<[^<>]*>' "$f"; then
        html=$((html + 1))
        [ $html -le 2 ] && grep -Em2 '(^	*|-> |(sub|di)graph )<[^<>]*>' "$f" | sed "s/^/    $f: /"
    fi
done
runs=$(ls names-*.dot | wc -l)
[ "$runs" -eq 10 ] || bad "DOT names: $runs runs instead of 10"
[ $html -eq 0 ] && v=1 || v=0
verdict dot-html-names $v "DOT names are never written as HTML strings ($html of $runs runs had some)"


# The further scripts of render: hostile names in every format, the SVG's geometry
# (no line through a node it does not connect, boxes holding members only, labels
# clear of nodes, labels and lines), the legend against the picture, and the two
# panels of a comparison sharing one layout.
part render-hostile.sh sh "$src/tests/cli/render-hostile.sh" "$bin" "$src" "$work/hostile"
part render-geometry.py /usr/bin/python3 "$src/tests/cli/render-geometry.py" "$bin" "$src" \
    "$work/geometry" "$gen" edges boxes labels bold
part render-legend.py /usr/bin/python3 "$src/tests/cli/render-legend.py" "$bin" "$src" "$work/legend"
part render-panels.py /usr/bin/python3 "$src/tests/cli/render-panels.py" "$bin" "$src" "$work/panels"

echo "$pass passed, $fail failed, $xfail known bugs (XFAIL)"
[ "$fail" -eq 0 ]
