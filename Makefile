# entente: the two commands a new user needs (`make demo`, `make test`) and the
# steps behind them. Every target installs what it needs from Debian's packages
# first, builds with CMake into build/ and runs from there.

BUILD      ?= build
BUILD_ASAN ?= build-asan
BUILD_WERR ?= build-werror
BUILD_TSAN ?= build-tsan
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 60
PREFIX     ?= /usr/local
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
GRAPH      ?= $(firstword $(wildcard graphs/south-caucasus.json) examples/minimal.json)

# Debian packages the build, the tests and the demo need.
DEB_PACKAGES = build-essential cmake pkg-config libigraph-dev libcjson-dev \
               libgraphviz-dev graphviz libcmocka-dev python3 python3-jsonschema \
               groff-base man-db libxml2-utils python3-networkx \
               python3-igraph libxml2-dev libarchive-dev libcsv-dev iso-codes \
               libcairo2-dev fonts-dejavu-core

.PHONY: all deps build install test test-unit test-sanitize test-werror test-tsan test-fuzz fuzz \
        demo bench bench-io \
        format clean help

all: build

help:
	@echo "make demo           build, analyse the bundled graph and write its report (build/demo/report)"
	@echo "make test           build, run the whole test suite (plain, sanitizers, -Werror, TSan)"
	@echo "make test-tsan      the loader's two threads under ThreadSanitizer ($(BUILD_TSAN)/)"
	@echo "make fuzz           run each libFuzzer harness for FUZZ_SECONDS (default 60; needs clang)"
	@echo "make build          build into $(BUILD)/ (CLI at $(BUILD)/entente)"
	@echo "make install        install the CLI, man pages, libraries, headers, entente.pc and"
	@echo "                    the CMake package under PREFIX (default /usr/local), DESTDIR honoured"
	@echo "make bench          run the benchmark (see tests/bench/README.md)"
	@echo "make bench-io       time import and export against Python, pandas and NetworkX"
	@echo "make deps           install the Debian packages entente needs"
	@echo "make format         apply .clang-format to every C file"

deps:
	@sh tests/tools/ensure-deps.sh $(DEB_PACKAGES)

$(BUILD)/Makefile: CMakeLists.txt | deps
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo

build: deps $(BUILD)/Makefile
	cmake --build $(BUILD) -j $(JOBS)

# `make install PREFIX=/opt/entente DESTDIR=/tmp/stage`: see docs/library.md.
install: build
	cmake --install $(BUILD) --prefix $(PREFIX)

test-unit: build
	ctest --test-dir $(BUILD) --output-on-failure -j $(JOBS)

test-sanitize: deps
	cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Debug -DENTENTE_SANITIZE=ON
	cmake --build $(BUILD_ASAN) -j $(JOBS)
	ctest --test-dir $(BUILD_ASAN) --output-on-failure -j $(JOBS)

test-werror: deps
	cmake -S . -B $(BUILD_WERR) -DCMAKE_BUILD_TYPE=Release -DENTENTE_WERROR=ON
	cmake --build $(BUILD_WERR) -j $(JOBS)
	ctest --test-dir $(BUILD_WERR) --output-on-failure -j $(JOBS)

# ThreadSanitizer on the loader's two-thread path: its unit tests and
# tests/bench/tsan-load.sh (a generated graph of 30,000 relations). Only these:
# the rest of the suite adds nothing under TSan, and Graphviz is not built for it.
test-tsan: deps
	cmake -S . -B $(BUILD_TSAN) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DENTENTE_TSAN=ON
	cmake --build $(BUILD_TSAN) -j $(JOBS) --target entente_cli test_load test_jscan ent_bench_gen
	ctest --test-dir $(BUILD_TSAN) --output-on-failure -j $(JOBS) \
	    -R '^(unit_load|unit_jscan|tsan_load_parallel)$$'

# The libFuzzer harnesses of tests/fuzz (docs/testing.md), built with clang into
# $(BUILD_FUZZ)/; each runs FUZZ_SECONDS from its seed corpus and the inputs it
# found before (kept in $(BUILD_FUZZ)/corpus-NAME, outside the repository).
# A crash stops the run and leaves crash-* in $(BUILD_FUZZ)/.
fuzz: deps
	@if ! command -v clang > /dev/null; then \
	    echo "make fuzz: clang is not installed, so the libFuzzer harnesses cannot be built"; \
	    echo "(apt-get install clang); the corpus regression still runs in make test"; exit 1; fi
	CC=clang cmake -S . -B $(BUILD_FUZZ) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DENTENTE_FUZZ=ON
	cmake --build $(BUILD_FUZZ) -j $(JOBS) --target fuzz_load fuzz_date fuzz_args fuzz_import fuzz_jscan
	@for h in load date args import jscan; do \
	    mkdir -p $(BUILD_FUZZ)/corpus-$$h; \
	    echo "== fuzz_$$h for $(FUZZ_SECONDS) s"; \
	    (cd $(BUILD_FUZZ) && ASAN_OPTIONS=detect_leaks=1 \
	     LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan-graphviz.supp:print_suppressions=0 \
	     ./tests/fuzz/fuzz_$$h -max_total_time=$(FUZZ_SECONDS) -print_final_stats=1 \
	        -dict=$(CURDIR)/tests/fuzz/entente.dict -max_len=65536 \
	        corpus-$$h $(CURDIR)/tests/fuzz/corpus/$$h) || exit 1; \
	done

# In `make test`: 30 s of fuzzing per harness when clang is there.
test-fuzz:
	@if command -v clang > /dev/null; then $(MAKE) --no-print-directory fuzz FUZZ_SECONDS=30; \
	else echo "test-fuzz: clang is not installed: no fuzzing run (the corpus regression ran in the other builds)"; fi

test: test-unit test-sanitize test-werror test-tsan test-fuzz
	@echo "all test builds passed (plain, sanitizers, -Werror, ThreadSanitizer, fuzzing)"

demo: build
	@echo "== entente check $(GRAPH)"
	@$(BUILD)/entente check $(GRAPH)
	@echo
	@echo "== entente info $(GRAPH)"
	@$(BUILD)/entente info $(GRAPH)
	@echo
	@echo "== entente shift $(GRAPH) --from before-2022 --to after-2022 --top 10"
	@$(BUILD)/entente shift $(GRAPH) --from before-2022 --to after-2022 --top 10
	@echo
	@echo "== entente render $(GRAPH) --at before-2022 --compare after-2022 -o $(BUILD)/demo/before-after.svg"
	@mkdir -p $(BUILD)/demo
	@$(BUILD)/entente render $(GRAPH) --at before-2022 --compare after-2022 -o $(BUILD)/demo/before-after.svg
	@$(BUILD)/entente render $(GRAPH) --from before-2022 --to after-2022 --diff -o $(BUILD)/demo/diff.svg
	@echo "diagrams written: $(BUILD)/demo/before-after.svg (the two snapshots on one layout)"
	@echo "                  $(BUILD)/demo/diff.svg (what changed from before-2022 to after-2022)"
	@echo
	@echo "== entente report $(GRAPH) -o $(BUILD)/demo/report --force"
	@$(BUILD)/entente report $(GRAPH) -o $(BUILD)/demo/report --force
	@echo "open $(BUILD)/demo/report/index.html in a browser: the whole story, every snapshot and comparison"

bench: build
	@sh tests/tools/ensure-deps.sh time
	@sh tests/bench/run.sh

# entente import and export against Python's csv module, pandas and NetworkX
# (tests/bench-io/run.sh; figures in docs/import.md and docs/export.md).
bench-io: build
	@sh tests/tools/ensure-deps.sh time python3-pandas python3-networkx
	@sh tests/bench-io/run.sh $(BUILD)/entente $(BUILD)/tests/bench/ent_bench_gen . $(BUILD)/bench-io

format:
	clang-format -i $$(git ls-files '*.c' '*.h')

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_WERR)
