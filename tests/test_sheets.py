#!/usr/bin/env python3
"""test_sheets.py LUOSHI FIXTURES — the tables offices exchange, on the
Datong report: `luoshi export` in each layout as XLSX (read back with
openpyxl: title, header, frozen panes, dates as dates, one line per row or
target) and CSV (UTF-8 with BOM); a 分工方案 edited as offices do ("X牵头，Y
配合", deadlines written several ways) read back with `assign --from`, CSV
and XLSX; lines with units the store lacks or dates that are none listed
and left out, the ledger otherwise unchanged; broken files refused; a filled-in 报送表 merged with `progress --from-xlsx`,
and merged again adding nothing.
"""
import csv
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile

try:
    import openpyxl
except ImportError:  # python3-openpyxl is Debian's: prefer its interpreter
    if sys.executable != "/usr/bin/python3" and os.path.exists("/usr/bin/python3"):
        os.execv("/usr/bin/python3", ["/usr/bin/python3"] + sys.argv)
    raise

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def main():
    luoshi, fixtures = sys.argv[1], sys.argv[2]
    with tempfile.TemporaryDirectory() as tmp:
        db = os.environ.get("LUOSHI_TEST_PG_URL") or os.path.join(tmp, "s.db")
        env = dict(os.environ, LUOSHI_DB=db, LUOSHI_USER="督查室")

        def run(*args, code=0):
            r = subprocess.run([luoshi, *args], capture_output=True, text=True, env=env)
            check(r.returncode == code,
                  f"luoshi {' '.join(args)}: exit {r.returncode}, expected {code}: {r.stderr}")
            return r

        def tasks():
            return json.loads(run("tasks", "--format", "json").stdout)

        run("import", os.path.join(fixtures, "datong-2023.txt"), "--gov", "大同市", "--year", "2023")
        run("units", "add", "能源局", "发展改革委", "农业农村局")
        rows = tasks()
        targets = json.loads(run("targets", "--format", "json").stdout)

        # XLSX in each layout
        for layout, lines, title in (("fengong", len(rows), "重点任务分工方案"),
                                     ("zhibiao", len(targets), "主要指标分解表"),
                                     ("baosong", len(rows), "重点任务进展报送表")):
            path = os.path.join(tmp, layout + ".xlsx")
            run("export", "--layout", layout, "--out", path)
            ws = openpyxl.load_workbook(path).active
            check(ws["A1"].value == "大同市2023年政府工作报告" + title, ws["A1"].value)
            check(ws["A2"].value == "序号", f"{layout}: header {ws['A2'].value}")
            check(ws.freeze_panes == "A3", f"{layout}: frozen at {ws.freeze_panes}")
            check(ws.max_row - 2 == lines, f"{layout}: {ws.max_row - 2} lines, expected {lines}")
            check(ws.column_dimensions["B"].width >= 20, f"{layout}: narrow text column")

        # CSV: UTF-8 with BOM, the same lines
        out = subprocess.run([luoshi, "export", "--format", "csv"], capture_output=True, env=env).stdout
        check(out.startswith(b"\xef\xbb\xbf\xe5\xba\x8f\xe5\x8f\xb7"), "CSV starts with BOM, 序号")
        lines = list(csv.reader(out.decode("utf-8-sig").splitlines()))
        check(len(lines) == len(rows) + 1, f"{len(lines)} CSV lines")

        # JSON: the records of the layout
        recs = json.loads(run("export", "--format", "json", "--layout", "zhibiao").stdout)
        check(len(recs) == len(targets) and {"metric", "op", "value", "unit", "baseline"} <=
              set(recs[0]), f"zhibiao JSON: {len(recs)} records, {sorted(recs[0])}")
        recs = json.loads(run("export", "--format", "json", "--out", "-").stdout)
        check([r["id"] for r in recs] == [t["id"] for t in rows], "fengong JSON: the rows")
        # usage: an unknown layout, XLSX with nowhere to go
        run("export", "--layout", "nope", "--format", "csv", code=2)
        run("export", "--format", "xlsx", code=2)

        # a 分工方案 filled in as offices do, as CSV
        path = os.path.join(tmp, "fengong.csv")
        by_id = {}
        for line in lines[1:]:
            by_id[int(line[0])] = line
        by_id[2][4] = "能源局牵头，发展改革委、农业农村局配合"
        by_id[2][3] = "张副市长"
        by_id[2][6] = "2023年12月底"
        by_id[3][4] = "能源局"
        by_id[3][5] = "发展改革委"
        by_id[3][6] = "年底前"
        by_id[5][4] = "农业农村局"
        by_id[5][6] = "2023/9/30"
        by_id[6][4] = "能源局"
        by_id[6][6] = "长期坚持"
        with open(path, "w", encoding="utf-8", newline="") as f:
            csv.writer(f).writerows([lines[0]] + list(by_id.values()))
        before = tasks()
        r = run("assign", "--from", path, "--report", "1")
        after = {t["id"]: t for t in tasks()}
        check(after[2]["lead"] == "能源局" and after[2]["co"] == ["农业农村局", "发展改革委"] and
              after[2]["leader"] == "张副市长" and after[2]["due"] == "2023-12-31", after[2])
        check(after[3]["co"] == ["发展改革委"] and after[3]["due"] == "2023-12-31", after[3])
        check(after[5]["lead"] == "农业农村局" and after[5]["due"] == "2023-09-30", after[5])
        check(after[6]["lead"] == "能源局" and after[6]["due"] is None, after[6])
        hist = json.loads(run("history", "2", "--format", "json").stdout)
        check(any(h["field"] == "co" and h["new"] == "农业农村局、发展改革委" for h in hist), hist)

        # a line with a unit the store lacks or a date that is none is listed
        # and left out, the others applied (the same values: nothing changes);
        # a 序号 that is no row of the ledger is the office's own numbering
        state = tasks()
        for change, shown in (((2, 4), "(units not in the store)"), ((3, 6), "(no date)"),
                              ((5, 0), "matched")):
            broken = {k: list(v) for k, v in by_id.items()}
            row, col = change
            broken[row][col] = {4: "不存在的局", 6: "2023年13月", 0: "99999"}[col]
            bad = os.path.join(tmp, "bad.csv")
            with open(bad, "w", encoding="utf-8", newline="") as f:
                csv.writer(f).writerows([lines[0]] + list(broken.values()))
            r = run("assign", "--from", bad, "--report", "1")
            line = next((x for x in r.stdout.splitlines()
                         if x.strip().startswith(str(list(by_id).index(row) + 2) + " ")), "")
            check(shown in line, f"{shown} on the line of row {row}: {r.stdout}")
            now = tasks()
            if col == 0:  # kept as the office's 序号 of the row
                check(now[row - 1]["office_no"] == "99999", now[row - 1])
                now[row - 1]["office_no"] = state[row - 1]["office_no"]
            check(now == state, f"a line left out ({shown}) changed the ledger")

        # the same as XLSX, with a real date cell
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["重点任务分工方案"])
        ws.append(["序号", "任务", "分管领导", "牵头单位", "配合单位", "完成时限"])
        ws.append([7, by_id[7][1], "李副市长", "发展改革委", None, datetime.date(2023, 10, 31)])
        xl = os.path.join(tmp, "fengong.xlsx")
        wb.save(xl)
        run("assign", "--from", xl, "--report", "1")
        seven = {t["id"]: t for t in tasks()}[7]
        check(seven["lead"] == "发展改革委" and seven["due"] == "2023-10-31" and
              seven["leader"] == "李副市长", seven)

        # the deadlines now written: dates as real Excel dates, 序号 as numbers
        path = os.path.join(tmp, "assigned.xlsx")
        run("export", "--out", path, "--unit", "能源局")
        ws = openpyxl.load_workbook(path).active
        head = [c.value for c in ws[2]]
        line = next(r for r in ws.iter_rows(min_row=3) if r[0].value == 2)
        due = line[head.index("完成时限")]
        check(isinstance(due.value, datetime.datetime) and due.value.date() ==
              datetime.date(2023, 12, 31) and "yy" in due.number_format,
              f"完成时限 {due.value!r} {due.number_format}")
        check(line[0].data_type == "n", f"序号 type {line[0].data_type}")
        check(line[head.index("牵头单位")].value == "能源局", "牵头单位 written")
        check(ws.max_row - 2 == len(json.loads(run("tasks", "--unit", "能源局", "--format",
                                                   "json").stdout)), "--unit filters the export")

        # a 分工方案 as offices type it: a title, a group heading, headers with
        # line breaks and full-width brackets, no 序号 (found by 任务), padded
        # names, deadlines as Chinese periods and dates in a Chinese format
        def unit_names():
            return sorted(u["name"] for u in json.loads(run("units", "list", "--format",
                                                            "json").stdout))
        units_before = unit_names()
        wb = openpyxl.Workbook()
        ws = wb.active
        ws.append(["大同市2023年政府工作报告重点任务分工方案"])
        ws.append(["序\n号", "重点任务", "责任领导", "牵头\n单位", "配合单位", "完成时限（节点）"])
        ws.append([None, "一、坚持工业强市", None, None, None, None])
        short = [by_id[k][1][:12] for k in (8, 9, 10, 11)]
        ws.append([None, short[0], "王副市长", " 能源局　", "发展改革委等", "上半年"])
        ws.append([None, short[1], None, "农业农村局", None, "三季度末"])
        ws.append([None, short[2], None, "能源局", None, "2023年6月30日"])
        ws.append([None, short[3], None, "能源局", None, datetime.date(2023, 11, 30)])
        ws.cell(ws.max_row, 6).number_format = 'yyyy"年"m"月"d"日"'
        ws.cell(2, 6).value = "完成时限"
        typed = os.path.join(tmp, "typed.xlsx")
        wb.save(typed)
        short_ids = {}
        for k, text in zip((8, 9, 10, 11), short):
            short_ids[k] = [t["id"] for t in rows if t["text"].startswith(text)]
        check(all(len(v) == 1 for v in short_ids.values()), f"short tasks: {short_ids}")
        if all(len(v) == 1 for v in short_ids.values()):
            r = run("assign", "--from", typed, "--report", "1")
            got = {t["id"]: t for t in tasks()}
            want = {8: ("能源局", ["发展改革委"], "2023-06-30"), 9: ("农业农村局", [], "2023-09-30"),
                    10: ("能源局", [], "2023-06-30"), 11: ("能源局", [], "2023-11-30")}
            for k, (lead, co, due) in want.items():
                t = got[short_ids[k][0]]
                check((t["lead"], t["co"], t["due"]) == (lead, co, due),
                      f"typed 分工方案, row {k}: {(t['lead'], t['co'], t['due'])}")
            check(got[short_ids[8][0]]["leader"] == "王副市长", "责任领导 read")
        check(unit_names() == units_before, "no unit added")

        # the first worksheet is the first in the workbook's order, whatever
        # its file is called inside the archive
        moved = os.path.join(tmp, "moved.xlsx")
        with zipfile.ZipFile(typed) as zin, zipfile.ZipFile(moved, "w") as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                name = item.filename
                if name == "xl/worksheets/sheet1.xml":
                    name = "xl/worksheets/fengong.xml"
                if name == "xl/_rels/workbook.xml.rels":
                    data = re.sub(rb'Target="/?(xl/)?worksheets/sheet1.xml"',
                                  b'Target="worksheets/fengong.xml"', data)
                if name == "[Content_Types].xml":
                    data = data.replace(b"sheet1.xml", b"fengong.xml")
                zout.writestr(name, data)
        state = tasks()
        run("assign", "--from", moved, "--report", "1")
        check(tasks() == state, "the same sheet under another member name assigns the same")
        # a damaged workbook: a clear error, nothing from libxml2 on stderr
        broken = os.path.join(tmp, "damaged.xlsx")
        with zipfile.ZipFile(typed) as zin, zipfile.ZipFile(broken, "w") as zout:
            for item in zin.infolist():
                data = zin.read(item.filename)
                zout.writestr(item.filename, data[:len(data) // 2]
                              if item.filename == "xl/worksheets/sheet1.xml" else data)
        r = run("assign", "--from", broken, "--report", "1", code=1)
        check(r.stderr.strip() == f"luoshi assign: {broken}: the workbook is damaged", r.stderr)
        with open(typed, "rb") as f, open(broken, "wb") as g:
            g.write(f.read()[:1000])
        r = run("assign", "--from", broken, "--report", "1", code=1)
        check("not an XLSX workbook" in r.stderr, r.stderr)

        # every unit the store lacks listed, the lines naming them left out;
        # a line twice is two lines on one row; dates that are none listed
        def bad_csv(lines_out, name="bad.csv"):
            bad = os.path.join(tmp, name)
            with open(bad, "w", encoding="utf-8", newline="") as f:
                csv.writer(f).writerows([lines[0]] + lines_out)
            return bad
        two = [list(by_id[2]), list(by_id[3]), list(by_id[5])]
        two[1][4], two[2][5] = "规划局", "文旅局、能源局"
        r = run("assign", "--from", bad_csv(two), "--report", "1")
        check("规划局 (not in the store)" in r.stdout and "文旅局 (not in the store)" in r.stdout and
              "not applied: 2 lines" in r.stdout, r.stdout)
        r = run("assign", "--from", bad_csv([by_id[2], by_id[3], by_id[2]]), "--report", "1")
        check("assigned 2 rows from 3 lines" in r.stdout, r.stdout)
        for due in ("2023年2月30日", "明年", "2023-12"):
            line = list(by_id[2])
            line[6] = due
            r = run("assign", "--from", bad_csv([line]), "--report", "1")
            check("(no date)" in r.stdout and f"| {due}" in r.stdout, r.stdout)
        check(tasks() == state, "lines left out changed the ledger")

        # a 报送表 filled in by the units, merged back, then merged again
        bs = os.path.join(tmp, "baosong.xlsx")
        run("export", "--layout", "baosong", "--out", bs)
        wb = openpyxl.load_workbook(bs)
        ws = wb.active
        col = {c.value: i + 1 for i, c in enumerate(ws[2])}
        for r in range(3, ws.max_row + 1):
            if ws.cell(r, 1).value in (2, 5):
                ws.cell(r, col["报送日期"]).value = datetime.date(2023, 6, 30)
                ws.cell(r, col["完成比例(%)"]).value = 40 if ws.cell(r, 1).value == 2 else 70
                ws.cell(r, col["进展情况"]).value = "已开工建设"
        filled = os.path.join(tmp, "baosong-filled.xlsx")
        wb.save(filled)
        r = run("progress", "--from-xlsx", filled)
        check("merged 2 new" in r.stdout, r.stdout)
        r = run("progress", "--from-xlsx", filled)
        check("merged 0 new" in r.stdout, r.stdout)
        st = {i["id"]: i for i in json.loads(run("status", "--as-of", "2023-06-30", "--format",
                                                 "json").stdout)["items"]}
        check(st[2]["status"] == "欠进度" and st[5]["status"] == "达进度",
              (st[2]["status"], st[5]["status"]))
        # a line of the 报送表 that breaks a rule: nothing merged
        ws.cell(3, col["完成比例(%)"]).value = 140
        ws.cell(3, col["进展情况"]).value = "新的进展"
        ws.cell(3, col["报送日期"]).value = datetime.date(2023, 7, 31)
        wb.save(filled)
        r = run("progress", "--from-xlsx", filled, code=1)
        check("row 3" in r.stderr and "完成比例" in r.stderr, r.stderr)

        # a correction on the same day (another percent) is a new report;
        # a unit that neither leads nor helps is refused, naming its cell
        count = len(json.loads(run("history", "5", "--format", "json").stdout))
        wb = openpyxl.load_workbook(filled)
        ws = wb.active
        for r_ in range(3, ws.max_row + 1):
            if ws.cell(r_, 1).value not in (2, 5):
                ws.cell(r_, col["进展情况"]).value = None  # the line refused above
            if ws.cell(r_, 1).value == 2:
                ws.cell(r_, col["进展情况"]).value = None
            if ws.cell(r_, 1).value == 5:
                ws.cell(r_, col["完成比例(%)"]).value = 75
                five = r_
        wb.save(filled)
        r = run("progress", "--from-xlsx", filled)
        check("merged 1 new" in r.stdout, r.stdout)
        check(len(json.loads(run("history", "5", "--format", "json").stdout)) == count + 1,
              "the correction logged")
        ws.cell(five, col["报送单位"]).value = "能源局"
        ws.cell(five, col["进展情况"]).value = "能源局代报"
        wb.save(filled)
        r = run("progress", "--from-xlsx", filled, code=1)
        check(f"row {five}, column 报送单位" in r.stderr and "能源局" in r.stderr, r.stderr)

        # the 报送表 as CSV without BOM, a note over two lines
        bs_csv = os.path.join(tmp, "baosong.csv")
        with open(bs_csv, "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f)
            w.writerow(["序号", "任务", "报送日期", "完成比例（%）", "进展情况", "存在问题"])
            w.writerow([3, "", "2023年9月30日", "80%", "第一行\n第二行, 含逗号", ""])
        run("units", "add", "文旅局")
        r = run("progress", "--from-xlsx", bs_csv)
        check("merged 1 new" in r.stdout, r.stdout)
        three = {t["id"]: t for t in tasks()}[3]["progress"]
        check(three and three["done_text"] == "第一行\n第二行, 含逗号" and three["percent"] == 80 and
              three["date"] == "2023-09-30" and three["by"] is not None, three)
        r = run("progress", "--from-xlsx", bs_csv)
        check("merged 0 new" in r.stdout, r.stdout)
    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
