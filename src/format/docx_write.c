/*
 * docx_write.c — a DOCX file from blocks (docx_write.h): the body is
 * written as WordprocessingML into one buffer as the blocks come, then the
 * parts of the package are zipped in memory with libzip:
 *
 *   [Content_Types].xml         the type of each part
 *   _rels/.rels                 the package → word/document.xml
 *   word/document.xml           the body, and the page (A4, GB/T 9704 margins)
 *   word/styles.xml             the styles: 正文 仿宋, Title, Heading1 黑体, …
 *   word/_rels/document.xml.rels  document → styles
 *
 * No template, no fields, no images. Text is escaped for XML, and characters
 * XML 1.0 does not allow (control characters) are left out.
 */
#include "docx_write.h"

#include <stdlib.h>
#include <string.h>

#include "zip_api.h"

#include "alloc.h"
#include "buf.h"
#include "error.h"

struct ls_docx {
    ls_buf body;
};

/* The fonts of a Chinese official document; Latin text in Times New Roman. */
#define FONT_BODY "仿宋_GB2312"
#define FONT_TITLE "方正小标宋简体"
#define FONT_H1 "黑体"
#define FONT_H2 "楷体_GB2312"

static const char content_types[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
    "<Default Extension=\"rels\" "
    "ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/>"
    "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
    "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/>"
    "<Override PartName=\"/word/styles.xml\" ContentType=\"application/"
    "vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/>"
    "</Types>";

static const char package_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/officeDocument\" Target=\"word/document.xml\"/></Relationships>";

static const char document_rels[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
    "<Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/"
    "relationships/styles\" Target=\"styles.xml\"/></Relationships>";

#define RFONTS(f)                                                                              \
    "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"" f      \
    "\" w:cs=\"Times New Roman\"/>"

/* 三号 is 16 pt (w:sz 32), 二号 22 pt (44); lines at a fixed 28 pt (560). */
static const char styles[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:docDefaults><w:rPrDefault><w:rPr>" RFONTS(FONT_BODY)
    "<w:sz w:val=\"32\"/><w:szCs w:val=\"32\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/>"
    "</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:line=\"560\" "
    "w:lineRule=\"exact\"/><w:jc w:val=\"both\"/></w:pPr></w:pPrDefault></w:docDefaults>"
    "<w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name "
    "w:val=\"Normal\"/></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Title\"><w:name w:val=\"Title\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:before=\"0\" w:after=\"560\" "
    "w:line=\"720\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/></w:pPr><w:rPr>" RFONTS(
        FONT_TITLE) "<w:sz w:val=\"44\"/><w:szCs w:val=\"44\"/></w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading1\"><w:name w:val=\"heading 1\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:ind w:firstLineChars=\"200\" "
    "w:firstLine=\"640\"/><w:outlineLvl w:val=\"0\"/></w:pPr><w:rPr>" RFONTS(FONT_H1)
    "</w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Heading2\"><w:name w:val=\"heading 2\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:keepNext/><w:ind w:firstLineChars=\"200\" "
    "w:firstLine=\"640\"/><w:outlineLvl w:val=\"1\"/></w:pPr><w:rPr>" RFONTS(FONT_H2)
    "</w:rPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"Body\"><w:name w:val=\"Body Text\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:ind w:firstLineChars=\"200\" w:firstLine=\"640\"/>"
    "</w:pPr></w:style>"
    "<w:style w:type=\"paragraph\" w:styleId=\"TableText\"><w:name w:val=\"Table Text\"/>"
    "<w:basedOn w:val=\"Normal\"/><w:pPr><w:spacing w:line=\"360\" w:lineRule=\"atLeast\"/>"
    "<w:jc w:val=\"center\"/></w:pPr><w:rPr><w:sz w:val=\"24\"/><w:szCs w:val=\"24\"/>"
    "</w:rPr></w:style>"
    "<w:style w:type=\"table\" w:styleId=\"Grid\"><w:name w:val=\"Table Grid\"/><w:tblPr>"
    "<w:tblBorders><w:top w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
    "<w:left w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
    "<w:bottom w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
    "<w:right w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
    "<w:insideH w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
    "<w:insideV w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"000000\"/>"
    "</w:tblBorders></w:tblPr></w:style></w:styles>";

static const char document_head[] =
    "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n"
    "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">"
    "<w:body>";

/* A4 (11906 × 16838 twips); margins 37, 35, 28 and 26 mm (GB/T 9704). */
static const char document_tail[] =
    "<w:sectPr><w:pgSz w:w=\"11906\" w:h=\"16838\"/><w:pgMar w:top=\"2098\" "
    "w:right=\"1474\" w:bottom=\"1984\" w:left=\"1588\" w:header=\"851\" w:footer=\"992\" "
    "w:gutter=\"0\"/></w:sectPr></w:body></w:document>";

ls_docx *ls_docx_new(void)
{
    ls_docx *d = ls_malloc(sizeof *d);

    if (d)
        ls_buf_init(&d->body);
    return d;
}

void ls_docx_free(ls_docx *d)
{
    if (!d)
        return;
    ls_buf_release(&d->body);
    ls_free(d);
}

/* Appends 's' escaped for XML text or attributes; bytes below 0x20 other
 * than tab are left out (XML 1.0 has no place for them, and a line break
 * inside a run is a blank to Word anyway). */
static void put_xml(ls_buf *b, const char *s)
{
    const char *p = s ? s : "", *run = p;

    for (; *p; p++) {
        const char *rep = *p == '&'   ? "&amp;"
                          : *p == '<' ? "&lt;"
                          : *p == '>' ? "&gt;"
                          : *p == '"' ? "&quot;"
                                      : NULL;
        if (!rep && ((unsigned char)*p >= 0x20 || *p == '\t'))
            continue;
        ls_buf_append(b, run, (size_t)(p - run));
        if (rep)
            ls_buf_puts(b, rep);
        run = p + 1;
    }
    ls_buf_append(b, run, (size_t)(p - run));
}

/* One run of text, with 'rpr' (run properties, may be "") before it. */
static void put_run(ls_buf *b, const char *rpr, const char *text)
{
    ls_buf_printf(b, "<w:r>%s%s%s<w:t xml:space=\"preserve\">", *rpr ? "<w:rPr>" : "", rpr,
                  *rpr ? "</w:rPr>" : "");
    put_xml(b, text);
    ls_buf_puts(b, "</w:t></w:r>");
}

/* A paragraph of style 'style' ("" for Normal) and alignment 'jc' (NULL:
 * the style's), holding one run of 'text'. */
static void put_para(ls_docx *d, const char *style, const char *jc, const char *text)
{
    ls_buf_puts(&d->body, "<w:p><w:pPr>");
    if (*style)
        ls_buf_printf(&d->body, "<w:pStyle w:val=\"%s\"/>", style);
    if (jc)
        ls_buf_printf(&d->body, "<w:jc w:val=\"%s\"/>", jc);
    ls_buf_puts(&d->body, "</w:pPr>");
    put_run(&d->body, "", text);
    ls_buf_puts(&d->body, "</w:p>");
}

void ls_docx_issuer(ls_docx *d, const char *text)
{
    ls_buf_puts(&d->body, "<w:p><w:pPr><w:pBdr><w:bottom w:val=\"single\" w:sz=\"18\" "
                          "w:space=\"4\" w:color=\"C00000\"/></w:pBdr><w:spacing "
                          "w:line=\"720\" w:lineRule=\"exact\"/><w:jc w:val=\"center\"/></w:pPr>");
    put_run(&d->body,
            RFONTS(FONT_TITLE) "<w:color w:val=\"C00000\"/><w:sz w:val=\"52\"/><w:szCs "
                               "w:val=\"52\"/>",
            text);
    ls_buf_puts(&d->body, "</w:p>");
}

void ls_docx_title(ls_docx *d, const char *text)
{
    put_para(d, "Title", NULL, text);
}

void ls_docx_heading(ls_docx *d, int level, const char *text)
{
    put_para(d, level <= 1 ? "Heading1" : "Heading2", NULL, text);
}

void ls_docx_para(ls_docx *d, const char *text)
{
    put_para(d, "Body", NULL, text);
}

void ls_docx_line(ls_docx *d, ls_docx_align align, const char *text)
{
    put_para(d, "", align == LS_DOCX_CENTER ? "center" : align == LS_DOCX_RIGHT ? "right" : "left",
             text);
}

void ls_docx_marked(ls_docx *d, const char *mark, const char *rgb, const char *text)
{
    char rpr[96];

    snprintf(rpr, sizeof rpr, "<w:b/><w:color w:val=\"%.6s\"/>", rgb ? rgb : "000000");
    ls_buf_puts(&d->body, "<w:p><w:pPr><w:pStyle w:val=\"Body\"/></w:pPr>");
    put_run(&d->body, rpr, mark);
    put_run(&d->body, "", text);
    ls_buf_puts(&d->body, "</w:p>");
}

void ls_docx_add_table(ls_docx *d, const char *const *cells, size_t nrows, size_t ncols)
{
    size_t r, c;

    ls_buf_puts(&d->body, "<w:tbl><w:tblPr><w:tblStyle w:val=\"Grid\"/><w:tblW w:w=\"5000\" "
                          "w:type=\"pct\"/><w:jc w:val=\"center\"/></w:tblPr><w:tblGrid>");
    for (c = 0; c < ncols; c++)
        ls_buf_puts(&d->body, "<w:gridCol/>");
    ls_buf_puts(&d->body, "</w:tblGrid>");
    for (r = 0; r < nrows; r++) {
        ls_buf_puts(&d->body, r == 0 ? "<w:tr><w:trPr><w:tblHeader/></w:trPr>" : "<w:tr>");
        for (c = 0; c < ncols; c++) {
            ls_buf_puts(&d->body, "<w:tc><w:p><w:pPr><w:pStyle w:val=\"TableText\"/></w:pPr>");
            put_run(&d->body, r == 0 ? "<w:b/>" : "", cells[r * ncols + c]);
            ls_buf_puts(&d->body, "</w:p></w:tc>");
        }
        ls_buf_puts(&d->body, "</w:tr>");
    }
    /* Word wants a paragraph between a table and what follows */
    ls_buf_puts(&d->body, "</w:tbl><w:p/>");
}

void ls_docx_page_break(ls_docx *d)
{
    ls_buf_puts(&d->body, "<w:p><w:r><w:br w:type=\"page\"/></w:r></w:p>");
}

/* Adds part 'name' of 'len' bytes at 'data' (kept alive by the caller
 * until the archive is closed). */
static int add_part(zip_t *za, const char *name, const char *data, size_t len)
{
    zip_source_t *s = ls_zip.zip_source_buffer(za, data, len, 0);

    if (!s)
        return 0;
    if (ls_zip.zip_file_add(za, name, s, ZIP_FL_ENC_UTF_8) < 0) {
        ls_zip.zip_source_free(s);
        return 0;
    }
    return 1;
}

/* Reads the whole of source 's' (an archive written in memory) into a new
 * buffer. */
static char *read_source(zip_source_t *s, size_t *len)
{
    zip_int64_t n;
    char *out = NULL;

    if (ls_zip.zip_source_open(s) < 0)
        return NULL;
    if (ls_zip.zip_source_seek(s, 0, SEEK_END) == 0 && (n = ls_zip.zip_source_tell(s)) > 0 &&
        ls_zip.zip_source_seek(s, 0, SEEK_SET) == 0 && (out = ls_malloc((size_t)n)) &&
        ls_zip.zip_source_read(s, out, (zip_uint64_t)n) != n) {
        ls_free(out);
        out = NULL;
    }
    *len = out ? (size_t)n : 0;
    ls_zip.zip_source_close(s);
    return out;
}

ls_status ls_docx_save(ls_docx *d, char **out, size_t *len, ls_error *err)
{
    ls_buf doc;
    zip_error_t ze;
    zip_source_t *src = NULL;
    zip_t *za = NULL;
    int ok;

    *out = NULL;
    *len = 0;
    if (ls_zip_load(err) != LS_OK)
        return LS_EIO;
    ls_buf_init(&doc);
    ls_buf_puts(&doc, document_head);
    ls_buf_append(&doc, d->body.data ? d->body.data : "", d->body.len);
    ls_buf_puts(&doc, document_tail);
    if (doc.failed || d->body.failed) {
        ls_buf_release(&doc);
        return ls_error_nomem(err);
    }
    ls_zip.zip_error_init(&ze);
    src = ls_zip.zip_source_buffer_create(NULL, 0, 0, &ze);
    za = src ? ls_zip.zip_open_from_source(src, ZIP_TRUNCATE, &ze) : NULL;
    if (za)
        ls_zip.zip_source_keep(src);
    ok = za && add_part(za, "[Content_Types].xml", content_types, sizeof content_types - 1) &&
         add_part(za, "_rels/.rels", package_rels, sizeof package_rels - 1) &&
         add_part(za, "word/document.xml", doc.data, doc.len) &&
         add_part(za, "word/styles.xml", styles, sizeof styles - 1) &&
         add_part(za, "word/_rels/document.xml.rels", document_rels, sizeof document_rels - 1);
    if (za && ok)
        ok = ls_zip.zip_close(za) == 0;
    else if (za)
        ls_zip.zip_discard(za);
    if (ok)
        *out = read_source(src, len);
    ls_zip.zip_source_free(src);
    ls_zip.zip_error_fini(&ze);
    ls_buf_release(&doc);
    if (!ok)
        return ls_error_set(err, LS_EIO, LS_NO_OFFSET, 0, "cannot write the DOCX archive");
    return *out ? LS_OK : ls_error_nomem(err);
}
