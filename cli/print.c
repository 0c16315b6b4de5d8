/*
 * print.c — prints the records the store returns (a JSON array of
 * objects) as json, jsonl, csv (RFC 4180, UTF-8, no formulas: csv.c) or an aligned table,
 * with the columns the command names; nested values (lists of targets,
 * the latest progress) become one line of text in csv and table.
 */
#define _POSIX_C_SOURCE 200809L
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cli.h"
#include "csv.h"

/* The text of field 'key' of 'obj' for a cell: "" for null, numbers as
 * %g, lists joined by "、", objects as compact JSON. Free with free(). */
char *cli_cell_text(json_t *obj, const char *key)
{
    json_t *v = json_object_get(obj, key);
    char buf[64];

    if (!v || json_is_null(v))
        return strdup("");
    if (json_is_string(v))
        return strdup(json_string_value(v));
    if (json_is_integer(v)) {
        snprintf(buf, sizeof buf, "%lld", (long long)json_integer_value(v));
        return strdup(buf);
    }
    if (json_is_real(v)) {
        snprintf(buf, sizeof buf, "%.12g", json_real_value(v));
        return strdup(buf);
    }
    if (json_is_array(v) && json_array_size(v) > 0 && json_is_string(json_array_get(v, 0))) {
        size_t i, len = 1;
        char *s;
        for (i = 0; i < json_array_size(v); i++)
            len += strlen(json_string_value(json_array_get(v, i))) + 3;
        s = malloc(len);
        if (!s)
            return NULL;
        s[0] = '\0';
        for (i = 0; i < json_array_size(v); i++) {
            if (i)
                strcat(s, "、");
            strcat(s, json_string_value(json_array_get(v, i)));
        }
        return s;
    }
    if (json_is_array(v) && json_array_size(v) == 0)
        return strdup("");
    return json_dumps(v, JSON_COMPACT);
}

/* Writes field 'key' of 'row' (or, with no 'row', the text 'key') as
 * one CSV field: a number as it is, text through ls_csv_field (quoted,
 * no formulas). */
static void csv_field(FILE *out, json_t *row, const char *key)
{
    char *t = row ? cli_cell_text(row, key) : NULL;
    const char *s = row ? (t ? t : "") : key;
    ls_buf b;

    if (row && json_is_number(json_object_get(row, key))) {
        fputs(s, out);
    } else {
        ls_buf_init(&b);
        ls_csv_field(&b, s, strlen(s));
        if (b.data)
            fwrite(b.data, 1, b.len, out);
        ls_buf_release(&b);
    }
    free(t);
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

static void print_table(json_t *rows, const cli_column *cols, FILE *out)
{
    size_t i, c, ncols = 0;
    size_t widths[32];
    json_t *row;
    char buf[512];

    for (c = 0; cols[c].key && c < 32; c++) {
        widths[c] = width(cols[c].title);
        json_array_foreach(rows, i, row)
        {
            char *t = cli_cell_text(row, cols[c].key);
            size_t w = t ? width(t) : 0;
            if (w > cols[c].max)
                w = cols[c].max;
            if (w > widths[c])
                widths[c] = w;
            free(t);
        }
        ncols = c + 1;
    }
    for (c = 0; c < ncols; c++)
        fprintf(out, "%s%*s", cols[c].title, c + 1 < ncols ? (int)(widths[c] - width(cols[c].title) + 2) : 0, "");
    fputc('\n', out);
    json_array_foreach(rows, i, row)
    {
        for (c = 0; c < ncols; c++) {
            char *t = cli_cell_text(row, cols[c].key);
            const char *s = clip(t ? t : "", cols[c].max, buf, sizeof buf);
            fprintf(out, "%s%*s", s, c + 1 < ncols ? (int)(widths[c] - width(s) + 2) : 0, "");
            free(t);
        }
        fputc('\n', out);
    }
}

void cli_print_records(json_t *rows, ls_format fmt, const cli_column *cols, FILE *out)
{
    size_t i, c;
    json_t *row;

    switch (fmt) {
    case LS_FMT_JSON:
        json_dumpf(rows, out, JSON_INDENT(2));
        fputc('\n', out);
        break;
    case LS_FMT_CSV:
        for (c = 0; cols[c].key; c++) {
            if (c)
                fputc(',', out);
            csv_field(out, NULL, cols[c].key);
        }
        fputs("\r\n", out);
        json_array_foreach(rows, i, row)
        {
            for (c = 0; cols[c].key; c++) {
                if (c)
                    fputc(',', out);
                csv_field(out, row, cols[c].key);
            }
            fputs("\r\n", out);
        }
        break;
    case LS_FMT_TABLE:
    case LS_FMT_TREE: print_table(rows, cols, out); break;
    default:
        json_array_foreach(rows, i, row)
        {
            json_dumpf(row, out, JSON_COMPACT);
            fputc('\n', out);
        }
    }
}
