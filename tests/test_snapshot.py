#!/usr/bin/env python3
"""test_snapshot.py LUOSHI TESTS — what luoshi prints is what it printed:
runs tests/tools/snapshot.py into a temporary folder and compares each
output with tests/snapshots/, byte for byte (large outputs by SHA-256).
A refactoring must leave every byte; an intended change of output is
written anew with `tools/snapshot.sh --update` and reviewed in the diff.
"""
import difflib
import os
import subprocess
import sys
import tempfile


def main():
    luoshi, tests = sys.argv[1], sys.argv[2]
    want_dir = os.path.join(tests, "snapshots")
    with tempfile.TemporaryDirectory() as tmp:
        got_dir = os.path.join(tmp, "snap")
        subprocess.run([sys.executable, os.path.join(tests, "tools", "snapshot.py"), luoshi,
                        os.path.join(tests, "fixtures"), got_dir], check=True)
        want, got = set(os.listdir(want_dir)), set(os.listdir(got_dir))
        bad = 0
        for name in sorted(want | got):
            if name not in got or name not in want:
                print(f"FAIL: {name}: {'not written' if name not in got else 'not in snapshots'}")
                bad += 1
                continue
            a = open(os.path.join(want_dir, name), "rb").read()
            b = open(os.path.join(got_dir, name), "rb").read()
            if a == b:
                continue
            bad += 1
            print(f"FAIL: {name} differs")
            diff = difflib.unified_diff(a.decode("utf-8", "replace").splitlines(),
                                        b.decode("utf-8", "replace").splitlines(),
                                        "snapshot", "now", lineterm="", n=1)
            for line in list(diff)[:30]:
                print("   ", line[:200])
        print(f"{len(want)} snapshot files, {bad} differ"
              + ("; after an intended change: tools/snapshot.sh --update" if bad else ""))
        return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
