/*
 * fuzz_docx.c — libFuzzer target for the Word reader (src/format/docx_read.c,
 * docx_num.c, over sheet_zip.c): the reports and 分工方案 offices upload.
 *
 * The first byte says what the rest is: a DOCX archive as it is, or (most
 * useful, as random bytes rarely make a valid zip) the XML of a document's
 * parts separated by "\n--\n" — word/document.xml, word/numbering.xml,
 * word/styles.xml — zipped here (stored, libzip). Each input goes through
 * ls_docx_report_text and ls_docx_table. Besides crashes and sanitizer
 * reports it checks what docx_read.h promises: text within the limit,
 * valid as a C string, no empty line, each line ended by '\n'; a grid
 * within the limits of sheet.h; nothing left after a failure; a broken
 * promise aborts. Linked with replay_main.c for CTest.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <zip.h>

#include "docx_read.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the run with 'what' on stderr when 'ok' is false. */
static void expect(int ok, const char *what)
{
    if (ok)
        return;
    fprintf(stderr, "fuzz_docx: broken promise: %s\n", what);
    abort();
}

/* The promises of a text read without error. */
static void check_text(const ls_buf *t)
{
    size_t i;

    expect(t->data != NULL && t->data[t->len] == '\0', "a NUL-terminated text");
    expect(t->len <= LS_DOCX_MAX_TEXT + (1u << 20), "text within the limit");
    expect(t->len == 0 || t->data[t->len - 1] == '\n', "each line ended by a newline");
    expect(t->len == 0 || t->data[0] != '\n', "no empty first line");
    for (i = 1; i < t->len; i++)
        expect(!(t->data[i] == '\n' && t->data[i - 1] == '\n'), "no empty line");
}

/* The promises of a grid read without error. */
static void check_grid(const ls_grid *g)
{
    size_t i;

    expect(g->ncells > 0, "a table found has cells");
    expect(g->nrows <= LS_GRID_MAX_ROWS && g->ncols <= LS_GRID_MAX_COLS, "rows and columns");
    for (i = 0; i < g->ncells; i++) {
        size_t row = g->cells[i].at / LS_GRID_MAX_COLS, col = g->cells[i].at % LS_GRID_MAX_COLS;
        expect(i == 0 || g->cells[i - 1].at < g->cells[i].at, "cells sorted, one per place");
        expect(ls_grid_cell(g, row, col) == g->text + g->cells[i].text, "a cell found");
        expect(strlen(g->text + g->cells[i].text) > 0, "no empty cell");
    }
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

/* The parts in 'data' (separated by "\n--\n") zipped into a new buffer
 * ('*len' bytes, free()), or NULL. */
static char *zip_parts(const uint8_t *data, size_t size, size_t *len)
{
    static const char *const names[] = {"word/document.xml", "word/numbering.xml",
                                        "word/styles.xml"};
    zip_error_t ze;
    zip_source_t *src;
    zip_stat_t st;
    zip_t *z;
    char *out = NULL;
    size_t k, from = 0, i;

    zip_error_init(&ze);
    src = zip_source_buffer_create(NULL, 0, 0, &ze);
    zip_error_fini(&ze);
    if (!src)
        return NULL;
    zip_source_keep(src); /* past zip_close, which writes the archive into it */
    z = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
    if (!z)
        zip_source_free(src);
    for (k = 0; z && k < 3 && from <= size; k++) {
        for (i = from; i + 4 <= size && memcmp(data + i, "\n--\n", 4) != 0; i++)
            ;
        if (i + 4 > size)
            i = size;
        add(z, names[k], data + from, i - from);
        from = i + 4;
    }
    if (z && zip_close(z) != 0) {
        zip_discard(z);
        z = NULL;
    }
    if (z && zip_source_stat(src, &st) == 0 && zip_source_open(src) == 0) {
        out = malloc(st.size + 1);
        if (out && zip_source_read(src, out, st.size) != (zip_int64_t)st.size) {
            free(out);
            out = NULL;
        }
        *len = (size_t)st.size;
        zip_source_close(src);
    }
    zip_source_free(src);
    return out;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    ls_buf text;
    ls_grid g;
    ls_error err;
    char *zipped = NULL;
    const char *bytes = (const char *)data + 1;
    size_t len = size ? size - 1 : 0;

    if (size == 0)
        return 0;
    if (data[0] % 2 == 1) {
        zipped = zip_parts(data + 1, size - 1, &len);
        if (!zipped)
            return 0;
        bytes = zipped;
    }
    if (ls_docx_report_text("f.docx", bytes, len, &text, &err) == LS_OK)
        check_text(&text);
    else
        expect(text.data == NULL, "no text after a failure");
    ls_buf_release(&text);
    if (ls_docx_table("f.docx", bytes, len, &g, &err) == LS_OK)
        check_grid(&g);
    else
        expect(g.cells == NULL && g.text == NULL, "no grid after a failure");
    ls_grid_free(&g);
    free(zipped);
    return 0;
}
