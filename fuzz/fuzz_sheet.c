/*
 * fuzz_sheet.c — libFuzzer target for the table reader (store/sheet_read.c,
 * sheet_xlsx.c, sheet_zip.c): the files offices upload.
 *
 * The first byte says what the rest is: a CSV file, an XLSX archive as it
 * is, or (most useful, as random bytes rarely make a valid zip) the XML
 * of a workbook's parts separated by "\n--\n" — the worksheet, the shared
 * strings, the styles, the workbook — zipped here (stored, libzip) with
 * the relationships that make the worksheet the first sheet. Besides
 * crashes and sanitizer reports it checks what sheet.h promises: a grid
 * within the limits, cells sorted and found again by ls_grid_cell, each
 * text non-empty with no blank around it, and an empty grid after a
 * failure; a broken promise aborts. Linked with replay_main.c for CTest.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "sheet.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the run with 'what' on stderr when 'ok' is false. */
static void expect(int ok, const char *what)
{
    if (ok)
        return;
    fprintf(stderr, "fuzz_sheet: broken promise: %s\n", what);
    abort();
}

/* True when NUL-terminated 's' begins with a blank (U+3000 too). */
static int is_blank_at(const char *s)
{
    return *s == ' ' || *s == '\t' || *s == '\r' || *s == '\n' ||
           ((unsigned char)s[0] == 0xE3 && (unsigned char)s[1] == 0x80 &&
            (unsigned char)s[2] == 0x80);
}

/* The promises of a grid read without error. */
static void check_grid(const ls_grid *g)
{
    size_t i, n;

    expect(g->nrows <= LS_GRID_MAX_ROWS && g->ncols <= LS_GRID_MAX_COLS, "rows and columns");
    expect(g->ncells <= LS_GRID_MAX_CELLS && g->text_len <= LS_GRID_MAX_TEXT, "cells and text");
    for (i = 0; i < g->ncells; i++) {
        const char *s = g->text + g->cells[i].text;
        size_t row = g->cells[i].at / LS_GRID_MAX_COLS, col = g->cells[i].at % LS_GRID_MAX_COLS;
        expect(i == 0 || g->cells[i - 1].at < g->cells[i].at, "cells sorted, one per place");
        expect(row < g->nrows && col < g->ncols, "cells within the grid");
        expect(ls_grid_cell(g, row, col) == s, "a cell found by its place");
        n = strlen(s);
        expect(n > 0 && !is_blank_at(s), "no empty cell, no blank before");
        expect(!is_blank_at(s + n - 1), "no blank after");
        expect(n < 3 || memcmp(s + n - 3, "\xE3\x80\x80", 3) != 0, "no U+3000 after");
    }
    expect(ls_grid_cell(g, g->nrows, 0) == NULL && ls_grid_cell(g, 0, g->ncols) == NULL,
           "nothing outside the grid");
}

/* Adds member 'name' holding 'n' bytes at 'p' to 'z', stored. */
static void add(zip_t *z, const char *name, const void *p, size_t n)
{
    zip_source_t *s = zip_source_buffer(z, p, n, 0);
    zip_int64_t at = s ? zip_file_add(z, name, s, ZIP_FL_OVERWRITE) : -1;

    if (at < 0)
        zip_source_free(s);
    else
        zip_set_file_compression(z, (zip_uint64_t)at, ZIP_CM_STORE, 0);
}

/* The bytes of the archive written into 'src', in a new buffer ('*len'
 * bytes, free()), or NULL. */
static char *source_bytes(zip_source_t *src, size_t *len)
{
    zip_stat_t st;
    char *out = NULL;

    if (zip_source_stat(src, &st) != 0 || zip_source_open(src) != 0)
        return NULL;
    out = malloc(st.size + 1);
    if (out && zip_source_read(src, out, st.size) != (zip_int64_t)st.size) {
        free(out);
        out = NULL;
    }
    *len = (size_t)st.size;
    zip_source_close(src);
    return out;
}

/* The parts in 'data' (separated by "\n--\n") zipped into a new buffer
 * ('*len' bytes, free()), or NULL. */
static char *zip_parts(const uint8_t *data, size_t size, size_t *len)
{
    static const char *const names[] = {"xl/worksheets/sheet1.xml", "xl/sharedStrings.xml",
                                        "xl/styles.xml", "xl/workbook.xml"};
    static const char rels[] =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Target=\"worksheets/sheet1.xml\"/></Relationships>";
    zip_error_t ze;
    zip_source_t *src;
    zip_t *z;
    char *out = NULL;
    size_t k, from = 0, i;

    zip_error_init(&ze);
    src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_error_fini(&ze);
    if (!src)
        return NULL;
    /* keep the source past zip_close, which writes the archive into it */
    zip_source_keep(src);
    z = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
    if (!z)
        zip_source_free(src);
    for (k = 0; z && k < 4 && from <= size; k++) {
        for (i = from; i + 4 <= size && memcmp(data + i, "\n--\n", 4) != 0; i++)
            ;
        if (i + 4 > size)
            i = size;
        add(z, names[k], data + from, i - from);
        from = i + 4;
    }
    if (z)
        add(z, "xl/_rels/workbook.xml.rels", rels, sizeof rels - 1);
    if (z && zip_close(z) != 0) {
        zip_discard(z);
        z = NULL;
    }
    if (z)
        out = source_bytes(src, len);
    zip_source_free(src);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ls_grid g;
    ls_error err;
    char *zipped = NULL;
    size_t len = 0;
    ls_status st;

    if (size == 0)
        return 0;
    switch (data[0] % 3) {
    case 0: st = ls_grid_read((const char *)data + 1, size - 1, "f.csv", &g, &err); break;
    case 1: st = ls_grid_read((const char *)data + 1, size - 1, "f.xlsx", &g, &err); break;
    default:
        zipped = zip_parts(data + 1, size - 1, &len);
        if (!zipped)
            return 0;
        st = ls_grid_read(zipped, len, "f.xlsx", &g, &err);
    }
    if (st == LS_OK)
        check_grid(&g);
    else
        expect(g.cells == NULL && g.text == NULL && g.ncells == 0, "nothing after a failure");
    ls_grid_free(&g);
    free(zipped);
    return 0;
}
