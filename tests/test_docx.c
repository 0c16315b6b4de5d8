/*
 * test_docx.c — the Word reader alone (src/format/docx_read.c,
 * docx_num.c): the largest table of tests/fixtures/docx-features.docx as
 * a grid (a title row spanning the columns, a merged 牵头单位 repeated, an
 * auto-numbered 序号, a table nested in a cell), its text without bold
 * marks; Word's number formats (十一、 一百零五、 壹拾贰 ③ IV bb 乙 １２)
 * and a loop of styles; tiny hostile documents built here (a deflate
 * bomb, a DOCTYPE, deep nesting, a run of text past 1 MB, a table past
 * column 64, not a zip, a workbook) refused with the file and the limit
 * named; and every allocation of the reader failing in turn.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <zip.h>

#include "fixture.h"
#include "alloc.h"
#include "docx_read.h"

#define W "xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\""

static const char *fixtures;

/* A file of the fixtures directory (fixture.c). */
static char *read_fixture(const char *name, size_t *len)
{
    return ls_test_fixture(fixtures, name, len);
}

/* A DOCX archive of the parts 'names'/'parts' ('n' of them), deflated, in
 * a new buffer (free()). */
static char *zip_parts(const char *const *names, const char *const *parts, size_t n, size_t *len)
{
    zip_error_t ze;
    zip_source_t *src, *s;
    zip_stat_t st;
    zip_t *z;
    char *out;
    size_t k;

    zip_error_init(&ze);
    src = zip_source_buffer_create(NULL, 0, 0, &ze);
    assert_non_null(src);
    zip_source_keep(src);
    z = zip_open_from_source(src, ZIP_TRUNCATE, &ze);
    assert_non_null(z);
    for (k = 0; k < n; k++) {
        s = zip_source_buffer(z, parts[k], strlen(parts[k]), 0);
        assert_non_null(s);
        assert_true(zip_file_add(z, names[k], s, ZIP_FL_OVERWRITE) >= 0);
    }
    assert_int_equal(zip_close(z), 0);
    assert_int_equal(zip_source_stat(src, &st), 0);
    assert_int_equal(zip_source_open(src), 0);
    out = malloc(st.size + 1);
    assert_non_null(out);
    assert_int_equal(zip_source_read(src, out, st.size), (zip_int64_t)st.size);
    zip_source_close(src);
    zip_source_free(src);
    zip_error_fini(&ze);
    *len = (size_t)st.size;
    return out;
}

/* A DOCX holding only word/document.xml with 'body' in its w:body. */
static char *docx_of(const char *body, size_t *len)
{
    const char *names[] = {"word/document.xml"};
    size_t n = strlen(body) + 256;
    char *doc = malloc(n), *out;
    const char *parts[1];

    assert_non_null(doc);
    snprintf(doc, n, "<w:document " W "><w:body>%s</w:body></w:document>", body);
    parts[0] = doc;
    out = zip_parts(names, parts, 1, len);
    free(doc);
    return out;
}

/* The grid of docx-features.docx, cell by cell. */
static void test_features_table(void **state)
{
    static const struct {
        size_t row, col;
        const char *text;
    } cells[] = {
        {0, 0, "序号"}, {0, 1, "重点工作任务"}, {0, 2, "牵头单位"}, {0, 3, "完成时限"},
        {1, 0, "一、稳住经济大盘"},
        {2, 0, "1"}, {2, 1, "全年原煤产量稳定在1.6亿吨"}, {2, 2, "市能源局\n市工信局"},
        {2, 3, "12月底前"},
        {3, 0, "2"}, {3, 1, "新增风电光伏装机100万千瓦"}, {3, 2, "市能源局\n市工信局"},
        {3, 3, "6月底前"},
        {4, 0, "3"}, {4, 1, "推进下列项目：\n甲项目\n乙项目"}, {4, 2, "市发展改革委"},
        {4, 3, "长期坚持"},
    };
    size_t len, k;
    char *data = read_fixture("docx-features.docx", &len);
    ls_grid g;
    ls_error err;

    (void)state;
    assert_int_equal(ls_docx_table("features.docx", data, len, &g, &err), LS_OK);
    assert_int_equal(g.nrows, 5);
    assert_int_equal(g.ncols, 4);
    assert_int_equal(g.ncells, sizeof cells / sizeof cells[0]);
    for (k = 0; k < sizeof cells / sizeof cells[0]; k++) {
        const char *got = ls_grid_cell(&g, cells[k].row, cells[k].col);
        assert_non_null(got);
        assert_string_equal(got, cells[k].text);
    }
    assert_null(ls_grid_cell(&g, 1, 1)); /* under the title's span */
    ls_grid_free(&g);
    free(data);
}

/* The text of the fixture for a 分工方案 reader: no bold marks. */
static void test_features_text(void **state)
{
    size_t len;
    char *data = read_fixture("docx-features.docx", &len);
    ls_buf text;
    ls_error err;

    (void)state;
    assert_int_equal(ls_docx_text("features.docx", data, len, &text, &err), LS_OK);
    assert_non_null(strstr(text.data, "\n（一）坚持工业强市\n做强能源产业。煤炭方面"));
    assert_non_null(strstr(text.data, "\n一、2022年工作回顾\n（一）工业经济稳中向好\n1.全年"));
    assert_null(strstr(text.data, "看不见"));
    assert_null(strstr(text.data, "删去"));
    assert_null(strstr(text.data, "**"));
    ls_buf_release(&text);
    free(data);
}

/* Word's number formats, each list started where the case needs it. */
static void test_number_formats(void **state)
{
    static const struct {
        const char *fmt, *lvl_text;
        int start;
        const char *want;
    } cases[] = {
        {"chineseCounting", "%1、", 10, "十、"},
        {"chineseCounting", "%1、", 11, "十一、"},
        {"chineseCountingThousand", "（%1）", 20, "（二十）"},
        {"chineseCounting", "%1、", 105, "一百零五、"},
        {"chineseCounting", "%1、", 1010, "一千零一十、"},
        {"chineseCounting", "%1、", 20003, "二万零三、"},
        {"chineseLegalSimplified", "%1、", 12, "壹拾贰、"},
        {"decimalEnclosedCircle", "%1", 3, "③"},
        {"upperRoman", "%1.", 4, "IV."},
        {"lowerLetter", "%1)", 28, "bb)"},
        {"ideographTraditional", "%1、", 2, "乙、"},
        {"decimalFullWidth", "%1．", 12, "１２．"},
        {"decimalZero", "%1.", 7, "07."},
        {"ideographDigital", "%1", 105, "一〇五"},
    };
    enum { N = sizeof cases / sizeof cases[0] };
    char numbering[8192], body[4096], style_loop[1024];
    const char *names[] = {"word/document.xml", "word/numbering.xml", "word/styles.xml"};
    const char *parts[3];
    size_t k, at = 0, bat = 0, len;
    char *doc, *data, want[256];
    ls_buf text;
    ls_error err;

    (void)state;
    at += (size_t)snprintf(numbering + at, sizeof numbering - at, "<w:numbering " W ">");
    for (k = 0; k < N; k++)
        at += (size_t)snprintf(numbering + at, sizeof numbering - at,
                               "<w:abstractNum w:abstractNumId=\"%zu\"><w:lvl w:ilvl=\"0\">"
                               "<w:start w:val=\"%d\"/><w:numFmt w:val=\"%s\"/>"
                               "<w:lvlText w:val=\"%s\"/></w:lvl></w:abstractNum>",
                               k, cases[k].start, cases[k].fmt, cases[k].lvl_text);
    for (k = 0; k < N; k++)
        at += (size_t)snprintf(numbering + at, sizeof numbering - at,
                               "<w:num w:numId=\"%zu\"><w:abstractNumId w:val=\"%zu\"/></w:num>",
                               k + 1, k);
    snprintf(numbering + at, sizeof numbering - at, "</w:numbering>");
    for (k = 0; k < N; k++)
        bat += (size_t)snprintf(body + bat, sizeof body - bat,
                                "<w:p><w:pPr><w:numPr><w:ilvl w:val=\"0\"/><w:numId w:val="
                                "\"%zu\"/></w:numPr></w:pPr><w:r><w:t>x</w:t></w:r></w:p>",
                                k + 1);
    /* a style based on itself through another: no numbering, no hang */
    snprintf(body + bat, sizeof body - bat,
             "<w:p><w:pPr><w:pStyle w:val=\"A\"/></w:pPr><w:r><w:t>loop</w:t></w:r></w:p>");
    snprintf(style_loop, sizeof style_loop,
             "<w:styles " W "><w:style w:styleId=\"A\"><w:basedOn w:val=\"B\"/></w:style>"
             "<w:style w:styleId=\"B\"><w:basedOn w:val=\"A\"/></w:style></w:styles>");
    doc = malloc(strlen(body) + 256);
    assert_non_null(doc);
    sprintf(doc, "<w:document " W "><w:body>%s</w:body></w:document>", body);
    parts[0] = doc;
    parts[1] = numbering;
    parts[2] = style_loop;
    data = zip_parts(names, parts, 3, &len);
    assert_int_equal(ls_docx_text("n.docx", data, len, &text, &err), LS_OK);
    for (k = 0; k < N; k++) {
        snprintf(want, sizeof want, "%s%sx\n", k ? "\n" : "", cases[k].want);
        if (!strstr(text.data, want))
            fail_msg("%s from %d: no line \"%s\" in:\n%s", cases[k].fmt, cases[k].start,
                     cases[k].want, text.data);
    }
    assert_non_null(strstr(text.data, "\nloop\n"));
    ls_buf_release(&text);
    free(data);
    free(doc);
}

/* Expects 'data' refused by both readers with 'message' in the error. */
static void refused(const char *data, size_t len, const char *message)
{
    ls_buf text;
    ls_grid g;
    ls_error err;

    assert_int_equal(ls_docx_text("bad.docx", data, len, &text, &err), LS_EINVAL);
    if (!strstr(err.message, message) || strncmp(err.message, "bad.docx: ", 10) != 0)
        fail_msg("\"%s\" does not say \"%s\"", err.message, message);
    assert_null(text.data);
    assert_int_equal(ls_docx_table("bad.docx", data, len, &g, &err), LS_EINVAL);
    assert_null(g.cells);
}

static void test_hostile(void **state)
{
    size_t len, n = (size_t)4 << 20, k;
    unsigned long long seed;
    char *big = malloc(n + 64), *data;
    const char *names[] = {"xl/workbook.xml", "_rels/.rels"};
    const char *parts[] = {
        "<workbook/>",
        "<Relationships><Relationship Type=\"http://schemas.openxmlformats.org/officeDocument/"
        "2006/relationships/officeDocument\" Target=\"xl/workbook.xml\"/></Relationships>"};

    (void)state;
    assert_non_null(big);
    /* 4 MB of blanks pack into a few KB: a bomb, stopped past 1 MB */
    memcpy(big, "<w:p><w:r><w:t>", 15);
    memset(big + 15, ' ', n);
    strcpy(big + 15 + n, "</w:t></w:r></w:p>");
    data = docx_of(big, &len);
    refused(data, len, "word/document.xml inflates to more than 100 times");
    free(data);
    /* a run of text past 1 MB, packing poorly enough to pass the ratio */
    for (k = 0, seed = 88172645463325252u; k < (size_t)2 << 20; k++) {
        seed ^= seed << 13; /* xorshift: letters that deflate hardly packs */
        seed ^= seed >> 7;
        seed ^= seed << 17;
        big[15 + k] = (char)('a' + seed % 26);
    }
    strcpy(big + 15 + ((size_t)2 << 20), "</w:t></w:r></w:p>");
    data = docx_of(big, &len);
    refused(data, len, "has a text or comment longer than 1 MB (the limit)");
    free(data);
    free(big);
    data = docx_of("<!DOCTYPE x [<!ENTITY a \"b\">]>", &len);
    refused(data, len, "declares a DOCTYPE (no DTD or entity is allowed in a document)");
    free(data);
    big = malloc(70 * 16 + 64);
    assert_non_null(big);
    for (k = 0, big[0] = '\0'; k < 70; k++)
        strcat(big, "<w:sdt>");
    data = docx_of(big, &len);
    refused(data, len, "nests elements deeper than 64 (the limit)");
    free(data);
    free(big);
    data = docx_of("<w:p><w:r><w:t>未闭合</w:r></w:p>", &len);
    refused(data, len, "the Word document is damaged");
    free(data);
    refused("plain text", 10, "not a Word document (DOCX): not a zip archive");
    refused("PK\3\4 and then nothing", 22, "not a Word document (DOCX): a damaged zip archive");
    data = zip_parts(names, parts, 2, &len);
    refused(data, len, "a zip archive but not a Word document (no word/document.xml)");
    free(data);
}

/* A table of 65 columns: text for the text reader, the grid's limit for
 * the table reader; a document with no table has none. */
static void test_table_limits(void **state)
{
    char body[8192];
    size_t at, k, len;
    char *data;
    ls_grid g;
    ls_buf text;
    ls_error err;

    (void)state;
    at = (size_t)snprintf(body, sizeof body, "<w:tbl><w:tr>");
    for (k = 0; k < 65; k++)
        at += (size_t)snprintf(body + at, sizeof body - at, "<w:tc><w:p><w:r><w:t>%zu</w:t></w:r>"
                               "</w:p></w:tc>", k);
    snprintf(body + at, sizeof body - at, "</w:tr></w:tbl>");
    data = docx_of(body, &len);
    assert_int_equal(ls_docx_text("wide.docx", data, len, &text, &err), LS_OK);
    assert_non_null(strstr(text.data, "63\t64\n"));
    ls_buf_release(&text);
    assert_int_equal(ls_docx_table("wide.docx", data, len, &g, &err), LS_EINVAL);
    assert_non_null(strstr(err.message, "a value past column 64 (BL), the limit"));
    free(data);
    data = docx_of("<w:p><w:r><w:t>正文</w:t></w:r></w:p>", &len);
    assert_int_equal(ls_docx_table("plain.docx", data, len, &g, &err), LS_EINVAL);
    assert_string_equal(err.message, "plain.docx: the Word document has no table");
    free(data);
}

/* Every allocation of a read failing in turn: LS_ENOMEM and nothing left
 * (ASan finds any leak), then the same result as without failures. */
static void test_alloc_failures(void **state)
{
    size_t len;
    char *data = read_fixture("docx-features.docx", &len);
    ls_status s = LS_ENOMEM, t = LS_ENOMEM;
    ls_buf text;
    ls_grid g;
    ls_error err;
    long n;

    (void)state;
    for (n = 0; n < 2000 && s != LS_OK; n++) {
        ls_alloc_fail_after(n);
        s = ls_docx_report_text("f.docx", data, len, &text, &err);
        ls_alloc_fail_after(-1);
        if (s != LS_OK) {
            assert_int_equal(s, LS_ENOMEM);
            assert_null(text.data);
        }
    }
    assert_int_equal(s, LS_OK);
    assert_true(n > 3);
    assert_non_null(strstr(text.data, "**做强能源产业。**"));
    ls_buf_release(&text);
    for (n = 0; n < 2000 && t != LS_OK; n++) {
        ls_alloc_fail_after(n);
        t = ls_docx_table("f.docx", data, len, &g, &err);
        ls_alloc_fail_after(-1);
        if (t != LS_OK) {
            assert_int_equal(t, LS_ENOMEM);
            assert_null(g.cells);
        }
    }
    assert_int_equal(t, LS_OK);
    assert_int_equal(g.nrows, 5);
    ls_grid_free(&g);
    free(data);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_features_table), cmocka_unit_test(test_features_text),
        cmocka_unit_test(test_number_formats), cmocka_unit_test(test_hostile),
        cmocka_unit_test(test_table_limits),   cmocka_unit_test(test_alloc_failures),
    };

    if (argc != 2) {
        fprintf(stderr, "usage: test_docx FIXTURE_DIR\n");
        return 2;
    }
    fixtures = argv[1];
    return cmocka_run_group_tests(tests, NULL, NULL);
}
