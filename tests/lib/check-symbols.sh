#!/bin/sh
# check-symbols.sh INCLUDE_DIR LIBRARY...: the symbols a program linking
# libentente sees.
#
# A static library (.a): every global symbol it defines begins with ent_
# (public functions ent_<module>_<verb>, internal ones ent__<name>), so that
# a program with its own `components` or `has_type` links cleanly.
# A shared library (.so): it exports only the public API, every exported
# symbol a function or object declared in a header of INCLUDE_DIR; the
# internal ent__ names stay hidden.
# Prints each offending symbol and exits 1 when there is one.
set -u
inc=${1:?usage: check-symbols.sh INCLUDE_DIR LIBRARY...}
shift
[ $# -gt 0 ] || { echo "usage: check-symbols.sh INCLUDE_DIR LIBRARY..."; exit 2; }
bad=0
for lib in "$@"; do
    [ -f "$lib" ] || { echo "$lib: no such library"; bad=1; continue; }
    case $lib in
    *.a)
        syms=$(nm -g --defined-only "$lib" | awk 'NF == 3 { print $3 }' | sort -u)
        n=$(echo "$syms" | grep -c .)
        off=$(echo "$syms" | grep -v '^ent_' || true)
        if [ -n "$off" ]; then
            echo "$lib: global symbols outside ent_:"
            echo "$off" | sed 's/^/  /'
            bad=1
        else
            echo "$lib: $n global symbols, all ent_"
        fi
        ;;
    *.so*)
        syms=$(nm -D --defined-only "$lib" | awk 'NF == 3 && $2 ~ /[TDBRVW]/ { print $3 }' |
               sort -u)
        n=$(echo "$syms" | grep -c .)
        for s in $syms; do
            case $s in
            _init | _fini | _edata | _end | __bss_start) continue ;;
            ent__*) echo "$lib: exports the internal $s"; bad=1; continue ;;
            ent_*) ;;
            *) echo "$lib: exports $s, outside ent_"; bad=1; continue ;;
            esac
            if ! grep -q "\\b$s\\b" "$inc"/entente/*.h; then
                echo "$lib: exports $s, which no public header declares"
                bad=1
            fi
        done
        [ $bad -eq 0 ] && echo "$lib: exports $n symbols, each declared in $inc/entente"
        ;;
    *)
        echo "$lib: neither .a nor .so"
        bad=1
        ;;
    esac
done
exit $bad
