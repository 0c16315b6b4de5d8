#!/usr/bin/env python3
"""test_commitments.py LUOSHI FIXTURES [--show] — scores `luoshi commitments`
against headline targets judged by hand (fixtures/commitments/judged.tsv).

It imports the Hailaer reports 2012–2019 and the national reports of
2021–2024 (the 2021 and 2023 ones as their headline paragraphs) into a fresh
store, runs `luoshi commitments --gov G --year N --format json` for each
year with a judged target, and counts a target right when luoshi gives the
judged outcome and, when the outcome is met or missed, one of the judged
actual figures. It prints the share right and fails under 90%. With --show
it prints every target that is wrong.
"""
import json
import os
import subprocess
import sys
import tempfile

MIN_SHARE = 0.90


def reports(fixtures):
    """(government, year, file) of each report the judgement reads."""
    out = []
    for year in range(2012, 2019):
        out.append(("海拉尔区", year, os.path.join(fixtures, "corpus", f"hailaer-{year}.txt")))
    out.append(("海拉尔区", 2019, os.path.join(fixtures, "hailaer-2019.txt")))
    out.append(("国务院", 2021, os.path.join(fixtures, "commitments", "guowuyuan-2021-targets.txt")))
    out.append(("国务院", 2022, os.path.join(fixtures, "corpus", "guowuyuan-2022.txt")))
    out.append(("国务院", 2023, os.path.join(fixtures, "commitments", "guowuyuan-2023-targets.txt")))
    out.append(("国务院", 2024, os.path.join(fixtures, "guowuyuan-2024.txt")))
    return out


def judged(fixtures):
    rows = []
    with open(os.path.join(fixtures, "commitments", "judged.tsv"), encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#"):
                continue
            gov, year, text, n, outcome, actual, note = line.split("\t")
            rows.append({"gov": gov, "year": int(year), "text": text, "n": int(n),
                         "outcome": outcome,
                         "actual": [] if actual == "-" else actual.split("|"), "note": note})
    return rows


def headline_span(path):
    """Byte span of the headline paragraph (the one stating 预期目标是)."""
    data = open(path, "rb").read()
    i = data.find("预期目标是".encode())
    j = data.find(b"\n", i)
    return i, (j if j >= 0 else len(data))


def main():
    luoshi, fixtures = sys.argv[1], sys.argv[2]
    show = "--show" in sys.argv
    files = {(g, y): p for g, y, p in reports(fixtures)}
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, LUOSHI_DB=os.path.join(tmp, "j.db"), LUOSHI_USER="分析员")
        for (gov, year), path in files.items():
            r = subprocess.run([luoshi, "import", path, "--gov", gov, "--year", str(year)],
                               capture_output=True, text=True, env=env)
            if r.returncode != 0:
                print(f"import {path}: {r.stderr}")
                return 1
        got = {}
        for gov, year in sorted({(j["gov"], j["year"]) for j in judged(fixtures)}):
            r = subprocess.run([luoshi, "commitments", "--gov", gov, "--year", str(year),
                                "--format", "json"], capture_output=True, text=True, env=env)
            if r.returncode != 0:
                print(f"commitments {gov} {year}: {r.stderr}")
                return 1
            lo, hi = headline_span(files[(gov, year)])
            seen = {}
            for t in json.loads(r.stdout)["targets"]:
                if lo <= t["start"] < hi:
                    seen[t["text"]] = seen.get(t["text"], 0) + 1
                    got[(gov, year, t["text"], seen[t["text"]])] = t
    rows = judged(fixtures)
    right = 0
    for j in rows:
        t = got.get((j["gov"], j["year"], j["text"], j["n"]))
        ok = False
        said = "not found"
        if t:
            a = t.get("actual") or {}
            said = f"{t['outcome']} {a.get('text', '-')}"
            ok = t["outcome"] == j["outcome"] and (
                j["outcome"] not in ("met", "missed") or a.get("text") in j["actual"])
        right += ok
        if show and not ok:
            print(f"wrong: {j['gov']} {j['year']} {j['text']}#{j['n']} ({j['note']}): "
                  f"judged {j['outcome']} {'|'.join(j['actual']) or '-'}, luoshi {said}")
    share = right / len(rows)
    print(f"{right} of {len(rows)} headline targets judged right with the right actual: "
          f"{100 * share:.1f}%")
    return 0 if share >= MIN_SHARE else 1


if __name__ == "__main__":
    sys.exit(main())
