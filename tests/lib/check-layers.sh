#!/bin/sh
# check-layers.sh SRC_DIR: the library's layers stay put.
#
# Each folder of src/ is a module; a module may include the internal headers
# ("module/file.h") of the modules below it and its own, never those above:
#
#   util                        the base: strings, maps, errors, escaping
#   model   util                the graph, dates, vocabulary, diagnostics
#   load    util model          building graphs from files
#   table   util                result tables
#   snapshot util model         views of the graph on a date
#   passes  util model table snapshot   the analyses
#   render  util model snapshot         diagrams (the only module seeing Graphviz)
#   report  util model table snapshot   the report, through the public API
#   export  util model snapshot         GEXF, GraphML, JSON and CSV (the only module seeing libxml2)
#   import  util model          GDELT tables to graph files (the only module seeing libarchive)
#   chart   util                line charts as SVG
#   cli     util                the command-line tool, through the public API
#
# A private header, NAME_impl.h, belongs to its own module only (the model's
# two are shared with the loader, which builds graphs). util sees only the
# public headers error.h and version.h. Prints every breach as
# "file:line: reason" and exits 1 when there is one.
set -u
src=${1:?usage: check-layers.sh SRC_DIR}
allowed() {
    case $1 in
    util) echo "util" ;;
    model) echo "util model" ;;
    load) echo "util model load" ;;
    table) echo "util table" ;;
    snapshot) echo "util model snapshot" ;;
    passes) echo "util model table snapshot passes" ;;
    render) echo "util model snapshot render" ;;
    report) echo "util model table snapshot report" ;;
    export) echo "util model snapshot export" ;;
    import) echo "util model import" ;;
    chart) echo "util chart" ;;
    cli) echo "util cli" ;;
    *) echo "" ;;
    esac
}
bad=0
for dir in "$src"/*/; do
    mod=$(basename "$dir")
    ok=$(allowed "$mod")
    if [ -z "$ok" ]; then
        echo "$dir: a module the layer list does not know (add it to tests/lib/check-layers.sh)"
        bad=1
        continue
    fi
    for f in "$dir"*.c "$dir"*.h; do
        [ -e "$f" ] || continue
        # "line<TAB>header" for every quoted include
        out=$(awk -v mod="$mod" -v ok=" $ok " '
            /^[ \t]*#[ \t]*include[ \t]*"/ {
                h = $0
                sub(/^[^"]*"/, "", h)
                sub(/".*$/, "", h)
                n = split(h, part, "/")
                if (n < 2) { print FNR ": include \"" h "\" without its module folder"; next }
                m = part[1]
                if (m == "entente") {
                    if (mod == "util" && part[2] != "error.h" && part[2] != "version.h")
                        print FNR ": util includes the public \"" h "\" (only error.h and version.h)"
                    next
                }
                if (index(ok, " " m " ") == 0) {
                    print FNR ": " mod " includes \"" h "\" from " m ", a layer above it or beside it"
                    next
                }
                if (part[n] ~ /_impl\.h$/ && m != mod && !(m == "model" && mod == "load"))
                    print FNR ": \"" h "\" is private to " m
            }' "$f")
        if [ -n "$out" ]; then
            echo "$out" | sed "s|^|$f:|"
            bad=1
        fi
    done
done
[ $bad -eq 0 ] && echo "layers hold: every include is of the module itself or of one below it"
exit $bad
