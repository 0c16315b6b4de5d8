#!/usr/bin/env python3
"""test_shared_pg.py LUOSHI FIXTURES — several `luoshi serve` processes
share one PostgreSQL ledger (run under with_pg.sh): a session opened on
one server is valid on the other (sessions live in the database), a write
through one is read through the other at once (the read cache follows the
change log), and a logout on one ends the session on both.
"""
import http.cookiejar
import json
import os
import re
import subprocess
import sys
import urllib.error
import urllib.request

failures = []


def check(cond, what):
    if not cond:
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


def call(port, path, cookie=None, body=None, csrf=None):
    req = urllib.request.Request(f"http://127.0.0.1:{port}{path}",
                                 json.dumps(body).encode() if body is not None else None,
                                 {"Content-Type": "application/json"})
    if cookie:
        req.add_header("Cookie", cookie)
    if csrf:
        req.add_header("X-CSRF-Token", csrf)
    try:
        with urllib.request.urlopen(req) as r:
            return r.status, r.headers, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, e.headers, json.loads(e.read() or b"null")


def main():
    luoshi, fixtures = sys.argv[1], sys.argv[2]
    url = os.environ["LUOSHI_TEST_PG_URL"]
    env = dict(os.environ, LUOSHI_DB=url)
    subprocess.run([luoshi, "import", os.path.join(fixtures, "datong-2023.txt"), "--gov",
                    "大同市", "--year", "2023"], env=env, check=True, capture_output=True)
    subprocess.run([luoshi, "units", "add", "能源局"], env=env, check=True, capture_output=True)
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
        status, _, row = call(port_b, "/api/v1/tasks/2", cookie)
        check(row["lead"] == "能源局", "a write on one server is read on the other")
        call(port_b, "/api/v1/logout", cookie, {}, csrf)
        status, _, _ = call(port_a, "/api/v1/me", cookie)
        check(status == 401, f"after logout on the other server: {status}")
    finally:
        for p in (a, b):
            p.terminate()
            p.wait(timeout=10)
    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
