#!/usr/bin/env python3
"""End-to-end accuracy: `luoshi extract` on each fixture report, scored.

usage: test_gold.py LUOSHI TESTS_DIR

For every TESTS_DIR/fixtures/NAME.txt with a gold file NAME.jsonl, runs
`LUOSHI extract NAME.txt`, scores the output with tests/tools/score.py --json
and fails when a score is below its floor (issue 2): on datong-2023 detection
F1 >= 0.97, unit, kind, op and change accuracy >= 0.95, metric >= 0.85; on
every other gold file F1 >= 0.93. A failing file gets the scorer's
--show-errors output, each line headed by the file name, so every missed or
spurious mention is named with its offsets.
"""
import glob
import json
import os
import re
import subprocess
import sys
import tempfile

DEFAULT_FLOORS = {"f1": 0.93}
FLOORS = {
    "datong-2023": {"f1": 0.97, "unit": 0.95, "kind": 0.95, "op": 0.95, "change": 0.95,
                    "metric": 0.85},
}


def score(scorer, gold, pred, *flags):
    run = subprocess.run([sys.executable, scorer, gold, pred, *flags], capture_output=True,
                         text=True)
    if run.returncode != 0:
        raise RuntimeError(f"score.py failed: {run.stderr.strip() or run.stdout.strip()}")
    return run.stdout


def show_errors(scorer, name, gold, pred):
    """Prints the scorer's error list for one file. Its WRONG lines name only
    the text of the mention: the offsets of the gold rows they may be are
    added from the gold file."""
    with open(gold, encoding="utf-8") as f:
        rows = [json.loads(line) for line in f if line.strip()]
    for line in score(scorer, gold, pred, "--show-errors").splitlines()[3:]:
        wrong = re.match(r"WRONG (\w+): gold (.*) predicted .* in (.*)$", line)
        if wrong:
            field, value, text = wrong.groups()
            starts = [str(r["start"]) for r in rows
                      if repr(r.get("text")) == text and repr(r.get(field)) == value]
            line += f" at byte {', '.join(starts)}" if starts else ""
        print(f"  {name}.txt: {line}")


def check_one(luoshi, scorer, txt, tmp):
    """Scores one fixture; returns the list of floors it misses."""
    name = os.path.basename(txt)[: -len(".txt")]
    gold = txt[: -len(".txt")] + ".jsonl"
    pred = os.path.join(tmp, name + ".pred.jsonl")
    with open(pred, "wb") as out:
        run = subprocess.run([luoshi, "extract", txt], stdout=out, stderr=subprocess.PIPE)
    if run.returncode != 0:
        return [f"luoshi extract exited with {run.returncode}: {run.stderr.decode().strip()}"]
    result = json.loads(score(scorer, gold, pred, "--json"))
    fields = dict(result["fields"], f1=result["f1"])
    floors = FLOORS.get(name, DEFAULT_FLOORS)
    summary = "  ".join(f"{k} {fields[k]:.3f}" for k in ["f1"] + list(result["fields"]))
    print(f"{name}: gold {result['gold']} predicted {result['predicted']} tp {result['tp']} "
          f"fp {result['fp']} fn {result['fn']}  {summary}")
    missed = [f"{k} {fields[k]:.3f} < {floor}" for k, floor in floors.items()
              if fields[k] < floor]
    if missed:
        show_errors(scorer, name, gold, pred)
    return missed


def main(argv):
    if len(argv) != 2:
        sys.exit(__doc__)
    luoshi, tests_dir = argv
    scorer = os.path.join(tests_dir, "tools", "score.py")
    texts = sorted(t for t in glob.glob(os.path.join(tests_dir, "fixtures", "*.txt"))
                   if os.path.exists(t[: -len(".txt")] + ".jsonl"))
    if not texts:
        sys.exit(f"no fixture with a gold file in {tests_dir}/fixtures")
    failed = 0
    with tempfile.TemporaryDirectory() as tmp:
        for txt in texts:
            missed = check_one(luoshi, scorer, txt, tmp)
            for m in missed:
                print(f"FAIL {os.path.basename(txt)}: {m}")
            failed += bool(missed)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
