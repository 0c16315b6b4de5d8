#!/usr/bin/env python3
"""test_pages.py LUOSHI FIXTURES — the pages of the web app over real HTTP
against `luoshi serve --port 0` started here on a temporary store with the
Datong report: each page answers 200 with its Chinese content and the
phone viewport; the report document marks a known task and a known
mention (1.6亿吨, a target in a task and an actual in the review); the
forms work (units, assignment, progress, import) and answer 303 back;
a POST without the CSRF token is refused; a unit user sees no progress
form on another unit's row and its POST is 403; HTML typed into a unit
name and a progress report comes back escaped, never raw. The server is
stopped with SIGTERM at the end and must exit 0 (no leak under ASan).
"""
import http.cookiejar
import os
import re
import signal
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

RAW = "<script>x</script>"
ESCAPED = "&lt;script&gt;x&lt;/script&gt;"
failures = []


def check(cond, what):
    print(("ok     " if cond else "FAILED ") + what)
    if not cond:
        failures.append(what)
    return cond


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kw):
        return None


class Answer:
    def __init__(self, status, headers, body):
        self.status, self.headers, self.body = status, headers, body
        self.text = body.decode("utf-8", "replace")


class Browser:
    """A signed-in session: a cookie jar, redirects not followed."""

    def __init__(self, base):
        self.base = base
        self.opener = urllib.request.build_opener(
            urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()), NoRedirect)
        self.pages = []

    def open(self, path, data=None, headers=None):
        req = urllib.request.Request(self.base + path, data=data, headers=headers or {})
        try:
            with self.opener.open(req, timeout=30) as r:
                a = Answer(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            a = Answer(e.code, e.headers, e.read())
        if a.headers.get("Content-Type", "").startswith("text/html"):
            self.pages.append((path, a.text))
        return a

    def get(self, path):
        return self.open(path)

    def post(self, path, fields):
        data = urllib.parse.urlencode(fields, doseq=True).encode()
        return self.open(path, data, {"Content-Type": "application/x-www-form-urlencoded"})

    def post_file(self, path, fields, name, filename, content):
        boundary = uuid.uuid4().hex
        parts = []
        for k, v in fields.items():
            parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{k}"\r\n\r\n'
                         f'{v}\r\n'.encode())
        parts.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; '
                     f'filename="{filename}"\r\nContent-Type: text/plain\r\n\r\n'.encode())
        parts.append(content + b"\r\n")
        parts.append(f"--{boundary}--\r\n".encode())
        return self.open(path, b"".join(parts),
                         {"Content-Type": f"multipart/form-data; boundary={boundary}"})

    def login(self, name, password):
        """The sign-in form, fetched first for its sign-in token."""
        m = re.search(r'name="login_csrf" value="([0-9a-f]+)"', self.get("/login").text)
        return self.post("/login", {"name": name, "password": password,
                                    "login_csrf": m.group(1) if m else ""})

    def csrf(self):
        page = self.get("/?view=all").text
        m = re.search(r'name="csrf" value="([0-9a-f]+)"', page)
        return m.group(1) if m else ""


def start(luoshi, db, env, datong):
    proc = subprocess.Popen([luoshi, "serve", "--db", db, "--port", "0", "--gov", "大同市",
                             "--year", "2023", datong], env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    password = port = None
    deadline = time.time() + 60
    while time.time() < deadline and port is None:
        line = proc.stdout.readline()
        if not line:
            break
        m = re.search(r"with password (\S+)", line)
        password = m.group(1) if m else password
        m = re.search(r"luoshi serves .* on http://127\.0\.0\.1:(\d+)/", line)
        port = int(m.group(1)) if m else None
    return proc, password, port


def add_user(luoshi, env, db, name, role, unit, password):
    args = [luoshi, "user", "add", name, "--role", role, "--db", db]
    if unit:
        args += ["--unit", unit]
    r = subprocess.run(args, input=password + "\n", env=env, capture_output=True, text=True)
    check(r.returncode == 0, f"luoshi user add {name} ({r.stderr.strip()})")


def item_of(admin, text):
    """The id of the first ledger row whose sentence holds 'text' (the
    ledger page filtered by text links to it)."""
    page = admin.get("/tasks?text=" + urllib.parse.quote(text)).text
    m = re.search(r'<a href="/tasks/(\d+)">', page)
    return int(m.group(1)) if m else 0


def pages(admin, coal):
    expect = {
        "/": "任务推进总览",
        "/?report=1&as_of=2023-06-30": "截至 2023-06-30",
        "/reports": "大同市 2023 年政府工作报告",
        "/reports/1": 'class="toc"',
        "/tasks": "任务台账",
        "/tasks?status=not_started&part=plan&heading=%E8%83%BD%E6%BA%90": "未启动",
        f"/tasks/{coal}": "煤炭产量",
        "/targets": "量化指标",
        "/bulletin?period=2023-Q2": "通报",
        "/bulletin": "通报期间",
        "/units": "责任单位",
        "/import": "导入政府工作报告",
        "/users": "添加账户",
        "/compare": "对比",
    }
    for path, want in expect.items():
        a = admin.get(path)
        check(a.status == 200 and want in a.text, f"GET {path}: 200 with {want}")
        check('name="viewport" content="width=device-width' in a.text,
              f"GET {path}: phone viewport")
    check(admin.get("/tasks/999999").status == 404, "an unknown task is 404")
    check(admin.get("/reports/999").status == 404, "an unknown report is 404")
    check(admin.get("/?as_of=2023-13-45").status == 400, "a bad as-of date is 400")
    bad = admin.get("/tasks?due_before=yesterday")
    check(bad.status == 200 and "日期应为" in bad.text, "a bad filter is shown over no rows")
    paged = admin.get("/tasks?page=2")
    check('rel="prev"' in paged.text and "第 2 / 4 页" in paged.text, "the ledger is paged")
    dl = admin.get("/tasks?unit=%E8%83%BD%E6%BA%90%E5%B1%80").text
    check("/api/v1/export?unit=%E8%83%BD%E6%BA%90%E5%B1%80&amp;format=xlsx&amp;layout=fengong"
          in dl, "the XLSX download keeps the filter")
    check('action="/api/v1/assignments"' in dl and 'enctype="multipart/form-data"' in dl
          and 'action="/api/v1/progress/import"' in dl, "admins get the 分工方案 and 报送表 uploads")
    b = admin.get("/bulletin?period=2023-Q2&report=1").text
    check("关于大同市2023年第二季度政府工作报告重点任务推进情况的通报" in b and "<svg" in b
          and b.count("<body") == 1, "the bulletin's body is inside the page, with its charts")
    check("/api/v1/bulletin?period=2023-Q2&amp;report=1&amp;format=md" in b,
          "the bulletin links its Markdown")
    check('<option value="2023-Q2" selected>' in b, "the chosen period is selected")
    check(admin.get("/bulletin?period=2023-Q9").status == 200, "a bad period shows the chooser")


def document(admin, coal):
    doc = admin.get("/reports/1").text
    check(f'<a class="task" href="/tasks/{coal}" id="t-{coal}"' in doc,
          "the document links the task of 1.6亿吨 to its page")
    target = re.search(r'<mark class="q target" title="([^"]*)">1\.6亿吨</mark>', doc)
    check(target is not None and "煤炭产量" in target.group(1) and "160,000,000" in
          target.group(1) and "≥" in target.group(1), "1.6亿吨 is marked as a target with its title")
    actual = re.search(r'<mark class="q actual" title="([^"]*)">1\.6亿吨</mark>', doc)
    check(actual is not None and "原煤产量" in actual.group(1), "1.6亿吨 of 2022 is an actual")
    task = re.search(rf'<a class="task" href="/tasks/{coal}"[^>]*>(.*?)</a>', doc, re.S)
    check(task is not None and '<mark class="q target"' in task.group(1),
          "the mention is nested inside its task")
    check('<a href="#h-0">2022年工作回顾</a>' in doc and 'id="h-0"' in doc,
          "the outline links to its headings")
    opened = len(re.findall(r"<(a|mark|strong)\b", doc))
    closed = len(re.findall(r"</(a|mark|strong)>", doc))
    check(opened == closed, "every mark is closed")


def units(admin, csrf):
    for name in ("能源局", "发展改革委", RAW + "局"):
        a = admin.post("/units", {"csrf": csrf, "name": name})
        check(a.status == 303 and a.headers.get("Location") == "/units", f"POST /units {name}")
    again = admin.post("/units", {"csrf": csrf, "name": "能源局"})
    check(again.status == 409 and "该单位已存在" in again.text, "a unit added twice is 409")
    check(admin.post("/units", {"name": "统计局"}).status == 403, "POST /units without CSRF: 403")
    page = admin.get("/units").text
    check(ESCAPED + "局" in page and RAW not in page, "a unit's name is escaped")


def users(admin, csrf):
    """Accounts made on /users: CSRF, the messages, a name with HTML."""
    fields = {"csrf": csrf, "name": RAW, "role": "viewer", "unit": "", "password": "pass-word-1"}
    check(admin.post("/users", {k: v for k, v in fields.items() if k != "csrf"}).status == 403,
          "POST /users without CSRF: 403")
    a = admin.post("/users", fields)
    check(a.status == 303 and a.headers.get("Location") == "/users", "POST /users adds a viewer")
    page = admin.get("/users").text
    check(ESCAPED in page and RAW not in page, "a user's name is escaped")
    check(admin.post("/users", fields).status == 409, "a user added twice is 409")
    short = admin.post("/users", dict(fields, name="v2", password="short"))
    check(short.status == 400 and "密码至少 8 位" in short.text and "short" not in short.text,
          "a short password: 400, its message, the password not sent back")
    nounit = admin.post("/users", dict(fields, name="u2", role="unit"))
    check(nounit.status == 400 and "须选择所属单位" in nounit.text, "a unit user needs a unit")
    ghost = admin.post("/users", dict(fields, name="u3", role="unit", unit="没有的局"))
    check(ghost.status == 400 and "没有这个单位" in ghost.text, "an unknown unit is refused")
    check(admin.post("/users", dict(fields, name="u4", role="root")).status == 400,
          "an unknown role is refused")


def assign(admin, csrf, coal):
    path = f"/tasks/{coal}/assign"
    fields = {"csrf": csrf, "lead": "能源局", "co": ["发展改革委", RAW + "局"], "leader": "张三",
              "due": "2023-12-31"}
    check(admin.post(path, {k: v for k, v in fields.items() if k != "csrf"}).status == 403,
          "assignment without the CSRF token: 403")
    check("<dt>牵头单位</dt><dd>—</dd>" in admin.get(f"/tasks/{coal}").text,
          "the refused assignment changed nothing")
    # a row not yet assigned: its suggested lead is preselected and marked
    # in the ledger list (the office's own unit of that department)
    page = admin.get(f"/tasks/{coal}").text
    check('<option value="能源局" selected>' in page and "已预选" in page,
          "the suggestion is preselected in the 分工 form")
    check("能源局（建议）" in admin.get("/tasks").text, "the ledger list shows the suggestion")
    a = admin.post(path, fields)
    check(a.status == 303 and a.headers.get("Location") == f"/tasks/{coal}#assign",
          "assignment: 303 back to the task")
    page = admin.get(f"/tasks/{coal}").text
    owners = page.split("责任分工")[1].split("</dl>")[0]
    check("<dt>牵头单位</dt><dd>能源局</dd>" in owners and "张三" in owners and "2023-12-31" in owners, "the owners show")
    check(ESCAPED in owners and RAW not in page, "a co unit's name is escaped")
    check("分工" in page.split("变更记录")[1], "the change log shows the assignment")
    bad = admin.post(path, dict(fields, due="2023-13-45", leader="李四"))
    check(bad.status == 400 and "2023-13-45" in bad.text and 'value="李四"' in bad.text,
          "a bad date shows the form again with the message and what was typed")
    other = item_of(admin, "煤电方面")
    a = admin.post(f"/tasks/{other}/assign", {"csrf": csrf, "lead": "发展改革委"})
    check(a.status == 303, "another row assigned to another unit")
    return other


def progress(unit, admin, coal, other):
    csrf = unit.csrf()
    page = unit.get(f"/tasks/{coal}").text
    check(f'action="/tasks/{coal}/progress"' in page, "the lead unit sees the progress form")
    check(f'action="/tasks/{coal}/assign"' not in page, "a unit user sees no assignment form")
    path = f"/tasks/{coal}/progress"
    # the coal row has three targets: a figure would be one per target
    # (tests/test_loop.py); here the share done
    report = {"csrf": csrf, "date": "2023-03-31", "percent": "25",
              "done_text": "一季度产煤4000万吨" + RAW, "problems": "运力紧张",
              "next_steps": "保供稳价", "evidence": "https://example.org/q1.pdf"}
    check(unit.post(path, {k: v for k, v in report.items() if k != "csrf"}).status == 403,
          "progress without the CSRF token: 403")
    a = unit.post(path, report)
    check(a.status == 303 and a.headers.get("Location") == f"/tasks/{coal}#progress",
          "progress: 303 back to the task")
    a = unit.post(path, dict(report, date="2023-06-30", percent="50", done_text="上半年产煤8000万吨"))
    check(a.status == 303, "a second progress report")
    page = unit.get(f"/tasks/{coal}").text
    history = page.split('id="progress"')[1].split("</table>")[0]
    check(history.find("2023-06-30") < history.find("2023-03-31") and "25.0%" in history,
          "the progress history is newest first, with its figures")
    check(ESCAPED in history and RAW not in page, "a progress text is escaped")
    check('href="https://example.org/q1.pdf"' in history, "web evidence is a link")
    bad = unit.post(path, dict(report, percent="abc"))
    check(bad.status == 400 and "应为数字" in bad.text and "运力紧张" in bad.text,
          "a bad percent shows the form again with what was typed")
    empty = unit.post(path, dict(report, done_text=""))
    check(empty.status == 400 and "进展情况" in empty.text, "no 进展情况: the store's message")
    page = unit.get(f"/tasks/{other}").text
    check(f'action="/tasks/{other}/progress"' not in page, "no progress form on another unit's row")
    refused = unit.post(f"/tasks/{other}/progress", dict(report, done_text="越权报送"))
    check(refused.status == 403, "a unit reporting on another unit's row: 403")
    check("越权报送" not in admin.get(f"/tasks/{other}").text, "the refused report is not stored")
    check(unit.post(f"/tasks/{coal}/assign", {"csrf": csrf, "lead": "发展改革委"}).status == 403,
          "a unit user may not assign: 403")
    check(unit.get("/import").status == 403, "a unit user may not open the import page")
    check(unit.get("/users").status == 403, "a unit user may not open the accounts page")
    check(unit.post("/users", {"csrf": csrf, "name": "x", "role": "admin",
                               "password": "pass-word-1"}).status == 403,
          "a unit user may not add an account")
    check('action="/api/v1/assignments"' not in unit.get("/tasks").text,
          "a unit user gets no bulk assignment upload")
    dash = admin.get("/?as_of=2023-06-30").text
    check("能源局" in dash, "the dashboard ranks the unit")


def admin_progress(admin, csrf, other):
    a = admin.post(f"/tasks/{other}/progress", {"csrf": csrf, "unit": "发展改革委",
                                                "date": "2023-05-31", "done_text": "督查室代报"})
    check(a.status == 303, "an admin reports for the lead unit")
    check("督查室代报" in admin.get(f"/tasks/{other}").text, "the admin's report shows")


def disabling(admin, csrf, viewer, base):
    """The 停用 button of /users: the viewer's session ends at once; 启用
    lets it sign in again; no CSRF, no change; an admin keeps its own."""
    off = {"csrf": csrf, "name": "viewer1", "enabled": "0"}
    check(admin.post("/users/enabled", dict(off, csrf="")).status == 403,
          "停用 without the CSRF token: 403")
    check(viewer.get("/tasks").status == 200, "the viewer still reads")
    a = admin.post("/users/enabled", off)
    check(a.status == 303 and a.headers.get("Location") == "/users", "停用: 303 to /users")
    m = re.search(r"<tr><td>viewer1</td>(.*?)</tr>", admin.get("/users").text)
    row = m.group(1) if m else ""
    check("已停用" in row and 'value="1"' in row and "启用" in row, f"the row says 已停用, with 启用: {row}")
    check(viewer.get("/tasks").status == 303, "the disabled viewer's session ended")
    check(Browser(base).login("viewer1", "viewer-pass-1").status == 401, "it cannot sign in")
    me = admin.post("/users/enabled", dict(off, name="admin"))
    check(me.status == 400 and "不能停用自己的账户" in me.text, "an admin cannot disable itself")
    m = re.search(r"<tr><td>admin</td>(.*?)</tr>", admin.get("/users").text)
    check(m is not None and "停用</button>" not in m.group(1), "no 停用 button on one's own row")
    check(admin.post("/users/enabled", dict(off, enabled="1")).status == 303, "启用: 303")
    check(viewer.login("viewer1", "viewer-pass-1").status == 303, "enabled, it signs in again")


def removing(admin, csrf, viewer):
    """移出台账 on a row's page: the row leaves the ledger page and the
    dashboard's total, shows why on its own page, and comes back."""
    first = item_of(admin, "努力用干部的辛苦指数换取群众的幸福指数")
    page = admin.get(f"/tasks/{first}").text
    check(f'action="/tasks/{first}/remove"' in page and "移出台账" in page,
          "an admin gets the 移出台账 button")
    check(f'action="/tasks/{first}/remove"' not in viewer.get(f"/tasks/{first}").text,
          "a viewer does not")
    check(admin.post(f"/tasks/{first}/remove", {}).status == 403, "移出台账 without CSRF: 403")
    check(viewer.post(f"/tasks/{first}/remove", {"csrf": viewer.csrf()}).status == 403,
          "a viewer may not remove: 403")
    def counted(page):  # the rows judged and the 未分工 rows apart
        m = re.search(r"台账共 (\d+) 项(?:（另有未分工 (\d+) 项)?", page)
        return m and int(m.group(1)) + int(m.group(2) or 0)

    total = counted(admin.get("/?as_of=2023-06-30").text)
    a = admin.post(f"/tasks/{first}/remove", {"csrf": csrf})
    check(a.status == 303 and a.headers.get("Location") == f"/tasks/{first}", "remove: 303")
    page = admin.get(f"/tasks/{first}").text
    check("移出台账：不计入总览" in page and f'action="/tasks/{first}/restore"' in page and
          f'action="/tasks/{first}/assign"' not in page, "the row says it is out, with 恢复")
    after = counted(admin.get("/?as_of=2023-06-30").text)
    check(total and after and after == total - 1,
          "the dashboard counts one row less")
    check(f'href="/tasks/{first}"' in admin.get("/tasks?removed=1").text and
          "已移出台账的事项" in admin.get("/tasks").text, "/tasks?removed=1 lists it")
    check(admin.post(f"/tasks/{first}/restore", {"csrf": csrf}).status == 303, "restore: 303")
    check(f'action="/tasks/{first}/remove"' in admin.get(f"/tasks/{first}").text, "it is back")


def imports(admin, csrf, hailaer):
    with open(hailaer, "rb") as f:
        content = f.read()
    check(admin.post_file("/import", {"gov": "海拉尔区", "year": "2019"}, "file", "hailaer.txt",
                          content).status == 403, "import without the CSRF token: 403")
    a = admin.post_file("/import", {"csrf": csrf, "gov": "海拉尔区", "year": "2019"}, "file",
                        "hailaer-2019.txt", content)
    loc = a.headers.get("Location") or ""
    check(a.status == 303 and re.fullmatch(r"/reports/\d+", loc) is not None,
          "import: 303 to the new report")
    check(admin.get(loc).status == 200 if loc else False, "the imported report shows")
    bad = admin.post_file("/import", {"csrf": csrf, "gov": "海拉尔区", "year": "2019"}, "file",
                          "x.bin", b"\x00\x01\x02binary")
    check(bad.status == 400 and "导入政府工作报告" in bad.text, "a binary file: the form again")


def headline_targets(admin, csrf, national):
    """The national report has headline target rows, several in one
    sentence: each row gets one link of its own, no link inside another."""
    with open(national, "rb") as f:
        a = admin.post_file("/import", {"csrf": csrf, "gov": "国务院", "year": "2024"}, "file",
                            "guowuyuan-2024.txt", f.read())
    loc = a.headers.get("Location") or ""
    check(a.status == 303 and loc.startswith("/reports/"), "the national report is imported")
    doc = admin.get(loc).text if loc else ""
    doc = doc[doc.find("<article"):doc.find("</article>")]
    ledger = admin.get("/tasks?report=" + loc.rsplit("/", 1)[-1] + "&kind=target").text
    rows = set(re.findall(r'<a href="/tasks/(\d+)">', ledger))
    anchors = re.findall(r'id="t-(\d+)"', doc)
    check(len(rows) > 5 and rows <= set(anchors), "every headline target row has its link")
    check(len(anchors) == len(set(anchors)), "no anchor twice")
    depth = nested = 0
    for m in re.finditer(r"<(/?)a\b", doc):
        depth += -1 if m.group(1) else 1
        nested += depth > 1
    check(nested == 0 and depth == 0, "no link inside another")
    check('title="目标 · 国内生产总值 · 约5 % · 增长">5%</a>' in doc,
          "the GDP target links its row, with its title")


def outcomes(admin, csrf, targets_2023):
    """With the national targets of 2023 and the 2024 report (imported
    before) in the store, each 2023 target shows its outcome in the 2024
    review on the targets page and its row's page, and the dashboard has a
    兑现率 card for the 2023 report."""
    with open(targets_2023, "rb") as f:
        a = admin.post_file("/import", {"csrf": csrf, "gov": "国务院", "year": "2023"}, "file",
                            "guowuyuan-2023-targets.txt", f.read())
    loc = a.headers.get("Location") or ""
    check(a.status == 303 and loc.startswith("/reports/"), "the 2023 targets are imported")
    report = loc.rsplit("/", 1)[-1]
    page = admin.get("/targets?report=" + report).text
    rows = re.findall(r"<tr>(.*?)</tr>", page, re.S)
    cpi = [x for x in rows if "居民消费价格" in x]
    check(cpi and "已兑现" in cpi[0] and "次年实际 0.2%" in cpi[0],
          "the CPI target of 3%左右 is met by 0.2% on the targets page")
    jobs = [x for x in rows if "城镇新增就业" in x]
    check(jobs and "已兑现" in jobs[0] and "1244万人" in jobs[0], "jobs: met by 1244万人")
    item = re.search(r'<a href="/tasks/(\d+)">', cpi[0]) if cpi else None
    task = admin.get(f"/tasks/{item.group(1)}").text if item else ""
    check("次年兑现" in task and "已兑现" in task, "the target's page shows its outcome")
    home = admin.get("/?report=" + report).text
    check("兑现率" in home and "国务院 2023 年目标" in home and "100.0%" in home,
          "the dashboard has the 兑现率 card of the report")
    pending = admin.get("/").text
    check("待次年报告" in pending, "a report whose next year is not stored: 待次年报告")


def run(luoshi, env, db, base, password, fixtures):
    admin = Browser(base)
    check(Browser(base).get("/tasks").status == 303, "a visitor is sent to the login page")
    check(admin.login("admin", password).status == 303, "admin signs in")
    csrf = admin.csrf()
    check(len(csrf) == 64, "the pages carry the CSRF token")
    coal = item_of(admin, "1.6亿吨")
    check(coal > 0, f"the row of 1.6亿吨 is found ({coal})")
    pages(admin, coal)
    document(admin, coal)
    units(admin, csrf)
    users(admin, csrf)
    other = assign(admin, csrf, coal)
    add_user(luoshi, env, db, "energy1", "unit", "能源局", "energy-pass-1")
    add_user(luoshi, env, db, "viewer1", "viewer", None, "viewer-pass-1")
    unit, viewer = Browser(base), Browser(base)
    check(unit.login("energy1", "energy-pass-1").status == 303, "the unit user signs in")
    check(viewer.login("viewer1", "viewer-pass-1").status == 303, "the viewer signs in")
    progress(unit, admin, coal, other)
    admin_progress(admin, csrf, other)
    vpage = viewer.get(f"/tasks/{coal}").text
    check("<form class=\"stack\"" not in vpage, "a viewer sees no forms")
    check(viewer.post(f"/tasks/{coal}/progress", {"csrf": viewer.csrf(), "date": "2023-06-30",
                                                 "done_text": "x"}).status == 403,
          "a viewer may not report: 403")
    disabling(admin, csrf, viewer, base)
    removing(admin, csrf, viewer)
    imports(admin, csrf, os.path.join(fixtures, "hailaer-2019.txt"))
    headline_targets(admin, csrf, os.path.join(fixtures, "guowuyuan-2024.txt"))
    outcomes(admin, csrf, os.path.join(fixtures, "commitments", "guowuyuan-2023-targets.txt"))
    for b in (admin, unit, viewer):
        for path, text in b.pages:
            if RAW in text:
                check(False, f"raw HTML from the store in {path}")


def main():
    luoshi, fixtures = os.path.abspath(sys.argv[1]), sys.argv[2]
    datong = os.path.join(fixtures, "datong-2023.txt")
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "pages.db")
        env = dict(os.environ, LUOSHI_NOW="2023-06-30T12:00:00Z", LUOSHI_USER="督查室")
        env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
        proc, password, port = start(luoshi, db, env, datong)
        try:
            if check(port is not None and password is not None, "luoshi serve prints its port"):
                run(luoshi, env, db, f"http://127.0.0.1:{port}", password, fixtures)
        finally:
            proc.send_signal(signal.SIGTERM)
            try:
                out, _ = proc.communicate(timeout=60)
            except subprocess.TimeoutExpired:
                proc.kill()
                out, _ = proc.communicate()
            check(proc.returncode == 0, f"the server exits 0 on SIGTERM ({proc.returncode})")
            if proc.returncode != 0:
                print(out[-4000:])
    print(f"{len(failures)} failed" if failures else "all passed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
