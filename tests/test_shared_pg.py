#!/usr/bin/env python3
"""test_shared_pg.py LUOSHI FIXTURES — several `luoshi serve` processes
share one PostgreSQL ledger (run under with_pg.sh): a session opened on
one server is valid on the other (sessions live in the database), a write
through one, or by the CLI, is read through the other at once (the read
cache follows the change log's notifications), and a logout, a disabled
user or a revoked API token on one server (or by the CLI) takes effect on
the other at once, though both keep sessions and tokens in memory. When
the connection a server listens on is cut, it asks the store instead and
never answers from a stale cache; it listens again after.
"""
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import time
import urllib.error
import urllib.request

failures = []
late = []


def check(cond, what):
    if not cond:
        failures.append(what)


def soon(probe, what):
    """A write by another process is seen once PostgreSQL has delivered its
    notification (LISTEN/NOTIFY is asynchronous: usually before the next
    request arrives, always within milliseconds): 'probe' must hold within
    a second. How many needed a second look is printed, not failed."""
    for attempt in range(200):
        if probe():
            if attempt:
                late.append(what)
            return
        time.sleep(0.005)
    failures.append(what)


def start(luoshi, env):
    p = subprocess.Popen([luoshi, "serve", "--port", "0"], env=env, stdout=subprocess.PIPE,
                         stderr=subprocess.STDOUT, text=True)
    password = None
    for _ in range(50):
        line = p.stdout.readline()
        m = re.search(r"with password ([0-9a-f]+)", line)
        password = m.group(1) if m else password
        m = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        if m:
            return p, int(m.group(1)), password
    raise RuntimeError("the server did not start")


def call(port, path, cookie=None, body=None, csrf=None, token=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                 json.dumps(body).encode() if body is not None else None,
                                 {"Content-Type": "application/json"})
    if cookie:
        req.add_header("Cookie", cookie)
    if token:
        req.add_header("Authorization", f"Bearer {token}")
    if csrf:
        req.add_header("X-CSRF-Token", csrf)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.headers, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, json.loads(e.read() or b"null")


def sign_in(port, name, password):
    status, headers, body = call(port, "/api/v1/login", body={"name": name, "password": password})
    check(status == 200, f"login {name}: {status} {body}")
    return headers["Set-Cookie"].split(";")[0]


def accounts(luoshi, env, port_a, port_b, admin, csrf):
    """A revoked token and a disabled user, by one server or the CLI, stop
    working on the other server at once although it keeps them in memory."""
    run = lambda *args, **kw: subprocess.run([luoshi, *args], env=env, check=True,
                                             capture_output=True, text=True, **kw)
    # a token revoked through server A is refused by server B
    token = run("user", "token", "admin").stdout.strip()
    for _ in range(2):
        check(call(port_b, "/api/v1/me", token=token)[0] == 200, "the token before revoke")
    status, _, body = call(port_a, "/api/v1/tokens/revoke", admin, {"token": token}, csrf)
    check(status == 200, f"revoke: {status} {body}")
    soon(lambda: call(port_b, "/api/v1/me", token=token)[0] == 401,
         "a token revoked on the other server")
    # a viewer disabled through server A loses its session and token on B
    run("user", "add", "viewer1", "--role", "viewer", input="viewerpass1\n")
    viewer = sign_in(port_b, "viewer1", "viewerpass1")
    vtoken = run("user", "token", "viewer1").stdout.strip()
    for _ in range(2):
        check(call(port_b, "/api/v1/me", viewer)[0] == 200, "the viewer's session")
        check(call(port_b, "/api/v1/me", token=vtoken)[0] == 200, "the viewer's token")
    status, _, body = call(port_a, "/api/v1/users/disable", admin, {"name": "viewer1"}, csrf)
    check(status == 200, f"disable: {status} {body}")
    soon(lambda: call(port_b, "/api/v1/me", viewer)[0] == 401,
         "a session of a user disabled elsewhere")
    check(call(port_b, "/api/v1/me", token=vtoken)[0] == 401,
          "a token of a user disabled elsewhere")
    # enabled again by the CLI: the token works again (the session has ended)
    run("user", "enable", "viewer1")
    soon(lambda: call(port_b, "/api/v1/me", token=vtoken)[0] == 200, "the token after enable")
    check(call(port_b, "/api/v1/me", viewer)[0] == 401, "the ended session after enable")
    # disabled by the CLI: refused at once
    run("user", "disable", "viewer1")
    soon(lambda: call(port_b, "/api/v1/me", token=vtoken)[0] == 401,
         "a token disabled by the CLI")


def cli_writes(luoshi, env, port, cookie):
    """A row read (and cached) through a server, assigned by the CLI, is
    read fresh through the server at once, ten times over."""
    for i in range(10):
        lead = "能源局" if i % 2 == 0 else "发展改革委"
        call(port, "/api/v1/tasks/3", cookie)
        subprocess.run([luoshi, "assign", "3", "--lead", lead], env=env, check=True,
                       capture_output=True)
        soon(lambda: call(port, "/api/v1/tasks/3", cookie)[2]["lead"] == lead,
             f"a CLI write read at once ({i})")


def psql(url, sql):
    return subprocess.run(["psql", "-XAtq", url, "-c", sql], check=True, capture_output=True,
                          text=True).stdout


def cut_listener(luoshi, env, url, port, cookie):
    """Cuts the connections the servers listen on: a write by the CLI is
    still read at once (the server asks the store while it cannot listen),
    and once they listen again, the next write too."""
    listening = ("SELECT pid FROM pg_stat_activity WHERE pid <> pg_backend_pid() AND "
                 "(query LIKE 'LISTEN%' OR query = 'SELECT 1')")
    cut = set(psql(url, listening).split())
    check(len(cut) >= 2, f"each server listens: {cut}")
    psql(url, f"SELECT pg_terminate_backend(pid) FROM ({listening}) l")
    for _ in range(100):
        if not cut & set(psql(url, listening).split()):
            break
        time.sleep(0.05)
    for i, lead in enumerate(("能源局", "发展改革委")):
        call(port, "/api/v1/tasks/4", cookie)
        subprocess.run([luoshi, "assign", "4", "--lead", lead], env=env, check=True,
                       capture_output=True)
        soon(lambda: call(port, "/api/v1/tasks/4", cookie)[2]["lead"] == lead,
             f"read after the listener was cut ({i})")
        time.sleep(1.5)  # it listens again within RETRY_MS
    check(psql(url, listening).strip() != "", "the servers listen again")


def main():
    luoshi, fixtures = sys.argv[1], sys.argv[2]
    url = os.environ["LUOSHI_TEST_PG_URL"]
    env = dict(os.environ, LUOSHI_DB=url)
    subprocess.run([luoshi, "import", os.path.join(fixtures, "datong-2023.txt"), "--gov",
                    "大同市", "--year", "2023"], env=env, check=True, capture_output=True)
    subprocess.run([luoshi, "units", "add", "能源局", "发展改革委"], env=env, check=True,
                   capture_output=True)
    a, port_a, password = start(luoshi, env)
    b, port_b, _ = start(luoshi, env)
    try:
        status, headers, body = call(port_a, "/api/v1/login",
                                     body={"name": "admin", "password": password})
        check(status == 200, f"login: {status} {body}")
        cookie = headers["Set-Cookie"].split(";")[0]
        csrf = body["csrf"]
        status, _, me = call(port_b, "/api/v1/me", cookie)
        check(status == 200 and me["name"] == "admin", "the session is valid on the other server")
        status, _, row = call(port_b, "/api/v1/tasks/2", cookie)
        check(status == 200 and row["lead"] is None, row)
        status, _, row = call(port_a, "/api/v1/tasks/2/assign", cookie, {"lead": "能源局"}, csrf)
        check(status == 200 and row["lead"] == "能源局", f"assign: {status} {row}")
        soon(lambda: call(port_b, "/api/v1/tasks/2", cookie)[2]["lead"] == "能源局",
             "a write on one server is read on the other")
        # both servers keep the session in memory now: read it twice on each
        for port in (port_a, port_b, port_a, port_b):
            check(call(port, "/api/v1/me", cookie)[0] == 200, "the session before logout")
        accounts(luoshi, env, port_a, port_b, cookie, csrf)
        cli_writes(luoshi, env, port_b, cookie)
        cut_listener(luoshi, env, url, port_b, cookie)
        call(port_b, "/api/v1/logout", cookie, {}, csrf)
        soon(lambda: call(port_a, "/api/v1/me", cookie)[0] == 401,
             "after logout on the other server")
        status, _, _ = call(port_b, "/api/v1/me", cookie)
        check(status == 401, f"after logout on the same server: {status}")
    finally:
        for p in (a, b):
            p.terminate()
            p.wait(timeout=10)
    print(f"{len(late)} read(s) of another process's write needed a second look: {late}")
    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
