#!/usr/bin/env python3
"""sheet_attacks.py — small XLSX files that take gigabytes from a naive
reader (issue 17), written streaming with python's zipfile so that no test
holds what they inflate to; and valid workbooks at the edge of the limits.
Imported by tests/test_sheet_limits.py; `python3 tests/sheet_attacks.py DIR`
writes them all to DIR (for the measurements in docs/performance.md).

Each workbook is the minimum a reader needs: [Content_Types].xml, the
relationships, xl/workbook.xml with one sheet, the sheet, and if asked
shared strings and styles.
"""
import os
import struct
import sys
import zipfile

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
HEAD = '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
# a 报送表's header row: 序号 and 进展情况, so that a readable file gets past
# the reader and is judged by the ledger
HEADER_ROW = ('<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c>'
              '<c r="B1" t="inlineStr"><is><t>进展情况</t></is></c></row>')


def _parts(shared, styles):
    types = ('<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-'
             'officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/'
             'sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml'
             '.worksheet+xml"/>')
    rels = f'<Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
    return {
        "[Content_Types].xml": HEAD + '<Types xmlns="http://schemas.openxmlformats.org/package/'
        '2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxml'
        'formats-package.relationships+xml"/><Default Extension="xml" ContentType="application/'
        f'xml"/>{types}</Types>',
        "_rels/.rels": HEAD + '<Relationships xmlns="http://schemas.openxmlformats.org/package/'
        f'2006/relationships"><Relationship Id="rId1" Type="{REL}/officeDocument" '
        'Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": HEAD + f'<workbook xmlns="{MAIN}" xmlns:r="{REL}"><sheets><sheet '
        'name="报送表" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": HEAD + '<Relationships xmlns="http://schemas.openxmlformats'
        f'.org/package/2006/relationships">{rels}</Relationships>',
    }


def workbook(path, rows, shared=None, styles=None, level=6, shared_codec="utf-8"):
    """Writes an XLSX to 'path' whose sheet's <sheetData> is the text that
    the iterable 'rows' yields, streamed into the archive; 'shared' (an
    iterable of text too, written in 'shared_codec') is
    xl/sharedStrings.xml whole if given. Lone surrogates (\udcff) are
    written as the bytes they stand for."""
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        for name, text in _parts(shared, styles).items():
            z.writestr(name, text)
        if styles is not None:
            z.writestr("xl/styles.xml", styles)
        if shared is not None:
            with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as f:
                for piece in shared:
                    f.write(piece.encode(shared_codec, "surrogateescape"))
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as f:
            f.write((HEAD + f'<worksheet xmlns="{MAIN}" xmlns:r="{REL}"><sheetData>').encode())
            for piece in rows:
                f.write(piece.encode("utf-8", "surrogateescape"))
            f.write(b"</sheetData></worksheet>")
    return path


def entity_bomb(path, entity_kb=100, refs=20000):
    """Shared strings that repeat one internal entity of 'entity_kb' KB
    'refs' times (2 GB expanded); 2.2 KB on disk."""
    def shared():
        yield HEAD + f'<!DOCTYPE sst [<!ENTITY e "{"A" * (entity_kb * 1024)}">]>'
        yield f'<sst xmlns="{MAIN}" count="{refs}" uniqueCount="{refs}">'
        for _ in range(refs // 1000):
            yield "<si><t>&e;</t></si>" * 1000
        yield "</sst>"
    return workbook(path, [HEADER_ROW, '<row r="2"><c r="A2" t="s"><v>0</v></c></row>'],
                    shared=shared(), level=9)


def deflate_bomb(path, mb=250):
    """A sheet of 'mb' MB of empty rows (<row/>, which deflate packs about
    690 to 1): 370 KB zipped for 250 MB."""
    row = "<row/>"
    block = row * ((1 << 20) // len(row))

    def rows():
        yield HEADER_ROW
        for _ in range(mb * (1 << 20) // len(block)):
            yield block
    return workbook(path, rows(), level=9)


def many_rows(path, n=1000000):
    """'n' rows with a value each (a 5 MB zip for a million)."""
    def rows():
        yield HEADER_ROW
        for start in range(2, n + 2, 10000):
            yield "".join(f'<row r="{r}"><c r="A{r}"><v>{r}</v></c></row>'
                          for r in range(start, min(start + 10000, n + 2)))
    return workbook(path, rows())


def _styled_rows(mib):
    """The header row, then rows of eight empty styled cells past 'mib' MiB."""
    yield HEADER_ROW
    size, r = 0, 2
    while size < mib * (1 << 20):
        block = "".join(f'<row r="{k}">' + "".join(f'<c r="{c}{k}" s="1"/>' for c in "ABCDEFGH")
                        + "</row>" for k in range(r, r + 1000))
        size += len(block)
        r += 1000
        yield block


def big_sheet(path, mb=65):
    """Rows of empty styled cells (no value, so no row or cell limit) that
    inflate past 'mb' MB at the ratio real files have (about 16:1)."""
    return workbook(path, _styled_rows(mb))


def value_at(path, ref, value="1", blank_style_at=None):
    """The header row, and one cell 'ref' holding 'value'; an empty styled
    cell at 'blank_style_at' too if given."""
    extra = f'<c r="{blank_style_at}" s="1"/>' if blank_style_at else ""
    row = "".join(ch for ch in ref if ch.isdigit())
    return workbook(path, [HEADER_ROW, f'<row r="{row}"><c r="{ref}" t="inlineStr"><is><t>'
                                       f'{value}</t></is></c>{extra}</row>'])


def lying_sizes(path, bomb=None):
    """The deflate bomb (file 'bomb', else a new one) whose headers say the
    sheet is 1,000 bytes."""
    if bomb is None:
        deflate_bomb(path)
        bomb = path
    data = bytearray(open(bomb, "rb").read())
    with zipfile.ZipFile(bomb) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    # the local header: sizes at 18 (compressed) and 22, or in its zip64 extra
    at = info.header_offset
    name_len, extra_len = struct.unpack_from("<HH", data, at + 26)
    _patch_sizes(data, at + 18, at + 30 + name_len, extra_len)
    # the central directory record of the same member
    pos, patched = data.find(b"PK\x01\x02"), 0
    while pos >= 0:
        n, e = struct.unpack_from("<HH", data, pos + 28)
        if data[pos + 46:pos + 46 + n] == b"xl/worksheets/sheet1.xml":
            _patch_sizes(data, pos + 20, pos + 46 + n, e)
            patched += 1
        pos = data.find(b"PK\x01\x02", pos + 4)
    assert patched == 1
    open(path, "wb").write(bytes(data))
    return path


def _patch_sizes(data, sizes_at, extra_at, extra_len):
    """Sets the uncompressed size of a zip header to 1000, in its 32-bit
    field or, where that says 0xFFFFFFFF, in its zip64 extra field."""
    comp, size = struct.unpack_from("<II", data, sizes_at)
    if size != 0xFFFFFFFF:
        struct.pack_into("<I", data, sizes_at + 4, 1000)
        return
    end = extra_at + extra_len
    while extra_at + 4 <= end:
        tag, n = struct.unpack_from("<HH", data, extra_at)
        if tag == 1:  # zip64: the uncompressed size comes first
            struct.pack_into("<Q", data, extra_at + 4, 1000)
            return
        extra_at += 4 + n


def deep(path, depth=100):
    """An element nested 'depth' deep inside a cell."""
    return workbook(path, [HEADER_ROW, '<row r="2"><c r="A2"><v>1</v>' + "<x>" * depth +
                           "</x>" * depth + "</c></row>"])


def many_attributes(path, n=5000):
    """One element with 'n' attributes (libxml2 2.9 checks them pairwise)."""
    attrs = " ".join(f'a{i}="1"' for i in range(n))
    return workbook(path, [HEADER_ROW, f'<row r="2"><c r="A2" {attrs}><v>1</v></c></row>'])


def long_text(path, chars=700000):
    """One inline string of 'chars' different CJK characters (2 MB; varied,
    so that it does not pass the ratio first)."""
    text = "".join(chr(0x4E00 + (i * 7919) % 20000) for i in range(chars))
    return workbook(path, [HEADER_ROW, '<row r="2"><c r="B2" t="inlineStr"><is><t>' + text +
                           "</t></is></c></row>"])


DATE_STYLES = (HEAD + f'<styleSheet xmlns="{MAIN}"><cellXfs count="2"><xf numFmtId="0"/>'
               '<xf numFmtId="14"/></cellXfs></styleSheet>')


def largest(path, rows=200000):
    """The largest sheet within every limit: 'rows' rows of five values (a
    number, a shared string, an inline string, a decimal, a date; a million
    cells, 9 MB of text, 44 MB of XML). Its header has 序号 and 任务 but no
    进展情况, so `progress --from-xlsx` reads it whole, then stops."""
    shared = [HEAD + f'<sst xmlns="{MAIN}">'] + [f"<si><t>单位{i}</t></si>" for i in range(1000)]
    shared.append("</sst>")

    def body():
        yield ('<row r="1"><c r="A1" t="inlineStr"><is><t>序号</t></is></c><c r="B1" '
               't="inlineStr"><is><t>任务</t></is></c></row>')
        for start in range(2, rows + 1, 5000):
            yield "".join(
                f'<row r="{r}"><c r="A{r}"><v>{r}</v></c><c r="B{r}" t="s"><v>{r % 1000}</v></c>'
                f'<c r="C{r}" t="inlineStr"><is><t>推进第{r}项工作</t></is></c>'
                f'<c r="D{r}"><v>{r / 7:.2f}</v></c><c r="E{r}" s="1"><v>{45000 + r % 700}</v></c>'
                "</row>" for r in range(start, min(start + 5000, rows + 1)))
    return workbook(path, body(), shared=shared, styles=DATE_STYLES)


def at_total(path, mib=63):
    """A workbook near the limit on what all members inflate to: 'mib' MiB
    of rich-text shared strings (fewer than a million) and a sheet of 'mib'
    MiB of styled empty cells. It reads (the slowest file that does)."""
    def shared():
        yield HEAD + f'<sst xmlns="{MAIN}">'
        size, i = 0, 0
        while size < mib * (1 << 20):
            block = "".join(f'<si><r><rPr><sz val="{k % 97}"/></rPr><t>{k}</t></r><r><t>项'
                            f'{k % 1000}</t></r></si>' for k in range(i, i + 10000))
            i += 10000
            size += len(block.encode())
            yield block
        yield "</sst>"
    return workbook(path, _styled_rows(mib), shared=shared())


def edge(path):
    """What a reader must get right, in one small valid workbook (written to
    tests/fixtures/sheet-edge.xlsx for test_sheet.c): rich text without its
    phonetic guide, inline strings, dates by built-in and custom styles and
    t="d", blank and empty shared strings, CDATA and character references,
    formulas' results, two cells at one place (the later wins), rows and
    cells without r, a row out of order."""
    styles = (HEAD + f'<styleSheet xmlns="{MAIN}"><numFmts count="2"><numFmt numFmtId="164" '
              'formatCode="yyyy&quot;年&quot;m&quot;月&quot;d&quot;日&quot;"/><numFmt '
              'numFmtId="165" formatCode="0.00&quot;d&quot;"/></numFmts><cellStyleXfs count="1">'
              '<xf numFmtId="14"/></cellStyleXfs><cellXfs count="5"><xf numFmtId="0"/><xf '
              'numFmtId="14"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="170"/>'
              '</cellXfs></styleSheet>')
    shared = [HEAD + f'<sst xmlns="{MAIN}">', "<si><t>零</t></si>",
              '<si><r><t>富</t></r><r><rPr><b/></rPr><t xml:space="preserve"> 文本 </t></r>'
              '<rPh sb="0" eb="1"><t>フ</t></rPh></si>', "<si><t>  </t></si>",
              "<si><t><![CDATA[<cdata> & ]]>x</t></si>", "<si/>",
              "<si><t>&amp;&lt;&#x4E2D;&#20013;</t></si>", "</sst>"]
    rows = ['<row r="1"><c r="A1" t="s"><v>1</v></c><c t="s"><v>0</v></c><c><v>3.5</v></c>'
            '<c r="E1" t="inlineStr"><is><r><t>内</t></r><r><t>联</t></r><rPh><t>x</t></rPh></is>'
            "</c></row>",
            '<row><c r="A2" s="1"><v>45291</v></c><c s="2"><v>45292</v></c><c s="3"><v>45293</v>'
            '</c><c s="4"><v>45294</v></c><c s="1"><v> 45291 </v></c><c t="d">'
            "<v>2023-12-31T00:00:00</v></c></row>",
            '<row r="5"><c r="A5" t="s"><v>2</v></c><c r="B5" t="s"><v>3</v></c><c r="C5" t="s">'
            '<v>4</v></c><c r="D5" t="s"><v>5</v></c><c r="E5" t="s"><v/></c><c r="F5" t="s">'
            "<v>99</v></c></row>",
            '<row r="4"><c r="A4"><f>SUM(A1)</f><v>7</v></c><c r="B4" t="str"><f>"a"</f><v>文字'
            '</v></c><c r="C4" t="b"><v>1</v></c><c r="D4" t="e"><v>#N/A</v></c><c r="E4"><v/>'
            "<f>X</f></c></row>",
            '<row r="6"><c r="A6"><v>1</v></c><c r="A6"><v>2</v></c><c r="B6" t="inlineStr"><is>'
            '<t> 　 </t></is></c><c r="C6" t="inlineStr"><is><t>　全角　</t></is></c></row>',
            "<row><c><v>next</v></c></row>",
            '<row r="3"><c r="C3"><v>late</v></c></row>',
            '<row r="9" spans="1:3"><c r="A9" s="1"/><c r="B9" s="1"><v>x</v></c></row>']
    return workbook(path, rows, shared=shared, styles=styles)


ALL = {
    "entity-bomb.xlsx": entity_bomb,
    "deflate-bomb.xlsx": deflate_bomb,
    "million-rows.xlsx": many_rows,
    "big-sheet.xlsx": big_sheet,
    "column-65.xlsx": lambda p: value_at(p, "BM2"),
    "row-200001.xlsx": lambda p: value_at(p, "A200001"),
    "lying-sizes.xlsx": lying_sizes,
    "deep.xlsx": deep,
    "many-attributes.xlsx": many_attributes,
    "long-text.xlsx": long_text,
}

if __name__ == "__main__":
    os.makedirs(sys.argv[1], exist_ok=True)
    for name, make in ALL.items():
        p = make(os.path.join(sys.argv[1], name))
        print(f"{os.path.getsize(p):>10} {p}")
