#!/usr/bin/env python3
"""test_docin.py LUOSHI FIXTURES — reports published as Word and PDF
(issue 13, item 5).

The Datong report as a Word document and as a PDF (made from
tests/fixtures/datong-2023.txt by tests/tools/make_docin_fixtures.py):
`luoshi extract` finds the same mentions as on the text (same count; same
text, value, unit, kind, op, change and metric, in order), `outline` the
same headings, `parse` says where the text came from and its offsets point
into the extracted text. A scan without a text layer, a truncated PDF, an
encrypted PDF or Word file, a .doc, a workbook, a zip bomb, a PDF whose
content inflates to 80 MB, an entity, deep nesting are refused with the file and what was expected named (exit 1).
`luoshi import` takes both into the ledger (SQLite, or PostgreSQL when
LUOSHI_TEST_PG_URL is set: with_pg.sh) with the rows the text gives, and
so do POST /api/v1/reports and the /import page of `luoshi serve`.
"""
import io
import json
import os
import re
import subprocess
import sys
import tempfile
import zipfile
import zlib

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from api_client import Client, Server, check, cli, finish  # noqa: E402

FIELDS = ("text", "value", "value_max", "unit", "kind", "op", "change", "metric")

W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def docx(document, extra=()):
    """A DOCX archive holding 'document' as word/document.xml."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("word/document.xml", document)
        for name, data in extra:
            z.writestr(name, data)
    return out.getvalue()


def body(xml):
    return f'<w:document {W}><w:body>{xml}</w:body></w:document>'


def pdf_bomb():
    """A one-page PDF whose content stream is 80 MB of blanks deflated
    (about 80 KB): poppler would lex it all for seconds."""
    z = zlib.compressobj(9)
    data = z.compress(b" " * (80 << 20)) + z.compress(b"BT /F1 12 Tf 72 720 Td (x) Tj ET") + z.flush()
    objs = [b"<< /Type /Catalog /Pages 2 0 R >>", b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R >>",
            b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(data) + data +
            b"\nendstream"]
    out = b"%PDF-1.4\n"
    for i, o in enumerate(objs):
        out += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    return out + b"trailer\n<< /Root 1 0 R >>\n%%EOF\n"


def hostile():
    """Tiny files made to hurt, and what the error must say of each."""
    ole = bytes.fromhex("d0cf11e0a1b11ae1") + b"\0" * 504
    return {
        "scan.pdf": (None, "the PDF has no text layer"),
        "locked.pdf": (None, "the PDF is encrypted: a password is needed to read it"),
        "bomb.pdf": (pdf_bomb(), "the PDF's compressed streams inflate past 64 MB (the limit)"),
        "cut.pdf": ("cut", "not a readable PDF"),
        "locked.docx": (ole + "EncryptedPackage".encode("utf-16-le") + b"\0" * 64,
                        "an encrypted Word document"),
        "old.doc": (ole + b"\0" * 512, "a Word 97-2003 document (.doc)"),
        "sheet-edge.xlsx": (None, "a zip archive but not a Word document (no word/document.xml)"),
        "bomb.docx": (docx(body('<w:p><w:r><w:t>' + " " * (8 << 20) + '</w:t></w:r></w:p>')),
                      "word/document.xml inflates to more than 100 times its compressed size"),
        "entity.docx": (docx('<!DOCTYPE w:document [<!ENTITY a "aaaaaaaaaa">]>' +
                             body('<w:p><w:r><w:t>&a;</w:t></w:r></w:p>')),
                        "word/document.xml declares a DOCTYPE (no DTD or entity is allowed in a "
                        "document)"),
        "deep.docx": (docx(body("<w:tbl><w:tr><w:tc>" * 30 + "<w:p/>" +
                                "</w:tc></w:tr></w:tbl>" * 30)),
                      "word/document.xml nests elements deeper than 64 (the limit)"),
        "broken.docx": (docx(body('<w:p><w:r><w:t>未闭合</w:r></w:p>')),
                        "the Word document is damaged"),
        "zip-cut.docx": ("zip-cut", "not a Word document (DOCX): a damaged zip archive"),
    }


def mentions(luoshi, env, path):
    out = cli(luoshi, env, "extract", path, "--format", "json")
    return json.loads(out.stdout) if out.returncode == 0 else []


def compare_reading(luoshi, env, fixtures):
    """extract, outline and parse on the three forms of the report."""
    base = os.path.join(fixtures, "datong-2023")
    text = mentions(luoshi, env, base + ".txt")
    check(len(text) >= 90, f"the text gives its mentions ({len(text)})")
    for ext in ("docx", "pdf"):
        got = mentions(luoshi, env, f"{base}.{ext}")
        print(f"{ext}: {len(got)} mentions, the text {len(text)}")
        check(len(got) == len(text), f"{ext}: {len(got)} mentions, the text has {len(text)}")
        for a, b in zip(text, got):
            if not check(all(a.get(k) == b.get(k) for k in FIELDS),
                         f"{ext}: {b['text']} at {b['start']} differs from the text's "
                         f"{a['text']} at {a['start']}: {b} vs {a}"):
                break
        titles = [(h["level"], h["title"].replace("**", ""), h["part"]) for h in json.loads(
            cli(luoshi, env, "outline", f"{base}.{ext}", "--format", "json").stdout)]
        want = [(h["level"], h["title"].replace("**", ""), h["part"]) for h in json.loads(
            cli(luoshi, env, "outline", base + ".txt", "--format", "json").stdout)]
        check(titles == want, f"{ext}: the outline differs from the text's: "
              f"{[t for t in titles if t not in want][:3]} / {[t for t in want if t not in titles][:3]}")
        doc = json.loads(cli(luoshi, env, "parse", f"{base}.{ext}").stdout)
        src = doc["source"]
        check(src["format"] == ext and src["offsets"] == "extracted-text",
              f"{ext}: parse says format {src['format']}, offsets {src['offsets']}")
        raw = src["text"].encode("utf-8")
        bad = [m for m in doc["mentions"]
               if raw[m["start"]:m["end"]].decode("utf-8", "replace") != m["text"]]
        check(not bad, f"{ext}: offsets that miss their mention: {bad[:2]}")


def features(luoshi, env, fixtures):
    """Word's numbering, a bold lead, hidden and deleted text, a table."""
    doc = json.loads(cli(luoshi, env, "parse", os.path.join(fixtures, "docx-features.docx")).stdout)
    lines = doc["source"]["text"].split("\n")
    for want in ("一、2022年工作回顾", "（一）工业经济稳中向好", "1.全年原煤产量完成1.6亿吨，同比增长7%。",
                 "2.风电、光伏并网装机达到812.6万千瓦。", "（二）文旅消费逐步回升", "二、2023年工作任务",
                 "（一）坚持工业强市", "**做强能源产业。**煤炭方面，推动3座在建煤矿达产。",
                 "看得见的文字 之后", "换行", "三、政府自身建设", "1重新编号的第一项", "项目符号",
                 "序号\t重点工作任务\t牵头单位\t完成时限",
                 "1\t全年原煤产量稳定在1.6亿吨\t市能源局 市工信局\t12月底前",
                 "2\t新增风电光伏装机100万千瓦\t\t6月底前"):
        check(want in lines, f"docx-features: no line {want!r} in {lines}")
    heads = [h["title"] for h in doc["outline"]]
    check(any("2022年工作回顾" in h for h in heads) and any("坚持工业强市" in h for h in heads),
          f"docx-features: the numbered headings are headings: {heads}")


def refusals(luoshi, env, fixtures, tmp):
    for name, (data, expect) in hostile().items():
        path = os.path.join(tmp, name)
        if data is None:
            path = os.path.join(fixtures, name)
        elif data == "cut":
            with open(os.path.join(fixtures, "datong-2023.pdf"), "rb") as f:
                data = f.read()[:3000]
        elif data == "zip-cut":
            with open(os.path.join(fixtures, "datong-2023.docx"), "rb") as f:
                data = f.read()[:2000]
        if path.startswith(tmp):
            with open(path, "wb") as f:
                f.write(data)
        r = cli(luoshi, env, "extract", path, code=1)
        check(expect in r.stderr and os.path.basename(path) in r.stderr,
              f"extract {name}: {r.stderr.strip()!r} should name the file and say {expect!r}")
        r = cli(luoshi, env, "import", path, "--gov", "测试", "--year", "2023", code=1)
        check(expect in r.stderr, f"import {name}: {r.stderr.strip()!r}")


def web(luoshi, env, fixtures, db, tmp):
    """POST /api/v1/reports with the PDF, the /import page with the DOCX."""
    server = Server(luoshi, db, env, log=os.path.join(tmp, "serve.log"))
    try:
        admin = Client(server.base)
        check(admin.login("admin", server.password).status == 200, "admin signs in")
        with open(os.path.join(fixtures, "datong-2023.pdf"), "rb") as f:
            r = admin.request("POST", "/api/v1/reports", files={"file": ("datong-2023.pdf", f.read())},
                              query={"gov": "大同市", "year": "2023"})
        j = r.json() or {}
        check(r.status == 201 and j.get("tasks", 0) > 100,
              f"POST /api/v1/reports with a PDF: {r.status} {r.body[:300]!r}")
        pdf_tasks = j.get("tasks")
        page = Client(server.base)
        page.page_login("admin", server.password)
        form = page.get("/import").text()
        check('accept=".txt,.md,.html,.htm,.docx,.pdf"' in form and "Word" in form,
              "the import page takes Word and PDF")
        m = re.search(r'name="csrf" value="([0-9a-f]+)"', form)
        with open(os.path.join(fixtures, "datong-2023.docx"), "rb") as f:
            r = page.request("POST", "/import", form={"csrf": m.group(1) if m else "",
                                                      "gov": "大同市", "year": "2023"},
                             files={"file": ("datong-2023.docx", f.read())})
        # urllib follows the 303 to the report's page
        check(r.status == 200 and "报告原文" in r.text() and "做大数字产业" in r.text(),
              f"the /import page with a DOCX: {r.status} {r.text()[:300]}")
        r = page.request("POST", "/import", form={"csrf": m.group(1) if m else "",
                                                  "gov": "大同市", "year": "2023"},
                         files={"file": ("scan.pdf", open(os.path.join(fixtures, "scan.pdf"),
                                                          "rb").read())})
        check(r.status == 400 and "这个 PDF 没有文字层" in r.text() and "scan.pdf" in r.text(),
              f"the /import page with a scan: {r.status} {r.text()[-600:]}")
        reports = admin.get("/api/v1/reports").json() or []
        check(len(reports) == 2, f"two reports after the uploads: {reports}")
        return pdf_tasks
    finally:
        server.stop()


def main():
    luoshi, fixtures = os.path.abspath(sys.argv[1]), os.path.abspath(sys.argv[2])
    with tempfile.TemporaryDirectory() as tmp:
        db = os.environ.get("LUOSHI_TEST_PG_URL") or os.path.join(tmp, "docin.db")
        env = dict(os.environ, LUOSHI_DB=db, LUOSHI_USER="督查室")
        env.setdefault("ASAN_OPTIONS", "detect_leaks=1")
        compare_reading(luoshi, env, fixtures)
        features(luoshi, env, fixtures)
        refusals(luoshi, env, fixtures, tmp)
        pdf_tasks = web(luoshi, env, fixtures, db, tmp)
        # the command line: the text, then the Word and PDF files already
        # uploaded (the same bytes: nothing changes)
        out = cli(luoshi, env, "import", os.path.join(fixtures, "datong-2023.txt"), "--gov",
                  "大同市", "--year", "2023").stdout
        m = re.search(r"as report \d+ \(大同市 2023, version (\d+)\): (\d+) task rows", out)
        check(m is not None and int(m.group(2)) == pdf_tasks,
              f"the text gives as many rows as the PDF ({pdf_tasks}): {out}")
        for ext in ("docx", "pdf"):
            out = cli(luoshi, env, "import", os.path.join(fixtures, f"datong-2023.{ext}"), "--gov",
                      "大同市", "--year", "2023").stdout
            check("was imported before" in out, f"import {ext} again: {out}")
        reports = json.loads(cli(luoshi, env, "tasks", "--format", "json").stdout)
        check(len({t.get("report") for t in reports}) >= 1, "the rows are in the ledger")
    return finish()


if __name__ == "__main__":
    sys.exit(main())
