#!/bin/sh
# test_cli.sh — exit codes, messages and output formats of `luoshi extract`,
# and the store's refusal of text that is not UTF-8.
#
# usage: test_cli.sh LUOSHI TESTS_DIR
#
# Exit codes are those of README.md: 0 success, 1 bad input, 2 bad usage.
# Error messages must name the file, and for bad bytes the byte offset.
# The snippet comes from a fixture report; odd inputs (NUL byte, bytes that
# are neither UTF-8 nor GB18030, GB18030 itself) are made here with printf
# and iconv. Output formats are parsed back with python3. Every check runs;
# each failure prints one line; the exit status is 1 if any failed.
set -u

LUOSHI=$1
TESTS=$2
TMP=$(mktemp -d) || exit 1
trap 'rm -rf "$TMP"' EXIT
FAILED=0
CHECKS=0

fail() {
    echo "FAIL: $*"
    FAILED=$((FAILED + 1))
}

# run EXPECTED_CODE ARGS...: runs luoshi with stdout and stderr to files;
# fails when the exit code differs.
run() {
    want=$1
    shift
    CHECKS=$((CHECKS + 1))
    "$LUOSHI" "$@" >"$TMP/out" 2>"$TMP/err"
    code=$?
    if [ "$code" -ne "$want" ]; then
        fail "luoshi $* exited with $code, want $want; stderr: $(cat "$TMP/err")"
        return 1
    fi
    return 0
}

# err_has TEXT WHAT: fails when stderr lacks TEXT.
err_has() {
    grep -F -q -- "$1" "$TMP/err" || fail "$2: stderr lacks '$1': $(cat "$TMP/err")"
}

# py CHECK_NAME SCRIPT ARGS...: runs a python3 check on files; fails if it does.
py() {
    name=$1
    shift
    python3 -c "$@" 2>"$TMP/pyerr" || fail "$name: $(cat "$TMP/pyerr")"
}

# The review paragraph of datong-2023 that opens with 原煤产量 1.6亿吨.
SNIPPET="$TMP/snippet.txt"
sed -n 11p "$TESTS/fixtures/datong-2023.txt" >"$SNIPPET"
grep -q '1.6亿吨' "$SNIPPET" || fail "the snippet of datong-2023.txt moved"

# --- usage errors: exit 2 ---
run 2 && err_has "usage" "no arguments"
run 2 extract && err_has "usage" "extract without a file"
run 2 extract --format xml "$SNIPPET" && err_has "xml" "unknown format"
run 2 extract --frobnicate "$SNIPPET" && err_has "frobnicate" "unknown option"
run 2 frobnicate && err_has "frobnicate" "unknown command"
run 0 --help
run 0 extract --help

# --- files that cannot be read: exit 1, the path in the message ---
run 1 extract "$TMP/no-such-file.txt" && err_has "$TMP/no-such-file.txt" "missing file"
mkdir "$TMP/adir"
run 1 extract "$TMP/adir" && err_has "$TMP/adir" "directory"

# --- bad bytes: exit 1, the path and the byte offset in the message ---
printf 'abc\000def\n' >"$TMP/nul.txt"
run 1 extract "$TMP/nul.txt" && err_has "$TMP/nul.txt" "NUL byte" && err_has "byte 3" "NUL byte"
printf 'hello world \377\376\375 more text\n' >"$TMP/bad.txt"
run 1 extract "$TMP/bad.txt" && err_has "$TMP/bad.txt" "invalid bytes" &&
    err_has "byte 12" "invalid bytes"

# --- an empty file: no mentions, exit 0 ---
: >"$TMP/empty.txt"
if run 0 extract "$TMP/empty.txt"; then
    [ -s "$TMP/out" ] && fail "empty file: jsonl output is not empty: $(cat "$TMP/out")"
fi
if run 0 extract --format json "$TMP/empty.txt"; then
    py "empty file as json" 'import json,sys; assert json.load(open(sys.argv[1])) == []' "$TMP/out"
fi

# --- output formats ---
if run 0 extract "$SNIPPET"; then
    cp "$TMP/out" "$TMP/snippet.jsonl"
    py "jsonl" '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
assert rows, "no mentions"
first = rows[0]
assert first["text"] == "1.6亿吨" and first["value"] == 160000000 and first["unit"] == "吨", first
keys = {"start", "end", "text", "value", "unit", "kind", "op", "change", "metric"}
for r in rows:
    assert keys <= set(r), r
    assert "file" not in r, r
' "$TMP/out"
fi
if run 0 extract --format json "$SNIPPET"; then
    py "json" '
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
jsonl = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert rows == jsonl, "json and jsonl differ"
' "$TMP/out" "$TMP/snippet.jsonl"
fi
if run 0 extract --format=csv "$SNIPPET"; then
    py "csv" '
import csv, json, sys
rows = list(csv.reader(open(sys.argv[1], encoding="utf-8", newline="")))
header = "file,start,end,text,value,value_max,unit,kind,op,change,metric".split(",")
assert rows[0] == header, rows[0]
jsonl = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
assert len(rows) - 1 == len(jsonl), (len(rows), len(jsonl))
for row, rec in zip(rows[1:], jsonl):
    assert row[3] == rec["text"] and float(row[4]) == rec["value"], (row, rec)
' "$TMP/out" "$TMP/snippet.jsonl"
fi
if run 0 extract --format table "$SNIPPET"; then
    grep -q '1.6亿吨' "$TMP/out" || fail "table lacks 1.6亿吨: $(cat "$TMP/out")"
    n=$(wc -l <"$TMP/snippet.jsonl")
    grep -q "^$n mentions" "$TMP/out" || fail "table lacks the line '$n mentions'"
fi

# --- standard input ---
if run 0 extract - <"$SNIPPET"; then
    cmp -s "$TMP/out" "$TMP/snippet.jsonl" || fail "stdin gives other records than the file"
fi

# --- two files: one output, records carry their file ---
cp "$SNIPPET" "$TMP/second.txt"
if run 0 extract "$SNIPPET" "$TMP/second.txt"; then
    py "two files, jsonl" '
import json, sys
rows = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
files = [r.get("file") for r in rows]
assert set(files) == {sys.argv[2], sys.argv[3]}, set(files)
assert files.count(sys.argv[2]) == files.count(sys.argv[3]) == len(rows) // 2
' "$TMP/out" "$SNIPPET" "$TMP/second.txt"
fi
if run 0 extract --format json "$SNIPPET" "$TMP/second.txt"; then
    py "two files, json" '
import json, sys
rows = json.load(open(sys.argv[1], encoding="utf-8"))
assert {r["file"] for r in rows} == {sys.argv[2], sys.argv[3]}
' "$TMP/out" "$SNIPPET" "$TMP/second.txt"
fi
if run 0 extract --format csv "$SNIPPET" "$TMP/second.txt"; then
    n=$(grep -c '^file,start,end' "$TMP/out")
    [ "$n" -eq 1 ] || fail "two files as csv: $n header rows, want 1"
fi

# --- many files on several cores print what one core prints ---
# The reports (texts and pages) read on worker threads and printed in order
# must equal the run pinned to one core (read one after another), in every
# format (the JSON array too, with files of no record), with a file too
# large for a worker (read in its turn), standard input, and a file that
# fails in the middle (the files before it printed, its message, exit 1,
# nothing after). Where taskset is missing or the machine has one core,
# both runs take the same path.
MANY="$TESTS/fixtures/datong-2023.txt $TESTS/fixtures/guowuyuan-2024.txt $TESTS/fixtures/hailaer-2019.txt"
MANY="$MANY $TESTS/fixtures/datong-2023.html $TESTS/fixtures/hailaer-2019.html"
for f in "$TESTS"/fixtures/corpus/*.txt "$TESTS"/fixtures/corpus/provinces-2026/*.txt; do
    [ -f "$f" ] && MANY="$MANY $f"
done
for i in 1 2 3 4 5; do cat "$TESTS"/fixtures/*.txt; done >"$TMP/large.txt" # over 512 KB
# a short file of many mentions (four blocks of them written on threads)
awk 'BEGIN { for (i = 1; i <= 14000; i++) printf "产量增长%d%%，", i % 97; print "" }' \
    >"$TMP/dense.txt"
printf 'x\000y' >"$TMP/nul-middle.txt"
: >"$TMP/empty.txt"
one_core() {
    if command -v taskset >/dev/null 2>&1; then taskset -c 0 "$LUOSHI" "$@"; else "$LUOSHI" "$@"; fi
}
# same_as_one_core WHAT ARGS...: both runs' stdout, stderr and exit code agree
same_as_one_core() {
    what=$1
    shift
    CHECKS=$((CHECKS + 1))
    "$LUOSHI" "$@" <"$SNIPPET" >"$TMP/many.out" 2>"$TMP/many.err"
    a=$?
    one_core "$@" <"$SNIPPET" >"$TMP/one.out" 2>"$TMP/one.err"
    b=$?
    [ "$a" -eq "$b" ] || fail "$what: exit $a on all cores, $b on one"
    cmp -s "$TMP/many.out" "$TMP/one.out" || fail "$what: the output differs from one core's"
    cmp -s "$TMP/many.err" "$TMP/one.err" || fail "$what: the messages differ from one core's"
}
# shellcheck disable=SC2086 # the lists are split on purpose
{
    same_as_one_core "many files, jsonl" extract $MANY "$TMP/large.txt" -
    same_as_one_core "many files, csv" extract --format csv "$TMP/large.txt" $MANY
    same_as_one_core "many files, table" extract --format table $MANY
    same_as_one_core "many files, json" extract --format json $MANY - "$TMP/large.txt" $MANY
    same_as_one_core "many files, outline json" outline --format json "$TMP/nul-middle.txt" $MANY
    same_as_one_core "many files, json, a failure" extract --format json $MANY "$TMP/nul-middle.txt"
    same_as_one_core "many files, json, empty ones" extract --format json "$TMP/empty.txt" $MANY \
        "$TMP/empty.txt" "$TMP/large.txt" "$TMP/empty.txt"
    same_as_one_core "many files, outline" outline $MANY
    same_as_one_core "many files, outline tree" outline --format tree $MANY "$TMP/large.txt"
    same_as_one_core "a file failing in the middle" extract $MANY "$TMP/nul-middle.txt" $MANY
    same_as_one_core "a file missing in the middle" outline $MANY "$TMP/no-such.txt" $MANY
}
[ "$(grep -c . "$TMP/one.out")" -gt 100 ] || fail "many files: the outline printed too little"
grep -q "no-such.txt" "$TMP/many.err" || fail "many files: no message for the missing file"
if run 1 extract $MANY "$TMP/nul-middle.txt" "$SNIPPET"; then
    grep -q '"file":"'"$SNIPPET"'"' "$TMP/out" && fail "many files: a file after a failure was printed"
    grep -q 'provinces-2026' "$TMP/out" || fail "many files: the files before a failure were not printed"
fi
# --- a named pipe as FILE (as <(...) gives): read as it comes, not sought
# back to its start; alone and among other files ---
if mkfifo "$TMP/pipe.txt" 2>/dev/null; then
    # the writer gives up after 20 s: a luoshi that never opens the pipe
    # fails the check, it does not hang the test
    timeout 20 sh -c 'cat "$1" >"$2"' sh "$SNIPPET" "$TMP/pipe.txt" &
    if run 0 extract "$TMP/pipe.txt"; then
        cp "$TMP/out" "$TMP/pipe.out"
        run 0 extract "$SNIPPET" && cmp -s "$TMP/out" "$TMP/pipe.out" ||
            fail "a named pipe: not the mentions of the file written into it"
    fi
    wait
    timeout 20 sh -c 'cat "$1" >"$2"' sh "$SNIPPET" "$TMP/pipe.txt" &
    run 0 extract "$SNIPPET" "$TMP/pipe.txt" "$SNIPPET" &&
        [ "$(grep -c . "$TMP/out")" -eq "$(($(grep -c . "$TMP/pipe.out") * 3))" ] ||
        fail "a named pipe among files: not three files' mentions"
    wait
fi

# --- a large file is mapped (parse, extract): the bytes of one read of
# standard input (read in halves: tests/test_mapfile.c) ---
awk 'BEGIN { for (i = 0; i < 150000; i++) if (i % 7000 == 0) printf "第%d段：产量增长%d%%。\n", i, i % 89;
             else print "plain text line of ascii filler to make the file large enough" }' >"$TMP/big.txt"
if run 0 parse "$TMP/big.txt"; then
    sed -n 's/^ "id": "\(.*\)",$/\1/p' "$TMP/out" >"$TMP/big-id"
    run 0 parse - <"$TMP/big.txt" && sed -n 's/^ "id": "\(.*\)",$/\1/p' "$TMP/out" >"$TMP/big-id2"
    [ -s "$TMP/big-id" ] && cmp -s "$TMP/big-id" "$TMP/big-id2" ||
        fail "a large file mapped: its text differs from one read of standard input"
    run 0 extract "$TMP/big.txt" && [ "$(grep -c . "$TMP/out")" -eq 22 ] ||
        fail "a large file mapped: not its 22 mentions"
fi

# many mentions of one file: written in blocks on threads, in order
# shellcheck disable=SC2086 # the list is split on purpose
{
    same_as_one_core "many mentions, jsonl" extract "$TMP/dense.txt"
    same_as_one_core "many mentions, json" extract --format json $MANY "$TMP/dense.txt" "$SNIPPET"
    same_as_one_core "many mentions, csv" extract --format csv "$TMP/dense.txt" "$SNIPPET"
    same_as_one_core "many mentions, table" extract --format table "$SNIPPET" "$TMP/dense.txt"
}
[ "$(grep -c '产量' "$TMP/one.out")" -ge 14000 ] || fail "many mentions: too few mentions written"

# --- a GB18030 copy gives the same mentions as the UTF-8 text ---
if iconv -f UTF-8 -t GB18030 "$SNIPPET" >"$TMP/gb.txt" 2>"$TMP/iconv-err"; then
    if run 0 extract "$TMP/gb.txt"; then
        py "gb18030" '
import json, sys
fields = ("text", "value", "value_max", "unit", "kind", "op", "change", "metric")
gb = [json.loads(l) for l in open(sys.argv[1], encoding="utf-8")]
utf8 = [json.loads(l) for l in open(sys.argv[2], encoding="utf-8")]
pick = lambda rows: [tuple(r.get(f) for f in fields) for r in rows]
assert pick(gb) == pick(utf8), (pick(gb), pick(utf8))
' "$TMP/out" "$TMP/snippet.jsonl"
    fi
else
    fail "iconv cannot make GB18030: $(cat "$TMP/iconv-err")"
fi

# --- a bad file after a good one: exit 1, the good one printed ---
if run 1 extract "$SNIPPET" "$TMP/nul.txt"; then
    grep -q '1.6亿吨' "$TMP/out" || fail "the file before a bad one was not printed"
    err_has "$TMP/nul.txt" "bad second file"
fi

# --- the store keeps only UTF-8: a bad name is refused, the listing still works ---
run 1 units add "$(printf '\377\376')" --db "$TMP/u8.db" && err_has "not valid UTF-8" "a unit named in bad bytes"
run 1 units add "$(printf '能源\345')" --db "$TMP/u8.db" && err_has "at byte 6" "a unit cut inside a character"
run 0 units add 能源局 --db "$TMP/u8.db"
if run 0 units --db "$TMP/u8.db"; then
    n=$(grep -c '能源' "$TMP/out")
    [ "$n" -eq 1 ] || fail "after two refused names, units lists $n rows with 能源, want 1"
fi

# --- libraries opened when needed: poppler, libpq, libmicrohttpd, libzip
# and libxlsxwriter are loaded by the command that needs them, not at start. A directory of
# broken copies (empty files under their names, found first through
# LD_LIBRARY_PATH) leaves text commands working and makes the others fail
# with a message that names the library, never a crash. The names are the
# ones the binary holds (libpq.so.5 ...) and their unversioned forms. ---
BROKEN="$TMP/broken-libs"
mkdir -p "$BROKEN"
for so in $(strings "$LUOSHI" | grep -E '^lib(poppler-glib|pq|microhttpd|zip|xlsxwriter|xml2)\.so(\.[0-9]+)?$' | sort -u); do
    : >"$BROKEN/$so"
done
for lib in poppler-glib pq microhttpd zip xlsxwriter xml2; do
    [ -f "$BROKEN/lib$lib.so" ] || fail "the binary does not name lib$lib.so: not opened when needed?"
done
export LD_LIBRARY_PATH="$BROKEN"
if run 0 extract "$SNIPPET"; then
    grep -q '1.6亿吨' "$TMP/out" || fail "extract without the lazily opened libraries printed no 1.6亿吨"
fi
run 1 extract "$TESTS/fixtures/datong-2023.pdf" && err_has "needs the poppler library" "a PDF without poppler"
run 3 reports --db postgresql://127.0.0.1:1/none && err_has "needs libpq" "a PostgreSQL store without libpq"
run 3 serve --port 0 --db "$TMP/serve.db" && err_has "needs libmicrohttpd" "serve without libmicrohttpd"
# ... and before it wrote anything: no first admin created, no password printed
grep -q "created the user admin" "$TMP/out" && fail "serve without libmicrohttpd created the first admin"
[ -e "$TMP/serve.db" ] && fail "serve without libmicrohttpd created its store"
run 1 extract "$TESTS/fixtures/datong-2023.docx" && err_has "needs libzip" "a DOCX without libzip"
run 1 extract "$TESTS/fixtures/hailaer-2019.html" && err_has "needs libxml2" "a page without libxml2"
run 0 units add 能源局 --db "$TMP/lazy.db"
run 1 export --layout fengong --out "$TMP/fengong.xlsx" --db "$TMP/lazy.db" &&
    err_has "needs libxlsxwriter" "an XLSX export without libxlsxwriter"
unset LD_LIBRARY_PATH
# SQLite alone broken: the reading commands work, a store names SQLite
# and no store file is made
NO_SQLITE="$TMP/broken-sqlite"
mkdir -p "$NO_SQLITE"
for so in $(strings "$LUOSHI" | grep -E '^libsqlite3\.so(\.[0-9]+)?$' | sort -u); do
    : >"$NO_SQLITE/$so"
done
[ -f "$NO_SQLITE/libsqlite3.so" ] || fail "the binary does not name libsqlite3.so: not opened when needed?"
export LD_LIBRARY_PATH="$NO_SQLITE"
if run 0 extract "$SNIPPET"; then
    grep -q '1.6亿吨' "$TMP/out" || fail "extract without SQLite printed no 1.6亿吨"
fi
run 3 units add 能源局 --db "$TMP/no-sqlite.db" && err_has "needs SQLite" "a store without SQLite"
[ -e "$TMP/no-sqlite.db" ] && fail "a store without SQLite created its file"
unset LD_LIBRARY_PATH

echo "$CHECKS runs, $FAILED failed"
[ "$FAILED" -eq 0 ]
