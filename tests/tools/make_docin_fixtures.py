#!/usr/bin/python3
"""make_docin_fixtures.py — the Word and PDF fixtures of the report reader.

usage: tests/tools/make_docin_fixtures.py [FIXTURES_DIR]   (default tests/fixtures)

Writes, from tests/fixtures/datong-2023.txt:

  datong-2023.docx   the report as an office types it in Word (python-docx,
                     Debian's python3-docx): one paragraph a line of the text,
                     the part and area headings in heading styles, the body
                     justified and indented two characters, the run-in leads
                     **…** bold runs
  datong-2023.pdf    that document printed to PDF by LibreOffice
                     (libreoffice-writer-nogui: soffice --convert-to pdf): 16 pt
                     justified with a page number in the footer, as offices
                     print them
  docx-features.docx a small document written here part by part: headings
                     numbered by Word (w:numPr: 一、 （一） 1.), by style and
                     directly, a restarted list, a heading typed 一、, a bold
                     lead, hidden and deleted text, a 分工方案 table with a
                     merged 牵头单位 (w:vMerge), a title row (w:gridSpan), an
                     auto-numbered 序号 column and a table nested in a cell
  scan.pdf           a one-page PDF holding only an image: no text layer
  locked.pdf         scan.pdf encrypted with a user password (qpdf --encrypt)

The outputs are committed; run this again only to change them. Needs
python3-docx, libreoffice-writer-nogui and qpdf (not needed by the build).
"""
import datetime
import os
import re
import shutil
import subprocess
import sys
import tempfile
import zipfile

from docx import Document
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml.ns import qn
from docx.oxml import OxmlElement
from docx.shared import Pt

HERE = os.path.dirname(os.path.abspath(__file__))


def add_runs(par, line):
    """The line's text as runs, **bold** parts as bold runs."""
    for k, piece in enumerate(re.split(r"\*\*", line)):
        if piece:
            par.add_run(piece).bold = k % 2 == 1


def add_page_number(section):
    """A centred footer — PAGE — as offices print their documents."""
    par = section.footer.paragraphs[0]
    par.alignment = WD_ALIGN_PARAGRAPH.CENTER
    par.add_run("— ")
    run = par.add_run()
    for kind, text in (("begin", None), (None, "PAGE"), ("end", None)):
        if kind:
            el = OxmlElement("w:fldChar")
            el.set(qn("w:fldCharType"), kind)
        else:
            el = OxmlElement("w:instrText")
            el.text = text
        run._r.append(el)
    par.add_run(" —")


def datong_docx(txt, out):
    lines = open(txt, encoding="utf-8").read().split("\n")
    doc = Document()
    normal = doc.styles["Normal"]
    normal.font.size = Pt(16)  # 三号, as 公文 are set
    normal.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), "Noto Serif CJK SC")
    for line in lines:
        line = line.strip()
        if not line:
            continue
        short = len(line) < 60 and "。" not in line
        if short and ("工作" in line or line in ("政府", "自身", "建设")):
            # a part's title, centred in a heading style
            par = doc.add_paragraph(style="Heading 1")
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        elif short and line.startswith("坚持"):
            # an area: a heading indented as the body is (公文 style)
            par = doc.add_paragraph(style="Heading 2")
            par.paragraph_format.first_line_indent = Pt(32)
        elif short:
            par = doc.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.CENTER
        else:
            par = doc.add_paragraph()
            par.alignment = WD_ALIGN_PARAGRAPH.JUSTIFY
            par.paragraph_format.first_line_indent = Pt(32)
        add_runs(par, line)
    add_page_number(doc.sections[0])
    doc.core_properties.author = "luoshi"
    # the same bytes from the same text (LibreOffice still dates its PDF)
    doc.core_properties.created = doc.core_properties.modified = datetime.datetime(2023, 1, 1)
    doc.core_properties.last_modified_by = "luoshi"
    doc.save(out)


W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def p(text, num=None, style=None, bold_lead=None):
    """A paragraph: numbering (numId, ilvl), a style, a bold lead run."""
    ppr = ""
    if style:
        ppr += '<w:pStyle w:val="%s"/>' % style
    if num:
        ppr += '<w:numPr><w:ilvl w:val="%d"/><w:numId w:val="%d"/></w:numPr>' % (num[1], num[0])
    runs = ""
    if bold_lead:
        runs += '<w:r><w:rPr><w:b/></w:rPr><w:t>%s</w:t></w:r>' % bold_lead
    runs += '<w:r><w:t xml:space="preserve">%s</w:t></w:r>' % text
    return "<w:p>%s%s</w:p>" % ("<w:pPr>%s</w:pPr>" % ppr if ppr else "", runs)


def tc(content, span=None, vmerge=None):
    pr = ""
    if span:
        pr += '<w:gridSpan w:val="%d"/>' % span
    if vmerge:
        pr += '<w:vMerge w:val="restart"/>' if vmerge == "restart" else "<w:vMerge/>"
    return "<w:tc>%s%s</w:tc>" % ("<w:tcPr>%s</w:tcPr>" % pr if pr else "", content)


def features_docx(out):
    levels = [("chineseCounting", "%1、"), ("chineseCounting", "（%2）"), ("decimal", "%3.")]
    lvl = "".join(
        '<w:lvl w:ilvl="%d"><w:start w:val="1"/><w:numFmt w:val="%s"/>'
        '<w:lvlText w:val="%s"/></w:lvl>' % (i, f, t) for i, (f, t) in enumerate(levels))
    numbering = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:numbering %s>'
        '<w:abstractNum w:abstractNumId="0">%s</w:abstractNum>'
        '<w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="decimal"/><w:lvlText w:val="%%1"/></w:lvl></w:abstractNum>'
        '<w:abstractNum w:abstractNumId="2"><w:lvl w:ilvl="0"><w:start w:val="1"/>'
        '<w:numFmt w:val="bullet"/><w:lvlText w:val="\u2022"/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num>'
        '<w:num w:numId="2"><w:abstractNumId w:val="1"/></w:num>'
        '<w:num w:numId="3"><w:abstractNumId w:val="1"/>'
        '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        '<w:num w:numId="4"><w:abstractNumId w:val="2"/></w:num>'
        '</w:numbering>' % (W, lvl))
    styles = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:styles %s>'
        '<w:style w:type="paragraph" w:styleId="Normal"><w:name w:val="Normal"/></w:style>'
        '<w:style w:type="paragraph" w:styleId="1"><w:name w:val="heading 1"/>'
        '<w:basedOn w:val="Normal"/><w:pPr><w:numPr><w:numId w:val="1"/></w:numPr></w:pPr>'
        '</w:style>'
        '<w:style w:type="paragraph" w:styleId="2"><w:name w:val="heading 2"/>'
        '<w:basedOn w:val="1"/><w:pPr><w:numPr><w:ilvl w:val="1"/></w:numPr></w:pPr></w:style>'
        '</w:styles>' % W)
    table = (
        "<w:tbl><w:tblGrid><w:gridCol/><w:gridCol/><w:gridCol/><w:gridCol/></w:tblGrid>"
        "<w:tr>" + tc(p("序号")) + tc(p("重点工作任务")) + tc(p("牵头单位")) + tc(p("完成时限"))
        + "</w:tr>"
        "<w:tr>" + tc(p("一、稳住经济大盘"), span=4) + "</w:tr>"
        "<w:tr>" + tc(p("", num=(2, 0))) + tc(p("全年原煤产量稳定在1.6亿吨"))
        + tc(p("市能源局", ) + p("市工信局"), vmerge="restart") + tc(p("12月底前")) + "</w:tr>"
        "<w:tr>" + tc(p("", num=(2, 0))) + tc(p("新增风电光伏装机100万千瓦"))
        + tc(p(""), vmerge="continue") + tc(p("6月底前")) + "</w:tr>"
        "<w:tr>" + tc(p("", num=(2, 0))) + tc(
            p("推进下列项目：")
            + "<w:tbl><w:tr>" + tc(p("甲项目")) + tc(p("乙项目")) + "</w:tr></w:tbl>")
        + tc(p("市发展改革委")) + tc(p("长期坚持")) + "</w:tr>"
        "</w:tbl>")
    body = "".join([
        p("2023年政府工作报告"),
        p("2022年工作回顾", style="1"),
        p("工业经济稳中向好", style="2"),
        p("全年原煤产量完成1.6亿吨，同比增长7%。", num=(1, 2)),
        p("风电、光伏并网装机达到812.6万千瓦。", num=(1, 2)),
        p("文旅消费逐步回升", style="2"),
        p("2023年工作任务", style="1"),
        p("坚持工业强市", num=(1, 1)),
        p("煤炭方面，推动3座在建煤矿达产。", bold_lead="做强能源产业。"),
        '<w:p><w:r><w:t>看得见的</w:t></w:r><w:r><w:rPr><w:vanish/></w:rPr><w:t>看不见的</w:t>'
        '</w:r><w:del w:id="1" w:author="a"><w:r><w:delText>删去的</w:delText></w:r></w:del>'
        '<w:r><w:t>文字</w:t><w:tab/><w:t>之后</w:t><w:br/><w:t>换行</w:t></w:r></w:p>',
        p("三、政府自身建设"),
        p("重新编号的第一项", num=(3, 0)),
        p("项目符号", num=(4, 0)),
        table,
        p("附：表格以上。"),
    ])
    document = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
                '<w:document %s><w:body>%s<w:sectPr/></w:body></w:document>' % (W, body))
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
        'package/2006/content-types"><Default Extension="rels" ContentType="application/'
        'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
        '"application/xml"/><Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>')
    rels = (
        '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.'
        'openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://'
        'schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
        'Target="word/document.xml"/></Relationships>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in (("[Content_Types].xml", content_types), ("_rels/.rels", rels),
                           ("word/document.xml", document), ("word/numbering.xml", numbering),
                           ("word/styles.xml", styles)):
            info = zipfile.ZipInfo(name, date_time=(2023, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            z.writestr(info, data)


def scan_pdf(out):
    """One page that draws a 2x2 grey image and holds no text."""
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /XObject "
        b"<< /Im1 5 0 R >> >> /Contents 4 0 R >>",
    ]
    content = b"q 500 0 0 700 40 60 cm /Im1 Do Q"
    objs.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    pixels = b"\x80\x40\x40\x80"
    objs.append(b"<< /Type /XObject /Subtype /Image /Width 2 /Height 2 /ColorSpace /DeviceGray "
                b"/BitsPerComponent 8 /Length 4 >>\nstream\n" + pixels + b"\nendstream")
    data = b"%PDF-1.4\n"
    offsets = []
    for i, o in enumerate(objs):
        offsets.append(len(data))
        data += b"%d 0 obj\n" % (i + 1) + o + b"\nendobj\n"
    xref = len(data)
    data += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        data += b"%010d 00000 n \n" % off
    data += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    open(out, "wb").write(data)


def main():
    fixtures = sys.argv[1] if len(sys.argv) > 1 else os.path.join(HERE, "..", "fixtures")
    docx = os.path.join(fixtures, "datong-2023.docx")
    datong_docx(os.path.join(fixtures, "datong-2023.txt"), docx)
    features_docx(os.path.join(fixtures, "docx-features.docx"))
    scan_pdf(os.path.join(fixtures, "scan.pdf"))
    subprocess.run(["qpdf", "--encrypt", "user-secret", "owner-secret", "256", "--",
                    os.path.join(fixtures, "scan.pdf"), os.path.join(fixtures, "locked.pdf")],
                   check=True)
    with tempfile.TemporaryDirectory() as tmp:
        env = dict(os.environ, HOME=tmp)  # LibreOffice keeps a profile in $HOME
        subprocess.run(["soffice", "--headless", "--convert-to", "pdf", "--outdir", tmp, docx],
                       check=True, env=env, stdout=subprocess.DEVNULL)
        shutil.copy(os.path.join(tmp, "datong-2023.pdf"), os.path.join(fixtures, "datong-2023.pdf"))


if __name__ == "__main__":
    main()
