#!/usr/bin/env python3
"""bench/bench_anonymous.py [BUILD_DIR] — the server's memory under anonymous
uploads (make bench; issue 17 of the audit).

Starts `luoshi serve` on a temporary store with the Datong report and sends
100 anonymous POSTs to /api/v1/reports at once, each announcing and sending
a 15 MB body, from 8 loopback addresses (under the per-address limit). No
body should be kept: the server answers 401 on the headers and drops what
arrives. Prints the server's resident memory before, its highest while the
bodies arrive (sampled every 5 ms: VmHWM would show the first admin's
argon2id hash at start-up, 64 MB), and after, in MB, with the answers.
"""
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time

BODY = 15_000_000


def status(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1]) / 1024
    return 0.0


def flood(port, i, answers):
    s = socket.create_connection(("127.0.0.1", port), timeout=30,
                                 source_address=(f"127.0.1.{i % 8 + 1}", 0))
    try:
        s.sendall((f"POST /api/v1/reports HTTP/1.1\r\nHost: x\r\nContent-Type: text/plain\r\n"
                   f"Content-Length: {BODY}\r\n\r\n").encode())
        chunk = b"z" * 65536
        sent = 0
        try:
            while sent < BODY:
                s.sendall(chunk)
                sent += len(chunk)
        except OSError:
            pass
        try:
            answers.append(s.recv(16)[9:12].decode() or "none")
        except OSError:
            answers.append("reset")
    finally:
        s.close()


def main():
    root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
    build = sys.argv[1] if len(sys.argv) > 1 else os.path.join(root, "build")
    luoshi = os.path.join(build, "luoshi")
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "anon.db")
        subprocess.run([luoshi, "import", os.path.join(root, "examples", "datong-2023.txt"),
                        "--gov", "大同市", "--year", "2023", "--db", db], check=True,
                       stdout=subprocess.DEVNULL)
        proc = subprocess.Popen([luoshi, "serve", "--db", db, "--port", "0"],
                                stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
        try:
            port = None
            for line in proc.stdout:
                m = re.search(rb"http://127\.0\.0\.1:(\d+)/", line)
                if m:
                    port = int(m.group(1))
                    break
            time.sleep(0.5)
            before = status(proc.pid, "VmRSS")
            answers, samples, done = [], [], threading.Event()

            def sample():
                while not done.is_set():
                    samples.append(status(proc.pid, "VmRSS"))
                    time.sleep(0.005)

            sampler = threading.Thread(target=sample)
            sampler.start()
            t0 = time.time()
            threads = [threading.Thread(target=flood, args=(port, i, answers))
                       for i in range(100)]
            for t in threads:
                t.start()
            for t in threads:
                t.join()
            secs = time.time() - t0
            done.set()
            sampler.join()
            peak = max(samples + [before])
            after = status(proc.pid, "VmRSS")
            counts = {a: answers.count(a) for a in sorted(set(answers))}
            print(f"anonymous uploads: 100 x 15 MB in {secs:.1f} s, answers {counts}; "
                  f"server RSS {before:.1f} MB before, peak {peak:.1f} MB, {after:.1f} MB after")
        finally:
            proc.terminate()
            proc.wait()


if __name__ == "__main__":
    main()
