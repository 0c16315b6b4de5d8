#!/usr/bin/env python3
"""test_loop.py LUOSHI FIXTURES — the closed loop of 督办 (issue 14, items
1-3 and 8) on the Datong 2023 ledger, through the command line and the JSON
API and pages of `luoshi serve`, on SQLite, or on PostgreSQL when
LUOSHI_TEST_PG_URL is set (loop_pg, with_pg.sh):

  - figures read in the target's unit (4 against 8.03万亩 is 4万亩, 9.5万人 as
    written), another unit refused, a figure far from its target refused
    until confirmed (CLI exit 1, API 422 with its field, a confirm step on
    the page);
  - a row of several targets judged on each; a report of 100% is not done;
    a report corrected by another that names it;
  - evidence kept in the store (type by magic bytes, the name agreeing, the
    size limit, SHA-256), downloaded only by who may read the row, with
    safe headers; a unit's own 报送表 kept as evidence;
  - 办结: a unit asks, the office returns it with a reason (on the unit's
    page), the unit answers and asks again, the office approves (已完成);
  - batch assign / remove / restore and the search box of the web ledger.
"""
import hashlib
import os
import re
import sys
import tempfile
import zipfile

try:
    import openpyxl
except ImportError:  # python3-openpyxl is Debian's: prefer its interpreter
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from api_client import Client, Server, add_user, check, cli, cli_json, finish  # noqa: E402

PNG = b"\x89PNG\r\n\x1a\n" + b"\x00\x00\x00\rIHDR" + bytes(80)
PDF = b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj <<>> endobj\ntrailer <<>>\n%%EOF\n"


def docx_bytes():
    path = tempfile.mktemp(suffix=".docx")
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", "<w:document/>")
    with open(path, "rb") as f:
        data = f.read()
    os.unlink(path)
    return data


def row_with(rows, *texts):
    """The id of the row whose targets are written 'texts', in order."""
    for it in rows:
        if [t["text"] for t in it["targets"]] == list(texts):
            return it["id"]
    check(False, f"no row with targets {texts}")
    return 0


def row(luoshi, env, rid, as_of="2023-06-30"):
    rows = cli_json(luoshi, env, "tasks", "--as-of", as_of)
    return next(it for it in rows if it["id"] == rid)


def main():
    luoshi, fixtures = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        db = os.environ.get("LUOSHI_TEST_PG_URL") or os.path.join(tmp, "loop.db")
        env = dict(os.environ, LUOSHI_DB=db, LUOSHI_USER="督查室", LUOSHI_BUSY_MS="2000")
        env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
        ids = ledger(luoshi, env, os.path.join(fixtures, "datong-2023.txt"))
        figures(luoshi, env, ids)
        evidence(luoshi, env, tmp, ids)
        review(luoshi, env, tmp, ids)
        server = Server(luoshi, db, env, log=os.path.join(tmp, "serve.log"))
        try:
            web(luoshi, env, server, tmp, ids)
        finally:
            server.stop()
    return finish()


def ledger(luoshi, env, datong):
    cli(luoshi, env, "import", datong, "--gov", "大同市", "--year", "2023")
    cli(luoshi, env, "units", "add", "农业农村局", "人社局", "能源局", "水务局")
    rows = cli_json(luoshi, env, "tasks")
    ids = {"irrigation": row_with(rows, "8.03万亩"), "jobs": row_with(rows, "10万人"),
           "farmland": row_with(rows, "3个", "20.8万亩"), "coal": row_with(rows, "3座", "2座", "1.6亿吨")}
    ids["plain"] = next(it["id"] for it in rows if not it["targets"] and "辛苦指数" not in it["text"])
    cli(luoshi, env, "assign", str(ids["irrigation"]), "--lead", "农业农村局", "--due", "2023-12-31")
    cli(luoshi, env, "assign", str(ids["farmland"]), "--lead", "农业农村局", "--co", "水务局")
    cli(luoshi, env, "assign", str(ids["jobs"]), "--lead", "人社局")
    cli(luoshi, env, "assign", str(ids["plain"]), "--lead", "人社局")
    return ids


def progress(luoshi, env, rid, unit, *args, code=0):
    return cli(luoshi, env, "progress", str(rid), "--date", "2023-06-30", "--done-text", "推进中",
               "--by", unit, *args, code=code)


def figures(luoshi, env, ids):
    """Item 3: figures in the target's unit; item 2: several targets, 100%."""
    irr, jobs, farm = ids["irrigation"], ids["jobs"], ids["farmland"]
    progress(luoshi, env, irr, "农业农村局", "--value", "4")
    it = row(luoshi, env, irr)
    check(it["progress"]["value"] == 40000, f"4 against 8.03万亩 is 40000 亩: {it['progress']}")
    check(it["status"] == "欠进度" and "49.8%" in it["reason"], it["reason"])
    progress(luoshi, env, jobs, "人社局", "--value", "9.5万人")
    check(row(luoshi, env, jobs)["progress"]["value"] == 95000, "9.5万人 read as written")
    r = progress(luoshi, env, jobs, "人社局", "--value", "9.5万亩", code=1)
    check("万人" in r.stderr and "亩" in r.stderr, f"another unit is refused: {r.stderr}")
    r = progress(luoshi, env, jobs, "人社局", "--value", "abc", code=1)
    check("not a figure" in r.stderr, r.stderr)
    # below 1% or above 10 times the target: refused until confirmed
    r = progress(luoshi, env, jobs, "人社局", "--value", "0.05", code=1)
    check("--confirm" in r.stderr and "under 1%" in r.stderr, f"0.05万人 against 10万人: {r.stderr}")
    r = progress(luoshi, env, jobs, "人社局", "--value", "950", code=1)
    check("reads as 950万人" in r.stderr, f"a bare 950 is 950万人: {r.stderr}")
    r = progress(luoshi, env, jobs, "人社局", "--value", "200万", code=1)
    check("over 10 times" in r.stderr, r.stderr)
    check(row(luoshi, env, jobs)["progress"]["value"] == 95000, "nothing recorded unconfirmed")
    progress(luoshi, env, jobs, "人社局", "--value", "200万", "--confirm")
    check(row(luoshi, env, jobs)["progress"]["value"] == 2000000, "confirmed, recorded")
    # a report of 100% does not close a row by itself
    it = row(luoshi, env, jobs)
    check(it["status"] == "超进度" and "未办结" in it["reason"], f"100%+ is not done: {it}")
    # a row of several targets: one value per target, each judged
    r = progress(luoshi, env, farm, "农业农村局", "--value", "3", code=1)
    check("2 targets" in r.stderr, r.stderr)
    progress(luoshi, env, farm, "水务局", "--value", "3", "--value", "2")
    it = row(luoshi, env, farm)
    vals = [v["value"] for v in it["progress"]["values"]]
    check(vals == [3, 20000], f"values per target: {vals}")
    check(it["status"] == "欠进度" and "指标2" in it["reason"],
          f"judged on the worst target (20.8万亩 at 9.6%): {it['reason']}")
    # a correction replaces a report, nothing edited
    first = cli_json(luoshi, env, "history", str(irr))
    r = progress(luoshi, env, irr, "农业农村局", "--value", "5")
    rep = int(re.search(r"report (\d+)", r.stdout).group(1))
    progress(luoshi, env, irr, "农业农村局", "--value", "4.5", "--replaces", str(rep))
    it = row(luoshi, env, irr)
    check(it["progress"]["value"] == 45000 and it["progress"]["replaces"] == rep,
          f"the correction is read: {it['progress']}")
    r = progress(luoshi, env, jobs, "人社局", "--value", "1万", "--replaces", str(rep), code=1)
    check("no report of row" in r.stderr, r.stderr)
    hist = cli_json(luoshi, env, "history", str(irr))
    check(len(hist) == len(first) + 2 and any(h["field"] == "replaces" for h in hist),
          "both reports are in the history")


def evidence(luoshi, env, tmp, ids):
    """Item 1: files kept in the store."""
    irr = str(ids["irrigation"])
    paths = {}
    for name, data in (("验收照片.png", PNG), ("报告.pdf", PDF), ("fake.pdf", PNG),
                       ("notes.txt", b"hello"), ("方案.docx", docx_bytes())):
        paths[name] = os.path.join(tmp, name)
        with open(paths[name], "wb") as f:
            f.write(data)
    r = cli(luoshi, env, "evidence", "add", irr, paths["验收照片.png"], paths["方案.docx"],
            "--by", "农业农村局")
    check(r.stdout.count("kept") == 2, r.stdout)
    r = cli(luoshi, env, "evidence", "add", irr, paths["fake.pdf"], "--by", "农业农村局", code=1)
    check("PNG image" in r.stderr, f"the name disagrees with the bytes: {r.stderr}")
    r = cli(luoshi, env, "evidence", "add", irr, paths["notes.txt"], code=1)
    check("not a file kept as evidence" in r.stderr, r.stderr)
    r = cli(luoshi, env, "evidence", "add", irr, paths["报告.pdf"], "--by", "人社局", code=1)
    check("neither lead nor co unit" in r.stderr, r.stderr)
    big = os.path.join(tmp, "big.pdf")
    with open(big, "wb") as f:
        f.write(b"%PDF-1.4\n")
        f.truncate(20 * 1024 * 1024 + 1)
    r = cli(luoshi, env, "evidence", "add", irr, big, code=1)
    check("limit of 20 MB" in r.stderr, r.stderr)
    listed = cli_json(luoshi, env, "evidence", "list", irr)
    check([e["name"] for e in listed] == ["验收照片.png", "方案.docx"], listed)
    check(listed[0]["sha256"] == hashlib.sha256(PNG).hexdigest() and listed[0]["size"] == len(PNG)
          and listed[0]["type"] == "image/png" and listed[0]["unit"] == "农业农村局", listed[0])
    check(listed[1]["type"].endswith("wordprocessingml.document"), listed[1])
    out = os.path.join(tmp, "got.png")
    cli(luoshi, env, "evidence", "get", str(listed[0]["id"]), "--out", out)
    with open(out, "rb") as f:
        check(f.read() == PNG, "the bytes come back as kept")
    cli(luoshi, env, "evidence", "get", "999999", "--out", out, code=1)
    # a report with a file: kept with the report
    r = progress(luoshi, env, irr, "农业农村局", "--value", "5", "--evidence", paths["报告.pdf"])
    check("with evidence" in r.stdout, r.stdout)
    listed = cli_json(luoshi, env, "evidence", "list", irr)
    check(listed[-1]["name"] == "报告.pdf" and listed[-1]["progress"] > 0, listed[-1])
    ids["evidence_png"] = listed[0]["id"]


def review(luoshi, env, tmp, ids):
    """Item 2: 办结 asked, returned with a reason, answered, approved."""
    irr = str(ids["irrigation"])
    photo = os.path.join(tmp, "验收照片.png")
    r = cli(luoshi, env, "finish", irr, "--by", "人社局", "--date", "2023-11-30",
            "--done-text", "x", code=1)
    check("neither lead nor co" in r.stderr, "only the row's units ask for 办结")
    cli(luoshi, env, "finish", irr, "--by", "农业农村局", "--date", "2023-11-30", "--value", "8.1",
        "--done-text", "新增灌溉面积8.1万亩，全面完成", "--evidence", photo)
    it = row(luoshi, env, int(irr), "2023-12-01")
    check(it["status"] == "待审核" and it["review"] == "pending", f"asked: {it['status']}")
    check(cli_json(luoshi, env, "tasks", "--status", "待审核")[0]["id"] == int(irr), "--status 待审核")
    cli(luoshi, env, "finish", irr, "--by", "农业农村局", "--date", "2023-11-30",
        "--done-text", "again", code=1)
    cli(luoshi, env, "review", irr, code=2)
    cli(luoshi, env, "review", irr, "--return", "请补充验收报告")
    it = row(luoshi, env, int(irr), "2023-12-01")
    check(it["review"] == "returned" and it["review_reason"] == "请补充验收报告"
          and it["status"] == "超进度" and "请补充验收报告" in it["reason"], f"returned: {it}")
    hist = cli_json(luoshi, env, "history", irr)
    check(any(h["action"] == "return" and "请补充验收报告" in (h["new"] or "") for h in hist),
          "the reason is in the history")
    cli(luoshi, env, "review", irr, "--approve", code=1)
    cli(luoshi, env, "finish", irr, "--by", "农业农村局", "--date", "2023-12-10", "--value", "8.1",
        "--done-text", "已补充验收报告")
    cli(luoshi, env, "review", irr, "--approve")
    it = row(luoshi, env, int(irr), "2023-12-31")
    check(it["status"] == "已完成" and it["review"] == "approved" and "销号" in it["reason"], it)
    cli(luoshi, env, "finish", irr, "--by", "农业农村局", "--date", "2023-12-20",
        "--done-text", "x", code=1)


def web(luoshi, env, server, tmp, ids):
    admin, unit, other, viewer = (Client(server.base) for _ in range(4))
    check(admin.login("admin", server.password).status == 200, "admin signs in")
    add_user(luoshi, env, "nong1", "unit", "nong-pass-123", unit="农业农村局")
    add_user(luoshi, env, "ren1", "unit", "ren-pass-1234", unit="人社局")
    add_user(luoshi, env, "view1", "viewer", "view-pass-123")
    check(unit.login("nong1", "nong-pass-123").status == 200, "unit signs in")
    check(other.login("ren1", "ren-pass-1234").status == 200, "other unit signs in")
    check(viewer.login("view1", "view-pass-123").status == 200, "viewer signs in")
    farm, jobs, plain = ids["farmland"], ids["jobs"], ids["plain"]
    api_figures(unit, other, farm, jobs)
    api_evidence(unit, other, viewer, admin, farm, ids["evidence_png"])
    api_review(unit, other, admin, farm)
    pages(unit, admin, farm, jobs)
    unit_sheet(unit, admin, farm, tmp)
    batch(admin, viewer, plain)


def api_figures(unit, other, farm, jobs):
    form = {"date": "2023-06-30", "done_text": "新建高标准农田"}
    r = unit.request("POST", f"/api/v1/tasks/{farm}/progress", form={**form, "value": "3"},
                     files={"file": ("现场.png", PNG)})
    check(r.status == 400 and "2 targets" in r.text(), f"one value for 2 targets: {r}")
    r = unit.post(f"/api/v1/tasks/{farm}/progress", {**form, "values": ["2", "1500万"]})
    check(r.status == 422 and r.json()["error"]["code"] == "confirm"
          and r.json()["error"]["field"] == "value", f"far from the target: {r}")
    r = unit.post(f"/api/v1/tasks/{farm}/progress", {**form, "values": ["2", "15万亩"]})
    check(r.status == 201 and [v["value"] for v in r.json()["progress"]["values"]] == [2, 150000],
          f"values: {r}")
    r = other.post(f"/api/v1/tasks/{farm}/progress", {**form, "value": "1"})
    check(r.status == 403, f"a unit not the row's: {r}")
    r = other.post(f"/api/v1/tasks/{jobs}/progress", {**form, "value": 9.8})
    check(r.status == 201 and r.json()["progress"]["value"] == 98000,
          f"a bare JSON number is in the unit shown (万人): {r}")


def api_evidence(unit, other, viewer, admin, farm, png_id):
    r = unit.request("POST", f"/api/v1/tasks/{farm}/evidence", form={},
                     files={"file": ("田间照片.png", PNG), "evidence_file": ("验收.pdf", PDF)})
    check(r.status == 201 and [e["name"] for e in r.json()][-2:] == ["田间照片.png", "验收.pdf"], r)
    mine = r.json()[-2]["id"]
    r = unit.request("POST", f"/api/v1/tasks/{farm}/evidence", form={},
                     files={"file": ("a.exe", b"MZ\x90\x00" + bytes(60))})
    check(r.status == 400, f"an executable is refused: {r}")
    r = unit.request("POST", f"/api/v1/tasks/{farm}/evidence", form={},
                     files={"file": ("a.pdf", PNG)})
    check(r.status == 400 and "PNG" in r.text(), r)
    r = unit.get(f"/api/v1/evidence/{mine}")
    cd = r.headers.get("Content-Disposition", "")
    check(r.status == 200 and r.body == PNG and r.headers.get("Content-Type") == "image/png", r)
    check(cd.startswith("attachment;") and
          "filename*=UTF-8''%E7%94%B0%E9%97%B4%E7%85%A7%E7%89%87.png" in cd, cd)
    check(r.headers.get("X-Content-Type-Options") == "nosniff", "nosniff")
    check(other.get(f"/api/v1/evidence/{mine}").status == 403, "another unit may not download")
    check(other.get(f"/api/v1/tasks/{farm}/evidence").status == 403, "nor list")
    check(other.get(f"/evidence/{mine}").status == 403, "nor from the page")
    check(viewer.get(f"/api/v1/evidence/{mine}").status == 200, "a viewer reads every row")
    check(unit.get(f"/evidence/{png_id}").status == 200, "its own row's file from the page")
    check(other.get(f"/evidence/{png_id}").status == 403, "not another unit's")
    check(admin.get("/api/v1/evidence/999999").status == 404, "no such file")


def api_review(unit, other, admin, farm):
    form = {"date": "2023-11-30", "done_text": "全面完成", "values": ["3", "20.8"]}
    r = other.post(f"/api/v1/tasks/{farm}/finish", form)
    check(r.status == 403, f"another unit may not ask: {r}")
    r = unit.post(f"/api/v1/tasks/{farm}/finish", form)
    check(r.status == 201 and r.json()["status"] == "待审核", f"asked: {r}")
    check(unit.post(f"/api/v1/tasks/{farm}/review", {"approve": True}).status == 403,
          "a unit does not review")
    r = admin.post(f"/api/v1/tasks/{farm}/review", {})
    check(r.status == 400, f"approve or return: {r}")
    r = admin.post(f"/api/v1/tasks/{farm}/review", {"return": "照片不清晰，请补充"})
    check(r.status == 200 and r.json()["review"] == "returned"
          and r.json()["review_reason"] == "照片不清晰，请补充", f"returned: {r}")
    page = unit.get(f"/tasks/{farm}").text()
    check("办结申请已退回：照片不清晰，请补充" in page, "the reason on the unit's page")
    r = unit.request("POST", f"/api/v1/tasks/{farm}/finish",
                     form={"date": "2023-12-05", "done_text": "已补充清晰照片", "value": "3"},
                     files={"file": ("补充.png", PNG)})
    check(r.status == 400, f"values for each target: {r}")
    r = unit.request("POST", f"/api/v1/tasks/{farm}/finish",
                     form={"date": "2023-12-05", "done_text": "已补充清晰照片"},
                     files={"file": ("补充.png", PNG)})
    check(r.status == 201 and r.json()["review"] == "pending", f"asked again: {r}")
    page = admin.get(f"/tasks/{farm}").text()
    check("办结审核" in page and "补充.png" in page, "the office sees the request and the file")
    r = admin.request("POST", f"/tasks/{farm}/review", form={"action": "approve"})
    check(r.status == 200 and "已办结（销号" in r.text(), f"approved on the page, back to the row: {r}")
    r = admin.get(f"/api/v1/tasks/{farm}")
    check(r.json()["status"] == "已完成" and r.json()["review"] == "approved", r)


def pages(unit, admin, farm, jobs):
    page = admin.get(f"/tasks/{jobs}").text()
    check('<span class="unit-of">万人</span>' in page and 'enctype="multipart/form-data"' in page,
          "the unit beside the field")
    form = {"unit": "人社局", "date": "2023-07-31", "done_text": "就业", "value": "900万",
            "action": "report"}
    r = admin.request("POST", f"/tasks/{jobs}/progress", form=form, files={})
    check(r.status == 409 and "数值无误" in r.text(), f"a confirm step: {r.status}")
    r = admin.request("POST", f"/tasks/{jobs}/progress", form={**form, "confirm": "1"}, files={})
    check(r.status == 200 and admin.get(f"/api/v1/tasks/{jobs}").json()["progress"]["value"]
          == 9000000, f"confirmed, back to the row: {r}")
    r = admin.request("POST", f"/tasks/{jobs}/progress",
                      form={**form, "value": "9"}, files={"evidence_file": ("x.txt", b"hi")})
    check(r.status == 400 and "not a file kept as evidence" in r.text(), f"a text file: {r.status}")


def unit_sheet(unit, admin, farm, tmp):
    """A unit uploads its own 报送表: its lines only, kept as evidence."""
    check("上传本单位报送表" in unit.get("/tasks").text(), "the unit's upload form on the ledger")
    r = unit.get("/api/v1/export", query={"format": "xlsx", "layout": "baosong",
                                          "unit": "农业农村局"})
    path = os.path.join(tmp, "baosong.xlsx")
    with open(path, "wb") as f:
        f.write(r.body)
    wb = openpyxl.load_workbook(path)
    ws = wb.active
    head = [c.value for c in ws[2]]
    col = {name: head.index(name) + 1 for name in ("序号", "报送日期", "进展情况", "报送单位")}
    for line in range(3, ws.max_row + 1):
        if ws.cell(line, col["序号"]).value == farm:
            ws.cell(line, col["报送日期"]).value = "2023-12-20"
            ws.cell(line, col["进展情况"]).value = "年底前已全部验收"
            ws.cell(line, col["报送单位"]).value = None
    mine = os.path.join(tmp, "农业农村局报送表.xlsx")
    wb.save(mine)
    with open(mine, "rb") as f:
        data = f.read()
    r = unit.request("POST", "/api/v1/progress/import", form={},
                     files={"file": ("农业农村局报送表.xlsx", data)})
    check(r.status == 200 and r.json()["added"] == 1, f"the unit's 报送表: {r}")
    r = unit.get(f"/api/v1/tasks/{farm}/evidence")
    check(r.json()[-1]["name"] == "农业农村局报送表.xlsx" and r.json()[-1]["unit"] == "农业农村局",
          f"kept as evidence: {r}")
    # a line of another unit is refused, nothing merged
    for line in range(3, ws.max_row + 1):
        if ws.cell(line, col["序号"]).value == farm:
            ws.cell(line, col["报送单位"]).value = "人社局"
            ws.cell(line, col["进展情况"]).value = "改写"
    wb.save(mine)
    with open(mine, "rb") as f:
        r = unit.request("POST", "/api/v1/progress/import", form={},
                         files={"file": ("农业农村局报送表.xlsx", f.read())})
    check(r.status == 400 and "its own reports only" in r.text(), f"another unit's line: {r}")


def batch(admin, viewer, plain):
    """Item 8: rows selected and assigned, removed, restored at once."""
    rows = admin.get("/api/v1/tasks", query={"q": "高标准农田"}).json()
    check(rows and all("高标准农田" in it["text"] or "高标准农田" in it["path"] for it in rows),
          f"search: {len(rows)}")
    by_lead = admin.get("/api/v1/tasks", query={"q": "人社局"}).json()
    check({it["id"] for it in by_lead} >= {plain}, "search finds the lead unit")
    page = admin.get("/tasks", query={"q": "灌溉"}).text()
    check('form="batch"' in page and "select-all" in page and 'name="q"' in page, "batch boxes")
    check('form="batch"' not in viewer.get("/tasks").text(), "no batch for a viewer")
    picked = [it["id"] for it in admin.get("/api/v1/tasks", query={"limit": 3, "offset": 20}).json()]
    form = [("csrf", admin.csrf), ("action", "assign"), ("lead", "能源局"),
            ("due", "2023-09-30")] + [("id", str(i)) for i in picked]
    import urllib.parse
    body = urllib.parse.urlencode(form).encode()
    h = {"Content-Type": "application/x-www-form-urlencoded"}
    r = admin.request("POST", "/tasks/batch", data=body, headers=h)
    check(r.status == 200, f"batch assign, back to the ledger: {r}")
    for i in picked:
        it = admin.get(f"/api/v1/tasks/{i}").json()
        check(it["lead"] == "能源局" and it["due"] == "2023-09-30", f"row {i}: {it['lead']}")
    form[1] = ("action", "remove")
    r = admin.request("POST", "/tasks/batch", data=urllib.parse.urlencode(form).encode(), headers=h)
    check(r.status == 200 and all(admin.get(f"/api/v1/tasks/{i}").json()["removed_at"]
                                  for i in picked), "batch remove")
    form[1] = ("action", "restore")
    r = admin.request("POST", "/tasks/batch", data=urllib.parse.urlencode(form).encode(), headers=h)
    check(r.status == 200 and not any(admin.get(f"/api/v1/tasks/{i}").json()["removed_at"]
                                      for i in picked), "batch restore")
    # one unknown row: nothing changes
    bad = [("csrf", admin.csrf), ("action", "remove")] + [("id", str(i)) for i in picked] + \
        [("id", "999999")]
    r = admin.request("POST", "/tasks/batch", data=urllib.parse.urlencode(bad).encode(), headers=h)
    check(r.status == 400 and not any(admin.get(f"/api/v1/tasks/{i}").json()["removed_at"]
                                      for i in picked), f"all or nothing: {r.status}")
    r = viewer.request("POST", "/tasks/batch", data=urllib.parse.urlencode(
        [("csrf", viewer.csrf), ("action", "remove"), ("id", str(picked[0]))]).encode(), headers=h)
    check(r.status == 403, "a viewer may not")
    r = admin.request("POST", "/tasks/batch", data=urllib.parse.urlencode(
        [("csrf", admin.csrf), ("action", "remove")]).encode(), headers=h)
    check(r.status == 400, "nothing selected")


if __name__ == "__main__":
    sys.exit(main())
