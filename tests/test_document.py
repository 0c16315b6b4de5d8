#!/usr/bin/env python3
"""test_document.py — `luoshi parse` and `luoshi outline` on every report.

usage: test_document.py LUOSHI SOURCE_DIR

For every report under tests/fixtures (the three with gold files and the
whole corpus under fixtures/corpus), runs `luoshi parse` and checks:
- the output holds exactly the fields documented in docs/document.md;
- the invariants between its parts: offsets inside the text, headings in
  order with parents of a lower level, mentions whose text is the bytes of
  their span, tasks whose mentions lie inside them, unique and stable ids,
  links from a target to an actual of the same report;
and, on the reports with a gold outline, the outline F1 floors of issue 3
(datong-2023 >= 0.95, every other >= 0.90) and the part of every matched
heading, naming each miss on failure.
Also the Datong examples of the issue: its three links, and the named
things 国电湖东 and 浑源150万千瓦抽水蓄能电站; and the Datong report saved as
an HTML page gives the same outline and mentions as the text.
"""
import glob
import json
import os
import re
import subprocess
import sys

FLOORS = {"datong-2023": 0.95}
DEFAULT_FLOOR = 0.90
PART_FLOOR = 1.0  # the part of every matched heading of the gold outlines
failures = []


def fail(msg):
    failures.append(msg)
    print("FAIL", msg)


def documented_fields(doc_md):
    """Field paths from the tables of docs/document.md: source.file, outline[].level ..."""
    sections = {"Top level": "", "`source`": "source.", "`outline[]`": "outline[].",
                "`mentions[]`": "mentions[].", "`tasks[]`": "tasks[].", "`links[]`": "links[]."}
    fields, prefix = set(), None
    for line in open(doc_md, encoding="utf-8"):
        if line.startswith("## "):
            title = line[3:].strip()
            prefix = next((p for k, p in sections.items() if title.startswith(k)), None)
            continue
        m = re.match(r"\| `([a-z_]+)` \|", line)
        if m and prefix is not None:
            fields.add(prefix + m.group(1))
    return fields


def output_fields(doc):
    fields = set(doc.keys())
    for key in ("source",):
        fields |= {f"{key}.{k}" for k in doc[key]}
    for key in ("outline", "mentions", "tasks", "links"):
        for item in doc[key]:
            fields |= {f"{key}[].{k}" for k in item}
    return fields


def check_invariants(name, doc):
    text = doc["source"]["text"].encode("utf-8")
    n = len(text)
    if doc["source"]["bytes"] != n:
        fail(f"{name}: source.bytes {doc['source']['bytes']} != {n}")
    last = -1
    for h in doc["outline"]:
        if not (1 <= h["level"] <= 3) or not (0 <= h["start"] < h["end"] <= h["body_end"] <= n):
            fail(f"{name}: heading {h['index']} has bad level or offsets: {h}")
        if h["start"] < last:
            fail(f"{name}: heading {h['index']} out of order")
        last = h["start"]
        p = h["parent"]
        if p is not None and doc["outline"][p]["level"] >= h["level"]:
            fail(f"{name}: heading {h['index']} has a parent of level >= its own")
        if not h["title"]:
            fail(f"{name}: heading {h['index']} has an empty title")
    last = -1
    for m in doc["mentions"]:
        if text[m["start"]:m["end"]].decode("utf-8") != m["text"]:
            fail(f"{name}: mention {m['index']} text is not the bytes of its span")
        if m["start"] < last:
            fail(f"{name}: mention {m['index']} out of order")
        last = m["start"]
    ids = set()
    for t in doc["tasks"]:
        if t["id"] in ids:
            fail(f"{name}: task id {t['id']} is not unique")
        ids.add(t["id"])
        if not (0 <= t["start"] < t["end"] <= n):
            fail(f"{name}: task {t['id']} has bad offsets")
        for i in t["mentions"]:
            m = doc["mentions"][i]
            if not (t["start"] <= m["start"] < t["end"]):
                fail(f"{name}: task {t['id']} lists mention {i} outside its span")
        want = "achievement" if t["part"] == "review" else "task"
        if t["kind"] != want:
            fail(f"{name}: task {t['id']} in part {t['part']} is a {t['kind']}")
    for k in doc["links"]:
        t, b = doc["mentions"][k["target"]], doc["mentions"][k["baseline"]]
        if t["kind"] != "target" or b["kind"] != "actual" or b["part"] != "review":
            fail(f"{name}: link {k} does not go from a target to an actual of the review")


def parse(luoshi, path):
    out = subprocess.run([luoshi, "parse", path], capture_output=True)
    if out.returncode != 0:
        fail(f"{path}: luoshi parse exited {out.returncode}: {out.stderr.decode()}")
        return None
    return json.loads(out.stdout)


def score_outline(luoshi, src, txt, gold):
    sys.path.insert(0, os.path.join(src, "tests", "tools"))
    import score_outline
    out = subprocess.run([luoshi, "outline", txt, "--format", "jsonl"], capture_output=True)
    pred = [json.loads(l) for l in out.stdout.decode().splitlines() if l.strip()]
    result, misses, extras, wrong_parts = score_outline.score(score_outline.load(gold), pred)
    return result["all"]["f1"], result["part"]["accuracy"], misses, extras, wrong_parts


def main(luoshi, src):
    fixtures = os.path.join(src, "tests", "fixtures")
    documented = documented_fields(os.path.join(src, "docs", "document.md"))
    reports = sorted(glob.glob(os.path.join(fixtures, "*.txt")) +
                     glob.glob(os.path.join(fixtures, "corpus", "**", "*.txt"), recursive=True))
    seen = set()
    for path in reports:
        name = os.path.basename(path)
        doc = parse(luoshi, path)
        if doc is None:
            continue
        seen |= output_fields(doc)
        check_invariants(name, doc)
        again = parse(luoshi, path)
        if again and [t["id"] for t in again["tasks"]] != [t["id"] for t in doc["tasks"]]:
            fail(f"{name}: task ids differ between two runs")
        # a whole report has parts and tasks (taizhou-2018 is a 3 KB excerpt
        # of a review, with no heading)
        if doc["source"]["bytes"] > 10000 and not doc["outline"]:
            fail(f"{name}: no outline")
        if doc["source"]["bytes"] > 10000 and not any(t["kind"] == "task" for t in doc["tasks"]):
            fail(f"{name}: no tasks")
    for field in sorted(seen - documented):
        fail(f"field {field} is written but not in docs/document.md")
    for field in sorted(documented - seen):
        fail(f"field {field} is in docs/document.md but never written")

    # the outline floors on the gold outlines
    for gold in sorted(glob.glob(os.path.join(fixtures, "*.outline.jsonl"))):
        stem = os.path.basename(gold)[: -len(".outline.jsonl")]
        f1, part, misses, extras, wrong_parts = score_outline(
            luoshi, src, os.path.join(fixtures, stem + ".txt"), gold)
        floor = FLOORS.get(stem, DEFAULT_FLOOR)
        print(f"outline {stem}: f1 {f1:.3f} (floor {floor}), part {part:.3f} (floor {PART_FLOOR})")
        if part < PART_FLOOR:
            fail(f"outline {stem}: part {part:.3f} below {PART_FLOOR}")
            for h, got in wrong_parts:
                print(f"  PART level {h['level']} at byte {h['start']}: {h['title']} "
                      f"gold {h['part']}, luoshi {got}")
        if f1 < floor:
            fail(f"outline {stem}: f1 {f1:.3f} below {floor}")
            for h in misses:
                print(f"  MISSED level {h['level']} at byte {h['start']}: {h['title']}")
            for h in extras:
                print(f"  EXTRA level {h['level']} at byte {h['start']}: {h['title']}")

    # the examples of issue 3 on the Datong report
    doc = parse(luoshi, os.path.join(fixtures, "datong-2023.txt"))
    if doc:
        pairs = {(doc["mentions"][k["baseline"]]["text"], doc["mentions"][k["target"]]["text"])
                 for k in doc["links"]}
        for pair in [("21.7万亩", "20.8万亩"), ("1.6亿吨", "1.6亿吨"), ("44.5万亩", "42.23万亩")]:
            if pair not in pairs:
                fail(f"datong: no link {pair[0]} -> {pair[1]}")
        names = {e for t in doc["tasks"] for e in t["entities"]}
        for name in ["国电湖东", "浑源150万千瓦抽水蓄能电站"]:
            if name not in names:
                fail(f"datong: named thing {name} not found")
    # a saved web page gives the report's text: same outline and mentions,
    # offsets into the extracted text
    page = parse(luoshi, os.path.join(fixtures, "datong-2023.html"))
    plain = parse(luoshi, os.path.join(fixtures, "datong-2023.txt"))
    if page and plain:
        if page["source"]["format"] != "html" or page["source"]["offsets"] != "extracted-text":
            fail("datong-2023.html: source does not say html / extracted-text")
        check_invariants("datong-2023.html", page)
        key = lambda d: [(m["text"], m["value"], m["unit"], m["kind"]) for m in d["mentions"]]
        if key(page) != key(plain):
            fail("datong-2023.html: mentions differ from those of datong-2023.txt")
        if [h["title"] for h in page["outline"]] != [h["title"] for h in plain["outline"]]:
            fail("datong-2023.html: outline differs from that of datong-2023.txt")
        for word in ("网站地图", "ICP备", "分享到"):
            if word in page["source"]["text"]:
                fail(f"datong-2023.html: page clutter {word} in the extracted text")
    print(f"{len(reports)} reports, {len(failures)} failures")
    return 1 if failures else 0


if __name__ == "__main__":
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    sys.exit(main(sys.argv[1], sys.argv[2]))
