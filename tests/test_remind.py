#!/usr/bin/env python3
"""test_remind.py LUOSHI FIXTURES — the closed loop of 督办 on the Datong
report (issue 14, items 4-7), through the CLI and the JSON API, on SQLite
or (under with_pg.sh) PostgreSQL: a reporting cycle, reports stored on
different days (the clock is LUOSHI_NOW), the late units and rows of a
period, the units ranked, the 催办单 of a day in Markdown, HTML and DOCX
(unzipped and read as XML; converted by LibreOffice when it is installed),
the bulletin as an official document, and a unit's 待办.
"""
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import urllib.parse
import xml.etree.ElementTree as ET
import zipfile

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from api_client import Client, Server, add_user, check, finish  # noqa: E402

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def docx_text(data, what):
    """The text of word/document.xml of DOCX bytes 'data', after checking
    that every XML part of the archive is well-formed."""
    try:
        z = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        check(False, f"{what}: not a ZIP archive")
        return ""
    names = z.namelist()
    check(names[0] == "[Content_Types].xml" and "word/document.xml" in names and
          "word/styles.xml" in names and "_rels/.rels" in names, f"{what}: parts {names}")
    for n in names:
        try:
            ET.fromstring(z.read(n))
        except ET.ParseError as e:
            check(False, f"{what}: {n} is not well-formed XML: {e}")
    doc = ET.fromstring(z.read("word/document.xml"))
    check(doc.find(f"{W}body/{W}sectPr/{W}pgMar") is not None, f"{what}: page margins")
    styles = z.read("word/styles.xml").decode()
    check("仿宋" in styles and "黑体" in styles, f"{what}: 仿宋 and 黑体 styles")
    return "".join(t.text or "" for t in doc.iter(W + "t"))


def converts(path, tmp):
    """LibreOffice's text of the DOCX at 'path', or None when it is not
    installed."""
    office = shutil.which("soffice") or shutil.which("libreoffice")
    if not office:
        print("note: LibreOffice is not installed; the DOCX is checked as XML only")
        return None
    out = os.path.join(tmp, "converted")
    try:
        r = subprocess.run([office, "--headless", f"-env:UserInstallation=file://{tmp}/lo",
                            "--convert-to", "txt:Text", path, "--outdir", out],
                           capture_output=True, text=True, timeout=300)
        said = r.stdout + r.stderr
    except subprocess.TimeoutExpired:
        said = "no answer within 300 s"
    name = os.path.join(out, os.path.splitext(os.path.basename(path))[0] + ".txt")
    check(os.path.exists(name), f"LibreOffice converts {path}: {said}")
    return open(name, encoding="utf-8-sig").read() if os.path.exists(name) else ""


def main():
    luoshi, fixtures = sys.argv[1], sys.argv[2]
    report = os.path.join(fixtures, "datong-2023.txt")
    with tempfile.TemporaryDirectory() as tmp:
        db = os.environ.get("LUOSHI_TEST_PG_URL") or os.path.join(tmp, "remind.db")
        print("back end:", "PostgreSQL" if db.startswith("postgresql:") else "SQLite")
        env = dict(os.environ, LUOSHI_DB=db, LUOSHI_USER="督查室",
                   LUOSHI_NOW="2023-06-01T08:00:00Z")
        env.setdefault("ASAN_OPTIONS", "detect_leaks=1")

        def run(*args, code=0, now=None, text=True):
            e = dict(env, LUOSHI_NOW=now) if now else env
            r = subprocess.run([luoshi, *args], capture_output=True, text=text, env=e)
            check(r.returncode == code,
                  f"luoshi {' '.join(args)}: exit {r.returncode}, expected {code}: {r.stderr}")
            return r

        def js(*args, now=None):
            r = run(*args, "--format", "json", now=now)
            try:
                return json.loads(r.stdout)
            except ValueError:
                check(False, f"luoshi {' '.join(args)}: not JSON: {r.stdout[:200]}")
                return {}

        cli_side(run, js, report, tmp)
        env["LUOSHI_NOW"] = "2023-07-10T08:00:00Z"
        server = Server(luoshi, db, env, log=os.path.join(tmp, "serve.log"))
        try:
            api_side(luoshi, env, server, js, tmp)
        finally:
            server.stop()
        returns_side(luoshi, env, run, js, tmp)
    return finish()


def returns_side(luoshi, env, run, js, tmp):
    """The 办结 review's returns (luoshi review --return) count in the ranking
    and put the row on the unit's 待办 until it reports again."""
    run("finish", "9", "--by", "农业农村局", "--date", "2023-07-02", "--done-text", "已全部完成",
        now="2023-07-03T09:00:00Z")
    run("review", "9", "--return", "请补充验收材料", now="2023-07-04T09:00:00Z")
    units = {u["unit"]: u for u in js("rank", "--period", "2023-06").get("units", [])}
    check(units.get("农业农村局", {}).get("returned") == 1 and
          units.get("能源局", {}).get("returned") == 0, units)
    check(js("rank", "--period", "2023-05").get("units", [{}])[0].get("returned", 0) == 0,
          "a return after the period's due day is not the period's")
    server = Server(luoshi, env["LUOSHI_DB"], env, log=os.path.join(tmp, "serve2.log"))
    try:
        add_user(luoshi, env, "njj", "unit", "njj-pass-12", unit="农业农村局")
        admin = Client(server.base)
        check(admin.login("njj", "njj-pass-12").status == 200, "the unit's user signs in")
        q = "/api/v1/todo?as_of=2023-07-10"
        r = admin.get(q)
        check(r.status == 200 and [x["id"] for x in r.json().get("returned", [])] == [9],
              f"a returned row on the unit's 待办: {r}")
        run("progress", "9", "--date", "2023-07-08", "--percent", "100", "--done-text",
            "补充了验收材料", "--by", "农业农村局", now="2023-07-08T09:00:00Z")
        r = admin.get(q)
        check(r.status == 200 and r.json().get("returned") == [],
              f"reported again: off the 待办's returned rows: {r}")
    finally:
        server.stop()


def cli_side(run, js, report, tmp):
    run("import", report, "--gov", "大同市", "--year", "2023")
    run("units", "add", "能源局", "发展改革委", "农业农村局", "工信局")
    check("季报" in run("cycle").stdout and "默认" in run("cycle").stdout,
          "no cycle set: quarterly by day 10")
    # six rows assigned, the rest stay draft rows (未分工)
    run("assign", "1", "2", "--lead", "能源局", "--co", "发展改革委", "--due", "2023-12-31")
    run("assign", "3", "--lead", "能源局", "--due", "2023-07-15")
    run("assign", "4", "5", "--lead", "发展改革委", "--due", "2023-09-30")
    run("assign", "7", "--lead", "工信局", "--due", "2023-06-30")
    run("assign", "9", "--lead", "农业农村局", "--due", "2023-12-31")
    out = run("cycle", "set", "--every", "month", "--due-day", "5").stdout
    check("月报" in out and "5日" in out, out)
    c = js("cycle")
    check(c.get("every") == "month" and c.get("due_day") == 5 and c.get("set") is True, c)
    run("cycle", "set", "--every", "week", "--due-day", "5", code=1)
    run("cycle", "set", "--every", "month", "--due-day", "32", code=1)
    run("cycle", "set", "--every", "month", code=2)
    # June's reports: rows 1, 2 and 9 by 5 July, row 4 on 8 July, rows 3, 5, 7 never
    for row, unit, pct, day in (("1", "能源局", "55", "03"), ("2", "能源局", "30", "04"),
                                ("4", "发展改革委", "60", "08"), ("9", "农业农村局", "50", "02")):
        run("progress", row, "--date", "2023-06-30", "--percent", pct, "--done-text",
            "按计划推进", "--by", unit, now=f"2023-07-{day}T09:00:00Z")

    late = js("late", "--period", "2023-06")
    check(late.get("due") == "2023-07-05" and late.get("label") == "2023年6月", late)
    check(late.get("expected") == 7 and late.get("on_time") == 3, late)
    got = {r["id"]: r["reported_code"] for r in late.get("rows", [])}
    check(got == {3: "missing", 4: "late", 5: "missing", 7: "missing"}, got)
    units = {u["unit"]: (u["late"], u["missing"]) for u in late.get("units", [])}
    check(units == {"能源局": (0, 1), "发展改革委": (1, 1), "工信局": (0, 1)}, units)
    table = run("late", "--period", "2023-06").stdout
    check("报送时限 2023-07-05" in table and "未报送" in table and "逾期报送" in table, table)
    # a quarter is due by day 5 of the month after it too
    check(js("late", "--period", "2023-Q2").get("due") == "2023-07-05", "quarter due day")
    # the rows were assigned on 1 June: nothing was due for April (due 5 May)
    april = js("late", "--period", "2023-04")
    check(april.get("expected") == 0 and april.get("rows") == [], april)
    run("late", "--period", "2023-13", code=1)
    run("late", code=2)

    rank = js("rank", "--period", "2023-06")
    order = [(u["rank"], u["unit"]) for u in rank.get("units", [])]
    check(order == [(1, "农业农村局"), (2, "能源局"), (3, "发展改革委"), (3, "工信局")], order)
    energy = [u for u in rank.get("units", []) if u["unit"] == "能源局"]
    check(energy and energy[0]["on_time"] == 2 and energy[0]["expected"] == 3 and
          abs(energy[0]["on_time_rate"] - 66.7) < 0.1 and energy[0]["returned"] == 0, energy)
    check("按时报送率" in run("rank", "--period", "2023-06").stdout, "rank table")

    # 催办单 of 10 July: row 7 overdue (红), rows 2, 4, 9 behind (黄), row 3 due in 5 days (蓝)
    rm = js("remind", "--as-of", "2023-07-10", "--within", "10")
    colours = {(u["unit"], r["id"]): r["alert_code"] for u in rm.get("units", []) for r in u["rows"]}
    check(colours == {("能源局", 2): "yellow", ("能源局", 3): "blue", ("发展改革委", 4): "yellow",
                      ("工信局", 7): "red", ("农业农村局", 9): "yellow"}, colours)
    rm = js("remind", "--as-of", "2023-07-10", "--within", "3")
    check(all(r["id"] != 3 for u in rm.get("units", []) for r in u["rows"]),
          "row 3 is due in 5 days: not 蓝 within 3")
    rm = js("remind", "--as-of", "2023-07-10", "--within", "10", "--unit", "工信局")
    check([u["unit"] for u in rm.get("units", [])] == ["工信局"], rm)
    md = run("remind", "--as-of", "2023-07-10", "--within", "10").stdout
    check(md.count("# 催办单") == 4 and "**【红·逾期】**【第7项】" in md and "工信局：" in md, md[:400])
    html = run("remind", "--as-of", "2023-07-10", "--format", "html").stdout
    check("@media print" in html and 'class="mark-red"' in html and
          'class="page-break"' in html, "the HTML 催办单 prints, one unit a page")
    path = os.path.join(tmp, "cuiban.docx")
    run("remind", "--as-of", "2023-07-10", "--within", "10", "--format", "docx", "--out", path,
        "--issuer", "大同市人民政府督查室", "--signature", "大同市人民政府督查室")
    text = docx_text(open(path, "rb").read(), "催办单 DOCX")
    check(text.count("催办单") == 4 and "【红·逾期】" in text and "工信局：" in text and
          "2023年7月10日" in text and "大同市人民政府督查室" in text, text[:300])
    office = converts(path, tmp)
    check(office is None or ("催办单" in office and "工信局" in office), (office or "")[:300])
    run("remind", "--format", "docx", code=2)
    run("remind", "--within", "400", code=1)
    run("remind", "--as-of", "2023-02-30", code=1)
    run("remind", "--as-of", "2023-07-100", code=1)

    # the bulletin: 未分工 apart, units ranked, the units that did not report named,
    # no empty section, the head and foot of an official document
    md = run("bulletin", "--period", "2023-06", "--issuer", "大同市人民政府督查室", "--number",
             "督查通报〔2023〕6号", "--date", "2023-07-10", now="2023-07-10T08:00:00Z").stdout
    check("共7项（另有148项尚未明确牵头单位，未纳入统计）" in md, md[:600])
    check("无。" not in md and "逾期未完成事项" not in md, "empty sections are left out")
    check("工信局（未报送1项）" in md and "发展改革委（未报送1项，逾期报送1项）" in md,
          "units that did not report are named")
    check(md.index("| 1 | 农业农村局") < md.index("| 2 | 能源局") < md.index("| 3 | 发展改革委"),
          "the unit table is ranked")
    check("督查通报〔2023〕6号" in md and "2023年7月10日" in md, "文号 and date")
    html = run("bulletin", "--period", "2023-06", "--format", "html").stdout
    check("@media print" in html and "@page" in html and html.count("<svg") == 2, "print HTML")
    path = os.path.join(tmp, "tongbao.docx")
    run("bulletin", "--period", "2023-06", "--format", "docx", "--out", path, "--issuer",
        "大同市人民政府督查室", "--number", "督查通报〔2023〕6号", "--date", "2023-07-10")
    text = docx_text(open(path, "rb").read(), "bulletin DOCX")
    check(text.startswith("大同市人民政府督查室督查通报〔2023〕6号关于大同市2023年1-6月") and
          "未按时报送情况" in text and "工信局（未报送1项）" in text and
          text.endswith("大同市人民政府督查室2023年7月10日"), text[:200] + " … " + text[-80:])
    office = converts(path, tmp)
    check(office is None or "未按时报送情况" in office, (office or "")[:300])
    run("bulletin", "--period", "2023-06", "--format", "docx", code=2)


def api_side(luoshi, env, server, js, tmp):
    admin = Client(server.base)
    check(admin.login("admin", server.password).status == 200, "admin signs in")
    add_user(luoshi, env, "gxj", "unit", "gxj-pass-12", unit="工信局")
    add_user(luoshi, env, "reader", "viewer", "reader-pass-1")
    unit, viewer = Client(server.base), Client(server.base)
    check(unit.login("gxj", "gxj-pass-12").status == 200, "unit user signs in")
    check(viewer.login("reader", "reader-pass-1").status == 200, "viewer signs in")

    for path, args in (("/api/v1/late?period=2023-06", ("late", "--period", "2023-06")),
                       ("/api/v1/rank?period=2023-06", ("rank", "--period", "2023-06")),
                       ("/api/v1/remind?as_of=2023-07-10&within=10",
                        ("remind", "--as-of", "2023-07-10", "--within", "10")),
                       ("/api/v1/cycle", ("cycle",))):
        r = viewer.get(path)
        check(r.status == 200 and r.json() == js(*args, now="2023-07-10T08:00:00Z"),
              f"GET {path} is what luoshi {' '.join(args)} prints: {r}")
    check(viewer.get("/api/v1/late?period=2023-13").status == 400, "a bad period: 400")
    check(viewer.get("/api/v1/remind?within=x").status == 400, "a bad within: 400")
    r = viewer.get("/api/v1/remind?as_of=2023-07-10&format=docx&issuer=" +
                   urllib.parse.quote("大同市人民政府督查室"))
    check(r.status == 200 and "wordprocessingml" in r.headers.get("Content-Type", "") and
          "attachment" in r.headers.get("Content-Disposition", ""), f"催办单 DOCX: {r}")
    check("工信局：" in docx_text(r.body, "API 催办单"), "the API's 催办单 DOCX")
    r = viewer.get("/api/v1/bulletin?period=2023-06&format=docx&date=2023-07-10&number=" +
                   urllib.parse.quote("督查通报〔2023〕6号"))
    check(r.status == 200 and "督查通报〔2023〕6号" in docx_text(r.body, "API bulletin"),
          f"bulletin DOCX: {r}")
    r = viewer.get("/api/v1/bulletin?period=2023-06&format=html")
    check(r.status == 200 and "@media print" in r.text(), "bulletin HTML prints")
    # the cycle: the office sets it, a reader may not
    check(viewer.post("/api/v1/cycle", {"every": "quarter", "due_day": 10}).status == 403,
          "a viewer may not set the cycle")
    r = admin.post("/api/v1/cycle", {"every": "quarter", "due_day": 12})
    check(r.status == 200 and r.json()["every"] == "quarter" and r.json()["due_day"] == 12, r)
    check(admin.post("/api/v1/cycle", {"every": "year", "due_day": 1}).status == 400,
          "a bad cycle: 400")
    r = admin.post("/api/v1/cycle", {"every": "month", "due_day": 5})
    check(r.status == 200, r)
    # a unit user's 待办: its own rows, whatever unit it names
    r = unit.get("/api/v1/todo?unit=" + urllib.parse.quote("能源局"))
    t = r.json() if r.status == 200 else {}
    check(t.get("unit") == "工信局" and t.get("period") == "2023-07", t)
    check([a["id"] for a in t.get("alerts", [])] == [7] and t["alerts"][0]["alert"] == "红", t)
    check([x["id"] for x in t.get("to_report", [])] == [7] and t.get("returned") == [], t)
    check(admin.get("/api/v1/todo").status == 400, "an admin names the unit")
    r = admin.get("/api/v1/todo?unit=" + urllib.parse.quote("能源局") + "&as_of=2023-07-10")
    check(r.status == 200 and [x["id"] for x in r.json()["to_report"]] == [1, 2, 3], r)
    check(viewer.get("/api/v1/todo?unit=x").status == 403, "a viewer has no 待办")
    st = viewer.get("/api/v1/status?as_of=2023-06-30").json()
    check(st["unassigned"] == 148 and sum(st["totals"].values()) == 7, st["totals"])
    pages(admin, unit, viewer)


def pages(admin, unit, viewer):
    """The same lists on the pages, in Chinese, with the colours on the rows."""
    page = admin.get("/late?period=2023-06")
    t = page.text()
    check(page.status == 200 and "未按时报送情况" in t and "报送时限 2023-07-05" in t and
          "逾期报送" in t and 'href="/tasks/7"' in t, f"/late: {page}")
    check(admin.get("/late?period=2023-13").status == 200 and
          "报送期间应为" in admin.get("/late?period=2023-13").text(), "/late: a bad period")
    page = admin.get("/remind?as_of=2023-07-10&within=10")
    t = page.text()
    check(page.status == 200 and "预警与催办" in t and 'class="row-red"' in t and
          'class="alert al-blue"' in t and "format=docx" in t, f"/remind: {page}")
    t = admin.get("/tasks?as_of=2023-07-10").text()
    check('al-red" title="逾期未完成">红' in t and 'al-yellow' in t and "未分工" in t,
          "the colours on every row of the ledger")
    t = admin.get("/?as_of=2023-07-10").text()
    check("各单位排名（2023年6月）" in t and "按时报送率" in t and "另有未分工 148 项" in t,
          "the dashboard ranks the units of the last period, draft rows apart")
    t = unit.get("/").text()
    check("<h1>待办</h1>" in t and "本期待报送" in t and 'href="/tasks/7"' in t and
          'href="/tasks/1"' not in t, "a unit user lands on its own 待办")
    check("任务推进总览" in unit.get("/?view=all").text(), "and can still open the dashboard")
    check(viewer.get("/todo").status == 403, "a viewer has no 待办 page")


if __name__ == "__main__":
    sys.exit(main())
