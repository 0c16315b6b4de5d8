/*
 * record.c — typed records written by their descriptors (record.h): as
 * JSON through the streaming writer, or as the text of a cell. Nothing
 * here knows a record: what a unit or an item holds is in its descriptor;
 * what a front end prints of it is its choice of fields.
 */
#include "record.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"

/* The value of the member at 'off' of 'rec', as type T. */
#define AT(T, rec, off) (*(T const *)(const void *)((const char *)(rec) + (off)))

static int is_set(const void *rec, size_t off)
{
    return AT(int, rec, off) != 0;
}

static void field_json(ls_jw *w, const ls_rec_field *f, const void *rec)
{
    const char *text;
    size_t i, n;

    switch (f->type) {
    case LS_REC_INT: ls_jw_int(w, AT(long long, rec, f->off)); break;
    case LS_REC_INT_OR_NULL:
        if (is_set(rec, f->aux))
            ls_jw_int(w, AT(long long, rec, f->off));
        else
            ls_jw_null(w);
        break;
    case LS_REC_REAL: ls_jw_real(w, AT(double, rec, f->off)); break;
    case LS_REC_REAL_OR_NULL:
        if (is_set(rec, f->aux))
            ls_jw_real(w, AT(double, rec, f->off));
        else
            ls_jw_null(w);
        break;
    case LS_REC_NUM: ls_jw_num(w, AT(double, rec, f->off)); break;
    case LS_REC_TEXT: ls_jw_str(w, AT(const char *, rec, f->off)); break;
    case LS_REC_BOOL: ls_jw_bool(w, AT(int, rec, f->off)); break;
    case LS_REC_ENUM:
        text = f->name(AT(int, rec, f->off));
        ls_jw_str(w, text);
        break;
    case LS_REC_TEXTS:
        n = AT(size_t, rec, f->aux);
        ls_jw_array(w);
        for (i = 0; i < n; i++)
            ls_jw_str(w, AT(const char *const *, rec, f->off)[i]);
        ls_jw_end(w);
        break;
    case LS_REC_OBJECT:
        if (AT(const void *, rec, f->off))
            ls_rec_json(w, f->sub, AT(const void *, rec, f->off));
        else
            ls_jw_null(w);
        break;
    case LS_REC_EMBED: ls_rec_json(w, f->sub, (const char *)rec + f->off); break;
    case LS_REC_ARRAY:
        ls_rec_json_array(w, f->sub, AT(const void *, rec, f->off), AT(size_t, rec, f->aux));
        break;
    }
}

void ls_rec_json(ls_jw *w, const ls_rec_desc *d, const void *rec)
{
    const ls_rec_field *f;

    ls_jw_object(w);
    for (f = d->fields; f->key; f++) {
        if (f->present && !is_set(rec, f->present - 1))
            continue;
        ls_jw_key(w, f->key);
        field_json(w, f, rec);
    }
    ls_jw_end(w);
}

void ls_rec_json_array(ls_jw *w, const ls_rec_desc *d, const void *at, size_t n)
{
    size_t i;

    ls_jw_array(w);
    for (i = 0; i < n; i++)
        ls_rec_json(w, d, (const char *)at + i * d->size);
    ls_jw_end(w);
}

const ls_rec_field *ls_rec_find(const ls_rec_desc *d, const char *key)
{
    const ls_rec_field *f;

    for (f = d->fields; f->key; f++)
        if (strcmp(f->key, key) == 0)
            return f;
    return NULL;
}

/* A real as a cell shows it: %.12g. */
static void put_real(ls_buf *b, double v)
{
    ls_buf_printf(b, "%.12g", v);
}

/* A nested value as compact JSON, as the cell of a table shows it. */
static void put_json(ls_buf *b, const ls_rec_field *f, const void *rec)
{
    ls_jw w;
    char *s;
    size_t n;

    ls_jw_init(&w, NULL, NULL, 0);
    field_json(&w, f, rec);
    if (!ls_jw_finish(&w)) {
        b->failed = 1;
        ls_jw_release(&w);
        return;
    }
    s = ls_buf_detach(&w.out, &n);
    ls_buf_append(b, s ? s : "", s ? n : 0);
    ls_free(s);
}

int ls_rec_cell(ls_buf *b, const ls_rec_field *f, const void *rec)
{
    const char *text;
    size_t i, n;
    double v;

    switch (f->type) {
    case LS_REC_INT: ls_buf_printf(b, "%lld", AT(long long, rec, f->off)); return 1;
    case LS_REC_INT_OR_NULL:
        if (!is_set(rec, f->aux))
            return 0;
        ls_buf_printf(b, "%lld", AT(long long, rec, f->off));
        return 1;
    case LS_REC_REAL: put_real(b, AT(double, rec, f->off)); return 1;
    case LS_REC_REAL_OR_NULL:
        if (!is_set(rec, f->aux))
            return 0;
        put_real(b, AT(double, rec, f->off));
        return 1;
    case LS_REC_NUM:
        v = AT(double, rec, f->off);
        if (v == floor(v) && fabs(v) < 9007199254740992.0)
            ls_buf_printf(b, "%lld", (long long)v);
        else
            put_real(b, v);
        return 1;
    case LS_REC_TEXT: ls_buf_puts(b, AT(const char *, rec, f->off) ? AT(const char *, rec, f->off) : ""); return 0;
    case LS_REC_BOOL: ls_buf_puts(b, AT(int, rec, f->off) ? "true" : "false"); return 0;
    case LS_REC_ENUM:
        text = f->name(AT(int, rec, f->off));
        ls_buf_puts(b, text ? text : "");
        return 0;
    case LS_REC_TEXTS:
        n = AT(size_t, rec, f->aux);
        for (i = 0; i < n; i++) {
            if (i)
                ls_buf_puts(b, "、");
            ls_buf_puts(b, AT(const char *const *, rec, f->off)[i]);
        }
        return 0;
    case LS_REC_OBJECT:
        if (AT(const void *, rec, f->off))
            put_json(b, f, rec);
        return 0;
    case LS_REC_EMBED: put_json(b, f, rec); return 0;
    case LS_REC_ARRAY:
        if (AT(size_t, rec, f->aux))
            put_json(b, f, rec);
        return 0;
    }
    return 0;
}
