#!/usr/bin/env python3
"""test_api.py LUOSHI FIXTURES — the JSON API (docs/api.md) over real HTTP
against `luoshi serve` started here on a temporary store: every route,
the roles (admin, unit, viewer users made with `luoshi user add`), a unit
refused on another unit's row, the command line and the API giving the
same data for the same query (tasks with each filter, targets, status,
units, history, reports, outline, mentions, coverage, bulletin, export,
compare, commitments, aliases), bulk assignment from a 分工方案 and a
报送表 merged, pagination with X-Total-Count, and the error of each kind (400, 401, 403,
404, 405, 409, 503 with Retry-After). The server is always stopped at
the end, and must exit cleanly (no leak under ASan).
"""
import csv
import io
import json
import os
import sqlite3
import subprocess
import sys
import tempfile
import time
import zipfile
from xml.sax.saxutils import escape

from api_client import Client, Server, add_user, check, cli, cli_json, finish

AS_OF = "2023-07-01"


def main():
    luoshi, fixtures = sys.argv[1], sys.argv[2]
    datong = os.path.join(fixtures, "datong-2023.txt")
    hailaer = os.path.join(fixtures, "hailaer-2019.txt")
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "api.db")
        env = dict(os.environ, LUOSHI_DB=db, LUOSHI_USER="督查室", LUOSHI_BUSY_MS="300")
        env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
        server = Server(luoshi, db, env)
        try:
            run(luoshi, env, server, datong, hailaer, db)
        finally:
            server.stop()
    return finish()


def run(luoshi, env, server, datong, hailaer, db):
    base = server.base
    check(server.password, "the first admin's password is printed")
    admin = Client(base)
    accounts(luoshi, env, admin, server)
    report = imports(admin, datong, hailaer)
    units(luoshi, env, admin)
    users(luoshi, env, admin, base)
    viewer, unit, other = Client(base), Client(base), Client(base)
    check(viewer.login("viewer1", "viewer-pass-1").status == 200, "viewer signs in")
    check(unit.login("energy1", "energy-pass-1").status == 200, "unit user signs in")
    check(other.login("fgw1", "fgw-pass-12").status == 200, "the other unit's user signs in")
    coal = assignments(admin, viewer, unit)
    progress(admin, viewer, unit, other, coal)
    same_as_cli(luoshi, env, admin, viewer, report, coal)
    reports(luoshi, env, admin, viewer, report, datong)
    sheets(luoshi, env, admin, viewer, unit, report)
    comparison(luoshi, env, admin, viewer)
    paging(admin)
    removal(luoshi, env, admin, viewer, unit, report, coal)
    documents(luoshi, env, admin, report)
    errors(admin, viewer, base, coal)
    busy(admin, db)
    check(admin.get("/api/v1/me").status == 200, "the server still answers")


def removal(luoshi, env, admin, viewer, unit, report, coal):
    """A row of the draft that is no task leaves the ledger and comes back."""
    rows = admin.get("/api/v1/tasks", query={"report": report}).json()
    # a slogan more than a task that can be tracked
    first = next(it for it in rows if "辛苦指数" in it["text"])
    check(first["removed_at"] is None, first["text"])
    check(viewer.post(f"/api/v1/tasks/{first['id']}/remove").status == 403,
          "a viewer may not remove a row")
    r = admin.post(f"/api/v1/tasks/{first['id']}/remove")
    check(r.status == 200 and r.json()["removed_at"] is not None, f"remove: {r}")
    after = admin.get("/api/v1/tasks", query={"report": report}).json()
    check(len(after) == len(rows) - 1 and first["id"] not in [it["id"] for it in after],
          "the removed row leaves the ledger")
    gone = admin.get("/api/v1/tasks", query={"removed": "1"}).json()
    check([it["id"] for it in gone] == [first["id"]], f"?removed=1 lists it: {gone}")
    check(gone == cli_json(luoshi, env, "tasks", "--removed"), "API == CLI for removed rows")
    check(admin.get(f"/api/v1/tasks/{first['id']}").json()["removed_at"] is not None,
          "the row itself still reads, marked removed")
    st = admin.get("/api/v1/status", query={"report": report}).json()
    total = sum(st["totals"].values()) + st["unassigned"]
    check(total == len(rows) - 1, f"status counts {total} rows")
    r = admin.post(f"/api/v1/tasks/{first['id']}/progress",
                   {"unit": "能源局", "date": "2023-06-30", "done_text": "x"})
    check(r.status in (400, 404), f"no progress on a removed row: {r}")
    check(admin.post("/api/v1/tasks/999999/remove").status == 404, "an unknown row: 404")
    r = admin.post(f"/api/v1/tasks/{first['id']}/restore")
    check(r.status == 200 and r.json()["removed_at"] is None, f"restore: {r}")
    check(len(admin.get("/api/v1/tasks", query={"report": report}).json()) == len(rows),
          "restored, the row is back")
    out = cli(luoshi, env, "remove", str(first["id"])).stdout
    check(out.strip() == f"removed row {first['id']}", out)
    cli(luoshi, env, "restore", str(first["id"]))
    cli(luoshi, env, "remove", "abc", code=2)
    history = [c["action"] for c in cli_json(luoshi, env, "history", str(first["id"]))]
    check(history.count("remove") == 2 and history.count("restore") == 2,
          f"both are logged: {history}")


def accounts(luoshi, env, admin, server):
    """login, me, logout, tokens."""
    r = Client(server.base).post("/api/v1/login", {"name": "admin", "password": "wrong-pw"})
    check(r.status == 401 and r.error_code() == "unauthenticated", f"wrong password: {r}")
    r = admin.login("admin", server.password)
    check(r.status == 200 and len(r.json()["csrf"]) == 64, f"login: {r}")
    check(admin.cookie() and len(admin.cookie()) == 64, "a session cookie")
    me = admin.get("/api/v1/me").json()
    check(me["name"] == "admin" and me["role"] == "admin" and me["csrf"] == admin.csrf, me)
    # a form login works as the JSON one does
    form = Client(server.base)
    r = form.request("POST", "/api/v1/login", form={"name": "admin",
                                                      "password": server.password})
    check(r.status == 200 and form.get("/api/v1/me").status == 200, f"form login: {r}")
    csrf = r.json()["csrf"]
    # a password in the query is not read (queries end up in logs)
    r = Client(server.base).request("POST", "/api/v1/login?password=" + server.password,
                                    json_body={"name": "admin"})
    check(r.status == 401, f"password in the query: {r}")
    r = form.post("/api/v1/logout")
    check(r.status == 403 and r.error_code() == "csrf", f"logout without CSRF: {r}")
    form.csrf = csrf
    r = form.post("/api/v1/logout")
    check(r.status == 200 and r.json() == {"ok": True}, f"logout: {r}")
    check(form.get("/api/v1/me").status == 401, "signed out")
    # an API token for the signed-in user
    r = admin.post("/api/v1/tokens", {"name": "nightly"})
    check(r.status == 201 and len(r.json()["token"]) == 64 and r.json()["user"] == "admin",
          f"token: {r}")
    script = Client(server.base, token=r.json()["token"])
    me = script.get("/api/v1/me").json()
    check(me and me["name"] == "admin" and "csrf" not in me, f"me by token: {me}")


def imports(admin, datong, hailaer):
    """POST /api/v1/reports: a multipart file, a duplicate, a raw body."""
    data = open(datong, "rb").read()
    r = admin.request("POST", "/api/v1/reports", form={"gov": "大同市", "year": "2023"},
                      files={"file": ("datong-2023.txt", data)})
    j = r.json()
    check(r.status == 201 and j["created"] and j["tasks"] == 155 and j["version"] == 1,
          f"import: {r}")
    report = j["report"]
    r = admin.request("POST", "/api/v1/reports", form={"gov": "大同市", "year": "2023"},
                      files={"file": ("again.txt", data)})
    check(r.status == 200 and r.json()["created"] is False and r.json()["report"] == report,
          f"the same bytes again: {r}")
    r = admin.request("POST", "/api/v1/reports", data=open(hailaer, "rb").read(),
                      headers={"Content-Type": "text/plain; charset=utf-8"},
                      query={"gov": "海拉尔区", "year": "2019", "source": "hailaer-2019.txt"})
    check(r.status == 201 and r.json()["report"] != report, f"raw body import: {r}")
    r = admin.request("POST", "/api/v1/reports", data=b"\x00\x01binary",
                      headers={"Content-Type": "application/octet-stream"},
                      query={"gov": "x", "year": "2023"})
    check(r.status == 400, f"binary import: {r}")
    r = admin.request("POST", "/api/v1/reports", data=b"text", query={"gov": "x"},
                      headers={"Content-Type": "text/plain"})
    check(r.status == 400, f"import without a year: {r}")
    return report


def units(luoshi, env, admin):
    cli(luoshi, env, "units", "add", "能源局", "发展和改革委员会", "财政局")
    r = admin.post("/api/v1/units", {"name": "商务局"})
    check(r.status == 201 and r.json() == {"name": "商务局"}, f"unit add: {r}")
    r = admin.post("/api/v1/units", {"name": "商务局"})
    check(r.status == 409 and r.error_code() == "exists", f"unit add twice: {r}")
    r = admin.post("/api/v1/units", {"name": ""})
    check(r.status == 400, f"unit without a name: {r}")
    r = admin.request("POST", "/api/v1/units", form={"name": "临时单位"})
    check(r.status == 201, f"unit add by form: {r}")
    r = admin.post("/api/v1/units/remove", {"name": "临时单位"})
    check(r.status == 200 and r.json() == {"name": "临时单位", "removed": True}, f"remove: {r}")
    r = admin.post("/api/v1/units/remove", {"name": "临时单位"})
    check(r.status == 404 and r.error_code() == "not_found", f"remove twice: {r}")
    r = admin.post("/api/v1/units/remove", {})
    check(r.status == 400, f"remove without a name: {r}")
    names = [u["name"] for u in admin.get("/api/v1/units").json()]
    check(sorted(names) == sorted(["能源局", "发展和改革委员会", "财政局", "商务局"]), names)


def users(luoshi, env, admin, base):
    add_user(luoshi, env, "viewer1", "viewer", "viewer-pass-1")
    add_user(luoshi, env, "energy1", "unit", "energy-pass-1", unit="能源局")
    r = admin.post("/api/v1/users", {"name": "fgw1", "role": "unit", "unit": "发展和改革委员会",
                                     "password": "fgw-pass-12"})
    check(r.status == 201 and r.json() == {"name": "fgw1", "role": "unit",
                                           "unit": "发展和改革委员会"}, f"user add: {r}")
    r = admin.post("/api/v1/users", {"name": "fgw1", "role": "viewer", "password": "12345678"})
    check(r.status == 409, f"user twice: {r}")
    r = admin.post("/api/v1/users", {"name": "u2", "role": "boss", "password": "12345678"})
    check(r.status == 400, f"bad role: {r}")
    r = admin.post("/api/v1/users", {"name": "u3", "role": "viewer", "password": "short"})
    check(r.status == 400, f"short password: {r}")
    r = admin.post("/api/v1/users", {"name": "u4", "role": "unit", "unit": "没有这个单位",
                                     "password": "12345678"})
    check(r.status == 404, f"unknown unit: {r}")
    r = admin.get("/api/v1/users")
    listed = {u["name"]: u for u in r.json()}
    check(set(listed) == {"admin", "viewer1", "energy1", "fgw1"}, listed)
    check(all("password" not in json.dumps(u) for u in r.json()), "no password in the list")
    check(listed["energy1"]["unit"] == "能源局" and listed["energy1"]["role"] == "unit", listed)
    check(r.json() == cli_json(luoshi, env, "user", "list"), "API == CLI for users")
    v = Client(base)
    v.login("viewer1", "viewer-pass-1")
    check(v.get("/api/v1/users").status == 403, "a viewer may not list users")
    check(v.post("/api/v1/users", {"name": "x", "role": "admin", "password": "12345678"})
          .status == 403, "a viewer may not add users")
    check(Client(base).get("/api/v1/users").status == 401, "users unauthenticated: 401")
    disabling(luoshi, env, admin, base)


def disabling(luoshi, env, admin, base):
    """A user who left is disabled: its session and token stop at once, it
    cannot sign in; enabled again it can. The last admin stays."""
    f = Client(base)
    check(f.login("fgw1", "fgw-pass-12").status == 200, "fgw1 signs in")
    token = cli(luoshi, env, "user", "token", "fgw1").stdout.strip()
    check(Client(base, token=token).get("/api/v1/me").status == 200, "fgw1's token works")
    check(f.post("/api/v1/users/disable", {"name": "viewer1"}).status == 403,
          "a unit user may not disable users")
    r = admin.post("/api/v1/users/disable", {"name": "fgw1"})
    check(r.status == 200 and r.json() == {"name": "fgw1", "enabled": False}, f"disable: {r}")
    check(f.get("/api/v1/me").status == 401, "the disabled user's session ended")
    check(Client(base, token=token).get("/api/v1/me").status == 401, "its token stopped")
    check(Client(base).login("fgw1", "fgw-pass-12").status == 401, "it cannot sign in")
    listed = {u["name"]: u for u in admin.get("/api/v1/users").json()}
    check(listed["fgw1"]["disabled_at"] is not None and listed["admin"]["disabled_at"] is None,
          f"the list shows who is disabled: {listed['fgw1']}")
    check(admin.post("/api/v1/users/disable", {"name": "admin"}).status == 400,
          "an admin cannot disable itself")
    check(admin.post("/api/v1/users/disable", {"name": "nobody"}).status == 404, "unknown user")
    r = admin.post("/api/v1/users/enable", {"name": "fgw1"})
    check(r.status == 200 and r.json()["enabled"] is True, f"enable: {r}")
    check(Client(base).login("fgw1", "fgw-pass-12").status == 200, "enabled, it signs in again")
    check(Client(base, token=token).get("/api/v1/me").status == 200, "and its token works again")
    out = cli(luoshi, env, "user", "disable", "admin", code=1).stderr
    check("last enabled admin" in out, f"the last admin cannot be disabled: {out}")
    check(cli(luoshi, env, "user", "disable", "viewer1").stdout.strip() == "disabled user viewer1",
          "luoshi user disable")
    check(cli(luoshi, env, "user", "enable", "viewer1").stdout.strip() == "enabled user viewer1",
          "luoshi user enable")


def assignments(admin, viewer, unit):
    """POST /api/v1/tasks/:id/assign: the rows of 煤炭 to 能源局, one to 发改委."""
    tasks = admin.get("/api/v1/tasks", query={"text": "煤炭产量"}).json()
    check(len(tasks) == 1, f"one row holds 煤炭产量: {len(tasks)}")
    coal = tasks[0]["id"]
    r = admin.post(f"/api/v1/tasks/{coal}/assign",
                   {"lead": "能源局", "co": ["发展和改革委员会"], "leader": "张副市长",
                    "due": "2023-12-31"})
    j = r.json()
    check(r.status == 200 and j["id"] == coal and j["lead"] == "能源局" and
          j["co"] == ["发展和改革委员会"] and j["leader"] == "张副市长" and j["due"] == "2023-12-31",
          f"assign: {r}")
    for item in (coal + 1, coal + 2):
        r = admin.request("POST", f"/api/v1/tasks/{item}/assign",
                          form={"lead": "能源局", "due": "2023-06-30"})
        check(r.status == 200 and r.json()["lead"] == "能源局", f"assign by form: {r}")
    r = admin.post(f"/api/v1/tasks/{coal + 3}/assign", {"lead": "发展和改革委员会"})
    check(r.status == 200, f"assign to 发改委: {r}")
    r = admin.post(f"/api/v1/tasks/{coal}/assign", {"lead": "没有这个单位"})
    check(r.status == 404, f"assign to an unknown unit: {r}")
    r = admin.post(f"/api/v1/tasks/{coal}/assign", {"due": "2023-13-45"})
    check(r.status == 400, f"assign a bad date: {r}")
    r = admin.post(f"/api/v1/tasks/{coal}/assign", {})
    check(r.status == 400, f"assign nothing: {r}")
    r = admin.post("/api/v1/tasks/999999/assign", {"lead": "能源局"})
    check(r.status == 404, f"assign an unknown row: {r}")
    r = viewer.post(f"/api/v1/tasks/{coal}/assign", {"lead": "财政局"})
    check(r.status == 403 and r.error_code() == "forbidden", f"a viewer assigns: {r}")
    r = unit.post(f"/api/v1/tasks/{coal}/assign", {"lead": "财政局"})
    check(r.status == 403, f"a unit assigns: {r}")
    check(admin.get(f"/api/v1/tasks/{coal}").json()["lead"] == "能源局", "nothing changed")
    return coal


def progress(admin, viewer, unit, other, coal):
    """POST /api/v1/tasks/:id/progress: a unit on its own rows only."""
    body = {"date": "2023-06-30", "percent": 50, "done_text": "上半年原煤产量0.8亿吨",
            "problems": "运力紧张", "next_steps": "加快铁路专用线", "evidence": "http://x/1"}
    # the coal row has three targets (3座, 2座, 1.6亿吨): a figure for each,
    # as written or in the unit each is shown in (issue 14)
    r = unit.post(f"/api/v1/tasks/{coal}/progress",
                  dict(body, percent=None, values=[3, "2座", "0.8亿吨"]))
    j = r.json()
    check(r.status == 201 and j["progress"]["unit"] == "能源局" and
          [v["value"] for v in j["progress"]["values"]] == [3, 2, 80000000] and
          j["progress"]["by"] == "energy1", f"progress by the lead unit: {r}")
    # a unit user speaks for its own unit whatever it names
    r = unit.post(f"/api/v1/tasks/{coal + 1}/progress",
                  dict(body, unit="发展和改革委员会", percent=60, value=None))
    check(r.status == 201 and r.json()["progress"]["unit"] == "能源局", f"own unit: {r}")
    before = admin.get(f"/api/v1/tasks/{coal + 3}/history").json()
    r = unit.post(f"/api/v1/tasks/{coal + 3}/progress", body)
    check(r.status == 403 and r.error_code() == "forbidden", f"another unit's row: {r}")
    check(admin.get(f"/api/v1/tasks/{coal + 3}/history").json() == before, "nothing written")
    r = other.post(f"/api/v1/tasks/{coal + 3}/progress", dict(body, percent=30))
    check(r.status == 201, f"发改委 on its row: {r}")
    r = other.post(f"/api/v1/tasks/{coal}/progress", body)
    check(r.status == 201, f"a co unit may report: {r}")
    r = other.post(f"/api/v1/tasks/{coal + 1}/progress", body)
    check(r.status == 403, f"发改委 on 能源局's row: {r}")
    r = viewer.post(f"/api/v1/tasks/{coal}/progress", body)
    check(r.status == 403, f"a viewer reports: {r}")
    for bad in ({"percent": 150}, {"percent": -1}, {"date": "30/06/2023"}, {"done_text": ""},
                {"value": "lots"}):
        r = unit.post(f"/api/v1/tasks/{coal}/progress", dict(body, **bad))
        check(r.status == 400 and r.error_code() == "invalid", f"progress {bad}: {r}")
    r = unit.post("/api/v1/tasks/999999/progress", body)
    check(r.status == 404, f"progress on an unknown row: {r}")
    r = admin.post(f"/api/v1/tasks/{coal + 2}/progress",
                   dict(body, unit="能源局", percent=100, value=None))
    # (judged today, after the year: 逾期 until the office approves its 办结)
    check(r.status == 201 and r.json()["status"] == "逾期" and "未办结" in r.json()["reason"],
          f"admin names the unit; 100% is not done before 办结: {r}")
    r = admin.post(f"/api/v1/tasks/{coal + 2}/progress", dict(body, value=None))
    check(r.status == 400, f"admin without a unit: {r}")
    r = admin.request("POST", f"/api/v1/tasks/{coal + 2}/progress",
                      form={"date": "2023-07-01", "percent": "100", "done_text": "完成",
                            "unit": "能源局"})
    check(r.status == 201, f"progress by form: {r}")


def same(api, cli_out, what):
    check(api == cli_out, f"API != CLI for {what}: {str(api)[:200]} / {str(cli_out)[:200]}")


def same_as_cli(luoshi, env, admin, viewer, report, coal):
    """The command line and the API give the same records for a query."""
    filters = [
        {},
        {"unit": "能源局"},
        {"unit": "发展和改革委员会"},
        {"status": "逾期"},
        {"status": "done"},
        {"part": "plan"},
        {"part": "self"},
        {"heading": "工业"},
        {"text": "煤"},
        {"due_before": "2023-07-01"},
        {"gov": "大同市"},
        {"gov": "海拉尔区", "year": "2019"},
        {"year": "2023", "kind": "task"},
        {"report": str(report)},
        {"kind": "target"},
        {"ahead": "5", "tolerance": "3"},
        {"limit": "7", "offset": "3"},
        {"unit": "能源局", "status": "已完成", "text": "煤"},
    ]
    for f in filters:
        q = dict(f, as_of=AS_OF)
        args = ["--as-of", AS_OF]
        for k, v in f.items():
            args += ["--" + k.replace("_", "-"), v]
        api = viewer.get("/api/v1/tasks", query=q)
        check(api.status == 200, f"tasks {f}: {api}")
        same(api.json(), cli_json(luoshi, env, "tasks", *args), f"tasks {f}")
        same(viewer.get("/api/v1/targets", query=q).json(),
             cli_json(luoshi, env, "targets", *args), f"targets {f}")
        same(viewer.get("/api/v1/status", query=q).json(),
             cli_json(luoshi, env, "status", *args), f"status {f}")
    same(viewer.get("/api/v1/units").json(), cli_json(luoshi, env, "units"), "units")
    same(viewer.get("/api/v1/reports").json(), cli_json(luoshi, env, "reports"), "reports")
    for item in (coal, coal + 3, 1):
        same(viewer.get(f"/api/v1/tasks/{item}/history").json(),
             cli_json(luoshi, env, "history", str(item)), f"history {item}")
    same(viewer.get(f"/api/v1/tasks/{coal}", query={"as_of": AS_OF}).json(),
         cli_json(luoshi, env, "tasks", "--as-of", AS_OF, "--text", "煤炭产量")[0], "one task")
    same(viewer.get(f"/api/v1/reports/{report}/coverage").json(),
         cli_json(luoshi, env, "coverage", "--report", str(report)), "coverage")
    for fmt in ("md", "html"):
        api = viewer.get("/api/v1/bulletin", query={"period": "2023-Q2", "format": fmt,
                                                    "report": str(report)})
        c = cli(luoshi, env, "bulletin", "--period", "2023-Q2", "--format", fmt, "--report",
                str(report))
        check(api.status == 200 and api.text().strip() == c.stdout.strip(),
              f"bulletin {fmt}: API != CLI")
        want = "text/html" if fmt == "html" else "text/markdown"
        check(api.headers["Content-Type"].startswith(want), api.headers["Content-Type"])
    md = viewer.get("/api/v1/bulletin", query={"period": "2023-Q2"}).text()
    check("通报" in md or "序时进度" in md, md[:200])
    # the log names the user who wrote through the API
    hist = viewer.get(f"/api/v1/tasks/{coal}/history").json()
    actors = {h["actor"] for h in hist if h["action"] in ("assign", "progress")}
    check({"admin", "energy1", "fgw1"} <= actors, f"the change log names the users: {actors}")
    t = viewer.get(f"/api/v1/tasks/{coal}", query={"as_of": AS_OF}).json()
    check(t["progress"]["done_text"] == "上半年原煤产量0.8亿吨", t["progress"])


def reports(luoshi, env, admin, viewer, report, datong):
    r = viewer.get(f"/api/v1/reports/{report}")
    j = r.json()
    text = open(datong, encoding="utf-8", newline="").read()
    check(r.status == 200 and j["gov"] == "大同市" and j["year"] == 2023 and j["text"] == text,
          f"the report with its text: {str(j)[:200]}")
    j = viewer.get(f"/api/v1/reports/{report}", query={"text": "0"}).json()
    check("text" not in j and j["id"] == report, "text=0 leaves the text out")
    check(viewer.get(f"/api/v1/reports/{report}", query={"text": "x"}).status == 400,
          "text=x: 400")
    check(viewer.get("/api/v1/reports/999").status == 404, "unknown report: 404")
    outline = viewer.get(f"/api/v1/reports/{report}/outline").json()
    doc = cli_json(luoshi, env, "outline", datong)
    same([(h["level"], h["title"], h["start"], h["end"], h["part"]) for h in outline],
         [(h["level"], h["title"], h["start"], h["end"], h["part"]) for h in doc], "outline")
    mentions = viewer.get(f"/api/v1/reports/{report}/mentions").json()
    ext = cli_json(luoshi, env, "extract", datong)
    keys = ("start", "end", "text", "unit", "kind", "op", "metric")
    same([tuple(m[k] for k in keys) for m in mentions],
         [tuple(m[k] for k in keys) for m in ext], "mentions")
    check(any(m["item"] for m in mentions), "mentions name their ledger row")
    check(viewer.get("/api/v1/reports/999/outline").status == 404, "outline of no report")
    check(viewer.get("/api/v1/reports/999/mentions").status == 404, "mentions of no report")
    check(viewer.get("/api/v1/reports/999/coverage").status == 404, "coverage of no report")
    # links: the target 1.6亿吨 (煤炭产量) is linked to last year's 1.6亿吨 (原煤产量)
    links = viewer.get("/api/v1/links", query={"report": str(report)})
    j = links.json()
    check(links.status == 200 and int(links.headers["X-Total-Count"]) == len(j) and j, links)
    coal = [ln for ln in j if ln["target"]["metric"] == "煤炭产量"]
    check(coal and coal[0]["baseline"]["text"] == "1.6亿吨" and
          coal[0]["baseline"]["metric"] == "原煤产量" and coal[0]["item"], coal)
    for ln in j:
        check(ln["target"]["start"] > ln["baseline"]["start"], f"baseline before target: {ln}")
        check(text.encode()[ln["target"]["start"]:ln["target"]["end"]].decode() ==
              ln["target"]["text"], f"target span: {ln}")
    # each linked target of the rows shows the same baseline
    targets = viewer.get("/api/v1/targets", query={"report": str(report)}).json()
    by_id = {t["id"]: t for t in targets}
    for ln in j:
        t = by_id.get(ln["target"]["id"])
        if t:
            check(t["baseline_text"] == ln["baseline"]["text"], f"targets vs links: {t} {ln}")
    every = viewer.get("/api/v1/links").json()
    check(len(every) >= len(j), "links of every report")
    check(viewer.get("/api/v1/links", query={"report": "999"}).status == 404, "links of none")
    check(viewer.get("/api/v1/links", query={"report": "x"}).status == 400, "links report=x")


def read_csv(body):
    return list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def write_csv(lines):
    out = io.StringIO()
    csv.writer(out).writerows(lines)
    return out.getvalue().encode("utf-8")


def sheets(luoshi, env, admin, viewer, unit, report):
    """GET /api/v1/export, POST /api/v1/assignments, POST
    /api/v1/progress/import: the tables offices exchange."""
    rep = str(report)
    for layout in ("fengong", "zhibiao", "baosong"):
        for fmt in ("csv", "json"):
            r = viewer.get("/api/v1/export", query={"format": fmt, "layout": layout,
                                                    "report": rep, "as_of": AS_OF})
            c = subprocess.run([luoshi, "export", "--format", fmt, "--layout", layout,
                                "--report", rep, "--as-of", AS_OF, "--out", "-"],
                               capture_output=True, env=env)
            check(r.status == 200 and c.returncode == 0 and r.body == c.stdout,
                  f"export {layout} {fmt}: API != CLI")
            cd = r.headers.get("Content-Disposition", "")
            check(cd.startswith("attachment;") and f"luoshi-{layout}.{fmt}" in cd and
                  "filename*=UTF-8''" in cd, f"Content-Disposition: {cd}")
        r = viewer.get("/api/v1/export", query={"layout": layout, "report": rep})
        check(r.status == 200 and r.headers["Content-Type"] ==
              "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
              f"xlsx {layout}: {r.headers['Content-Type']}")
        with zipfile.ZipFile(io.BytesIO(r.body)) as z:
            strings = z.read("xl/sharedStrings.xml").decode()
            check("xl/worksheets/sheet1.xml" in z.namelist() and "序号" in strings,
                  f"xlsx {layout} holds its sheet")
    r = viewer.get("/api/v1/export", query={"format": "csv", "report": rep})
    check(r.headers["Content-Type"] == "text/csv; charset=utf-8" and
          r.body.startswith(b"\xef\xbb\xbf"), "CSV: UTF-8 with BOM")
    check(viewer.get("/api/v1/export", query={"format": "doc"}).status == 400, "format doc")
    check(viewer.get("/api/v1/export", query={"layout": "x"}).status == 400, "layout x")
    check(viewer.get("/api/v1/export", query={"year": "x"}).status == 400, "year x")

    # a 分工方案 filled in as offices do, uploaded as CSV
    lines = read_csv(viewer.get("/api/v1/export", query={"format": "csv",
                                                         "report": rep}).body)
    head = lines[0]
    col = {name: head.index(name) for name in ("序号", "分管领导", "牵头单位", "配合单位", "完成时限")}
    rows = {int(line[col["序号"]]): line for line in lines[1:]}
    ids = sorted(rows)[20:23]
    rows[ids[0]][col["牵头单位"]] = "财政局牵头，商务局配合"
    rows[ids[0]][col["分管领导"]] = "王副市长"
    rows[ids[0]][col["完成时限"]] = "2023年9月底"
    rows[ids[1]][col["牵头单位"]] = "商务局"
    rows[ids[1]][col["完成时限"]] = "2023/10/31"
    sheet = [head] + [rows[i] for i in ids]
    r = viewer.request("POST", "/api/v1/assignments", form={"report": rep},
                       files={"file": ("fengong.csv", write_csv(sheet))})
    check(r.status == 403, f"a viewer uploads a 分工方案: {r}")
    r = unit.request("POST", "/api/v1/assignments", form={"report": rep},
                     files={"file": ("fengong.csv", write_csv(sheet))})
    check(r.status == 403, f"a unit uploads a 分工方案: {r}")
    r = admin.request("POST", "/api/v1/assignments", form={"report": rep},
                      files={"file": ("fengong.csv", write_csv(sheet))})
    # (the third line assigns nothing: a line with no owner, leader or date)
    check(r.status == 200 and r.json()["assigned"] == 2 and
          r.json()["preview"]["report"] == report and r.json()["dry_run"] is False,
          f"bulk assignment: {r}")
    a = admin.get(f"/api/v1/tasks/{ids[0]}").json()
    check(a["lead"] == "财政局" and a["co"] == ["商务局"] and a["leader"] == "王副市长" and
          a["due"] == "2023-09-30", f"assigned from the sheet: {a}")
    b = admin.get(f"/api/v1/tasks/{ids[1]}").json()
    check(b["lead"] == "商务局" and b["due"] == "2023-10-31", b)
    # a line naming a unit the store lacks, or a date that is none, is listed
    # and left out; the others apply (the same values: nothing changes)
    before = admin.get("/api/v1/tasks", query={"report": rep, "as_of": AS_OF}).json()
    broken = [list(x) for x in sheet]
    broken[2][col["牵头单位"]] = "不存在的局"
    r = admin.request("POST", "/api/v1/assignments", form={"report": rep},
                      files={"file": ("bad.csv", write_csv(broken))})
    p = (r.json() or {}).get("preview", {})
    check(r.status == 200 and p.get("lines", [{}] * 3)[1].get("problem") == "unknown_unit" and
          {"name": "不存在的局", "unit": None, "alias": False} in p.get("units", []) and
          r.json()["assigned"] == 1, f"a line with an unknown unit: {r}")
    broken = [list(x) for x in sheet]
    broken[1][col["完成时限"]] = "2023年13月"
    r = admin.request("POST", "/api/v1/assignments", form={"report": rep},
                      files={"file": ("bad.csv", write_csv(broken))})
    check(r.status == 200 and r.json()["preview"]["lines"][0]["problem"] == "bad_date" and
          r.json()["assigned"] == 1, f"a bad deadline: {r}")
    check(admin.get("/api/v1/tasks", query={"report": rep, "as_of": AS_OF}).json() == before,
          "lines left out changed nothing")
    # the preview writes nothing; picks apply exactly the rows checked
    broken[1][col["完成时限"]] = "2023年12月底"
    r = admin.request("POST", "/api/v1/assignments", form={"report": rep, "dry_run": "1"},
                      files={"file": ("fengong.csv", write_csv(broken))})
    check(r.status == 200 and r.json()["dry_run"] is True and r.json()["assigned"] == 0 and
          r.json()["preview"]["matched"] == 2, f"dry run: {r}")
    check(admin.get("/api/v1/tasks", query={"report": rep, "as_of": AS_OF}).json() == before,
          "a dry run changed nothing")
    # the same lines as a Word table: the same preview
    w = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'
    table = "".join("<w:tr>" + "".join(f"<w:tc><w:p><w:r><w:t>{escape(c)}</w:t></w:r></w:p></w:tc>"
                                       for c in row) + "</w:tr>" for row in broken)
    word = io.BytesIO()
    with zipfile.ZipFile(word, "w") as z:
        z.writestr("word/document.xml",
                   f"<w:document {w}><w:body><w:tbl>{table}</w:tbl></w:body></w:document>")
    r = admin.request("POST", "/api/v1/assignments", form={"report": rep, "dry_run": "1"},
                      files={"file": ("分工方案.docx", word.getvalue())})
    check(r.status == 200 and r.json()["preview"]["matched"] == 2 and
          [x["result"] for x in r.json()["preview"]["lines"]] ==
          [x["result"] for x in admin.request(
              "POST", "/api/v1/assignments", form={"report": rep, "dry_run": "1"},
              files={"file": ("fengong.csv", write_csv(broken))}).json()["preview"]["lines"]],
          f"a Word 分工方案: {r}")
    r = admin.request("POST", "/api/v1/assignments",
                      form={"report": rep, "picks": f"0:{ids[0]}"},
                      files={"file": ("fengong.csv", write_csv(broken))})
    check(r.status == 200 and r.json()["assigned"] == 1 and
          admin.get(f"/api/v1/tasks/{ids[0]}").json()["due"] == "2023-12-31", f"picks: {r}")
    r = admin.request("POST", "/api/v1/assignments", form={"report": rep, "picks": "0:x"},
                      files={"file": ("fengong.csv", write_csv(broken))})
    check(r.status == 400, f"malformed picks: {r}")
    r = admin.request("POST", "/api/v1/assignments", form={"report": rep, "picks": "0:999999"},
                      files={"file": ("fengong.csv", write_csv(broken))})
    check(r.status == 400 and "not a row" in r.text(), f"a pick of no row: {r}")
    r = admin.request("POST", "/api/v1/assignments", form={"report": "999"},
                      files={"file": ("fengong.csv", write_csv(sheet))})
    check(r.status == 404, f"a 分工方案 for no report: {r}")
    r = admin.request("POST", "/api/v1/assignments", form={"report": rep})
    check(r.status == 400, f"no file: {r}")
    r = admin.request("POST", "/api/v1/assignments",
                      files={"file": ("fengong.csv", write_csv(sheet))})
    check(r.status == 400, f"no report: {r}")
    r = admin.request("POST", "/api/v1/assignments", form={"report": rep},
                      files={"file": ("x.xlsx", b"PK\x03\x04 not a zip")})
    check(r.status == 400, f"a broken XLSX: {r}")

    # a 报送表 filled in by a unit, merged back (twice: the second adds nothing)
    lines = read_csv(admin.get("/api/v1/export", query={"format": "csv", "layout": "baosong",
                                                        "report": rep}).body)
    head = lines[0]
    col = {name: head.index(name) for name in ("序号", "报送日期", "完成比例(%)", "进展情况")}
    filled = [head]
    for line in lines[1:]:
        if int(line[col["序号"]]) in ids[:2]:
            line[col["报送日期"]] = "2023-06-30"
            line[col["完成比例(%)"]] = "45"
            line[col["进展情况"]] = "已完成招标"
            filled.append(line)
    r = unit.request("POST", "/api/v1/progress/import",
                     files={"file": ("baosong.csv", write_csv(filled))})
    # a unit sends its own 报送表 only (issue 14): these rows are not 能源局's
    check(r.status == 400 and "报送单位" in r.text(), f"a unit merges another's 报送表: {r}")
    r = admin.request("POST", "/api/v1/progress/import",
                      files={"file": ("baosong.csv", write_csv(filled))})
    check(r.status == 200 and r.json()["added"] == 2, f"报送表 merged: {r}")
    r = admin.request("POST", "/api/v1/progress/import",
                      files={"file": ("baosong.csv", write_csv(filled))})
    check(r.status == 200 and r.json()["added"] == 0, f"报送表 merged again: {r}")
    p = admin.get(f"/api/v1/tasks/{ids[0]}").json()["progress"]
    check(p and p["percent"] == 45 and p["done_text"] == "已完成招标", p)
    filled[1][col["完成比例(%)"]] = "140"
    filled[1][col["报送日期"]] = "2023-07-31"
    r = admin.request("POST", "/api/v1/progress/import",
                      files={"file": ("baosong.csv", write_csv(filled))})
    check(r.status == 400 and "完成比例" in r.text(), f"a bad 报送表: {r}")


def comparison(luoshi, env, admin, viewer):
    """compare, commitments, aliases: the same as the command line."""
    for q in ({"metric": "原煤产量"}, {"gov": "海拉尔区"}, {"metric": "地区生产总值",
                                                          "years": "2019-2023"}):
        args = []
        for k, v in q.items():
            args += ["--" + k, v]
        same(viewer.get("/api/v1/compare", query=q).json(),
             cli_json(luoshi, env, "compare", *args), f"compare {q}")
    same(viewer.get("/api/v1/commitments", query={"gov": "大同市", "year": "2023"}).json(),
         cli_json(luoshi, env, "commitments", "--gov", "大同市", "--year", "2023"),
         "commitments")
    check(viewer.get("/api/v1/compare", query={"years": "3000-1"}).status == 400, "bad years")
    check(viewer.get("/api/v1/commitments", query={"gov": "大同市"}).status == 400, "no year")
    r = viewer.post("/api/v1/aliases", {"alias": "煤炭产量", "canonical": "原煤产量"})
    check(r.status == 403, f"a viewer adds an alias: {r}")
    r = admin.post("/api/v1/aliases", {"alias": "煤炭产量", "canonical": "原煤产量"})
    check(r.status == 201 and r.json() == {"alias": "煤炭产量", "canonical": "原煤产量"},
          f"alias add: {r}")
    r = admin.post("/api/v1/aliases", {"alias": "煤炭产量", "canonical": "别的"})
    check(r.status == 409, f"alias twice: {r}")
    same(viewer.get("/api/v1/aliases").json(), cli_json(luoshi, env, "alias"), "aliases")
    check(viewer.get("/api/v1/aliases").json()[0]["created_by"] == "admin", "alias by admin")
    r = admin.post("/api/v1/aliases/remove", {"alias": "煤炭产量"})
    check(r.status == 200, f"alias remove: {r}")
    r = admin.post("/api/v1/aliases/remove", {"alias": "煤炭产量"})
    check(r.status == 404, f"alias remove twice: {r}")
    check(viewer.get("/api/v1/aliases").json() == [], "no alias left")


def paging(admin):
    """limit/offset and X-Total-Count on every list."""
    whole = admin.get("/api/v1/tasks", query={"as_of": AS_OF})
    total = int(whole.headers["X-Total-Count"])
    check(total == len(whole.json()) and total > 155, f"X-Total-Count {total}")
    pages, offset = [], 0
    while offset < total:
        r = admin.get("/api/v1/tasks", query={"as_of": AS_OF, "limit": "50", "offset": offset})
        check(int(r.headers["X-Total-Count"]) == total and len(r.json()) <= 50, "a page")
        pages += r.json()
        offset += 50
    check(pages == whole.json(), "the pages make the whole list")
    r = admin.get("/api/v1/tasks", query={"limit": "5", "offset": str(total + 10)})
    check(r.status == 200 and r.json() == [] and int(r.headers["X-Total-Count"]) == total,
          "a page past the end")
    r = admin.get("/api/v1/tasks", query={"unit": "能源局", "limit": "1"})
    check(int(r.headers["X-Total-Count"]) == 3 and len(r.json()) == 1, "filtered count")
    for path in ("/api/v1/targets", "/api/v1/units", "/api/v1/reports", "/api/v1/links",
                 "/api/v1/users", "/api/v1/tasks/1/history", "/api/v1/reports/1/mentions"):
        whole = admin.get(path).json()
        r = admin.get(path, query={"limit": "2", "offset": "1"})
        check(r.status == 200 and r.json() == whole[1:3] and
              int(r.headers["X-Total-Count"]) == len(whole), f"paging {path}: {r}")
    for bad in ({"limit": "-1"}, {"limit": "x"}, {"offset": "1.5"}, {"limit": "100001"}):
        for path in ("/api/v1/tasks", "/api/v1/units"):
            r = admin.get(path, query=bad)
            check(r.status == 400 and r.error_code() == "invalid", f"{path} {bad}: {r}")


def documents(luoshi, env, admin, report):
    """Bulletin formats and periods."""
    r = admin.get("/api/v1/bulletin", query={"period": "2023-Q2", "format": "pdf"})
    check(r.status == 400, f"bulletin pdf: {r}")
    r = admin.get("/api/v1/bulletin", query={"period": "Q2"})
    check(r.status == 400, f"bulletin bad period: {r}")
    r = admin.get("/api/v1/bulletin", query={"period": "2023-H1", "format": "html"})
    check(r.status == 200 and "<svg" in r.text(), "bulletin html has its charts")


def errors(admin, viewer, base, coal):
    anon = Client(base)
    for path in ("/api/v1/tasks", "/api/v1/me", "/api/v1/reports/1", "/api/v1/status"):
        r = anon.get(path)
        check(r.status == 401 and r.error_code() == "unauthenticated", f"{path} anon: {r}")
    r = viewer.get("/api/v1/nothing/here")
    check(r.status == 404 and r.error_code() == "not_found", f"unknown route: {r}")
    r = viewer.request("DELETE", "/api/v1/units")
    check(r.status == 405 and r.error_code() == "method_not_allowed" and
          "GET" in r.headers.get("Allow", "") and "POST" in r.headers.get("Allow", ""),
          f"405: {r} {r.headers.get('Allow')}")
    r = viewer.get(f"/api/v1/tasks/{coal}/assign")
    check(r.status == 405, f"GET of a POST route: {r}")
    check(viewer.get("/api/v1/tasks/999999").status == 404, "unknown task")
    check(viewer.get("/api/v1/tasks/999999/history").status == 404, "unknown history")
    check(viewer.get("/api/v1/tasks/abc").status == 404, "a task id that is not a number")
    for q in ({"year": "twenty"}, {"report": "-1"}, {"ahead": "many"}, {"as_of": "yesterday"},
              {"status": "unknown"}):
        r = viewer.get("/api/v1/tasks", query=q)
        check(r.status == 400 and r.error_code() == "invalid", f"tasks {q}: {r}")
    r = admin.request("POST", "/api/v1/units", data=b"{not json",
                      headers={"Content-Type": "application/json"})
    check(r.status == 400 and r.error_code() == "invalid_json", f"malformed JSON: {r}")
    r = admin.request("POST", "/api/v1/units", data=b"[1, 2]",
                      headers={"Content-Type": "application/json"})
    check(r.status == 400 and r.error_code() == "invalid_json", f"a JSON array: {r}")
    r = admin.post("/api/v1/units", {"name": 5})
    check(r.status == 400, f"a number for a name: {r}")
    check(viewer.request("HEAD", "/api/v1/units").status == 200, "HEAD of a GET route")
    r = viewer.get("/api/v1/units")
    check(r.headers["Content-Type"].startswith("application/json") and
          r.headers["X-Content-Type-Options"] == "nosniff" and
          r.headers["Cache-Control"] == "no-store", dict(r.headers))


def busy(admin, db):
    """A store locked by another writer: 503 with Retry-After, then fine."""
    lock = sqlite3.connect(db, timeout=1, isolation_level=None)
    lock.execute("BEGIN IMMEDIATE")
    try:
        t0 = time.time()
        r = admin.post("/api/v1/units", {"name": "锁住时"})
        check(r.status == 503 and r.error_code() == "busy" and r.headers.get("Retry-After"),
              f"busy: {r}")
        check(time.time() - t0 < 10, "busy answers after the busy timeout")
        # reads go on while a writer holds the lock (WAL)
        check(admin.get("/api/v1/units").status == 200, "reads while locked")
    finally:
        lock.execute("ROLLBACK")
        lock.close()
    r = admin.post("/api/v1/units", {"name": "锁住时"})
    check(r.status == 201, f"after the lock: {r}")


if __name__ == "__main__":
    sys.exit(main())
