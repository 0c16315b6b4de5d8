#!/usr/bin/env python3
"""test_migrate.py LUOSHI FIXTURES — `luoshi migrate` copies a ledger from
SQLite to PostgreSQL and back: every table keeps its rows, and the ledger
reads the same (rows with status, history, units, reports) from each copy;
a copy into a store that is not empty is refused and changes nothing; new
ids on the copy do not collide with the copied ones; the PostgreSQL copy's
planner statistics count the rows copied. Run under with_pg.sh.
"""
import json
import os
import subprocess
import sys
import tempfile


def main():
    luoshi, fixtures = sys.argv[1], sys.argv[2]
    pg = os.environ["LUOSHI_TEST_PG_URL"]
    failures = []
    env = dict(os.environ, LUOSHI_USER="督查室", LUOSHI_NOW="2023-07-01T08:00:00Z")

    def run(*args, code=0, binary=False):
        r = subprocess.run([luoshi, *args], capture_output=True, text=not binary, env=env)
        if r.returncode != code:
            failures.append(f"luoshi {' '.join(args)}: exit {r.returncode}: {r.stderr}")
        return r

    def reads(db):
        out = {}
        for what in (["tasks", "--as-of", "2023-06-30"], ["units"], ["reports"],
                     ["history", "2"], ["targets", "--as-of", "2023-06-30"],
                     ["evidence", "list", "2"]):
            out[what[0]] = json.loads(run(*what, "--db", db, "--format", "json").stdout)
        # a file of evidence (issue 14) comes through byte for byte
        out["file"] = run("evidence", "get", "1", "--db", db, binary=True).stdout
        return out

    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, "src.db")
        report = os.path.join(fixtures, "datong-2023.txt")
        run("import", report, "--gov", "大同市", "--year", "2023", "--db", src)
        run("units", "add", "能源局", "发展改革委", "--db", src)
        run("assign", "2", "5", "--lead", "能源局", "--co", "发展改革委", "--due",
            "2023-12-31", "--db", src)
        run("progress", "2", "--date", "2023-06-30", "--percent", "40", "--done-text",
            "已开工", "--by", "能源局", "--db", src)
        photo = os.path.join(tmp, "现场.png")
        with open(photo, "wb") as f:
            f.write(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
        run("finish", "2", "--date", "2023-06-30", "--percent", "100", "--done-text", "已完成",
            "--by", "能源局", "--evidence", photo, "--db", src)
        run("review", "2", "--return", "请补充", "--db", src)
        before = reads(src)

        r = run("migrate", "--from", src, "--to", pg)
        if "copied" not in r.stdout:
            failures.append(f"migrate said: {r.stdout}")
        if reads(pg) != before:
            failures.append("the PostgreSQL copy reads differently")
        # the copy's planner knows what its tables now hold (else a table
        # filled in one transaction is planned as empty until autovacuum)
        planned = subprocess.run(
            ["psql", pg, "-Atc",
             "SELECT c.relname || ' ' || c.reltuples::bigint FROM pg_class c "
             "WHERE c.oid IN ('items'::regclass, 'mentions'::regclass, 'tasks'::regclass, "
             "'headings'::regclass) ORDER BY 1"],
            capture_output=True, text=True)
        counted = subprocess.run(
            ["psql", pg, "-Atc",
             "SELECT 'headings ' || (SELECT COUNT(*) FROM headings) UNION ALL "
             "SELECT 'items ' || (SELECT COUNT(*) FROM items) UNION ALL "
             "SELECT 'mentions ' || (SELECT COUNT(*) FROM mentions) UNION ALL "
             "SELECT 'tasks ' || (SELECT COUNT(*) FROM tasks) ORDER BY 1"],
            capture_output=True, text=True)
        if planned.returncode or not planned.stdout or planned.stdout != counted.stdout:
            failures.append(f"statistics after the copy: {planned.stdout!r} {planned.stderr!r}"
                            f" vs {counted.stdout!r}")
        # not into a ledger that is not empty
        run("migrate", "--from", src, "--to", pg, code=1)
        if reads(pg) != before:
            failures.append("a refused copy changed the target")
        # and back to SQLite
        back = os.path.join(tmp, "back.db")
        run("migrate", "--from", pg, "--to", back)
        if reads(back) != before:
            failures.append("the copy back to SQLite reads differently")
        # the copies go on: new rows get new ids
        run("units", "add", "农业农村局", "--db", pg)
        run("progress", "5", "--date", "2023-06-30", "--percent", "60", "--done-text", "续建",
            "--by", "能源局", "--db", pg)
        hist = json.loads(run("history", "5", "--db", pg, "--format", "json").stdout)
        if [h["action"] for h in hist][-1:] != ["progress"]:
            failures.append(f"history after the copy: {hist}")
    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
