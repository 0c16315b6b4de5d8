# Makefile — a thin wrapper around CMake and CTest, which do the real build.
#
#   make / make all   install missing Debian packages, configure build/, build
#   make demo         build, then serve the Datong report on localhost:8080
#   make test         ctest in build/, then in build-asan/ (ASan + UBSan)
#   make bench        build, then bench/run.sh (extraction), bench/bench_server.sh (wrk)
#                     and bench/bench_store.sh (10,000 reports on SQLite and PostgreSQL)
#   make fuzz         fuzz/run.sh for FUZZ_SECONDS (default 60)
#   make format       clang-format -i on the C sources, with .clang-format
#   make clean        remove the build trees
#
# Every target first runs tools/setup-deps.sh, which returns at once when
# nothing is missing. CMake re-configures each time (cheap), so a changed
# option or CMakeLists.txt is always picked up.

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= 2
FUZZ_SECONDS ?= 60
CMAKE      ?= cmake
CTEST      ?= ctest

# The CMake-generated makefiles run under their own -j$(JOBS), not under
# this make's flags or jobserver.
SUBMAKE_ENV = env -u MAKEFLAGS -u MFLAGS -u MAKELEVEL

SANITIZER_ENV = ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 \
                UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

# One target at a time (each build is already parallel inside CMake), so
# `make -j test` still runs the release tests before the sanitizer build.
.NOTPARALLEL:

.PHONY: all deps build build-asan demo test test-release test-asan bench fuzz format clean

all: build

deps:
	@tools/setup-deps.sh

build: deps
	$(SUBMAKE_ENV) $(CMAKE) -S . -B $(BUILD)
	$(SUBMAKE_ENV) $(CMAKE) --build $(BUILD) -j$(JOBS)

build-asan: deps
	$(SUBMAKE_ENV) $(CMAKE) -S . -B $(ASAN_BUILD) -DLS_SANITIZE=ON
	$(SUBMAKE_ENV) $(CMAKE) --build $(ASAN_BUILD) -j$(JOBS)

# The demo: a fresh store with the Datong report, served on localhost until
# Ctrl-C; the first-run line prints the admin password.
DEMO_DB ?= $(BUILD)/demo.db
DEMO_PORT ?= 8080
demo: build
	rm -f $(DEMO_DB) $(DEMO_DB)-wal $(DEMO_DB)-shm
	$(BUILD)/luoshi serve --db $(DEMO_DB) --port $(DEMO_PORT) \
	    --gov 大同市 --year 2023 examples/datong-2023.txt

# Both trees must pass; the release tree runs first as it fails fastest.
test: test-release test-asan

test-release: build
	$(SUBMAKE_ENV) $(CTEST) --test-dir $(BUILD) --output-on-failure -j$(JOBS)

test-asan: build-asan
	$(SUBMAKE_ENV) $(SANITIZER_ENV) \
	    $(CTEST) --test-dir $(ASAN_BUILD) --output-on-failure -j$(JOBS)

bench: build
	bash bench/run.sh $(BUILD)
	bash bench/bench_server.sh $(BUILD)
	bash bench/bench_store.sh $(BUILD)
	python3 bench/bench_anonymous.py $(BUILD)

fuzz: deps
	FUZZ_SECONDS=$(FUZZ_SECONDS) bash fuzz/run.sh

# clang-format is only needed here, so it is not in the main package list.
FORMAT_FILES = $(wildcard src/*.c src/*.h cli/*.c cli/*.h include/*.h \
                          tests/*.c bench/*.c fuzz/*.c)

format:
	@tools/setup-deps.sh clang-format
	$(if $(FORMAT_FILES),clang-format -i --style=file $(FORMAT_FILES),@echo "format: no files")

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
