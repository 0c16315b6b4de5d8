/*
 * print.c — prints lists of records as json (indented), jsonl (a record a
 * line), csv (RFC 4180, UTF-8, no formulas: csv.c) or an aligned table,
 * with the columns the command names; nested values (lists of targets,
 * the latest progress) become one line of text in csv and table.
 *
 * Every list is of typed records with their descriptor (records.h:
 * cli_print_list), read through one source of cells, so a table is laid
 * out once.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cli.h"
#include "csv.h"
#include "jsonw.h"
#include "record.h"

/* Where the cells come from: 'n' rows; the cell of row 'i' for column key
 * 'key' appended to 'b', returning 1 when it is a number. */
typedef struct {
    size_t n;
    int (*cell)(const void *ctx, size_t i, const char *key, ls_buf *b);
    const void *ctx;
} cells;

/* A list of typed records and its descriptor. */
typedef struct {
    const ls_rec_desc *d;
    const void *at;
} record_list;

static int record_cell(const void *ctx, size_t i, const char *key, ls_buf *b)
{
    const record_list *l = ctx;
    const ls_rec_field *f = ls_rec_find(l->d, key);

    return f ? ls_rec_cell(b, f, (const char *)l->at + i * l->d->size) : 0;
}

/* The cell of row 'i', column 'key' as text in 'b' (reset first). */
static int cell_text(const cells *src, size_t i, const char *key, ls_buf *b)
{
    b->len = 0;
    if (b->data)
        b->data[0] = '\0';
    return src->cell(src->ctx, i, key, b);
}

/* Writes one CSV field: a number as it is, text through ls_csv_field
 * (quoted, no formulas). */
static void csv_put(FILE *out, const char *s, int number)
{
    ls_buf b;

    if (number) {
        fputs(s, out);
        return;
    }
    ls_buf_init(&b);
    ls_csv_field(&b, s, strlen(s));
    if (b.data)
        fwrite(b.data, 1, b.len, out);
    ls_buf_release(&b);
}

static void print_csv(const cells *src, const cli_column *cols, FILE *out)
{
    size_t i, c;
    ls_buf b;

    ls_buf_init(&b);
    for (c = 0; cols[c].key; c++) {
        if (c)
            fputc(',', out);
        csv_put(out, cols[c].key, 0);
    }
    fputs("\r\n", out);
    for (i = 0; i < src->n; i++) {
        for (c = 0; cols[c].key; c++) {
            int number = cell_text(src, i, cols[c].key, &b);
            if (c)
                fputc(',', out);
            csv_put(out, b.data ? b.data : "", number);
        }
        fputs("\r\n", out);
    }
    ls_buf_release(&b);
}

/* Display width of UTF-8 's': CJK and full-width characters count 2. */
static size_t width(const char *s)
{
    size_t w = 0;
    const unsigned char *p = (const unsigned char *)s;

    for (; *p; p++) {
        if ((*p & 0xC0) == 0x80)
            continue;
        w += *p >= 0xE1 ? 2 : 1;
    }
    return w;
}

/* 's' cut to at most 'max' display columns (with … when cut), in 'buf'. */
static const char *clip(const char *s, size_t max, char *buf, size_t size)
{
    size_t w = 0, i = 0;
    const unsigned char *p = (const unsigned char *)s;

    if (width(s) <= max)
        return s;
    while (p[i] && i + 8 < size) {
        size_t n = p[i] < 0x80 ? 1 : p[i] < 0xE0 ? 2 : p[i] < 0xF0 ? 3 : 4;
        size_t cw = p[i] >= 0xE1 ? 2 : 1;
        if (w + cw > max - 1)
            break;
        memcpy(buf + i, s + i, n);
        i += n;
        w += cw;
    }
    memcpy(buf + i, "…", 4);
    return buf;
}

static void print_table(const cells *src, const cli_column *cols, FILE *out)
{
    size_t i, c, ncols = 0;
    size_t widths[32];
    char buf[512];
    ls_buf b;

    ls_buf_init(&b);
    for (c = 0; cols[c].key && c < 32; c++) {
        widths[c] = width(cols[c].title);
        for (i = 0; i < src->n; i++) {
            size_t w;
            cell_text(src, i, cols[c].key, &b);
            w = b.data ? width(b.data) : 0;
            if (w > cols[c].max)
                w = cols[c].max;
            if (w > widths[c])
                widths[c] = w;
        }
        ncols = c + 1;
    }
    for (c = 0; c < ncols; c++)
        fprintf(out, "%s%*s", cols[c].title,
                c + 1 < ncols ? (int)(widths[c] - width(cols[c].title) + 2) : 0, "");
    fputc('\n', out);
    for (i = 0; i < src->n; i++) {
        for (c = 0; c < ncols; c++) {
            const char *s;
            cell_text(src, i, cols[c].key, &b);
            s = clip(b.data ? b.data : "", cols[c].max, buf, sizeof buf);
            fprintf(out, "%s%*s", s, c + 1 < ncols ? (int)(widths[c] - width(s) + 2) : 0, "");
        }
        fputc('\n', out);
    }
    ls_buf_release(&b);
}

static int file_sink(void *ctx, const char *bytes, size_t n)
{
    return fwrite(bytes, 1, n, ctx) == n;
}

void cli_print_object(const ls_rec_desc *d, const void *rec, FILE *out)
{
    ls_jw w;

    ls_jw_init(&w, file_sink, out, 0);
    ls_jw_set_indent(&w, 2);
    ls_rec_json(&w, d, rec);
    ls_jw_finish(&w);
    ls_jw_release(&w);
    fputc('\n', out);
}

void cli_print_list(const ls_rec_desc *d, const void *at, size_t n, ls_format fmt,
                    const cli_column *cols, FILE *out)
{
    record_list l = {d, at};
    cells src = {n, record_cell, &l};
    size_t i;
    ls_jw w;

    switch (fmt) {
    case LS_FMT_JSON:
        ls_jw_init(&w, file_sink, out, 0);
        ls_jw_set_indent(&w, 2);
        ls_rec_json_array(&w, d, at, n);
        ls_jw_finish(&w);
        ls_jw_release(&w);
        fputc('\n', out);
        break;
    case LS_FMT_CSV: print_csv(&src, cols, out); break;
    case LS_FMT_TABLE:
    case LS_FMT_TREE: print_table(&src, cols, out); break;
    default:
        for (i = 0; i < n; i++) {
            ls_jw_init(&w, file_sink, out, 0);
            ls_rec_json(&w, d, (const char *)at + i * d->size);
            ls_jw_finish(&w);
            ls_jw_release(&w);
            fputc('\n', out);
        }
    }
}
