#!/usr/bin/env python3
"""test_concurrent.py LUOSHI FIXTURES — two processes writing at once.

While `luoshi import` writes a large report, other processes report
progress on rows of a report already in the ledger. Each writer either
succeeds, or (when told to wait only 1 ms for the lock) fails with exit
code 3 and a "busy … retry" message; nothing is lost: every progress
report that succeeded is stored, the import is whole, and the ledger
passes PRAGMA integrity_check. Under with_pg.sh (LUOSHI_TEST_PG_URL) the
same runs on a PostgreSQL database of the test cluster, and the lock held
by hand is the writers' advisory lock.
"""
import os
import sqlite3
import subprocess
import sys
import tempfile
import time

from test_kill import PG, pg_database

COPIES = 60
WRITER_LOCK = 108117111  # src/store/pg.c
REPORTS = 24


def ledger_counts(db):
    """The rows with progress (sorted, as text), the progress entries of
    the change log, and the reports."""
    queries = ["SELECT item_id FROM progress ORDER BY item_id",
               "SELECT COUNT(*) FROM changes WHERE action = 'progress'",
               "SELECT COUNT(*) FROM reports"]
    if PG:
        out = [subprocess.run(["psql", db, "-tA", "-c", q], capture_output=True, text=True,
                              check=True).stdout.split() for q in queries]
    else:
        con = sqlite3.connect(db)
        out = [[str(r[0]) for r in con.execute(q)] for q in queries]
        con.close()
    return sorted(out[0]), int(out[1][0]), int(out[2][0])


class held_lock:
    """Holds the writers' lock from another connection: SQLite's BEGIN
    IMMEDIATE, or PostgreSQL's advisory lock in an open transaction."""

    def __init__(self, db):
        self.db = db

    def __enter__(self):
        if PG:
            self.psql = subprocess.Popen(["psql", self.db, "-qtA"], stdin=subprocess.PIPE,
                                         stdout=subprocess.PIPE, text=True)
            self.psql.stdin.write(f"BEGIN; SELECT pg_advisory_xact_lock({WRITER_LOCK}), 'held';\n")
            self.psql.stdin.flush()
            while "held" not in self.psql.stdout.readline():
                pass
        else:
            self.con = sqlite3.connect(self.db, isolation_level=None)
            self.con.execute("BEGIN IMMEDIATE")
        return self

    def __exit__(self, *exc):
        if PG:
            self.psql.communicate("ROLLBACK;\n")
        else:
            self.con.execute("ROLLBACK")
            self.con.close()


def main():
    luoshi, fixtures = sys.argv[1], sys.argv[2]
    failures = []
    with open(os.path.join(fixtures, "datong-2023.txt"), "rb") as f:
        text = f.read()
    with tempfile.TemporaryDirectory() as tmp:
        small = os.path.join(tmp, "datong-2023.txt")
        big = os.path.join(tmp, "big.txt")
        with open(small, "wb") as f:
            f.write(text)
        with open(big, "wb") as f:
            f.write(text * COPIES)
        db = pg_database("concurrent") if PG else os.path.join(tmp, "ledger.db")
        env = dict(os.environ, LUOSHI_DB=db)

        def run(*args, extra=None):
            return subprocess.run([luoshi, *args], capture_output=True, text=True,
                                  env=dict(env, **(extra or {})))

        assert run("import", small, "--gov", "大同市", "--year", "2023").returncode == 0
        assert run("units", "add", "能源局").returncode == 0
        rows = [str(i) for i in range(2, 2 + REPORTS)]
        assert run("assign", *rows, "--lead", "能源局").returncode == 0

        importer = subprocess.Popen([luoshi, "import", big, "--gov", "大同市", "--year",
                                     "2024"], env=env, stdout=subprocess.PIPE,
                                    stderr=subprocess.PIPE, text=True)
        writers = []
        for k, row in enumerate(rows):
            time.sleep(0.02)  # spread over the import, so that some meet its lock
            # half wait for the lock as users do; half give up at once
            extra = {"LUOSHI_BUSY_MS": "1"} if k % 2 else {}
            writers.append(subprocess.Popen(
                [luoshi, "progress", row, "--date", "2023-06-30", "--percent", str(k),
                 "--done-text", f"第{k}次报送", "--by", "能源局"],
                env=dict(env, **extra), stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                text=True))
        out, err = importer.communicate()
        if importer.returncode != 0:
            failures.append(f"the import failed: {err}")
        ok_rows, busy = [], 0
        for row, w in zip(rows, writers):
            out, err = w.communicate()
            if w.returncode == 0:
                ok_rows.append(row)
            elif w.returncode == 3 and "busy" in err and "retry" in err:
                busy += 1
            else:
                failures.append(f"progress on row {row}: exit {w.returncode}: {err}")
        print(f"{len(ok_rows)} progress reports stored, {busy} told to retry")

        stored, logged, n = ledger_counts(db)
        if stored != sorted(ok_rows):
            failures.append(f"stored progress {stored} != succeeded {sorted(ok_rows)}")
        if logged != len(ok_rows):
            failures.append(f"{logged} progress log rows for {len(ok_rows)} reports")
        if n != 2:
            failures.append(f"{n} reports, expected 2")
        if not PG:
            con = sqlite3.connect(db)
            if con.execute("PRAGMA integrity_check").fetchone()[0] != "ok":
                failures.append("integrity_check failed")
            con.close()
        # deterministic: while another connection holds the write lock, the
        # command waits LUOSHI_BUSY_MS, then exits 3 saying to retry
        with held_lock(db):
            locked = run("progress", "3", "--date", "2023-07-31", "--percent", "50",
                         "--done-text", "锁", "--by", "能源局", extra={"LUOSHI_BUSY_MS": "100"})
        if locked.returncode != 3 or "busy" not in locked.stderr or "retry" not in locked.stderr:
            failures.append(f"under a held lock: exit {locked.returncode}: {locked.stderr}")
        # a writer told to retry succeeds when it does
        retry = run("progress", "2", "--date", "2023-07-31", "--percent", "60",
                    "--done-text", "重报", "--by", "能源局")
        if retry.returncode != 0:
            failures.append(f"retry failed: {retry.stderr}")
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
