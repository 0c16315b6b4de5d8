/*
 * buf.h — a growable byte buffer for building output strings.
 *
 * Grows geometrically; always NUL-terminated after a successful append.
 * On allocation failure the buffer remembers it ('failed') and later appends
 * do nothing, so writers check once at the end.
 */
#ifndef LS_BUF_H
#define LS_BUF_H

#include <stddef.h>
#include <string.h>

#include "error.h"

typedef struct {
    char *data;
    size_t len;
    size_t cap;
    int failed;
} ls_buf;

void ls_buf_init(ls_buf *b);
void ls_buf_release(ls_buf *b);
/* ls_buf_append when the buffer must grow first (buf.c). */
void ls_buf_append_grow(ls_buf *b, const char *s, size_t n);

/* Appends the 'n' bytes at 's'. Inline: writers call it for every comma
 * and quote, and most calls fit in the room the buffer has. */
static inline void ls_buf_append(ls_buf *b, const char *s, size_t n)
{
    if (b->data && !b->failed && n < b->cap - b->len) {
        if (n)
            memcpy(b->data + b->len, s, n);
        b->len += n;
        b->data[b->len] = '\0';
        return;
    }
    ls_buf_append_grow(b, s, n);
}

void ls_buf_puts(ls_buf *b, const char *s);
void ls_buf_printf(ls_buf *b, const char *fmt, ...) LS_PRINTF(2, 3);
/* ls_buf_reserve when the buffer must grow (buf.c). */
int ls_buf_reserve_grow(ls_buf *b, size_t extra);

/* Makes room for 'extra' more bytes and the NUL; returns 0 on failure.
 * Inline where the room is there already. */
static inline int ls_buf_reserve(ls_buf *b, size_t extra)
{
    if (!b->failed && extra < b->cap - b->len)
        return 1;
    return ls_buf_reserve_grow(b, extra);
}
/* Hands the data to the caller (free with ls_free) and resets 'b'. */
char *ls_buf_detach(ls_buf *b, size_t *len);
/* A writer's sink (ls_write_fn) that appends to the ls_buf 'ctx'; 0 once
 * it has failed. */
int ls_buf_sink(void *ctx, const char *bytes, size_t n);

#endif
