#!/bin/sh
# check-symbols.sh INCLUDE_DIR LIBRARY...: the symbols a program linking
# libentente sees.
#
# A static library (.a): every global symbol it defines begins with ent_
# (public functions ent_<module>_<verb>, internal ones ent__<name>), so that
# a program with its own `components` or `has_type` links cleanly.
# A shared library (.so): it exports the public API and nothing else: every
# exported symbol is declared in a header of INCLUDE_DIR, and every function
# a header marks ENT_EXPORT is exported; the internal ent__ names and the
# helpers of src/util stay hidden.
# Prints each offending symbol and exits 1 when there is one.
set -u
inc=${1:?usage: check-symbols.sh INCLUDE_DIR LIBRARY...}
shift
[ $# -gt 0 ] || { echo "usage: check-symbols.sh INCLUDE_DIR LIBRARY..."; exit 2; }
# What the sanitizers' instrumentation adds to a library (ASan's one-definition
# indicators, its runtime's hooks) is the compiler's, not the library's.
instrumented='^__\(odr_asan\|asan\|ubsan\|tsan\|sanitizer\)'
bad=0
for lib in "$@"; do
    [ -f "$lib" ] || { echo "$lib: no such library"; bad=1; continue; }
    case $lib in
    *.a)
        syms=$(nm -g --defined-only "$lib" | awk 'NF == 3 { print $3 }' | grep -v "$instrumented" |
               sort -u)
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
               grep -v "$instrumented" | sort -u)
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
        # A function declared in a public header without ENT_EXPORT would be
        # hidden from every program: none may be.
        unmarked=$(grep -hE '^[a-z][a-z0-9_ ]*[ *]ent_[a-z0-9_]+\(' "$inc"/entente/*.h || true)
        if [ -n "$unmarked" ]; then
            echo "$lib: public functions declared without ENT_EXPORT (entente/api.h):"
            echo "$unmarked" | sed 's/^/  /'
            bad=1
        fi
        # And the other way: every function a header marks ENT_EXPORT is exported.
        declared=$(grep -h '^ENT_EXPORT ' "$inc"/entente/*.h | grep -o '^[^(]*(' |
                   sed 's/($//; s/.*[ *]//' | sort -u)
        for d in $declared; do
            if ! echo "$syms" | grep -qx "$d"; then
                echo "$lib: does not export $d, which a public header declares"
                bad=1
            fi
        done
        [ $bad -eq 0 ] && echo "$lib: exports $n symbols, exactly the functions of $inc/entente"
        ;;
    *)
        echo "$lib: neither .a nor .so"
        bad=1
        ;;
    esac
done
exit $bad
