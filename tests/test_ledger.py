#!/usr/bin/env python3
"""test_ledger.py LUOSHI FIXTURES — the ledger commands end to end on the
Datong report: import (and its duplicate), units, assign, progress, tasks
and targets with filters, status as of a date, history, coverage and the
bulletin; exit codes and messages of bad usage, bad input and a bad
store; text with SQL and HTML metacharacters stored and shown as written;
several files in one import, told in order, stopped by one unreadable.
"""
import json
import os
import subprocess
import sys
import tempfile

failures = []


def check(cond, what):
    if not cond:
        failures.append(what)


def main():
    luoshi, fixtures = sys.argv[1], sys.argv[2]
    report = os.path.join(fixtures, "datong-2023.txt")
    with tempfile.TemporaryDirectory() as tmp:
        # the SQLite file of this run, or the PostgreSQL database of with_pg.sh
        db = os.environ.get("LUOSHI_TEST_PG_URL") or os.path.join(tmp, "ledger.db")
        print("back end:", "PostgreSQL" if db.startswith("postgresql:") else "SQLite")
        env = dict(os.environ, LUOSHI_DB=db, LUOSHI_USER="督查室",
                   LUOSHI_NOW="2023-07-01T08:00:00Z")

        def run(*args, code=0):
            r = subprocess.run([luoshi, *args], capture_output=True, text=True, env=env)
            check(r.returncode == code,
                  f"luoshi {' '.join(args)}: exit {r.returncode}, expected {code}: {r.stderr}")
            return r

        def js(*args):
            return json.loads(run(*args, "--format", "json").stdout)

        r = run("import", report, "--gov", "大同市", "--year", "2023")
        check("imported" in r.stdout and "report 1" in r.stdout, r.stdout)
        r = run("import", report, "--gov", "大同市", "--year", "2023")
        check("nothing changed" in r.stdout, r.stdout)
        reports = js("reports")
        check(len(reports) == 1 and reports[0]["gov"] == "大同市" and
              len(reports[0]["sha256"]) == 64, reports)

        items = js("tasks")
        check(len(items) == reports[0]["items"], "tasks lists every row")
        check(len(items) > 100, f"{len(items)} rows")
        text = open(report, encoding="utf-8").read().encode()
        for it in items[:40]:
            # the sentence is the report's own text at the row's span
            span = text[it["start"]:it["end"]].decode().replace("**", "")
            check(span == it["text"], f"row {it['id']}: span != text")
        coal = [it for it in items if "煤炭产量" in it["text"]]
        check(len(coal) == 1, "one row holds 煤炭产量")
        coal = coal[0]
        check(coal["suggested_lead"] == "能源局", coal["suggested_lead"])
        t = [t for t in coal["targets"] if t["metric"].endswith("煤炭产量")]
        check(t and t[0]["op"] == ">=" and t[0]["value"] == 1.6e8 and t[0]["unit"] == "吨" and
              t[0]["baseline"] and t[0]["baseline"]["value"] == 1.6e8, t)

        run("units", "add", "能源局", "发展改革委", "农业农村局")
        run("units", "add", "能源局", code=1)
        nasty = "x'); DROP TABLE items;--<b>"
        run("units", "add", nasty)
        units = js("units")
        check(sorted(u["name"] for u in units) == sorted(["能源局", "发展改革委", "农业农村局",
                                                          nasty]), units)
        cid = str(coal["id"])
        run("assign", cid, "--lead", "能源局", "--co", "发展改革委", "--leader", "张副市长",
            "--due", "2023-12-31")
        run("assign", cid, "--lead", "财政局", code=1)
        run("assign", "99999", "--lead", "能源局", code=1)
        run("assign", cid, "--due", "2023-13-01", code=1)
        run("assign", "abc", "--lead", "能源局", code=2)
        run("assign", cid, code=2)
        farm = [it for it in items if "高标准农田" in it["text"]][0]
        run("assign", str(farm["id"]), "--lead", nasty, "--due", "2023-10-31")

        run("progress", cid, "--date", "2023-06-30", "--percent", "50", "--done-text",
            "上半年原煤产量0.8亿吨", "--by", "能源局")
        run("progress", cid, "--date", "2023-06-30", "--percent", "50", "--done-text", "x",
            "--by", "农业农村局", code=1)
        run("progress", cid, "--date", "2023-06-30", "--percent", "150", "--done-text", "x",
            "--by", "能源局", code=1)
        run("progress", str(farm["id"]), "--date", "2023-06-30", "--percent", "30",
            "--done-text", "已完成<script>alert(1)</script>", "--problems", "资金'; --",
            "--by", nasty)

        # filters
        mine = js("tasks", "--unit", "能源局")
        check([it["id"] for it in mine] == [coal["id"]], mine)
        check(mine[0]["co"] == ["发展改革委"] and mine[0]["leader"] == "张副市长" and
              mine[0]["due"] == "2023-12-31", mine)
        check(len(js("tasks", "--text", "煤炭产量")) == 1, "text filter")
        check(len(js("tasks", "--text", "%")) == 0, "% is literal")
        check(len(js("tasks", "--due-before", "2023-11-01")) == 1, "due-before")
        check(all("坚持工业强市" in it["path"] for it in js("tasks", "--heading", "坚持工业强市")),
              "heading filter")
        page = js("tasks", "--limit", "5", "--offset", "5")
        check([it["id"] for it in page] == [it["id"] for it in items[5:10]], "pagination")
        run("tasks", "--status", "late", code=1)
        run("tasks", "--bogus", code=2)

        # a row with one target: progress as a value in the target's unit
        single = [it for it in items if len(it["targets"]) == 1 and
                  it["targets"][0]["op"] in ("=", ">=") and it["targets"][0]["value"] > 0][0]
        sid, goal = str(single["id"]), single["targets"][0]["value"]
        run("assign", sid, "--lead", "农业农村局")
        run("progress", sid, "--date", "2023-09-30", "--value", str(goal * 0.8),
            "--done-text", "已完成八成", "--by", "农业农村局")
        one = js("tasks", "--text", single["text"][:12], "--as-of", "2023-09-30")[0]
        check(one["status"] == "达进度" and "完成 80.0%" in one["reason"], one["reason"])
        one = js("tasks", "--text", single["text"][:12], "--as-of", "2023-12-31")[0]
        check(one["status"] == "欠进度", one["reason"])
        one = js("tasks", "--text", single["text"][:12], "--as-of", "2024-01-01")[0]
        check(one["status"] == "逾期", one["reason"])

        # status at mid-year: 50% at 50% elapsed is on track;
        # the farmland at 30% against its October deadline is behind
        st = js("status", "--as-of", "2023-06-30")
        by_id = {it["id"]: it for it in st["items"]}
        check(by_id[coal["id"]]["status"] == "达进度", by_id[coal["id"]])
        check(by_id[farm["id"]]["status"] == "欠进度", by_id[farm["id"]])
        check("序时进度" in by_id[farm["id"]]["reason"], by_id[farm["id"]]["reason"])
        # three rows have a lead unit; the draft rows are 未分工, in no total
        check(st["totals"]["未启动"] == 1 and st["unassigned"] == len(items) - 3, st["totals"])
        check(st["totals"]["达进度"] == 1 and st["totals"]["欠进度"] == 1, st["totals"])
        check(sum(st["totals"].values()) == 3 and "未分工" not in st["totals"], st["totals"])
        check(all(it["status"] == "未分工" for it in st["items"] if it["lead"] is None),
              "a row with no lead unit is 未分工")
        # --drafts judges them as before: 未启动 mid-year, and 逾期 once the year is over
        st = js("status", "--as-of", "2023-06-30", "--drafts")
        check(st["totals"]["未启动"] == len(items) - 2 and st["unassigned"] == 0, st["totals"])
        late = js("status", "--as-of", "2024-03-01")
        check(late["totals"]["逾期"] == 3 and late["unassigned"] == len(items) - 3,
              "a draft row is not 逾期 by default")
        late = js("status", "--as-of", "2024-03-01", "--drafts")
        check(late["totals"]["逾期"] == len(items), "with --drafts every row is judged")
        check(len(js("tasks", "--status", "未分工")) == len(items) - 3, "--status 未分工")
        late = js("status", "--as-of", "2023-11-30", "--status", "逾期")
        check([it["id"] for it in late["items"]] == [farm["id"]], late)
        r = run("status", "--as-of", "2023-06-30")
        check(r.stdout.startswith("共 3 项") and f"另有未分工 {len(items) - 3} 项" in r.stdout,
              r.stdout[:200])
        targets = js("targets", "--unit", "能源局")
        check(any(t["metric"].endswith("煤炭产量") for t in targets), targets)

        hist = js("history", cid)
        check([h["action"] for h in hist] == ["import", "assign", "assign", "assign", "assign",
                                              "progress"], hist)
        check(all(h["actor"] == "督查室" for h in hist), hist)
        check(any(h["field"] == "lead" and h["new"] == "能源局" for h in hist), hist)
        run("history", "99999", code=1)

        cov = json.loads(run("coverage", "--format", "json").stdout)
        check(cov["report"] == 1 and isinstance(cov["uncovered"], list), cov.keys())
        vague = {v["id"]: v["missing"] for v in cov["vague"]}
        check(coal["id"] not in vague, "an owned row with a number is not vague")
        check(any("无责任单位" in m for m in vague.values()), "unowned rows are listed")

        md = run("bulletin", "--period", "2023-Q2").stdout
        check(md.startswith("# 关于大同市2023年第二季度政府工作报告重点任务推进情况的通报"), md[:80])
        check("共3项" in md and "达到序时进度1项、占比" in md, md[:400])
        check(f"另有{len(items) - 3}项尚未明确牵头单位" in md, md[:600])
        check("欠进度事项" in md and "牵头单位：" + nasty in md, "behind rows named")
        html = run("bulletin", "--period", "2023-Q2", "--format", "html").stdout
        check(html.count("<svg") == 2, "two charts")
        check("<b>" not in html and "x&#39;); DROP TABLE items;--&lt;b&gt;" in html,
              "HTML escaped")
        run("bulletin", "--period", "2023-Q5", code=1)
        run("bulletin", "--period", "2023-Q2", "--format", "pdf", code=1)
        item = js("tasks", "--text", "高标准农田")[0]
        check(item["progress"]["done_text"] == "已完成<script>alert(1)</script>" and
              item["progress"]["problems"] == "资金'; --", item["progress"])

        # a file that is not a store, a directory that does not exist
        bad = os.path.join(tmp, "not-a-db")
        with open(bad, "w") as f:
            f.write("plain text, not SQLite" * 20)
        r = subprocess.run([luoshi, "tasks", "--db", bad], capture_output=True, text=True)
        check(r.returncode == 3 and "not a luoshi store" in r.stderr, r.stderr)
        r = subprocess.run([luoshi, "import", report, "--gov", "x", "--year", "2023", "--db",
                            "/nonexistent/dir/x.db"], capture_output=True, text=True)
        check(r.returncode == 3, r.stderr)
        # bad report input: exit 1, named, nothing stored
        binf = os.path.join(tmp, "bin.txt")
        with open(binf, "wb") as f:
            f.write(b"\x00\x01\x02binary")
        r = run("import", binf, "--gov", "x", "--year", "2023", code=1)
        check("bin.txt" in r.stderr, r.stderr)
        check(len(js("reports")) == 1, "nothing stored from a bad file")
        run("import", report, "--gov", "x", code=2)
        run("import", report, "--gov", "x", "--year", "20x3", code=2)
        # 海拉尔区 2012: 2012年政府工作总体要求和目标任务 holds the year's areas of
        # work, and is read as the plan by its body; its headline targets
        # (预期目标是：…) are target rows wherever they stand, and only its
        # commitments are task rows
        r = run("import", os.path.join(fixtures, "corpus", "hailaer-2012.txt"), "--gov",
                "海拉尔区", "--year", "2012")
        check("117 task rows, 12 headline target rows" in r.stdout, r.stdout)
        rows = js("tasks", "--gov", "海拉尔区")
        tasks = [it for it in rows if it["kind"] == "task"]
        check(all(it["part"] in ("plan", "self") for it in tasks), "task rows of the plan and self")
        check(any(it["kind"] == "target" and "地区生产总值" in it["text"] for it in rows),
              "the headline targets are target rows")
        check(not any(it["text"].startswith("各位代表") and len(it["text"]) < 8 for it in rows),
              "no row for a salutation")
        # a report with no plan part: the requirements part holds the year's
        # tasks, and they are the task rows
        snippet = os.path.join(tmp, "requirements-only.txt")
        with open(snippet, "w", encoding="utf-8") as f:
            f.write("一、过去一年工作回顾\n全区地区生产总值完成197.6亿元，同比增长16.5%。\n"
                    "二、2012年政府工作总体要求\n"
                    "以工业集聚为助推，促进多元发展，确保工业经济实现新提升。"
                    "全力支持呼伦贝尔工业园区发展，在社会服务、基础设施配套、招商引资等方面加大工作力度。\n")
        r = run("import", snippet, "--gov", "要求", "--year", "2012")
        rows = js("tasks", "--gov", "要求")
        check(rows and all(it["part"] == "requirements" and it["kind"] == "task" for it in rows),
              f"{len(rows)} task rows of the requirements part")
        # several files in one import (the next read while one is stored):
        # told in order, and a file that cannot be read stops the run there,
        # named, with the files before it stored
        many = os.path.join(tmp, "many.db")
        files = [report, os.path.join(fixtures, "hailaer-2019.txt"),
                 os.path.join(tmp, "missing.txt"), os.path.join(fixtures, "guowuyuan-2024.txt")]
        r = subprocess.run([luoshi, "import", *files, "--gov", "甲", "--year", "2023", "--db",
                            many], capture_output=True, text=True, env=env)
        lines = r.stdout.splitlines()
        check(r.returncode == 1, f"import of a missing file: exit {r.returncode}")
        check(len(lines) == 2 and "datong-2023.txt as report 1" in lines[0] and
              "hailaer-2019.txt as report 2" in lines[1] and "version 2" in lines[1], r.stdout)
        check(r.stderr.strip() == f"luoshi: {files[2]}: cannot open: No such file or directory",
              r.stderr)
        r = subprocess.run([luoshi, "reports", "--db", many, "--format", "json"],
                           capture_output=True, text=True, env=env)
        check(len(json.loads(r.stdout)) == 2, r.stdout)
        r = subprocess.run([luoshi, "import", *files[:2], files[3], "--gov", "甲", "--year",
                            "2023", "--db", many], capture_output=True, text=True, env=env)
        lines = r.stdout.splitlines()
        check(r.returncode == 0 and len(lines) == 3 and "nothing changed" in lines[0] and
              "nothing changed" in lines[1] and "guowuyuan-2024.txt as report 3" in lines[2],
              r.stdout + r.stderr)
    for f in failures:
        print("FAIL:", f)
    print(f"{len(failures)} failure(s)")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
