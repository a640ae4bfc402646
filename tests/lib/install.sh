#!/bin/sh
# install.sh BUILD_DIR SOURCE_DIR WORK_DIR: libentente installed and used
# from outside the tree.
#
# 1. `cmake --install` with DESTDIR puts every file under DESTDIR/PREFIX and
#    nothing elsewhere: the CLI, its man pages, both libraries, the headers,
#    entente.pc and the CMake package.
# 2. Installed to a temporary prefix, examples/list_actors.c is built twice,
#    with `pkg-config --cflags --libs entente` and with find_package(entente)
#    (examples/CMakeLists.txt), and both programs run on examples/minimal.json
#    with the installed shared library.
set -eu
build=${1:?usage: install.sh BUILD_DIR SOURCE_DIR WORK_DIR}
src=${2:?usage: install.sh BUILD_DIR SOURCE_DIR WORK_DIR}
work=${3:?usage: install.sh BUILD_DIR SOURCE_DIR WORK_DIR}
rm -rf "$work"
mkdir -p "$work"
fail() {
    echo "install: $*" >&2
    exit 1
}

# 1. DESTDIR
DESTDIR="$work/stage" cmake --install "$build" --prefix /opt/entente > "$work/stage.log" ||
    fail "cmake --install with DESTDIR failed (see $work/stage.log)"
root="$work/stage/opt/entente"
for f in bin/entente include/entente/entente.h include/entente/api.h \
         include/entente/version.h share/man/man1/entente.1 share/man/man1/entente-report.1; do
    [ -f "$root/$f" ] || fail "DESTDIR install lacks $f"
done
for pat in 'libentente.a' 'libentente.so' 'libentente.so.*.*' 'pkgconfig/entente.pc' \
           'cmake/entente/ententeConfig.cmake' 'cmake/entente/ententeConfigVersion.cmake' \
           'cmake/entente/ententeTargets.cmake'; do
    found=$(find "$root" -path "*/lib*/$pat" | head -n 1)
    [ -n "$found" ] || fail "DESTDIR install lacks lib.../$pat"
done
outside=$(find "$work/stage" -mindepth 1 -maxdepth 1 ! -name opt)
[ -z "$outside" ] || fail "DESTDIR install wrote outside the prefix: $outside"
echo "DESTDIR: every file under $root"

# 2. A real prefix, and the example built against it twice.
prefix="$work/prefix"
cmake --install "$build" --prefix "$prefix" > "$work/install.log" ||
    fail "cmake --install --prefix failed (see $work/install.log)"
pcdir=$(dirname "$(find "$prefix" -name entente.pc | head -n 1)")
libdir=$(dirname "$pcdir")
want='csto +alliance +Collective Security Treaty Organization'

PKG_CONFIG_PATH="$pcdir" pkg-config --exists entente || fail "pkg-config does not find entente"
flags=$(PKG_CONFIG_PATH="$pcdir" pkg-config --cflags --libs entente)
${CC:-cc} -std=c11 -Wall -Werror "$src/examples/list_actors.c" $flags -o "$work/list_actors-pc" ||
    fail "the example does not build with pkg-config ($flags)"
LD_LIBRARY_PATH="$libdir" "$work/list_actors-pc" "$src/examples/minimal.json" > "$work/pc.out" ||
    fail "the example built with pkg-config failed"
grep -Eq "$want" "$work/pc.out" || fail "the example built with pkg-config printed: $(cat "$work/pc.out")"
LD_LIBRARY_PATH="$libdir" ldd "$work/list_actors-pc" | grep -q "$libdir/libentente.so" ||
    fail "the example built with pkg-config does not use the installed shared library"
echo "pkg-config: built with '$flags', ran"

cmake -S "$src/examples" -B "$work/examples" -DCMAKE_PREFIX_PATH="$prefix" \
    -DCMAKE_BUILD_TYPE=Release > "$work/examples-configure.log" 2>&1 ||
    fail "find_package(entente) failed (see $work/examples-configure.log)"
cmake --build "$work/examples" > "$work/examples-build.log" 2>&1 ||
    fail "the example does not build with find_package (see $work/examples-build.log)"
LD_LIBRARY_PATH="$libdir" "$work/examples/list_actors" "$src/examples/minimal.json" \
    > "$work/cmake.out" || fail "the example built with find_package failed"
grep -Eq "$want" "$work/cmake.out" ||
    fail "the example built with find_package printed: $(cat "$work/cmake.out")"
echo "find_package: built against entente::entente, ran"
