#!/usr/bin/env python3
"""The parts of 39 hand-labelled reports, and their draft ledgers.

usage: test_parts.py LUOSHI TESTS_DIR

For every report of TESTS_DIR/fixtures/parts/ (the 31 provinces of 2026, the national
report of 2022 and 海拉尔区 2012-2018, labelled by hand: see the README there), scores
`LUOSHI outline` and `LUOSHI extract` with tests/tools/score_parts.py, and imports the
report into a fresh store to read its draft ledger. Fails below the floors measured when
the rules were written (issue 11):
  parts     part headings found at level 1 with the right part       >= 1.0
  self      self parts without a heading of their own found as self   >= 1.0
  targets   figures of the year's headline read as targets            >= 1.0
  rows      those figures in a target row of the draft ledger         >= 1.0
and when a row of the draft ledger stands in what follows the closing words (an annex,
a glossary, a web page's furniture) or is only a salutation (各位代表！). Each miss is
named with its report and offset.
"""
import json
import os
import subprocess
import sys
import tempfile

FLOORS = {"parts": 1.0, "self": 1.0, "targets": 1.0, "rows": 1.0}


def ledger_rows(luoshi, path, tmp):
    db = os.path.join(tmp, "parts.db")
    for f in (db, db + "-wal", db + "-shm"):
        if os.path.exists(f):
            os.remove(f)
    subprocess.run([luoshi, "import", path, "--gov", "parts", "--year", "2026", "--db", db],
                   capture_output=True, check=True)
    out = subprocess.run([luoshi, "tasks", "--format", "jsonl", "--db", db],
                         capture_output=True, text=True, check=True).stdout
    return [json.loads(line) for line in out.splitlines()]


def check_ledger(luoshi, sp, name, tmp, counts, failures):
    """The draft ledger of one report: headline figures in target rows, no row in
    part other, no salutation."""
    path = sp.text_path(name)
    data = open(path, "rb").read()
    gold = [json.loads(line) for line in open(os.path.join(sp.gold_dir, name + ".parts.jsonl"))]
    rows = ledger_rows(luoshi, path, tmp)
    mentions = sp.run(luoshi, "extract", path)
    spans = [(r["start"], r["end"]) for r in rows if r["kind"] == "target"]
    for g in gold:
        if g["level"] != 0 or g["part"] != "requirements":
            continue
        end = sp.sentence_end(data, g["start"])
        for m in mentions:
            if g["start"] <= m["start"] < end and m["kind"] == "target":
                counts[1] += 1
                hit = any(a <= m["start"] < b for a, b in spans)
                counts[0] += hit
                if not hit:
                    print(f"  {name}: headline figure {m['text']} at {m['start']} has no target row")
    other = [g["start"] for g in gold if g["level"] == 1 and g["part"] == "other"]
    for r in rows:
        if other and r["start"] >= min(other):
            failures.append(f"{name}: a row after the closing words at {r['start']}: {r['text'][:30]}")
        if r["text"].strip("！!，,：: ") == "各位代表":
            failures.append(f"{name}: a row for a salutation at {r['start']}")


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    luoshi, tests_dir = argv
    sys.path.insert(0, os.path.join(tests_dir, "tools"))
    import score_parts as sp
    names = sorted(f[: -len(".parts.jsonl")] for f in os.listdir(sp.gold_dir)
                   if f.endswith(".parts.jsonl"))
    if not names:
        sys.exit(f"no labelled report in {sp.gold_dir}")
    total = {"parts": [0, 0], "self": [0, 0], "targets": [0, 0], "rows": [0, 0]}
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        for name in names:
            c = sp.score(luoshi, name, True)
            for k in c:
                total[k][0] += c[k][0]
                total[k][1] += c[k][1]
            check_ledger(luoshi, sp, name, tmp, total["rows"], failures)
    for k, (hit, n) in total.items():
        share = hit / n if n else 1.0
        print(f"{k}: {share:.3f} ({hit}/{n}), floor {FLOORS[k]}")
        if share < FLOORS[k]:
            failures.append(f"{k} {share:.3f} below {FLOORS[k]}")
    for f in failures:
        print("FAIL", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
