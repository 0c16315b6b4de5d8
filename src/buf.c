/*
 * buf.c — growable NUL-terminated byte buffer.
 *
 * The only writer of output text: report.c builds JSON, CSV and tables in
 * one of these. Invariant: data[len] == '\0' whenever data != NULL.
 */
#include "buf.h"

#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "alloc.h"

void ls_buf_init(ls_buf *b)
{
    b->data = NULL;
    b->len = b->cap = 0;
    b->failed = 0;
}

void ls_buf_release(ls_buf *b)
{
    ls_free(b->data);
    ls_buf_init(b);
}

int ls_buf_reserve_grow(ls_buf *b, size_t extra)
{
    size_t need, cap;
    char *p;

    if (b->failed)
        return 0;
    if (extra > SIZE_MAX - b->len - 1) {
        b->failed = 1;
        return 0;
    }
    need = b->len + extra + 1;
    if (need <= b->cap)
        return 1;
    cap = b->cap ? b->cap : 256;
    while (cap < need)
        cap = cap > SIZE_MAX / 2 ? need : cap * 2;
    p = ls_realloc(b->data, cap);
    if (!p) {
        b->failed = 1;
        return 0;
    }
    b->data = p;
    b->cap = cap;
    return 1;
}

void ls_buf_append_grow(ls_buf *b, const char *s, size_t n)
{
    if (!ls_buf_reserve(b, n))
        return;
    if (n)
        memcpy(b->data + b->len, s, n);
    b->len += n;
    b->data[b->len] = '\0';
}

void ls_buf_puts(ls_buf *b, const char *s) { ls_buf_append(b, s, strlen(s)); }

void ls_buf_printf(ls_buf *b, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(NULL, 0, fmt, ap);
    va_end(ap);
    if (n < 0 || !ls_buf_reserve(b, (size_t)n))
        return;
    va_start(ap, fmt);
    vsnprintf(b->data + b->len, (size_t)n + 1, fmt, ap);
    va_end(ap);
    b->len += (size_t)n;
}

char *ls_buf_detach(ls_buf *b, size_t *len)
{
    char *d;

    if (!b->data && !b->failed)
        ls_buf_append(b, "", 0);
    d = b->data;
    if (len)
        *len = b->len;
    ls_buf_init(b);
    return d;
}

int ls_buf_sink(void *ctx, const char *bytes, size_t n)
{
    ls_buf *b = ctx;

    ls_buf_append(b, bytes, n);
    return !b->failed;
}
