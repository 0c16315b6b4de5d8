#!/usr/bin/env python3
"""test_kill.py LUOSHI FIXTURES — a process killed mid-import leaves the
ledger as it was (issue 4). Under with_pg.sh (LUOSHI_TEST_PG_URL)
the same against PostgreSQL.

A large report (the Datong fixture repeated) is imported once to learn how
long it takes and how many rows it makes. Then, in a fresh ledger that
already holds one report, `luoshi import` is killed with SIGKILL at many
points spread over that time; after each kill the ledger must pass
PRAGMA integrity_check and hold either all of the new report or none of
it, and the first report untouched. The last import runs to the end.
"""
import os
import signal
import sqlite3
import subprocess
import sys
import tempfile
import time

COPIES = 60
KILLS = 24


def run(luoshi, *args):
    return subprocess.run([luoshi, *args], capture_output=True, text=True)


PG = os.environ.get("LUOSHI_TEST_PG_URL")


def pg_database(name):
    """A new database of the test cluster (with_pg.sh), and its URL."""
    subprocess.run(["psql", PG, "-qc", f"CREATE DATABASE {name}"], check=True)
    return PG.replace("///luoshi?", f"///{name}?")


def psql_rows(url, sql):
    out = subprocess.run(["psql", url, "-tAF", "|", "-c", sql], capture_output=True, text=True,
                         check=True).stdout
    return [tuple(int(x) for x in line.split("|")) for line in out.split()]


def ledger_state(db):
    if db.startswith("postgresql:"):
        # PostgreSQL checks its own pages and keys; what is asked here is all or nothing
        return ("ok", [r[0] for r in psql_rows(db, "SELECT id FROM reports ORDER BY id")],
                dict(psql_rows(db, "SELECT report_id, COUNT(*) FROM items GROUP BY report_id")),
                dict(psql_rows(db, "SELECT report_id, COUNT(*) FROM mentions GROUP BY report_id")),
                psql_rows(db, "SELECT COUNT(*) FROM changes")[0][0])
    con = sqlite3.connect(db)
    try:
        ok = con.execute("PRAGMA integrity_check").fetchone()[0]
        reports = con.execute("SELECT id FROM reports ORDER BY id").fetchall()
        per_report = dict(con.execute(
            "SELECT report_id, COUNT(*) FROM items GROUP BY report_id").fetchall())
        mentions = dict(con.execute(
            "SELECT report_id, COUNT(*) FROM mentions GROUP BY report_id").fetchall())
        changes = con.execute("SELECT COUNT(*) FROM changes").fetchone()[0]
    finally:
        con.close()
    return ok, [r[0] for r in reports], per_report, mentions, changes


def main():
    luoshi, fixtures = sys.argv[1], sys.argv[2]
    with open(os.path.join(fixtures, "datong-2023.txt"), "rb") as f:
        text = f.read()
    failures = []
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, "big.txt")
        with open(big, "wb") as f:
            f.write(text * COPIES)
        small = os.path.join(tmp, "datong-2023.txt")
        with open(small, "wb") as f:
            f.write(text)

        # how long a whole import takes, and what it stores
        ref = pg_database("ref") if PG else os.path.join(tmp, "ref.db")
        start = time.monotonic()
        r = run(luoshi, "import", big, "--gov", "大同市", "--year", "2024", "--db", ref)
        duration = time.monotonic() - start
        assert r.returncode == 0, r.stderr
        _, [ref_id], ref_items, ref_mentions, _ = ledger_state(ref)
        full_items, full_mentions = ref_items[ref_id], ref_mentions[ref_id]
        print(f"full import: {duration:.3f} s, {full_items} rows, {full_mentions} mentions")

        db = pg_database("ledger") if PG else os.path.join(tmp, "ledger.db")
        r = run(luoshi, "import", small, "--gov", "大同市", "--year", "2023", "--db", db)
        assert r.returncode == 0, r.stderr
        _, [first], before_items, _, before_changes = ledger_state(db)

        outcomes = {"none": 0, "all": 0}
        for k in range(KILLS):
            delay = duration * (0.02 + 1.1 * k / KILLS)
            p = subprocess.Popen([luoshi, "import", big, "--gov", "大同市", "--year", "2024",
                                  "--db", db], stdout=subprocess.DEVNULL,
                                 stderr=subprocess.DEVNULL)
            time.sleep(delay)
            p.send_signal(signal.SIGKILL)
            p.wait()
            ok, reports, items, mentions, changes = ledger_state(db)
            where = f"kill {k} after {delay:.3f} s"
            if ok != "ok":
                failures.append(f"{where}: integrity_check says {ok}")
            if reports[0] != first or items.get(first) != before_items[first]:
                failures.append(f"{where}: the first report changed")
            if len(reports) == 1:
                outcomes["none"] += 1
                if changes != before_changes:
                    failures.append(f"{where}: a change log row without its import")
            elif len(reports) == 2:
                outcomes["all"] += 1
                new = reports[1]
                if items.get(new) != full_items or mentions.get(new) != full_mentions:
                    failures.append(f"{where}: partial import: {items.get(new)} of "
                                    f"{full_items} rows, {mentions.get(new)} of "
                                    f"{full_mentions} mentions")
                break  # the report is in; later imports would be no-ops
            else:
                failures.append(f"{where}: {len(reports)} reports")
        print(f"after {sum(outcomes.values())} kills: none {outcomes['none']}, "
              f"all {outcomes['all']}")
        if outcomes["none"] < 3:
            failures.append("too few kills landed before the commit to test anything")

        # an import to the end still works on the ledger the kills left
        r = run(luoshi, "import", big, "--gov", "大同市", "--year", "2024", "--db", db)
        if r.returncode != 0:
            failures.append(f"final import failed: {r.stderr}")
        ok, reports, items, _, _ = ledger_state(db)
        if ok != "ok" or len(reports) != 2 or items.get(reports[1]) != full_items:
            failures.append(f"after the final import: {ok}, {reports}, {items}")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
