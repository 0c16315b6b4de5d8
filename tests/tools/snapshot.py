#!/usr/bin/env python3
"""snapshot.py LUOSHI FIXTURES OUTDIR — what luoshi prints, on fixed input,
one file an output, so that two builds can be compared byte for byte
(tests/test_snapshot.py against tests/snapshots/; tools/snapshot.sh
--update writes those anew after an intended change).

The reading side: extract, outline and parse of seven fixture reports in
every format (an output over SMALL bytes is kept as its SHA-256). The
ledger, on a SQLite store with the clock at 2023-06-30: Datong and Hailaer
2013-2015 imported, units, assignments, progress, a row removed; then
every listing in every format, history, coverage, bulletins, exports (an
XLSX as its worksheet and shared strings), compare and commitments. The
API: every read route of `luoshi serve` over the same store.
"""
import hashlib
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
import zipfile

SMALL = 24 << 10
NOW = "2023-06-30T08:00:00Z"


class Snap:
    def __init__(self, out):
        self.out = out
        os.makedirs(out, exist_ok=True)
        self.digests = []

    def keep(self, name, data):
        if isinstance(data, str):
            data = data.encode()
        if len(data) > SMALL:
            self.digests.append(f"{hashlib.sha256(data).hexdigest()}  {name}  {len(data)}\n")
        else:
            with open(os.path.join(self.out, name), "wb") as f:
                f.write(data)

    def close(self):
        with open(os.path.join(self.out, "digests.txt"), "w") as f:
            f.writelines(sorted(self.digests))


# Every command runs in the fixtures directory and names its input by a
# relative path, so that what luoshi prints of a file's name is the same
# in every checkout.
CWD = "."


def run(luoshi, env, *args, ok=(0,)):
    r = subprocess.run([luoshi, *args], capture_output=True, env=env, cwd=CWD)
    if r.returncode not in ok:
        raise SystemExit(f"luoshi {' '.join(args)}: exit {r.returncode}: {r.stderr.decode()}")
    return r.stdout + (b"\n# stderr\n" + r.stderr if r.stderr else b"")


def reading(luoshi, fixtures, snap, env):
    files = ["datong-2023.txt", "guowuyuan-2024.txt", "hailaer-2019.txt", "hailaer-2019.html",
             "datong-2023.html", "corpus/hailaer-2014.txt", "corpus/provinces-2026/gansu.txt"]
    for f in files:
        path = f
        base = os.path.basename(f)
        for fmt in ("jsonl", "json", "csv", "table"):
            snap.keep(f"extract.{base}.{fmt}", run(luoshi, env, "extract", path, "--format", fmt))
        for fmt in ("jsonl", "json", "tree"):
            snap.keep(f"outline.{base}.{fmt}", run(luoshi, env, "outline", path, "--format", fmt))
        snap.keep(f"parse.{base}.json", run(luoshi, env, "parse", path))


def xlsx_parts(data):
    """The worksheet and shared strings of an XLSX (its other parts carry
    the time it was written)."""
    z = zipfile.ZipFile(io.BytesIO(data))
    keep = [n for n in sorted(z.namelist())
            if n.startswith("xl/worksheets/") or n == "xl/sharedStrings.xml"]
    return b"".join(n.encode() + b"\n" + z.read(n) + b"\n" for n in keep)


def ledger(luoshi, fixtures, snap, env, tmp):
    L = lambda *a, **k: run(luoshi, env, *a, **k)
    L("import", "datong-2023.txt", "--gov", "大同市", "--year", "2023")
    for y in (2013, 2014, 2015):
        L("import", os.path.join("corpus", f"hailaer-{y}.txt"), "--gov", "海拉尔区",
          "--year", str(y))
    for u in ("能源局", "发展改革委", "工信局", "农业农村局"):
        L("units", "add", u)
    rows = json.loads(L("tasks", "--report", "1", "--format", "json"))
    ids = [str(t["id"]) for t in rows]
    L("assign", ids[3], ids[4], "--lead", "能源局", "--co", "发展改革委", "--leader", "张市长",
      "--due", "2023-09-30")
    L("assign", ids[10], "--lead", "工信局", "--due", "2023-05-31")
    L("assign", ids[20], "--lead", "农业农村局", "--co", "能源局", "--co", "工信局",
      "--due", "2023-12-31")
    L("progress", ids[3], "--by", "能源局", "--date", "2023-03-31", "--percent", "20",
      "--done-text", "完成前期工作，\"引号\", 逗号")
    L("progress", ids[3], "--by", "能源局", "--date", "2023-06-30", "--percent", "60",
      "--done-text", "=SUM(A1) 开工建设", "--problems", "资金缺口", "--next", "加快进度")
    L("progress", ids[20], "--by", "工信局", "--date", "2023-06-15", "--percent", "5",
      "--done-text", "起步")
    L("remove", ids[0])
    targets = json.loads(L("targets", "--report", "1", "--format", "json"))
    if targets:
        item = str(targets[0]["item"])
        L("assign", item, "--lead", "发展改革委", "--due", "2023-12-31")
    for fmt in ("json", "csv", "table"):
        snap.keep(f"tasks.{fmt}", L("tasks", "--format", fmt))
        snap.keep(f"tasks.unit.{fmt}", L("tasks", "--unit", "能源局", "--format", fmt))
        snap.keep(f"targets.{fmt}", L("targets", "--format", fmt))
        snap.keep(f"status.{fmt}", L("status", "--format", fmt))
    snap.keep("tasks.removed.json", L("tasks", "--removed", "--format", "json"))
    snap.keep("tasks.filtered.json", L("tasks", "--part", "plan", "--heading", "能源",
                                       "--status", "behind", "--format", "json", ok=(0, 1, 2)))
    snap.keep("status.asof.table", L("status", "--as-of", "2023-12-31"))
    snap.keep("history.json", L("history", ids[3], "--format", "json"))
    snap.keep("history.table", L("history", ids[3]))
    snap.keep("coverage.json", L("coverage", "--report", "1", "--format", "json"))
    snap.keep("coverage.table", L("coverage", "--report", "1"))
    snap.keep("units.table", L("units", "list"))
    snap.keep("units.json", L("units", "list", "--format", "json"))
    snap.keep("units.csv", L("units", "list", "--format", "csv"))
    snap.keep("reports.table", L("reports"))
    for fmt in ("md", "html"):
        out = os.path.join(tmp, f"b.{fmt}")
        L("bulletin", "--period", "2023-Q2", "--format", fmt, "--out", out, "--gov", "大同市")
        snap.keep(f"bulletin.{fmt}", open(out, "rb").read())
    # the closed loop (issue 14): the cycle, late reports, ranking, 催办单
    snap.keep("cycle.table", L("cycle"))
    for fmt in ("table", "json"):
        snap.keep(f"late.{fmt}", L("late", "--period", "2023-Q2", "--gov", "大同市", "--format", fmt))
        snap.keep(f"rank.{fmt}", L("rank", "--period", "2023-Q2", "--gov", "大同市", "--format", fmt))
    for fmt in ("md", "json"):
        snap.keep(f"remind.{fmt}", L("remind", "--as-of", "2023-06-30", "--within", "30",
                                     "--gov", "大同市", "--format", fmt))
    for layout in ("fengong", "zhibiao", "baosong"):
        for fmt in ("csv", "json"):
            snap.keep(f"export.{layout}.{fmt}",
                      L("export", "--layout", layout, "--format", fmt, "--gov", "大同市"))
        out = os.path.join(tmp, f"{layout}.xlsx")
        L("export", "--layout", layout, "--format", "xlsx", "--out", out, "--gov", "大同市")
        snap.keep(f"export.{layout}.xlsx.xml", xlsx_parts(open(out, "rb").read()))
    for fmt in ("json", "table", "csv"):
        snap.keep(f"compare.{fmt}", L("compare", "--gov", "海拉尔区", "--format", fmt))
        snap.keep(f"compare.metric.{fmt}", L("compare", "--metric", "地区生产总值",
                                             "--format", fmt))
        snap.keep(f"commitments.{fmt}", L("commitments", "--gov", "海拉尔区", "--year", "2014",
                                          "--format", fmt, ok=(0, 2)))
    return ids


def api(luoshi, snap, env, db, ids):
    proc = subprocess.Popen([luoshi, "serve", "--db", db, "--port", "0"], env=env,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    try:
        port = password = None
        for line in proc.stdout:
            m = re.search(rb"with password ([0-9a-f]+)", line)
            password = m.group(1).decode() if m else password
            m = re.search(rb"http://127\.0\.0\.1:(\d+)/", line)
            if m:
                port = int(m.group(1))
                break
        base = f"http://127.0.0.1:{port}"
        import http.cookiejar
        jar = http.cookiejar.CookieJar()
        web = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
        req = urllib.request.Request(base + "/api/v1/login", json.dumps(
            {"name": "admin", "password": password}).encode(),
            {"Content-Type": "application/json"})
        web.open(req).read()

        def get(name, path):
            try:
                with web.open(base + path) as r:
                    body = r.read()
                    total = r.headers.get("X-Total-Count")
                    status = r.status
                    ctype = r.headers.get("Content-Type")
            except urllib.error.HTTPError as e:
                body, total, status, ctype = e.read(), None, e.code, e.headers.get("Content-Type")
            head = f"{status} {ctype} total={total}\n".encode()
            snap.keep(f"api.{name}", head + body)

        i = ids[3]
        get("reports", "/api/v1/reports")
        get("report", "/api/v1/reports/1")
        get("report.text", "/api/v1/reports/1?text=1")
        get("outline", "/api/v1/reports/1/outline")
        get("mentions", "/api/v1/reports/1/mentions")
        get("coverage", "/api/v1/reports/1/coverage")
        get("tasks", "/api/v1/tasks")
        get("tasks.page", "/api/v1/tasks?limit=7&offset=3")
        get("tasks.unit", "/api/v1/tasks?unit=" + urllib.parse.quote("能源局"))
        get("tasks.status", "/api/v1/tasks?status=behind&as_of=2023-06-30")
        get("tasks.removed", "/api/v1/tasks?removed=1")
        get("task", f"/api/v1/tasks/{i}")
        get("task.history", f"/api/v1/tasks/{i}/history")
        get("targets", "/api/v1/targets")
        get("units", "/api/v1/units")
        get("status", "/api/v1/status")
        get("status.report", "/api/v1/status?report=1&limit=5")
        get("bulletin.md", "/api/v1/bulletin?period=2023-Q2&gov=" + urllib.parse.quote("大同市"))
        get("bulletin.html", "/api/v1/bulletin?period=2023-Q2&format=html")
        gov = urllib.parse.quote("大同市")
        get("cycle", "/api/v1/cycle")
        get("late", "/api/v1/late?period=2023-Q2&gov=" + gov)
        get("rank", "/api/v1/rank?period=2023-Q2&gov=" + gov)
        get("remind", "/api/v1/remind?as_of=2023-06-30&within=30&gov=" + gov)
        for layout in ("fengong", "zhibiao", "baosong"):
            for fmt in ("csv", "json"):
                get(f"export.{layout}.{fmt}", f"/api/v1/export?layout={layout}&format={fmt}")
        get("links", "/api/v1/links")
        get("links.report", "/api/v1/links?report=1")
        get("compare", "/api/v1/compare?gov=" + urllib.parse.quote("海拉尔区"))
        get("commitments", "/api/v1/commitments?gov=" + urllib.parse.quote("海拉尔区") +
            "&year=2014")
        get("aliases", "/api/v1/aliases")
        get("users", "/api/v1/users")
    finally:
        proc.terminate()
        proc.wait()


def main():
    global CWD
    luoshi, fixtures, out = (os.path.abspath(a) for a in sys.argv[1:4])
    CWD = fixtures
    snap = Snap(out)
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "snap.db")
        env = dict(os.environ, LUOSHI_DB=db, LUOSHI_USER="督查室", LUOSHI_NOW=NOW)
        reading(luoshi, fixtures, snap, env)
        ids = ledger(luoshi, fixtures, snap, env, tmp)
        api(luoshi, snap, env, db, ids)
    snap.close()


if __name__ == "__main__":
    main()
