#!/usr/bin/env python3
"""Score the parts of reports against the hand-labelled parts of tests/fixtures/parts/.

usage: score_parts.py LUOSHI [NAME...] [--show-errors]

A copy of the project's shared scorer (eval/score_parts.py) that reads the fixtures: the
gold files tests/fixtures/parts/NAME.parts.jsonl (see the README there) and the report
texts tests/fixtures/NAME.txt, tests/fixtures/corpus/NAME.txt or
tests/fixtures/corpus/provinces-2026/NAME.txt. Runs `LUOSHI outline` and `LUOSHI extract`
on each report (or the NAMEs given) and prints, per report and overall:
  parts    level-1 gold headings found at level 1 with the same part (title match as in
           score_outline.py)
  self     self pointers (a self part with no heading of its own) where the heading that
           covers the pointer has part self
  targets  headline-target pointers: share of the figures in that sentence read as target
"""
import json
import os
import subprocess
import sys

here = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, here)
from score_outline import similar  # noqa: E402

fixtures = os.path.join(here, "..", "fixtures")
gold_dir = os.path.join(fixtures, "parts")


def text_path(name):
    for p in (os.path.join(fixtures, name + ".txt"), os.path.join(fixtures, "corpus", name + ".txt"),
              os.path.join(fixtures, "corpus", "provinces-2026", name + ".txt")):
        if os.path.exists(p):
            return p
    sys.exit(f"no fixture text for {name}")


def run(luoshi, verb, path):
    out = subprocess.run([luoshi, verb, path], capture_output=True, text=True).stdout
    return [json.loads(line) for line in out.splitlines() if line.strip()]


def sentence_end(data, start):
    ends = [data.find(m.encode(), start) for m in ("。", "\n")]
    ends = [e for e in ends if e >= 0]
    return min(ends) if ends else len(data)


def score(luoshi, name, show):
    path = text_path(name)
    data = open(path, "rb").read()
    gold = [json.loads(line) for line in open(os.path.join(gold_dir, name + ".parts.jsonl"))]
    heads = run(luoshi, "outline", path)
    mentions = run(luoshi, "extract", path)
    c = {"parts": [0, 0], "self": [0, 0], "targets": [0, 0]}
    l1 = [h for h in heads if h["level"] == 1]
    for g in gold:
        if g["level"] == 1:
            hit = next((h for h in l1 if similar(g["title"], h["title"])), None)
            ok = hit is not None and hit["part"] == g["part"]
            c["parts"][1] += 1
            c["parts"][0] += ok
            if show and not ok:
                print(f"  {name}: part heading {g['title'][:30]} gold {g['part']}, luoshi {hit['part'] if hit else 'not found'}")
        elif g.get("part") == "self":
            cover = [h for h in heads if h["start"] <= g["start"] + 3]
            part = cover[-1]["part"] if cover else None
            c["self"][1] += 1
            c["self"][0] += part == "self"
            if show and part != "self":
                print(f"  {name}: self part at {g['start']} ({g['title'][:20]}) read as {part}")
        elif g.get("part") == "requirements":
            end = sentence_end(data, g["start"])
            figs = [m for m in mentions if g["start"] <= m["start"] < end]
            c["targets"][1] += len(figs)
            c["targets"][0] += sum(m["kind"] == "target" for m in figs)
            if show and any(m["kind"] != "target" for m in figs):
                print(f"  {name}: headline targets at {g['start']}: {sum(m['kind'] != 'target' for m in figs)} of {len(figs)} not target")
    return c


def main(argv):
    show = "--show-errors" in argv
    args = [a for a in argv if not a.startswith("--")]
    if not args:
        sys.exit(__doc__)
    names = args[1:] or sorted(f[:-len(".parts.jsonl")] for f in os.listdir(gold_dir) if f.endswith(".parts.jsonl"))
    total = {"parts": [0, 0], "self": [0, 0], "targets": [0, 0]}
    for name in names:
        c = score(args[0], name, show)
        for k in total:
            total[k][0] += c[k][0]
            total[k][1] += c[k][1]
        print(name + ": " + "  ".join(f"{k} {v[0]}/{v[1]}" for k, v in c.items()))
    print("all: " + "  ".join(f"{k} {v[0] / v[1]:.3f} ({v[0]}/{v[1]})" for k, v in total.items() if v[1]))


if __name__ == "__main__":
    main(sys.argv[1:])
