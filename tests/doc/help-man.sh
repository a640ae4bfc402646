#!/bin/sh
# Checks that the built-in help of entente and its man pages agree.
#
# For every command that `entente help` lists (except `help` itself, which
# entente(1) documents):
#   - the man page docs/man/entente-CMD.1 exists;
#   - the options in the "options:" section of `entente CMD --help` are the
#     options of the man page's OPTIONS section (its .TP tags), no more and no
#     fewer; "-q, --quiet" counts as two options, -q and --quiet;
#   - the usage line of the help ("usage: entente check [OPTIONS] FILE...")
#     reads, word for word, like the man page's SYNOPSIS;
#   - `entente help CMD`, `entente CMD --help` and `entente CMD -h` print the
#     same bytes and exit with status 0.
# For entente(1): its SYNOPSIS has the usage lines of `entente --help` and of
# `entente help --help`, its OPTIONS section has the options those usage lines
# name, and its COMMANDS section has every command. When groff is installed,
# every page must also format without a warning.
#
# The man pages are read as troff source, not rendered, so the test needs no
# man(1): the awk program below knows the few requests and escapes that the
# pages use in these sections.
#
# usage: help-man.sh ENTENTE_BIN MAN_DIR
set -u
if [ $# -ne 2 ]; then
    echo "usage: $0 ENTENTE_BIN MAN_DIR" >&2
    exit 2
fi
bin=$1
mandir=$2
tmp=$(mktemp -d "${TMPDIR:-/tmp}/help-man.XXXXXX") || exit 1
trap 'rm -rf "$tmp"' 0
trap 'exit 1' HUP INT TERM
pass=0
fail=0

ok() { pass=$((pass + 1)); echo "ok   $1"; }
bad() { fail=$((fail + 1)); echo "FAIL $1"; }
# Prints a file indented, under a FAIL line.
show() { sed 's/^/    /' "$1"; }
# The lines of a file as one line of words.
words() { tr '\n' ' ' < "$1" | sed 's/ $//'; }

# troff.awk: prints the section named by -v want of a man page as lines of
# plain text, each prefixed with its role: "TAG<tab>text" for the tag line of
# a .TP, "TEXT<tab>text" for other text, and "BREAK" where a request breaks
# the line (.br, .PP, .TP, ...).
cat > "$tmp/troff.awk" <<'EOF'
# A troff special character \(xx as plain text.
function special(name) {
    if (name == "lq" || name == "rq" || name == "dq") return "\""
    if (name == "oq" || name == "cq") return "'"
    if (name == "em") return "--"
    if (name == "en" || name == "hy") return "-"
    if (name == "bu") return "*"
    return ""
}
# The text of a line with the escapes of man pages removed or resolved.
function unescape(s,    out, i, n, c, nx, j) {
    out = ""
    n = length(s)
    i = 1
    while (i <= n) {
        c = substr(s, i, 1)
        if (c != "\\") {
            out = out c
            i++
            continue
        }
        nx = substr(s, i + 1, 1)
        if (nx == "\"") # a comment to the end of the line
            break
        if (nx == "f") { # a font change: \fB, \f(CW, \f[BI]
            c = substr(s, i + 2, 1)
            if (c == "[") {
                j = index(substr(s, i + 3), "]")
                i = j ? i + 3 + j : n + 1
            } else if (c == "(")
                i += 5
            else
                i += 3
            continue
        }
        if (nx == "(") {
            out = out special(substr(s, i + 2, 2))
            i += 4
            continue
        }
        if (nx == "[") {
            j = index(substr(s, i + 2), "]")
            out = out special(substr(s, i + 2, j - 1))
            i = j ? i + 2 + j : n + 1
            continue
        }
        if (nx == "-") out = out "-"
        else if (nx == "e" || nx == "\\") out = out "\\"
        else if (nx == " " || nx == "~") out = out " "
        else if (nx == "&" || nx == "|" || nx == "^" || nx == "%" || nx == ":") out = out ""
        else out = out nx
        i += 2
    }
    return out
}
# Splits the arguments of a request into arr (double quotes group words);
# returns how many there are.
function args(s, arr,    n, w, q, i, c) {
    n = 0
    w = ""
    q = 0
    for (i = 1; i <= length(s); i++) {
        c = substr(s, i, 1)
        if (c == "\"") {
            if (q && substr(s, i + 1, 1) == "\"") { w = w "\""; i++; continue }
            q = !q
            if (!q) { arr[++n] = w; w = "" }
            continue
        }
        if ((c == " " || c == "\t") && !q) {
            if (w != "") { arr[++n] = w; w = "" }
            continue
        }
        w = w c
    }
    if (w != "") arr[++n] = w
    return n
}
function emit(text) {
    if (tag) {
        print "TAG\t" text
        tag = 0
    } else
        print "TEXT\t" text
}
BEGIN { on = 0; tag = 0 }
{
    line = $0
    sub(/\r$/, "", line)
    if (line ~ /^[.'][ \t]*\\"/ || line ~ /^[.'][ \t]*$/)
        next # a comment, or an empty request
    if (line ~ /^[.']/) {
        rest = substr(line, 2)
        sub(/^[ \t]+/, "", rest)
        name = rest
        sub(/[ \t].*$/, "", name)
        rest = substr(rest, length(name) + 1)
        sub(/^[ \t]+/, "", rest)
        if (name == "SH") {
            n = args(unescape(rest), a)
            title = ""
            for (k = 1; k <= n; k++) title = title (k > 1 ? " " : "") a[k]
            on = (toupper(title) == want)
            tag = 0
            next
        }
        if (!on)
            next
        if (name == "B" || name == "I" || name == "SM" || name == "SB") {
            n = args(rest, a)
            text = ""
            for (k = 1; k <= n; k++) text = text (k > 1 ? " " : "") unescape(a[k])
            emit(text)
        } else if (name ~ /^(BR|RB|IR|RI|BI|IB)$/) {
            n = args(rest, a)
            text = ""
            for (k = 1; k <= n; k++) text = text unescape(a[k])
            emit(text)
        } else {
            print "BREAK"
            if (name == "TP") tag = 1
        }
        next
    }
    if (on) {
        if (line ~ /^[ \t]/ || line == "")
            print "BREAK" # leading space or a blank line breaks too
        emit(unescape(line))
    }
}
EOF

# man_section PAGE SECTION: the section as troff.awk prints it.
man_section() {
    awk -v want="$2" -f "$tmp/troff.awk" "$1"
}

# The synopsis entries of PAGE, one per line: the text between breaks, with
# runs of white space squeezed.
synopsis_entries() {
    man_section "$1" SYNOPSIS | awk -F '\t' '
        $1 == "BREAK" { if (cur != "") print cur; cur = ""; next }
        { cur = cur (cur == "" ? "" : " ") $2 }
        END { if (cur != "") print cur }' |
        tr -s ' \t' '  ' | sed 's/^ //; s/ $//'
}

# man_options PAGE: the options named in the .TP tags of its OPTIONS section.
man_options() {
    man_section "$1" OPTIONS | awk -F '\t' '
        $1 == "TAG" {
            n = split($2, w, /[ ,]+/)
            for (k = 1; k <= n; k++)
                if (w[k] ~ /^--?[A-Za-z0-9?]/) { sub(/=.*$/, "", w[k]); print w[k] }
        }' | sort -u
}

# help_options: the options of a help text on stdin, from its "options:"
# section (lines that start with spaces, then "-").
help_options() {
    awk '
        /^options:/ { on = 1; next }
        on && (/^$/ || /^[^ ]/) { on = 0 }
        on && /^ +-/ {
            spec = $0
            sub(/^ +/, "", spec)
            sub(/  .*$/, "", spec)  # the description starts after two spaces
            n = split(spec, part, /, */)
            for (k = 1; k <= n; k++) { sub(/[ =].*$/, "", part[k]); print part[k] }
        }' | sort -u
}

# usage_of FILE: the usage line of a help text, without "usage: ".
usage_of() {
    sed -n '1s/^usage: *//p' "$1" | tr -s ' \t' '  ' | sed 's/ $//'
}

# check_synopsis NAME USAGE PAGE: USAGE is one of the synopsis entries of PAGE.
check_synopsis() {
    synopsis_entries "$3" > "$tmp/syn"
    if [ -z "$2" ]; then
        bad "$1: no usage line in the help"
    elif grep -qxF -- "$2" "$tmp/syn"; then
        ok "$1: the man page's SYNOPSIS reads '$2'"
    else
        bad "$1: the help says 'usage: $2' but the SYNOPSIS of $(basename "$3") reads:"
        show "$tmp/syn"
    fi
}

# The commands, from the overview's "commands:" section.
if ! "$bin" help > "$tmp/overview" 2>&1; then
    bad "'entente help' fails"
    show "$tmp/overview"
fi
awk '/^commands:/ { on = 1; next } on && /^  [a-z]/ { print $1; next } on { on = 0 }' \
    "$tmp/overview" > "$tmp/commands"
if [ -s "$tmp/commands" ]; then
    ok "'entente help' lists the commands: $(words "$tmp/commands")"
else
    bad "'entente help' lists no commands"
fi

for cmd in $(cat "$tmp/commands"); do
    [ "$cmd" = help ] && continue
    page=$mandir/entente-$cmd.1
    if [ ! -f "$page" ]; then
        bad "$cmd: no man page $page"
        continue
    fi

    # help CMD, CMD --help and CMD -h print the same bytes, with status 0.
    "$bin" help "$cmd" > "$tmp/help1"; s1=$?
    "$bin" "$cmd" --help > "$tmp/help2"; s2=$?
    "$bin" "$cmd" -h > "$tmp/help3"; s3=$?
    if [ "$s1$s2$s3" != 000 ]; then
        bad "$cmd: exit status $s1 for 'help $cmd', $s2 for '$cmd --help', $s3 for '$cmd -h'"
    elif ! cmp -s "$tmp/help1" "$tmp/help2"; then
        bad "$cmd: 'entente help $cmd' and 'entente $cmd --help' differ"
        diff "$tmp/help1" "$tmp/help2" > "$tmp/diff"
        show "$tmp/diff"
    elif ! cmp -s "$tmp/help2" "$tmp/help3"; then
        bad "$cmd: 'entente $cmd --help' and 'entente $cmd -h' differ"
    else
        ok "$cmd: 'help $cmd', '$cmd --help' and '$cmd -h' print the same text"
    fi

    # The options of the help and of the man page.
    help_options < "$tmp/help2" > "$tmp/opt-help"
    man_options "$page" > "$tmp/opt-man"
    comm -23 "$tmp/opt-help" "$tmp/opt-man" > "$tmp/only-help"
    comm -13 "$tmp/opt-help" "$tmp/opt-man" > "$tmp/only-man"
    if [ ! -s "$tmp/opt-help" ]; then
        bad "$cmd: no options found in '$cmd --help'"
    elif [ -s "$tmp/only-help" ] || [ -s "$tmp/only-man" ]; then
        bad "$cmd: the options of '$cmd --help' and of $(basename "$page") differ"
        [ -s "$tmp/only-help" ] &&
            echo "    missing from the man page: $(words "$tmp/only-help")"
        [ -s "$tmp/only-man" ] &&
            echo "    in the man page only: $(words "$tmp/only-man")"
    else
        ok "$cmd: --help and the man page give the same options: $(words "$tmp/opt-man")"
    fi

    check_synopsis "$cmd" "$(usage_of "$tmp/help2")" "$page"
done

# entente(1), the overview page.
page=$mandir/entente.1
if [ ! -f "$page" ]; then
    bad "entente: no man page $page"
else
    check_synopsis entente "$(usage_of "$tmp/overview")" "$page"
    "$bin" help --help > "$tmp/help-help" 2>&1
    check_synopsis "entente help" "$(usage_of "$tmp/help-help")" "$page"

    # Options named in the overview's usage line ([--version] [--help]).
    usage_of "$tmp/overview" | tr ' ' '\n' | sed -n 's/^\[\(-[^]=]*\).*\]$/\1/p' |
        sort -u > "$tmp/opt-usage"
    man_options "$page" > "$tmp/opt-man"
    comm -23 "$tmp/opt-usage" "$tmp/opt-man" > "$tmp/only-help"
    if [ ! -s "$tmp/opt-usage" ]; then
        bad "entente: no options found in the usage line of 'entente --help'"
    elif [ -s "$tmp/only-help" ]; then
        bad "entente: OPTIONS of entente.1 lacks: $(words "$tmp/only-help")"
    else
        ok "entente: entente.1 documents the options $(words "$tmp/opt-usage")"
    fi

    # Every command has a tag in COMMANDS.
    man_section "$page" COMMANDS | awk -F '\t' '$1 == "TAG" { split($2, w, " "); print w[1] }' |
        sort -u > "$tmp/cmd-man"
    sort -u "$tmp/commands" | comm -23 - "$tmp/cmd-man" > "$tmp/only-help"
    if [ -s "$tmp/only-help" ]; then
        bad "entente: COMMANDS of entente.1 lacks: $(words "$tmp/only-help")"
    else
        ok "entente: entente.1 describes every command"
    fi
fi

# Every page formats without a warning, when groff is there to say so.
if command -v groff > /dev/null 2>&1; then
    for page in "$mandir"/*.1; do
        [ -f "$page" ] || continue
        name=$(basename "$page")
        if groff -man -Tutf8 -ww -z "$page" > "$tmp/groff" 2>&1 && [ ! -s "$tmp/groff" ]; then
            ok "$name: groff formats it without a warning"
        else
            bad "$name: groff warns"
            show "$tmp/groff"
        fi
    done
else
    echo "skip groff is not installed: the pages are not formatted"
fi

echo "$pass passed, $fail failed"
[ "$fail" -eq 0 ]
