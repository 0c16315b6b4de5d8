#!/usr/bin/env python3
"""test_fengong.py LUOSHI FIXTURES — an office's own 分工方案 read by
meaning (issue 13), on the Shanxi 2026 report and the 分工方案 written from
it in tests/fixtures/fengong/ (tests/tools/make_fengong.py): in each form
offices publish it (CSV, XLSX, text in the bracket form, a web page, a
Word table, Word paragraphs) every
line lands on exactly the rows it means, reworded lines and the line of
the whole headline included, with no wrong row; --dry-run writes nothing;
applying with --create-units gives joint leads, placeholders as text,
aliases resolved, two lines on one row merged, deadlines as written; a
file of 50 units the store lacks lists every one of them and applies
nothing it cannot; units merge moves rows. SQLite, or PostgreSQL when
LUOSHI_TEST_PG_URL is set (fengong_pg).
"""
import csv
import io
import json
import os
import subprocess
import sys
import tempfile
import zipfile
from xml.sax.saxutils import escape

failures = []


def check(cond, what):
    if not cond:
        failures.append(str(what)[:800])
    return cond


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(body_xml):
    """A DOCX archive whose word/document.xml has 'body_xml' as its body."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml",
                   f'<w:document {W}><w:body>{body_xml}</w:body></w:document>')
    return out.getvalue()


def para(text):
    return f"<w:p><w:r><w:t>{escape(text)}</w:t></w:r></w:p>"


def docx_forms(here, tmp):
    """The CSV form as a Word table (after a title paragraph and a layout
    table with no header), and the text form as Word paragraphs: the two
    ways offices send a 分工方案 as a Word attachment."""
    with open(os.path.join(here, "shanxi-2026.csv"), encoding="utf-8-sig") as f:
        rows = list(csv.reader(f))
    cells = "".join("<w:tr>" + "".join(f"<w:tc>{para(c)}</w:tc>" for c in row) + "</w:tr>"
                    for row in rows)
    layout = f"<w:tbl><w:tr><w:tc>{para('山西省人民政府办公厅')}</w:tc></w:tr></w:tbl>"
    table = os.path.join(tmp, "shanxi-2026-table.docx")
    with open(table, "wb") as f:
        f.write(docx(para("2026年《政府工作报告》重点工作分工方案") + layout +
                     f"<w:tbl>{cells}</w:tbl>"))
    with open(os.path.join(here, "shanxi-2026.txt"), encoding="utf-8") as f:
        paras = "".join(para(line.rstrip("\n")) for line in f if line.strip())
    text = os.path.join(tmp, "shanxi-2026-text.docx")
    with open(text, "wb") as f:
        f.write(docx(layout + paras))  # a table, but not of the plan: read as text
    return [table, text]


def main():
    luoshi, fixtures = sys.argv[1], sys.argv[2]
    here = os.path.join(fixtures, "fengong")
    report = os.path.join(fixtures, "corpus", "provinces-2026", "shanxi.txt")
    expected = json.load(open(os.path.join(here, "shanxi-2026.expected.json"), encoding="utf-8"))
    with tempfile.TemporaryDirectory() as tmp:
        db = os.environ.get("LUOSHI_TEST_PG_URL") or os.path.join(tmp, "f.db")
        env = dict(os.environ, LUOSHI_DB=db, LUOSHI_USER="督查室", LUOSHI_NOW="2026-03-01")

        def run(*args, code=0):
            r = subprocess.run([luoshi, *args], capture_output=True, text=True, env=env)
            check(r.returncode == code,
                  f"luoshi {' '.join(args)}: exit {r.returncode}, expected {code}: {r.stderr}")
            return r

        def tasks():
            return {t["id"]: t for t in json.loads(run("tasks", "--format", "json").stdout)}

        run("import", report, "--gov", "山西省", "--year", "2026")
        # units an office entered before, by city-style names: found by alias
        run("units", "add", "发展改革委", "财政局")
        before = tasks()

        # every form: every line on its rows, no wrong row, nothing written
        forms = [os.path.join(here, "shanxi-2026." + f) for f in ("csv", "xlsx", "txt", "html")]
        for path in forms + docx_forms(here, tmp):
            form = os.path.basename(path)
            r = run("assign", "--from", path, "--report", "1", "--dry-run", "--format", "json")
            p = json.loads(r.stdout)
            lines = [x for x in p["lines"] if x["result"] != "heading"]
            check(len(lines) == len(expected) >= 30, f"{form}: {len(lines)} lines")
            for got, want in zip(lines, expected):
                rows = [x["item"] for x in got["rows"]]
                check(got["result"] == "matched" and rows == want["rows"],
                      f"{form}: '{want['task']}' -> {got['result']} {rows}, want {want['rows']}")
            check(p["ambiguous"] == 0 and p["unmatched"] == 0, f"{form}: {p['ambiguous']} "
                  f"ambiguous, {p['unmatched']} unmatched")
            check("dry run: nothing written" in r.stderr, r.stderr)
        check(tasks() == before, "a dry run changed the ledger")
        old = os.path.join(tmp, "old.doc")
        with open(old, "wb") as f:
            f.write(bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 1016)
        r = run("assign", "--from", old, "--report", "1", "--dry-run", code=1)
        check("Word 97-2003" in r.stderr and "old.doc" in r.stderr, r.stderr)

        # the text preview names the unknown units, all of them
        r = run("assign", "--from", os.path.join(here, "shanxi-2026.csv"), "--report", "1",
                "--dry-run")
        check("省发展改革委 = 发展改革委" in r.stdout and "省财政厅 = 财政局" in r.stdout and
              "省地方金融管理局 (not in the store)" in r.stdout, r.stdout)

        # applied, units created: joint leads, placeholders, aliases, merges
        r = run("assign", "--from", os.path.join(here, "shanxi-2026.txt"), "--report", "1",
                "--create-units")
        check("assigned 44 rows from 38 lines" in r.stdout, r.stdout)
        t = tasks()
        check(t[9]["lead"] == "省商务厅" and t[9]["joint"] == ["发展改革委"] and
              t[9]["co"] == ["财政局"] and t[9]["due"] == "2026-12-31", t[9])
        check(all(t[i]["lead"] == "发展改革委" and t[i]["joint"] == ["省统计局"]
                  for i in range(3, 9)), [t[i]["lead"] for i in range(3, 9)])
        check(t[16]["lead"] == "发展改革委" and t[16]["others"] == "各市人民政府" and
              t[16]["office_no"] == "4.", t[16])
        check(t[121]["others"] == "省(中)直有关单位" and t[121]["due"] is None, t[121])
        check(t[235]["lead"] == "团省委" and t[235]["joint"] == ["省人力资源社会保障厅"] and
              sorted(t[235]["co"]) == sorted(["省民政厅", "省教育厅"]), t[235])
        check(t[56]["lead"] == "省工信厅", f"省工业和信息化厅 is 省工信厅: {t[56]['lead']}")
        check(t[124]["lead"] == "省委金融办" and t[124]["joint"] == ["省地方金融管理局"],
              f"the party's 金融办 and 地方金融管理局 are two units: {t[124]}")
        check(t[31]["due"] == "2026-06-30" and t[17]["due"] == "2026-09-30" and
              t[63]["due"] == "2026-10-31", (t[31]["due"], t[17]["due"], t[63]["due"]))
        units = {u["name"] for u in json.loads(run("units", "--format", "json").stdout)}
        check("省工业和信息化厅" not in units and "省发改委" not in units and
              "各市人民政府" not in units and "有关单位" not in units and "省统计局" in units,
              sorted(units))
        # a joint lead may report
        run("progress", "235", "--date", "2026-03-01", "--percent", "10", "--done-text", "已启动",
            "--by", "省人力资源社会保障厅")
        r = run("progress", "9", "--date", "2026-03-01", "--percent", "10", "--done-text", "x",
                "--by", "发展改革委")
        # the same file again changes nothing
        state = tasks()
        run("assign", "--from", os.path.join(here, "shanxi-2026.xlsx"), "--report", "1",
            "--create-units")
        again = tasks()
        check(all(again[i]["lead"] == state[i]["lead"] for i in state), "the XLSX form agrees")

        # a reworded line, a line of several rows, one line the report lacks
        with open(os.path.join(tmp, "mixed.txt"), "w", encoding="utf-8") as f:
            f.write("（一）研究出台优化天然气价格改革举措。〔省发展改革委牵头〕\n"
                    "（二）深化国家碳达峰试点建设，主动融入全国碳排放权交易市场，开展低碳建筑试点。"
                    "〔省生态环境厅牵头，省住房城乡建设厅配合，持续推进〕\n"
                    "（三）举办世界月球大会。〔省外事办牵头〕\n")
        r = run("assign", "--from", os.path.join(tmp, "mixed.txt"), "--report", "1",
                "--dry-run", "--format", "json")
        p = json.loads(r.stdout)["lines"]
        check(p[0]["result"] == "matched" and [x["item"] for x in p[0]["rows"]] == [113], p[0])
        check(p[1]["result"] == "matched" and [x["item"] for x in p[1]["rows"]] ==
              [180, 181, 184], p[1])
        check(p[2]["result"] == "unmatched", p[2])

        # 50 units the store lacks: every one named, nothing applied without
        # --create-units, all added with it
        names = [f"第{i}测试局" for i in range(1, 51)]
        rows = [r for r in sorted(t) if t[r]["kind"] == "task"][100:150]
        with open(os.path.join(tmp, "fifty.csv"), "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["序号", "工作任务", "责任单位", "完成时限"])
            for i, (name, row) in enumerate(zip(names, rows)):
                w.writerow([f"（{i + 1}）", t[row]["text"], name, "年底前"])
        state = tasks()
        r = run("assign", "--from", os.path.join(tmp, "fifty.csv"), "--report", "1")
        check(all(f"{n} (not in the store)" in r.stdout for n in names),
              "every unknown unit is listed")
        check("50 not in the store" in r.stdout and "not applied: 50 lines" in r.stdout, r.stdout)
        check(tasks() == state, "lines with unknown units were applied")
        r = run("assign", "--from", os.path.join(tmp, "fifty.csv"), "--report", "1",
                "--create-units")
        check("assigned 50 rows from 50 lines" in r.stdout, r.stdout)
        t = tasks()
        check([t[row]["lead"] for row in rows] == names, "the 50 units lead their rows")

        # a unit entered twice, merged
        run("units", "add", "省发改委")
        run("assign", "200", "--lead", "省发改委")
        run("units", "merge", "省发改委", "发展改革委")
        check(tasks()[200]["lead"] == "发展改革委", "merged unit leads the row")
        units = {u["name"] for u in json.loads(run("units", "--format", "json").stdout)}
        check("省发改委" not in units, "the merged unit is removed")
        r = run("units", "merge", "没有的局", "发展改革委", code=1)

        # a CSV saved by Excel in China (GB18030) reads the same; bytes that are
        # no text are an error naming the file; a line of 300,000 （ and no ）
        # is read in linear time (no bracket, so no line names a lead)
        with open(os.path.join(here, "shanxi-2026.csv"), encoding="utf-8-sig") as f:
            text = f.read()
        with open(os.path.join(tmp, "gbk.csv"), "wb") as f:
            f.write(text.encode("gb18030"))
        p = json.loads(run("assign", "--from", os.path.join(tmp, "gbk.csv"), "--report", "1",
                           "--dry-run", "--format", "json").stdout)
        check(p["matched"] == len(expected), f"GB18030 CSV: {p['matched']} matched")
        with open(os.path.join(tmp, "bad.csv"), "wb") as f:
            f.write("序号,任务,牵头单位\n1,推进,".encode() + b"\xff\xfe\n")
        r = run("assign", "--from", os.path.join(tmp, "bad.csv"), "--report", "1", code=1)
        check("bad.csv: invalid UTF-8 at byte" in r.stderr, r.stderr)
        with open(os.path.join(tmp, "brackets.txt"), "w", encoding="utf-8") as f:
            f.write("（" * 300000 + "\n" + ("（" * 3000 + "牵头）") * 100 + "\n")
        r = run("assign", "--from", os.path.join(tmp, "brackets.txt"), "--report", "1",
                "--dry-run")
        check(r.returncode == 0, r.stderr)

        # not a 分工方案
        with open(os.path.join(tmp, "plain.txt"), "w", encoding="utf-8") as f:
            f.write("没有任何分工的文字。\n")
        r = run("assign", "--from", os.path.join(tmp, "plain.txt"), "--report", "1", code=1)
        check("no line names a lead unit" in r.stderr, r.stderr)
        with open(os.path.join(tmp, "x.docx"), "wb") as f:
            f.write(b"PK\x03\x04")
        r = run("assign", "--from", os.path.join(tmp, "x.docx"), "--report", "1", code=1)
        check("x.docx: not a Word document (DOCX): a damaged zip archive" in r.stderr, r.stderr)
    for f in failures:
        print("FAIL:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
