#!/usr/bin/env python3
"""test_security.py LUOSHI FIXTURES — the defences of `luoshi serve` over
real HTTP (reliability and security): a wrong password and an
unknown user get the same 401; a name guessed at ten times is refused
(429, Retry-After) even with the right password, without blocking other
users; sessions expire (--session-seconds) and end
at logout; a write without the session's CSRF token is refused and writes
nothing; API tokens need no CSRF token and stop working when revoked; SQL
metacharacters and HTML in every text field are stored as written and
escaped in the pages; oversized bodies get 413; malformed requests get a
4xx, never a 5xx; slow clients holding 50 connections do not delay the
others; and after all of it the server still answers and exits cleanly
(no leak under ASan).
"""
import json
import os
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse

from api_client import Client, Server, add_user, check, cli, finish

NASTY = [
    "'; DROP TABLE units; --",
    "<script>alert('x')</script>",
    "Robert'); DELETE FROM items; --",
    "\" OR 1=1 --",
    "100% _done_ \\ back",
    "<img src=x onerror=alert(1)>&amp;",
]


def main():
    luoshi, fixtures = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "sec.db")
        env = dict(os.environ, LUOSHI_DB=db, LUOSHI_USER="督查室")
        env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
        cli(luoshi, env, "import", os.path.join(fixtures, "datong-2023.txt"), "--gov", "大同市",
            "--year", "2023")
        cli(luoshi, env, "units", "add", "能源局")
        server = Server(luoshi, db, env)
        try:
            add_user(luoshi, env, "energy1", "unit", "energy-pass-1", unit="能源局")
            add_user(luoshi, env, "viewer1", "viewer", "viewer-pass-1")
            admin = Client(server.base)
            check(admin.login("admin", server.password).status == 200, "admin signs in")
            passwords(server)
            guessing(luoshi, env, server)
            logout(server)
            csrf(server, admin)
            tokens(server, admin)
            nasty_text(server, admin)
            oversized(server, admin)
            malformed(server, admin)
            encodings(server, admin)
            per_address(server, admin)
            slow_clients(server, admin)
            anonymous_bodies(server, admin)
            throttle(luoshi, env, server)
            signin_csrf(server)
            cache_keys(server, admin)
            markup_everywhere(luoshi, env, server, admin, tmp)
            framing(server, admin)
            check(server.alive(), "the server is still running")
            check(admin.get("/api/v1/me").status == 200, "the server still answers")
        finally:
            server.stop()
        expiry(luoshi, env, db)
        proxied(luoshi, env, db)
        upload_slots(luoshi, env, db, fixtures)
    return finish()


def passwords(server):
    """The same 401 and message for a wrong password and an unknown user."""
    wrong = Client(server.base).login("admin", "not-the-password")
    unknown = Client(server.base).login("nobody", "not-the-password")
    check(wrong.status == 401 and unknown.status == 401, f"{wrong} {unknown}")
    check(wrong.body == unknown.body, f"the same message: {wrong.body} / {unknown.body}")
    check(Client(server.base).login("admin", "").status == 401, "empty password")
    check(Client(server.base).post("/api/v1/login", {}).status == 401, "no name")
    # the page form says the same for both, and sets no cookie
    pages = []
    for name in ("admin", "nobody"):
        c = Client(server.base)
        r = c.page_login(name, "not-the-password")
        pages.append(r)
        check(r.status == 401 and c.cookie() is None, f"login page {name}: {r}")
    check("用户名或密码错误" in pages[0].text() and "用户名或密码错误" in pages[1].text(),
          "the login page names no reason")
    r = Client(server.base).page_login("<script>x()</script>", "12345678")
    check("<script>x()" not in r.text() and "&lt;script&gt;" in r.text(),
          "the login page escapes the name it shows back")


def guessing(luoshi, env, server):
    """Ten wrong passwords for one name: the next try waits, even with the
    right password (no hash is computed), through the API and the page;
    another user of the same address still signs in."""
    add_user(luoshi, env, "guessed", "viewer", "guessed-pass-1")
    fails = [Client(server.base).login("guessed", f"wrong-{i}").status for i in range(10)]
    check(fails == [401] * 10, f"ten wrong passwords: {fails}")
    r = Client(server.base).login("guessed", "guessed-pass-1")
    wait = int(r.headers.get("Retry-After") or 0)
    check(r.status == 429 and r.json()["error"]["code"] == "too_many_attempts" and
          0 < wait <= 900, f"the eleventh try, right password: 429 Retry-After {wait}: {r}")
    c = Client(server.base)
    page = c.page_login("guessed", "guessed-pass-1")
    check(page.status == 429 and "登录失败次数过多" in page.text() and c.cookie() is None,
          f"the login page says so and sets no cookie: {page}")
    check(Client(server.base).login("viewer1", "viewer-pass-1").status == 200,
          "another user of the same address still signs in")


def logout(server):
    c = Client(server.base)
    c.login("viewer1", "viewer-pass-1")
    token = c.cookie()
    check(c.get("/api/v1/me").status == 200, "signed in")
    check(c.post("/api/v1/logout").status == 200, "logout")
    # the old cookie, sent again by hand, no longer signs anyone in
    r = Client(server.base).get("/api/v1/me", headers={"Cookie": "luoshi_session=" + token})
    check(r.status == 401, f"a session after logout: {r}")
    r = Client(server.base).get("/", headers={"Cookie": "luoshi_session=" + token})
    check(r.status in (200, 303) and "/login" in (r.headers.get("Location") or "/login"),
          f"a page after logout goes to /login: {r}")
    for bad in ("x" * 64, "", "0" * 64, "../../etc/passwd", "' OR 1=1 --"):
        r = Client(server.base).get("/api/v1/me", headers={"Cookie": "luoshi_session=" + bad})
        check(r.status == 401, f"cookie {bad!r}: {r}")


def units_now(admin):
    return sorted(u["name"] for u in admin.get("/api/v1/units").json())


def csrf(server, admin):
    """A write from a session needs its CSRF token, and writes nothing
    without it."""
    other = Client(server.base)
    other.login("viewer1", "viewer-pass-1")
    before = units_now(admin)
    hist = admin.get("/api/v1/tasks/1/history").json()
    cases = [("none", {}), ("wrong", {"X-CSRF-Token": "0" * 64}),
             ("another session's", {"X-CSRF-Token": other.csrf}),
             ("empty", {"X-CSRF-Token": ""}), ("short", {"X-CSRF-Token": admin.csrf[:10]})]
    for what, h in cases:
        r = admin.request("POST", "/api/v1/units", json_body={"name": "CSRF单位"}, headers=h,
                          csrf=False)
        check(r.status == 403 and r.error_code() == "csrf", f"CSRF {what}: {r}")
        r = admin.request("POST", "/api/v1/tasks/1/assign", json_body={"lead": "能源局"},
                          headers=h, csrf=False)
        check(r.status == 403, f"assign with CSRF {what}: {r}")
        r = admin.request("POST", "/api/v1/tokens", json_body={}, headers=h, csrf=False)
        check(r.status == 403, f"token with CSRF {what}: {r}")
    r = admin.request("DELETE", "/api/v1/units", csrf=False)
    check(r.status in (403, 405), f"DELETE, with no token and no such route: {r}")
    check(units_now(admin) == before, "nothing written without the token")
    check(admin.get("/api/v1/tasks/1/history").json() == hist, "no change logged")
    # the token as a form field works as the header does
    r = admin.request("POST", "/api/v1/units", form={"name": "表单单位", "csrf": admin.csrf},
                      csrf=False)
    check(r.status == 201, f"CSRF as a form field: {r}")
    # the page logout form needs it as well
    r = other.request("POST", "/logout", form={}, csrf=False)
    check(r.status == 403 and other.get("/api/v1/me").status == 200,
          f"page logout without the token: {r}")


def tokens(server, admin):
    r = admin.post("/api/v1/tokens", {"name": "脚本"})
    token = r.json()["token"]
    script = Client(server.base, token=token)
    r = script.post("/api/v1/units", {"name": "令牌单位"})
    check(r.status == 201, f"a token needs no CSRF token: {r}")
    check(script.get("/api/v1/me").json()["name"] == "admin", "the token's user")
    # a unit user's token has the unit's role
    unit = Client(server.base)
    unit.login("energy1", "energy-pass-1")
    utoken = unit.post("/api/v1/tokens", {}).json()["token"]
    r = Client(server.base, token=utoken).post("/api/v1/units", {"name": "不许"})
    check(r.status == 403, f"a unit's token is a unit: {r}")
    # revoked, unknown and malformed tokens sign nobody in
    r = script.post("/api/v1/tokens/revoke", {"token": token})
    check(r.status == 200 and r.json() == {"revoked": True}, f"revoke: {r}")
    r = script.get("/api/v1/me")
    check(r.status == 401, f"a revoked token: {r}")
    r = admin.post("/api/v1/tokens/revoke", {"token": token})
    check(r.status == 404, f"revoked twice: {r}")
    r = Client(server.base, token=utoken).post("/api/v1/tokens/revoke", {})
    check(r.status == 200, f"a token revokes itself: {r}")
    check(Client(server.base, token=utoken).get("/api/v1/me").status == 401, "self-revoked")
    for bad in ("0" * 64, "abc", "", token.upper(), token + "0", "' OR 1=1 --"):
        r = Client(server.base).get("/api/v1/me", headers={"Authorization": "Bearer " + bad})
        check(r.status == 401, f"token {bad!r}: {r}")
    r = Client(server.base).get("/api/v1/me", headers={"Authorization": "Basic " + token})
    check(r.status == 401, f"not a bearer token: {r}")


def page_ok(c, path, nasty_seen):
    r = c.get(path)
    if r.status == 404:
        print(f"note: no page {path} yet; skipped")
        return
    html = r.text()
    check(r.status == 200, f"page {path}: {r}")
    check("<script>alert" not in html and "<img src=x" not in html,
          f"raw HTML from the store in {path}")
    nasty_seen.append(html)


def nasty_text(server, admin):
    """SQL metacharacters and HTML in every text field: stored and read
    back as written, escaped in HTML."""
    for name in NASTY:
        r = admin.post("/api/v1/units", {"name": name})
        check(r.status == 201 and r.json()["name"] == name, f"unit {name!r}: {r}")
    names = units_now(admin)
    check(all(n in names for n in NASTY), f"unit names as written: {names}")
    tasks = admin.get("/api/v1/tasks").json()
    check(len(tasks) == 155, "no row lost")
    for i, name in enumerate(NASTY):
        item = tasks[10 + i]["id"]
        r = admin.post(f"/api/v1/tasks/{item}/assign",
                       {"lead": name, "co": [NASTY[(i + 1) % len(NASTY)]], "leader": name,
                        "due": "2023-03-31"})
        check(r.status == 200 and r.json()["lead"] == name and r.json()["leader"] == name,
              f"assign {name!r}: {r}")
        r = admin.post(f"/api/v1/tasks/{item}/progress",
                       {"unit": name, "date": "2023-03-31", "percent": 10, "done_text": name,
                        "problems": name, "next_steps": name, "evidence": name})
        p = r.json() and r.json()["progress"]
        check(r.status == 201 and p["done_text"] == name and p["problems"] == name and
              p["next_steps"] == name and p["evidence"] == name and p["unit"] == name,
              f"progress {name!r}: {r}")
        r = admin.get(f"/api/v1/tasks/{item}/history").json()
        check(any(h["new"] and name in h["new"] for h in r), f"logged as written: {name!r}")
    for i, name in enumerate(NASTY):
        # the lead of row i, the co unit of row i - 1
        want = sorted({tasks[10 + i]["id"], tasks[10 + (i - 1) % len(NASTY)]["id"]})
        r = admin.get("/api/v1/tasks", query={"unit": name})
        check(r.status == 200 and sorted(t["id"] for t in r.json()) == want,
              f"filter by unit {name!r}: {r}")
    # search filters with metacharacters match literally, never as SQL or LIKE
    every = admin.get("/api/v1/tasks").json()
    for needle in ("%", "_", "\\", "'", "' OR '1'='1", "\"", "；", "%'--", "*"):
        for field, key in (("text", "text"), ("heading", "path")):
            r = admin.get("/api/v1/tasks", query={field: needle})
            want = [t["id"] for t in every if needle in t[key]]
            check(r.status == 200 and [t["id"] for t in r.json()] == want,
                  f"{field}={needle!r}: {len(r.json() or [])} rows, want {len(want)}")
    for field in ("unit", "gov", "part", "kind"):
        r = admin.get("/api/v1/tasks", query={field: "' OR 1=1 --"})
        check(r.status == 200 and r.json() == [], f"{field} injection: {r}")
    # a date filter is checked before any query: a 400 naming the field
    r = admin.get("/api/v1/tasks", query={"due_before": "' OR 1=1 --"})
    check(r.status == 400 and r.error_code() == "invalid" and "due_before" in r.text(),
          f"due_before injection: {r}")
    check(len(admin.get("/api/v1/tasks").json()) == 155, "still 155 rows")
    # a user named with metacharacters
    bad_user = "<b>o'neil\"</b>"
    r = admin.post("/api/v1/users", {"name": bad_user, "role": "viewer", "password": "12345678"})
    check(r.status == 201, f"user {bad_user!r}: {r}")
    u = Client(server.base)
    check(u.login(bad_user, "12345678").status == 200, "that user signs in")
    # escaped in the pages and in the HTML bulletin
    seen = []
    page_ok(admin, "/", seen)
    page_ok(u, "/", seen)
    check(seen and "&lt;b&gt;o&#39;neil&quot;&lt;/b&gt;" in seen[-1],
          "the user's name escaped in the page frame")
    for i in range(len(NASTY)):
        page_ok(admin, f"/tasks/{tasks[10 + i]['id']}", seen)
    for path in ("/tasks", "/targets", "/units", "/reports/1", "/bulletin?period=2023-Q1"):
        page_ok(admin, path, seen)
    check(any("&lt;script&gt;alert(" in h for h in seen), "escaped unit names are shown")
    r = admin.get("/api/v1/bulletin", query={"period": "2023-Q1", "format": "html"})
    check(r.status == 200 and "<script>alert" not in r.text() and "<img src=x" not in r.text(),
          "the HTML bulletin escapes unit names")
    check("&lt;script&gt;" in r.text(), "the bulletin names the units, escaped")
    r = admin.get("/api/v1/tasks")
    check(r.headers["Content-Type"].startswith("application/json") and
          r.headers["X-Content-Type-Options"] == "nosniff", "JSON is never sniffed as HTML")


def raw(port, data, timeout=3, read=True):
    """Sends 'data' on a new connection; the status code answered (0: none)."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout)
    try:
        s.sendall(data)
        if not read:
            return s
        buf = b""
        while b"\r\n" not in buf:
            chunk = s.recv(4096)
            if not chunk:
                break
            buf += chunk
        parts = buf.split(b" ", 2)
        return int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0
    except (ConnectionResetError, BrokenPipeError, socket.timeout):
        return 0
    finally:
        if read:
            s.close()


def oversized(server, admin):
    """413 for bodies over the limit (1 MB; 16 MB for uploads), however sent."""
    before = units_now(admin)
    r = admin.post("/api/v1/units", {"name": "x" * (1 << 20)})
    check(r.status == 413 and r.error_code() == "too_large", f"2 MB JSON: {r}")
    r = admin.request("POST", "/api/v1/reports", data=b"a" * (17 << 20),
                      headers={"Content-Type": "text/plain"}, query={"gov": "g", "year": "2023"})
    check(r.status == 413, f"a 17 MB report: {r}")
    r = admin.request("POST", "/api/v1/reports", data=("大同" * 300000).encode(),
                      headers={"Content-Type": "text/plain"}, query={"gov": "g", "year": "2023"})
    check(r.status != 413, f"a 1.8 MB report is an upload, not too large: {r}")
    # chunked, so the size is known only as it arrives
    def chunks():
        for _ in range(40):
            yield b"y" * 65536
    r = admin.request("POST", "/api/v1/units", data=chunks(),
                      headers={"Content-Type": "application/json",
                               "Transfer-Encoding": "chunked"})
    check(r.status == 413, f"2.5 MB chunked: {r}")
    # a client that waits for 100 Continue is refused before it sends anything
    session = f"Cookie: luoshi_session={admin.cookie()}\r\n"
    t0 = time.time()
    code = raw(server.port, ("POST /api/v1/units HTTP/1.1\r\nHost: x\r\nContent-Type: "
                             "application/json\r\nContent-Length: 1000000000\r\n" + session +
                             "Expect: 100-continue\r\n\r\n").encode())
    check(code == 413 and time.time() - t0 < 5, f"1 GB announced: {code}")
    # a huge body sent anyway is cut off, signed in or not
    for who in (session, ""):
        s = raw(server.port, ("POST /api/v1/units HTTP/1.1\r\nHost: x\r\nContent-Length: "
                              "200000000\r\n" + who + "\r\n").encode(), read=False)
        sent = 0
        try:
            for _ in range(3200):
                s.sendall(b"z" * 65536)
                sent += 65536
        except OSError:
            pass
        s.close()
        check(sent < 200000000,
              f"the server stopped reading a 200 MB body after {sent} bytes ({who[:20]!r})")
    check(units_now(admin) == before, "nothing written")
    check(server.alive() and admin.get("/api/v1/me").status == 200, "alive after 413s")


def malformed(server, admin):
    """Nothing a client sends gets a 5xx or stops the server."""
    bodies = [b"{", b"[]", b"null", b"\"x\"", b"{\"name\": \"\\u0000\"}", b"{\"name\": null}",
              b"{\"name\": [1]}", b"{\"percent\": 1e999}", b"{\"value\": \"NaN\"}",
              b"{\"value\": \"1e400\"}", b"[" * 5000 + b"]" * 5000, b"\xff\xfe\xfd",
              b"{\"name\": \"\xc0\xaf\"}", json.dumps({"co": ["x"] * 100, "lead": 1}).encode(),
              json.dumps({"date": "2023-02-30", "done_text": "x", "unit": "能源局"}).encode(),
              json.dumps({"date": "9999999999-01-01", "done_text": "x"}).encode()]
    paths = ["/api/v1/units", "/api/v1/units/remove", "/api/v1/tasks/1/assign",
             "/api/v1/tasks/1/progress", "/api/v1/login", "/api/v1/tokens",
             "/api/v1/tokens/revoke", "/api/v1/users", "/api/v1/reports", "/api/v1/aliases",
             "/api/v1/assignments"]
    types = ["application/json", "application/x-www-form-urlencoded",
             "multipart/form-data; boundary=zz", "multipart/form-data", "text/plain"]
    n = 0
    for path in paths:
        for body in bodies:
            for t in types:
                r = admin.request("POST", path, data=body, headers={"Content-Type": t})
                n += 1
                check(r.status < 500, f"POST {path} {t} {body[:40]!r}: {r}")
    print(f"{n} malformed bodies: no 5xx")
    for path in ["/api/v1/tasks?limit=1e309", "/api/v1/tasks?year=99999999999999",
                 "/api/v1/tasks?report=99999999999999999999", "/api/v1/tasks?offset=-0",
                 "/api/v1/tasks/99999999999999999999999", "/api/v1/tasks/0",
                 "/api/v1/tasks?text=%ff%fe", "/api/v1/tasks?text=%", "/api/v1/tasks?%%%=1",
                 "/api/v1/tasks?as_of=2023-02-30", "/api/v1/tasks?ahead=nan&tolerance=inf",
                 "/api/v1/status?as_of=0000-00-00", "/api/v1/bulletin?period=9999-Q9",
                 "/api/v1/bulletin?period=2023-Q2&format=", "/api/v1/reports/1?text=2",
                 "/api/v1/links?report=0", "/api/v1/compare?years=3000-1",
                 "/api/v1/commitments?gov=x&year=abc", "/api/v1/export?format=doc",
                 "/api/v1/" + "a" * 5000, "/api/v1/tasks/1/../../../etc/passwd",
                 "/static/../../CMakeLists.txt", "/static/%2e%2e/%2e%2e/CMakeLists.txt",
                 "/api/v1/tasks?" + "a=1&" * 300, "/api/v1/tasks?q=" + "q" * 60000]:
        r = admin.get(path)
        check(400 <= r.status < 500 or r.status == 200, f"GET {path[:80]}: {r}")
        check(r.status < 500, f"GET {path[:80]}: {r}")
    for data in [b"GARBAGE\r\n\r\n", b"GET\r\n\r\n", b"GET / HTTP/9.9\r\n\r\n",
                 b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nNoColonHere\r\n\r\n",
                 b"POST /api/v1/units HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                 b"POST /api/v1/units HTTP/1.1\r\nHost: x\r\nContent-Length: -5\r\n\r\n",
                 b"POST /api/v1/units HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n"
                 b"zz\r\n\r\n",
                 b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nCookie: " + b"a=b; " * 3000 + b"\r\n\r\n",
                 b"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Big: " + b"h" * 100000 + b"\r\n\r\n",
                 b"\x00\x01\x02\x03\r\n\r\n",
                 # more arguments than a connection's memory holds: libmicrohttpd
                 # closes the connection without an answer
                 b"GET /api/v1/tasks?" + b"a=1&" * 3000 + b" HTTP/1.1\r\nHost: x\r\n\r\n"]:
        code = raw(server.port, data)
        # 505 (HTTP Version Not Supported) is libmicrohttpd's answer to HTTP/9.9
        check(code == 0 or 400 <= code < 500 or (code == 505 and b"HTTP/9.9" in data),
              f"raw {data[:50]!r}: {code}")
    check(server.alive() and admin.get("/api/v1/me").status == 200, "alive after garbage")


def encodings(server, admin):
    """Text that is not UTF-8 is refused at the door (400), so nothing is
    stored that JSON could not carry; error messages that quote long
    input stay valid JSON."""
    before = units_now(admin)
    for path in ("/api/v1/tasks?text=%ff%fe", "/api/v1/status?unit=%c0%af",
                 "/api/v1/bulletin?period=%ff", "/api/v1/compare?metric=%ed%a0%80",
                 "/api/v1/export?format=%ff", "/api/v1/tasks?%ff=1"):
        r = admin.get(path)
        check(r.status == 400 and r.error_code() == "invalid_utf8", f"GET {path}: {r}")
    r = admin.request("POST", "/api/v1/units", data=b"name=%ff%fe",
                      headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(r.status == 400 and r.error_code() == "invalid_utf8", f"form \\xff: {r}")
    r = admin.request("POST", "/api/v1/units", data=b'{"name": "\xff\xfe"}',
                      headers={"Content-Type": "application/json"})
    check(r.status == 400 and r.error_code() == "invalid_json", f"JSON \\xff: {r}")
    r = admin.request("POST", "/api/v1/assignments", form={"report": b"1\xff"},
                      files={"file": ("f.csv", b"\xff\xfe binary is fine in a file")})
    check(r.status == 400, f"multipart field \\xff: {r}")
    check(units_now(admin) == before, "nothing stored")
    r = admin.post("/api/v1/tasks/1/assign", {"lead": "局" * 300})
    check(r.status == 404 and r.json() and "局局" in r.json()["error"]["message"],
          f"a long name quoted in an error: {r}")
    r = admin.request("POST", "/api/v1/units", form={"name": "正常的名字"})
    check(r.status == 201, f"UTF-8 in a form: {r}")


def per_address(server, admin):
    """One address holds at most 32 connections at once (--per-address):
    the rest are closed unanswered, and other addresses are still served."""
    socks = [socket.create_connection(("127.0.0.1", server.port), timeout=10,
                                      source_address=("127.0.0.5", 0)) for _ in range(40)]
    time.sleep(0.5)
    closed = 0
    for s in socks:
        s.setblocking(False)
        try:
            closed += s.recv(1) == b""
        except BlockingIOError:
            pass
        except OSError:
            closed += 1
    check(closed == 8, f"40 connections from one address: {closed} closed (32 kept)")
    check(admin.get("/api/v1/me").status == 200, "another address is served meanwhile")
    for s in socks:
        s.close()


def slow_clients(server, admin):
    """50 connections (from two addresses, under the per-address limit)
    sending their headers one byte a second hold no thread: a normal
    request is still answered at once."""
    stop = threading.Event()
    socks = []
    for i in range(50):
        s = socket.create_connection(("127.0.0.1", server.port), timeout=10,
                                     source_address=(f"127.0.0.{3 + i % 2}", 0))
        s.sendall(b"G")
        socks.append(s)

    def dribble():
        line = b"ET /api/v1/units HTTP/1.1\r\nHost: x\r\nX-Slow: " + b"s" * 100
        for b in line:
            if stop.wait(1):
                return
            for s in socks:
                try:
                    s.send(bytes([b]))
                except OSError:
                    pass

    t = threading.Thread(target=dribble, daemon=True)
    t.start()
    try:
        time.sleep(1.5)
        worst = 0
        for _ in range(10):
            t0 = time.time()
            r = admin.get("/api/v1/me", timeout=5)
            worst = max(worst, time.time() - t0)
            check(r.status == 200, f"a request while 50 clients dribble: {r}")
            r = admin.get("/api/v1/tasks", query={"limit": "5"}, timeout=5)
            check(r.status == 200, f"a read while 50 clients dribble: {r}")
            time.sleep(0.3)
        check(worst < 1.0, f"normal requests answer in under a second ({worst:.3f} s)")
        print(f"slowest request with 50 slow clients: {worst * 1000:.1f} ms")
    finally:
        stop.set()
        t.join(timeout=5)
        for s in socks:
            s.close()


def expiry(luoshi, env, db):
    """--session-seconds 2: a session is gone 3 s later."""
    server = Server(luoshi, db, env, args=("--session-seconds", "2"), log=db + ".short.log")
    try:
        c = Client(server.base)
        check(c.login("viewer1", "viewer-pass-1").status == 200, "login")
        check(c.get("/api/v1/me").status == 200, "a fresh session")
        token = c.cookie()
        time.sleep(3)
        r = Client(server.base).get("/api/v1/me",
                                    headers={"Cookie": "luoshi_session=" + token})
        check(r.status == 401, f"an expired session: {r}")
        r = Client(server.base).request("POST", "/api/v1/tokens", json_body={},
                                        headers={"Cookie": "luoshi_session=" + token,
                                                 "X-CSRF-Token": c.csrf})
        check(r.status == 401, f"an expired session writes nothing: {r}")
        check(c.login("viewer1", "viewer-pass-1").status == 200 and
              c.get("/api/v1/me").status == 200, "a new login works")
    finally:
        server.stop()


# ---- the audit of issue 17 ----------------------------------------------

def rss_kb(pid):
    """The resident memory of process 'pid', in kB."""
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    return 0


def headers_answer(port, head, source="127.0.0.1", timeout=3):
    """Sends only the headers 'head' (no body) and returns (status, seconds)
    of the answer; 0 when none came before 'timeout'."""
    s = socket.create_connection(("127.0.0.1", port), timeout=timeout,
                                 source_address=(source, 0))
    t0 = time.time()
    try:
        s.sendall(head.encode())
        buf = b""
        while b"\r\n" not in buf:
            chunk = s.recv(4096)
            if not chunk:
                break
            buf += chunk
        parts = buf.split(b" ", 2)
        return (int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else 0), time.time() - t0
    except (ConnectionResetError, BrokenPipeError, socket.timeout):
        return 0, time.time() - t0
    finally:
        s.close()


def anonymous_bodies(server, admin):
    """No body is read before the sender is known: a route that needs a
    session answers 401 (or the login page) on the headers alone; a
    sign-in takes 16 KB; 100 anonymous 15 MB bodies leave the server's
    memory as it was."""
    big = "Content-Length: 15000000\r\n"
    for method, path, want in (("POST", "/api/v1/units", 401), ("POST", "/api/v1/reports", 401),
                               ("POST", "/api/v1/progress/import", 401),
                               ("POST", "/import", 303), ("POST", "/tasks/1/progress", 303)):
        code, secs = headers_answer(server.port, f"{method} {path} HTTP/1.1\r\nHost: x\r\n"
                                    f"Content-Type: application/octet-stream\r\n{big}\r\n")
        check(code == want and secs < 2, f"anonymous {path} with 15 MB announced: {code} "
                                         f"in {secs:.2f} s, before any body")
    r = Client(server.base).request("POST", "/api/v1/login", data=b"x" * (100 << 10),
                                    headers={"Content-Type": "application/json"})
    check(r.status == 413, f"a 100 KB sign-in: {r}")
    r = Client(server.base).request("POST", "/login", data=b"name=" + b"x" * (20 << 10),
                                    headers={"Content-Type": "application/x-www-form-urlencoded"})
    check(r.status == 413, f"a 20 KB sign-in form: {r}")
    # a viewer is known, but may not upload: refused on the headers too
    viewer = Client(server.base)
    viewer.login("viewer1", "viewer-pass-1")
    code, secs = headers_answer(server.port, "POST /api/v1/reports HTTP/1.1\r\nHost: x\r\n"
                                f"Cookie: luoshi_session={viewer.cookie()}\r\n{big}\r\n")
    check(code == 403 and secs < 2, f"a viewer's 15 MB upload: {code} in {secs:.2f} s")
    # 100 anonymous connections, each sending 1 MB of a 15 MB body at once
    before = rss_kb(server.proc.pid)
    answers = []

    def flood(i):
        s = socket.create_connection(("127.0.0.1", server.port), timeout=10,
                                     source_address=(f"127.0.1.{i % 8 + 1}", 0))
        try:
            s.sendall(("POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain"
                       f"\r\n{big}\r\n").encode())
            try:
                s.sendall(b"z" * (1 << 20))
            except OSError:
                pass
            answers.append(s.recv(64)[:12])
        except OSError:
            answers.append(b"")
        finally:
            s.close()

    threads = [threading.Thread(target=flood, args=(i,)) for i in range(100)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    grown = (rss_kb(server.proc.pid) - before) / 1024
    check(sum(a.startswith(b"HTTP/1.1 401") for a in answers) >= 90,
          f"100 anonymous uploads answered 401: {sorted(set(answers))}")
    check(grown < 64, f"the server grew {grown:.1f} MB under 100 anonymous 15 MB bodies")
    print(f"100 anonymous 15 MB bodies: the server grew {grown:.1f} MB")


def locked(client, name, password):
    return client.login(name, password).status == 429


def throttle(luoshi, env, server):
    """The sign-in throttle counts per name and per address, and nothing a
    client sends makes it forget: a locked name stays locked for the
    address that guessed it, while its right password still signs in from
    another address (and clears the count); an address over its own limit
    is refused for every name."""
    add_user(luoshi, env, "victim", "viewer", "victim-pass-1")
    here, there = Client(server.base), Client(server.base, source="127.0.0.2")
    fails = [here.login("victim", f"guess-{i}").status for i in range(10)]
    check(fails == [401] * 10, f"ten guesses: {fails}")
    # throwaway names from a third address do not push the count out
    spam = Client(server.base, source="127.0.0.9")
    codes = [spam.login(f"throwaway-{i}-{os.urandom(4).hex()}", "x").status for i in range(100)]
    check(codes.count(401) == 100, f"100 throwaway names: {set(codes)}")
    check(locked(here, "victim", "victim-pass-1"), "the guessing address is still refused")
    # and that address is over its own limit now, for any name
    r = spam.login("viewer1", "viewer-pass-1")
    check(r.status == 429 and 0 < int(r.headers.get("Retry-After") or 0) <= 900,
          f"an address after 100 failures, right password: {r}")
    check(there.login("viewer1", "viewer-pass-1").status == 200, "other addresses are not")
    # the right password from another address signs in and clears the name
    check(there.login("victim", "victim-pass-1").status == 200,
          "the victim signs in from its own address")
    check(here.login("victim", "victim-pass-1").status == 200,
          "after that the name's count is cleared everywhere")


def proxied(luoshi, env, db):
    """Behind a configured proxy the client is the address it names;
    cookies can be marked Secure; without --trusted-proxy the header
    is ignored."""
    add_user(luoshi, env, "proxied", "viewer", "proxied-pass-1")
    server = Server(luoshi, db, env, args=("--trusted-proxy", "127.0.0.1", "--secure-cookies"),
                    log=db + ".proxy.log")
    try:
        a = {"X-Forwarded-For": "10.1.1.1, 198.51.100.7"}
        b = {"X-Forwarded-For": "198.51.100.8"}
        c = Client(server.base)
        for i in range(10):
            c.request("POST", "/api/v1/login", json_body={"name": "proxied", "password": "no"},
                      headers=a)
        r = c.request("POST", "/api/v1/login",
                      json_body={"name": "proxied", "password": "proxied-pass-1"}, headers=a)
        check(r.status == 429, f"the address the proxy named is locked out: {r}")
        r = c.request("POST", "/api/v1/login",
                      json_body={"name": "proxied", "password": "proxied-pass-1"}, headers=b)
        check(r.status == 200, f"another client of the proxy signs in: {r}")
        cookie = r.headers.get("Set-Cookie") or ""
        check("Secure" in cookie and "HttpOnly" in cookie, f"--secure-cookies: {cookie}")
        page = Client(server.base).get("/login")
        check("Secure" in (page.headers.get("Set-Cookie") or ""), "the sign-in cookie too")
    finally:
        server.stop()
    # the same header sent to a server with no proxy configured counts for nothing
    server = Server(luoshi, db, env, log=db + ".noproxy.log")
    try:
        c = Client(server.base)
        for i in range(10):
            c.request("POST", "/api/v1/login", json_body={"name": "proxied", "password": "no"},
                      headers={"X-Forwarded-For": f"198.51.100.{i}"})
        r = c.request("POST", "/api/v1/login",
                      json_body={"name": "proxied", "password": "proxied-pass-1"},
                      headers={"X-Forwarded-For": "203.0.113.99"})
        check(r.status == 429, f"a forged X-Forwarded-For changes nothing: {r}")
        check("Secure" not in (r.headers.get("Set-Cookie") or ""), "no Secure by default")
    finally:
        server.stop()


def signin_csrf(server):
    """A sign-in from another site's page is refused: the form needs its
    token, and a browser's Origin must be this server."""
    c = Client(server.base)
    r = c.request("POST", "/login", form={"name": "viewer1", "password": "viewer-pass-1"})
    check(r.status == 403 and c.cookie() is None, f"the sign-in form without its token: {r}")
    r = c.request("POST", "/login", form={"name": "viewer1", "password": "viewer-pass-1",
                                          "login_csrf": "0" * 64},
                  headers={"Cookie": "luoshi_login=" + "1" * 64})
    check(r.status == 403 and c.cookie() is None, f"a token that is not its cookie: {r}")
    r = c.page_login("viewer1", "viewer-pass-1")
    check(r.status == 200 and c.cookie() and "总览" in r.text(),
          f"the form fetched first signs in (and lands on the dashboard): {r}")
    host = server.base.split("//")[1]
    for origin, want in (("http://evil.example", 403), ("null", 403),
                         (f"http://{host}", 200), (f"https://{host}", 200)):
        r = Client(server.base).request(
            "POST", "/api/v1/login", form={"name": "viewer1", "password": "viewer-pass-1"},
            headers={"Origin": origin})
        check(r.status == want, f"a sign-in with Origin {origin}: {r}")
    admin = Client(server.base)
    admin.login("admin", server.password)
    r = admin.request("POST", "/api/v1/units", json_body={"name": "跨站"},
                      headers={"Origin": "http://evil.example"})
    check(r.status == 403 and r.error_code() == "csrf", f"a write from another site: {r}")


def cache_keys(server, admin):
    """The read cache keys a request by its canonical query: a decoded '&'
    or '=' inside a value never poses as a separator, so no query can
    plant an answer for another."""
    tasks = admin.get("/api/v1/tasks").json()
    for t in tasks[:3]:
        admin.post(f"/api/v1/tasks/{t['id']}/assign", {"lead": "能源局"})
    viewer = Client(server.base)
    viewer.login("viewer1", "viewer-pass-1")
    r = viewer.get("/api/v1/tasks?unit=%E8%83%BD%E6%BA%90%E5%B1%80%26limit%3D1")
    check(r.status == 200 and r.json() == [], f"a unit named 能源局&limit=1: {r}")
    r = admin.get("/api/v1/tasks?unit=%E8%83%BD%E6%BA%90%E5%B1%80&limit=1")
    total = int(r.headers.get("X-Total-Count") or 0)
    check(r.status == 200 and len(r.json()) == 1 and total >= 3,
          f"能源局, one row of {total}: {r}")
    r = admin.get("/api/v1/tasks?limit=1&unit=%E8%83%BD%E6%BA%90%E5%B1%80")
    check(r.status == 200 and len(r.json()) == 1, f"the same query reordered: {r}")
    # a value with '=' and a name without one are different reads
    a = admin.get("/api/v1/tasks?text=%3D&limit=2")
    b = admin.get("/api/v1/tasks?text&limit=2")
    check(a.status == 200 and b.status == 200 and a.json() != b.json(),
          f"text='=' and a bare text are two reads: {len(a.json())} / {len(b.json())}")
    # the bulletin: format=html smuggled into gov does not answer a later
    # request for the HTML bulletin
    r = viewer.get("/api/v1/bulletin?period=2023-Q2&gov=%E5%A4%A7%E5%90%8C%E5%B8%82%26format"
                   "%3Dhtml")
    r2 = admin.get("/api/v1/bulletin?period=2023-Q2&gov=%E5%A4%A7%E5%90%8C%E5%B8%82&format=html")
    check(r2.status == 200 and r2.text().lstrip().startswith("<!DOCTYPE html>"),
          f"the HTML bulletin is HTML: {r2.text()[:60]!r} (after {r.status})")


MARKUP = "<script>alert('x')</script><img src=x onerror=alert(1)>"


def every_page(c, report, task):
    """The HTML pages of the app, with markup in every query they read."""
    q = urllib.parse.quote(MARKUP)
    return ["/", f"/reports", f"/reports/{report}", f"/tasks?text={q}", f"/tasks?unit={q}",
            f"/tasks/{task}", f"/targets?gov={q}", f"/bulletin?period=2023-Q2&gov={q}",
            "/units", "/import", "/users", f"/compare?metric={q}", f"/compare?gov={q}",
            f"/tasks/{task}?as_of={q}", f"/nowhere/{q}"]


def markup_everywhere(luoshi, env, server, admin, tmp):
    """Markup through every stored name and field reaches every HTML output
    escaped, pages and files: a government's name, a report's headings and
    sentences, units, leaders, progress, users, aliases, and the queries of
    each page; the bulletin by the API and as a file of `luoshi bulletin`."""
    text = ("2023年工作任务\n一、" + MARKUP + "坚持工业强市\n" + MARKUP +
            "，新建高标准农田20万亩；加快" + MARKUP + "建设。\n")
    r = admin.request("POST", "/api/v1/reports", data=text.encode(),
                      headers={"Content-Type": "text/plain"},
                      query={"gov": MARKUP + "市", "year": "2023"})
    check(r.status == 201, f"a report of a government named in markup: {r}")
    report = r.json()["report"] if r.json() else 0
    admin.post("/api/v1/units", {"name": MARKUP})
    rows = admin.get("/api/v1/tasks", query={"report": str(report)}).json() or []
    check(len(rows) >= 1, f"its rows: {len(rows)}")
    task = rows[0]["id"] if rows else 1
    admin.post(f"/api/v1/tasks/{task}/assign", {"lead": MARKUP, "leader": MARKUP,
                                               "due": "2023-12-31"})
    admin.post(f"/api/v1/tasks/{task}/progress",
               {"unit": MARKUP, "date": "2023-06-30", "percent": 10, "done_text": MARKUP,
                "problems": MARKUP, "next_steps": MARKUP, "evidence": MARKUP})
    admin.post("/api/v1/users", {"name": MARKUP, "role": "viewer", "password": "12345678"})
    admin.post("/api/v1/aliases", {"alias": MARKUP, "unit": "能源局"})
    for who in (admin, ):
        for path in every_page(who, report, task):
            r = who.get(path)
            html = r.text()
            check(r.status < 500, f"{path[:60]}: {r}")
            check("<script>alert" not in html and "<img src=x" not in html,
                  f"raw markup in the page {path[:60]}")
    r = admin.get("/api/v1/bulletin", query={"period": "2023-Q2", "format": "html",
                                             "gov": MARKUP + "市"})
    check(r.status == 200 and "<script>alert" not in r.text() and "<img src=x" not in r.text()
          and "&lt;script&gt;" in r.text(), f"the HTML bulletin of that government: {r}")
    check("<title>关于&lt;script&gt;" in r.text(), "its title is escaped too")
    out = os.path.join(tmp, "bulletin.html")
    p = subprocess.run([luoshi, "bulletin", "--period", "2023-Q2", "--format", "html",
                        "--gov", MARKUP + "市", "--out", out], env=env, capture_output=True)
    html = open(out, encoding="utf-8").read() if os.path.exists(out) else p.stdout.decode()
    check(p.returncode == 0 and "<script>alert" not in html and "<img src=x" not in html and
          "<title>关于&lt;script&gt;" in html, f"the bulletin file: {p.stderr[:200]!r}")


def framing(server, admin):
    """Requests whose body length is ambiguous, whose coding is unknown or
    that lack a Host are refused at once; /tasks/0 is no row."""
    p = server.port
    cases = [
        ("POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 3\r\n"
         "Content-Type: application/json\r\n\r\n{}", 400, "two Content-Length"),
        ("POST /api/v1/login HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nTransfer-Encoding: "
         "chunked\r\nContent-Type: application/json\r\n\r\n2\r\n{}\r\n0\r\n\r\n", 400,
         "Content-Length with chunked"),
        ("POST /api/v1/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip\r\n"
         "Content-Type: application/json\r\n\r\n{}", 501, "Transfer-Encoding: gzip"),
        ("GET /api/v1/me HTTP/1.1\r\n\r\n", 400, "HTTP/1.1 without Host"),
        ("GET /api/v1/me HTTP/1.0\r\n\r\n", 401, "HTTP/1.0 needs no Host"),
    ]
    for data, want, what in cases:
        t0 = time.time()
        code = raw(p, data.encode())
        check(code == want and time.time() - t0 < 2, f"{what}: {code}")
    for path in ("/api/v1/tasks/0", "/api/v1/tasks/007", "/tasks/0"):
        r = admin.get(path)
        check(r.status == 404, f"{path}: {r}")
    # a file name that is not UTF-8 is refused before anything is written
    before = len(admin.get("/api/v1/reports").json())
    body = (b"--b0\r\nContent-Disposition: form-data; name=\"gov\"\r\n\r\n\xe6\x9f\x90\r\n"
            b"--b0\r\nContent-Disposition: form-data; name=\"year\"\r\n\r\n2023\r\n"
            b"--b0\r\nContent-Disposition: form-data; name=\"file\"; filename=\"\xff\xfe.txt\"\r\n"
            b"Content-Type: text/plain\r\n\r\n" + "2023年工作任务\n新建农田20万亩。".encode() +
            b"\r\n--b0--\r\n")
    r = admin.request("POST", "/api/v1/reports", data=body,
                      headers={"Content-Type": "multipart/form-data; boundary=b0"})
    check(r.status == 400, f"a file named in bytes that are not UTF-8: {r}")
    check(len(admin.get("/api/v1/reports").json()) == before, "no report stored")
    r = admin.request("POST", "/api/v1/reports", data=b" \n\xe3\x80\x80\n",
                      headers={"Content-Type": "text/plain"}, query={"gov": "某市", "year": "2023"})
    check(r.status == 400 and "no text" in r.text(), f"a blank report: {r}")
    check(len(admin.get("/api/v1/reports").json()) == before, "no version stored")


def upload_slots(luoshi, env, db, fixtures):
    """With one upload slot, an upload that finds it taken is answered 503
    with Retry-After at once, and reads go on meanwhile. Four uploads are
    sent at the same moment to a server with a thread for each; whether
    two overlap depends on the machine's load, so the round is tried up to
    three times and must show a 503 in one of them."""
    add_user(luoshi, env, "uploader", "admin", "uploader-pass-1")
    server = Server(luoshi, db, env, args=("--upload-slots", "1", "--threads", "6"),
                    log=db + ".slots.log")
    try:
        admin = Client(server.base)
        check(admin.login("uploader", "uploader-pass-1").status == 200, "an admin signs in")
        report = open(os.path.join(fixtures, "datong-2023.txt"), "rb").read()
        uploaders = [Client(server.base) for _ in range(4)]
        for c in uploaders:
            c.login("uploader", "uploader-pass-1")

        def round_of_uploads(n):
            answers = []
            start = threading.Barrier(4)
            # each a new report (its bytes differ), 8 MB: a while to read
            bodies = [report * 70 + f"\n{n}.{i}{os.urandom(8).hex()}\n".encode()
                      for i in range(4)]

            def upload(i):
                start.wait()
                r = uploaders[i].request("POST", "/api/v1/reports", data=bodies[i],
                                         timeout=120, headers={"Content-Type": "text/plain"},
                                         query={"gov": f"并发{n}.{i}", "year": "2023"})
                answers.append((r.status, r.headers.get("Retry-After")))

            threads = [threading.Thread(target=upload, args=(i,)) for i in range(4)]
            for t in threads:
                t.start()
            time.sleep(0.3)
            r = admin.get("/api/v1/me", timeout=10)
            check(r.status == 200, f"a read while uploads run: {r}")
            for t in threads:
                t.join(timeout=120)
            return answers

        for n in range(3):
            answers = round_of_uploads(n)
            check(all(a[0] in (201, 503) for a in answers), f"uploads answered: {answers}")
            busy = [a for a in answers if a[0] == 503]
            if busy:
                break
        check(any(a[0] == 201 for a in answers) and busy and all(a[1] for a in busy),
              f"four uploads at once, one slot: {answers}")
    finally:
        server.stop()


if __name__ == "__main__":
    sys.exit(main())
