#!/usr/bin/env python3
"""test_sheets.py LUOSHI FIXTURES — the tables offices exchange, on the
Datong report: `luoshi export` in each layout as XLSX (read back with
openpyxl: title, header, frozen panes, dates as dates, one line per row or
target) and CSV (UTF-8 with BOM); a 分工方案 edited as offices do ("X牵头，Y
配合", deadlines written several ways) read back with `assign --from`, CSV
and XLSX; broken files refused with the row and column named and the
ledger unchanged; a filled-in 报送表 merged with `progress --from-xlsx`,
and merged again adding nothing.
"""
import csv
import datetime
import json
import os
import subprocess
import sys
import tempfile

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

        # broken files: the row and column named, nothing changed
        state = tasks()
        for change, where in (((2, 4), "牵头单位"), ((3, 6), "完成时限"), ((5, 0), "序号")):
            broken = {k: list(v) for k, v in by_id.items()}
            row, col = change
            broken[row][col] = {4: "不存在的局", 6: "2023年13月", 0: "99999"}[col]
            bad = os.path.join(tmp, "bad.csv")
            with open(bad, "w", encoding="utf-8", newline="") as f:
                csv.writer(f).writerows([lines[0]] + list(broken.values()))
            r = run("assign", "--from", bad, "--report", "1", code=1)
            check("row " in r.stderr and where in r.stderr and "bad.csv" in r.stderr, r.stderr)
            check(tasks() == state, f"a broken file ({where}) changed the ledger")

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
    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
