"""api_client.py — what the tests of the web app share (test_api.py,
test_security.py): a `luoshi serve` started on a free port of a temporary
store and always stopped, an HTTP client (python3 urllib, no other
package) that keeps a session cookie and its CSRF token or sends an API
token, and the checks' bookkeeping. Under ASan the server's own output is
kept, and stop() reports any sanitizer error or leak in it.
"""
import http.client
import http.cookiejar
import json
import os
import re
import signal
import subprocess
import threading
import time
import urllib.error
import urllib.parse
import urllib.request

failures = []
checks = [0]


def check(cond, what):
    """Records a failure (and prints it at once) when 'cond' is false."""
    checks[0] += 1
    if not cond:
        failures.append(str(what)[:600])
        print("FAIL:", str(what)[:600], flush=True)
    return cond


def finish():
    """Prints the failures; the exit code of the test."""
    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} failure(s) in {checks[0]} checks")
    return 1 if failures else 0


class Server:
    """`luoshi serve --port 0 --db DB ARGS`: the port and the first admin's
    password are read from what it prints."""

    def __init__(self, luoshi, db, env, args=(), log=None):
        self.log_path = log or db + ".serve.log"
        self.log = open(self.log_path, "w+b")
        self.proc = subprocess.Popen([luoshi, "serve", "--port", "0", "--db", db, *args],
                                     env=env, stdout=subprocess.PIPE, stderr=self.log)
        self.password = None
        self.port = None
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.proc.stdout.readline().decode("utf-8", "replace")
            if not line:
                break
            m = re.search(r"with password ([0-9a-f]+)", line)
            self.password = m.group(1) if m else self.password
            m = re.search(r"serves .* on http://127\.0\.0\.1:(\d+)/", line)
            if m:
                self.port = int(m.group(1))
                break
        if not self.port:
            self.proc.kill()
            raise RuntimeError("luoshi serve did not start: " + self.output())
        self.base = f"http://127.0.0.1:{self.port}"
        # keep reading stdout so that the server never blocks on a full pipe
        self.rest = []
        self.reader = threading.Thread(target=lambda: self.rest.extend(self.proc.stdout),
                                       daemon=True)
        self.reader.start()

    def output(self):
        self.log.flush()
        with open(self.log_path, "rb") as f:
            return f.read().decode("utf-8", "replace")

    def alive(self):
        return self.proc.poll() is None

    def stop(self):
        """SIGTERM, then checks a clean exit: status 0 and no sanitizer
        report (leaks included) in what the server wrote."""
        if self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.proc.kill()
                self.proc.wait()
                check(False, "the server did not stop within 30 s of SIGTERM")
        self.reader.join(timeout=5)
        out = self.output()
        check(self.proc.returncode == 0, f"server exit status {self.proc.returncode}: {out[-3000:]}")
        check("Sanitizer" not in out and "runtime error" not in out,
              "sanitizer report from the server:\n" + out[-6000:])
        self.log.close()


class Response:
    def __init__(self, status, headers, body):
        self.status = status
        self.headers = headers
        self.body = body

    def json(self):
        try:
            return json.loads(self.body.decode("utf-8"))
        except ValueError:
            return None

    def text(self):
        return self.body.decode("utf-8", "replace")

    def error_code(self):
        j = self.json()
        return j.get("error", {}).get("code") if isinstance(j, dict) else None

    def __repr__(self):
        return f"<{self.status} {self.body[:300]!r}>"


def multipart(fields, files):
    """A multipart/form-data body of 'fields' {name: text or bytes} and
    'files' {name: (filename, bytes)}; returns (content type, body)."""
    boundary = "luoshi-test-" + os.urandom(8).hex()
    out = bytearray()
    for name, value in fields.items():
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"\r\n\r\n"
                ).encode()
        out += (value if isinstance(value, bytes) else str(value).encode()) + b"\r\n"
    for name, (filename, data) in files.items():
        out += (f"--{boundary}\r\nContent-Disposition: form-data; name=\"{name}\"; "
                f"filename=\"{filename}\"\r\nContent-Type: application/octet-stream\r\n\r\n"
                ).encode()
        out += data + b"\r\n"
    out += f"--{boundary}--\r\n".encode()
    return f"multipart/form-data; boundary={boundary}", bytes(out)


class SourceHandler(urllib.request.HTTPHandler):
    """Connects from the loopback address 'source' (127.0.0.2, …), so that
    one machine can be several clients to the server's per-address rules."""

    def __init__(self, source):
        super().__init__()
        self.source = source

    def http_open(self, req):
        def connect(host, **kw):
            return http.client.HTTPConnection(host, source_address=(self.source, 0), **kw)
        return self.do_open(connect, req)


class Client:
    """One user agent: a cookie jar, the CSRF token of its session, or an
    API token; 'source' is the loopback address it connects from."""

    def __init__(self, base, token=None, source=None):
        self.base = base
        self.jar = http.cookiejar.CookieJar()
        handlers = [urllib.request.HTTPCookieProcessor(self.jar)]
        if source:
            handlers.append(SourceHandler(source))
        self.opener = urllib.request.build_opener(*handlers)
        self.csrf = None
        self.token = token

    def request(self, method, path, json_body=None, data=None, headers=None, form=None,
                files=None, query=None, csrf=True, timeout=30):
        url = self.base + path
        if query:
            url += ("&" if "?" in url else "?") + urllib.parse.urlencode(query)
        h = dict(headers or {})
        if json_body is not None:
            data = json.dumps(json_body).encode()
            h.setdefault("Content-Type", "application/json")
        elif files is not None:
            h["Content-Type"], data = multipart(form or {}, files)
        elif form is not None:
            data = urllib.parse.urlencode(form).encode()
            h.setdefault("Content-Type", "application/x-www-form-urlencoded")
        if csrf and self.csrf and method not in ("GET", "HEAD"):
            h.setdefault("X-CSRF-Token", self.csrf)
        if self.token:
            h.setdefault("Authorization", "Bearer " + self.token)
        req = urllib.request.Request(url, data=data, headers=h, method=method)
        try:
            with self.opener.open(req, timeout=timeout) as r:
                return Response(r.status, r.headers, r.read())
        except urllib.error.HTTPError as e:
            return Response(e.code, e.headers, e.read())

    def get(self, path, **kw):
        return self.request("GET", path, **kw)

    def post(self, path, body=None, **kw):
        return self.request("POST", path, json_body=body, **kw)

    def login(self, name, password):
        r = self.post("/api/v1/login", {"name": name, "password": password})
        if r.status == 200:
            self.csrf = r.json()["csrf"]
        return r

    def page_login(self, name, password):
        """Signs in through the page's form, as a browser does: the form
        first, for its sign-in token."""
        page = self.get("/login").text()
        m = re.search(r'name="login_csrf" value="([0-9a-f]+)"', page)
        form = {"name": name, "password": password, "login_csrf": m.group(1) if m else ""}
        return self.request("POST", "/login", form=form)

    def cookie(self, name="luoshi_session"):
        for c in self.jar:
            if c.name == name:
                return c.value
        return None


def cli(luoshi, env, *args, code=0, stdin=None):
    """Runs `luoshi ARGS`; checks its exit code; the completed process."""
    r = subprocess.run([luoshi, *args], capture_output=True, text=True, env=env, input=stdin)
    check(r.returncode == code, f"luoshi {' '.join(args)}: exit {r.returncode}: {r.stderr}")
    return r


def cli_json(luoshi, env, *args):
    r = cli(luoshi, env, *args, "--format", "json")
    try:
        return json.loads(r.stdout)
    except ValueError:
        check(False, f"luoshi {' '.join(args)}: not JSON: {r.stdout[:200]}")
        return None


def add_user(luoshi, env, name, role, password, unit=None):
    args = ["user", "add", name, "--role", role] + (["--unit", unit] if unit else [])
    return cli(luoshi, env, *args, stdin=password + "\n")
