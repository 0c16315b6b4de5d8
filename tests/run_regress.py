#!/usr/bin/env python3
"""Runs the regression cases of tests/regress/ through `luoshi extract`.

usage: run_regress.py LUOSHI REGRESS_DIR

A case is one file, NAME.txt:

    全年原煤产量完成1.6亿吨,同比增长7%;      <- the snippet: any number of lines
    .                                          <- a line with only a dot
    {"text": "1.6亿吨", "value": 160000000, "unit": "吨"}
    {"text": "7%", "change": "increase"}      <- expected records, one a line
    {"absent": "2022年"}                       <- no mention may overlap this text
    # origin: tests/fixtures/datong-2023.txt, bytes 292-316

A case about the outline or the draft ledger lists other records instead:

    {"heading": "相关报道", "level": 1, "part": "other"}   <- a heading with this title
    {"no_heading": "一是"}                    <- no heading's title holds this text
    {"row": "加快建设", "kind": "task"}        <- a ledger row whose sentence holds this
    {"no_row": "各位代表"}                    <- no ledger row's sentence holds this

Headings come from `LUOSHI outline`, rows from `LUOSHI import` of the snippet
into a fresh store and `LUOSHI tasks --format jsonl`. A heading or row record
must match after the one of its kind before it, like mentions.

The snippet (its bytes up to the dot line, final newline included) is
written to a file and extracted as JSONL. Each expected record lists only
the fields to check; it must equal, field by field, a mention found after
the one the record before it matched (numbers agree to a relative 1e-9;
start and end are offsets into the snippet). {"absent": TEXT} says that no
mention overlaps any occurrence of TEXT. A case with no records checks only
that extraction succeeds (a crash the fuzzer found). Every case needs a
`# origin:` line saying where the snippet comes from. Each failure names the
file, the record and the mentions that were found.
"""
import json
import os
import subprocess
import sys
import tempfile


def parse(path):
    """Returns (snippet bytes, expected records, origin) of one case file."""
    with open(path, "rb") as f:
        data = f.read()
    if data.startswith(b".\n"):
        snippet, rest = b"", data[2:]
    else:
        cut = data.find(b"\n.\n")
        if cut < 0:
            raise ValueError("no line with only '.' after the snippet")
        snippet, rest = data[: cut + 1], data[cut + 3 :]
    records, origin = [], None
    for n, line in enumerate(rest.decode("utf-8").splitlines(), 1):
        line = line.strip()
        if line.startswith("# origin:"):
            origin = line[len("# origin:") :].strip()
        elif line and not line.startswith("#"):
            try:
                records.append(json.loads(line))
            except json.JSONDecodeError as e:
                raise ValueError(f"expected record {n} is not JSON: {e}")
    if not origin:
        raise ValueError("no '# origin:' line")
    return snippet, records, origin


def same(want, got):
    if isinstance(want, (int, float)) and not isinstance(want, bool):
        if not isinstance(got, (int, float)) or isinstance(got, bool):
            return False
        return want == got or abs(want - got) <= 1e-9 * max(abs(want), abs(got))
    return want == got


def matches(record, mention):
    return all(k in mention and same(v, mention[k]) for k, v in record.items())


OUTLINE_KEYS = ("heading", "no_heading")
LEDGER_KEYS = ("row", "no_row")


def check_ordered(records, found, key, text_of, errors):
    """Checks the 'key' records (and 'no_' + key) against the list 'found', whose
    items' text is text_of(item): in order, fields equal, the text equal for a
    heading and contained for a row."""
    next_index = 0
    for record in records:
        if "no_" + key in record:
            for item in found:
                if record["no_" + key] in text_of(item):
                    errors.append(f"no {key} may hold {record['no_' + key]!r}, but found {item}")
            continue
        if key not in record:
            continue
        want = {k: v for k, v in record.items() if k != key}
        for i in range(next_index, len(found)):
            text = text_of(found[i])
            hit = text == record[key] if key == "heading" else record[key] in text
            if hit and matches(want, found[i]):
                next_index = i + 1
                break
        else:
            near = [f for f in found if record[key] in text_of(f)]
            errors.append(f"no {key} {record}" + (f"; found {near}" if near else ""))


def check(snippet, records, mentions):
    """Returns the list of failure messages of one case."""
    errors, next_index = [], 0
    for record in records:
        if any(k in record for k in OUTLINE_KEYS + LEDGER_KEYS):
            continue
        if "absent" in record:
            word = record["absent"].encode("utf-8")
            at = snippet.find(word)
            while at >= 0:
                for m in mentions:
                    if m["start"] < at + len(word) and at < m["end"]:
                        errors.append(f"{record['absent']!r} is not a quantity, but found {m}")
                at = snippet.find(word, at + 1)
            continue
        for i in range(next_index, len(mentions)):
            if matches(record, mentions[i]):
                next_index = i + 1
                break
        else:
            near = [m for m in mentions if m.get("text") == record.get("text")]
            errors.append(f"no mention {record}" + (f"; found {near}" if near else ""))
    return errors


def outline(luoshi, path):
    run = subprocess.run([luoshi, "outline", path], capture_output=True)
    return [json.loads(line) for line in run.stdout.decode("utf-8").splitlines()]


def ledger(luoshi, path, tmp):
    """The rows of the draft ledger of the snippet at 'path', in a fresh store."""
    db = os.path.join(tmp, "regress.db")
    for f in (db, db + "-wal", db + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    subprocess.run([luoshi, "import", path, "--gov", "regress", "--year", "2026", "--db", db],
                   capture_output=True, check=True)
    run = subprocess.run([luoshi, "tasks", "--format", "jsonl", "--db", db], capture_output=True,
                         check=True)
    return [json.loads(line) for line in run.stdout.decode("utf-8").splitlines()]


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    luoshi, regress_dir = argv
    names = sorted(n for n in os.listdir(regress_dir) if n.endswith(".txt"))
    if not names:
        sys.exit(f"no cases in {regress_dir}")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            path = os.path.join(regress_dir, name)
            try:
                snippet, records, origin = parse(path)
            except (ValueError, UnicodeDecodeError) as e:
                print(f"{path}: {e}")
                failed += 1
                continue
            input_path = os.path.join(tmp, name)
            with open(input_path, "wb") as f:
                f.write(snippet)
            run = subprocess.run([luoshi, "extract", input_path], capture_output=True)
            if run.returncode != 0:
                print(f"{path}: luoshi exited with {run.returncode}: "
                      f"{run.stderr.decode('utf-8', 'replace').strip()}")
                failed += 1
                continue
            mentions = [json.loads(line) for line in run.stdout.decode("utf-8").splitlines()]
            errors = check(snippet, records, mentions)
            if any(k in r for r in records for k in OUTLINE_KEYS):
                check_ordered(records, outline(luoshi, input_path), "heading", lambda h: h["title"],
                              errors)
            if any(k in r for r in records for k in LEDGER_KEYS):
                check_ordered(records, ledger(luoshi, input_path, tmp), "row", lambda r: r["text"],
                              errors)
            for e in errors:
                print(f"{path}: {e}  (origin: {origin})")
            failed += bool(errors)
    print(f"{len(names) - failed} of {len(names)} regression cases pass")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
