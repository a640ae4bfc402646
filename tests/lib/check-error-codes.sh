#!/bin/sh
# check-error-codes.sh SOURCE_DIR: the error codes the documentation names
# exist. Every ENT_E<NAME> written in a public header, in docs/ or in the
# README must be one of the codes entente/error.h defines (ENT_EXPORT, the
# export macro, is not a code); and every code defined is listed in
# docs/exit-codes.md. Prints each stray name and exits 1 when there is one.
set -u
src=${1:?usage: check-error-codes.sh SOURCE_DIR}
defined=$(sed -n 's/^ *\(ENT_E[A-Z]*\) *= *-[0-9]*.*/\1/p' "$src/include/entente/error.h" | sort -u)
[ -n "$defined" ] || { echo "no ENT_E* code found in include/entente/error.h"; exit 1; }
bad=0
for f in "$src"/include/entente/*.h "$src"/docs/*.md "$src"/README.md; do
    for name in $(grep -oE "ENT_E[A-Z]+\b" "$f" | sort -u); do
        [ "$name" = ENT_EXPORT ] && continue
        if ! echo "$defined" | grep -qx "$name"; then
            echo "$f: names $name, which entente/error.h does not define"
            bad=1
        fi
    done
done
for name in $defined; do
    if ! grep -q "$name" "$src/docs/exit-codes.md"; then
        echo "docs/exit-codes.md: does not list $name"
        bad=1
    fi
done
[ $bad -eq 0 ] && echo "every ENT_E* named is defined: $(echo $defined)"
exit $bad
