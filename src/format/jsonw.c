/*
 * jsonw.c — a streaming JSON writer (jsonw.h). Commas and nesting are kept
 * on a small stack; text goes into a buffer that is handed to the sink
 * past LS_JW_FLUSH bytes. It checks nothing of meaning (a key outside an
 * object is the caller's mistake) and never builds a tree; the text it
 * writes is jansson's compact form, so that callers could move to it from
 * json_dumps without changing a byte of output.
 */
#include "jsonw.h"
#include "prefilter.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

void ls_jw_init(ls_jw *w, ls_jw_sink sink, void *ctx, int precision)
{
    memset(w, 0, sizeof *w);
    ls_buf_init(&w->out);
    w->sink = sink;
    w->ctx = ctx;
    w->precision = precision > 0 && precision <= 17 ? precision : 17;
    w->first[0] = 1;
}

const char ls_jw_spaces[LS_JW_SPACES_MAX] = "                                ";

void ls_jw_set_indent(ls_jw *w, int spaces)
{
    w->indent = spaces > 0 && spaces <= 32 ? spaces : 0;
}

/* In indent mode: a line break and the indentation of 'depth', in one
 * step (a document writes one before every key). */
static void newline(ls_jw *w, size_t depth)
{
    size_t n = depth * (size_t)w->indent;
    char *p;

    if (!ls_buf_reserve(&w->out, n + 1))
        return;
    p = w->out.data + w->out.len;
    *p = '\n';
    memset(p + 1, ' ', n);
    w->out.len += n + 1;
    w->out.data[w->out.len] = '\0';
}

/* Hands the buffer to the sink once it holds LS_JW_FLUSH bytes or more
 * ('force': whatever it holds). */
static void flush(ls_jw *w, int force)
{
    if (w->out.failed)
        w->failed = 1;
    if (w->failed || !w->sink || w->out.len == 0 || (!force && w->out.len < LS_JW_FLUSH))
        return;
    if (!w->sink(w->ctx, w->out.data, w->out.len))
        w->failed = 1;
    w->out.len = 0;
    w->out.data[0] = '\0';
}

/* Writes the comma that separates a value from the one before it, and in
 * indent mode the line break before it. */
static void separate(ls_jw *w)
{
    if (w->after_key) {
        w->after_key = 0;
        return;
    }
    if (!w->first[w->depth])
        ls_buf_append(&w->out, ",", 1);
    if (w->indent && w->depth > 0)
        newline(w, w->depth);
    w->first[w->depth] = 0;
}

/* The fast path of a key or a short value: makes room for its separator
 * (as separate writes it) and 'extra' bytes in one step, writes the
 * separator, and returns where the rest goes; NULL when a key came just
 * before (nothing to separate: the slow path is as fast) or memory ran out.
 * close_value sets the length from the end of what was written. */
static char *open_value(ls_jw *w, size_t extra)
{
    size_t indent = w->indent && w->depth > 0 ? w->depth * (size_t)w->indent : 0;
    char *p;

    /* the indentation is copied LS_JW_SPACES_MAX bytes at a time (a fixed
     * size the compiler writes inline), so room is made for that many */
    if (w->after_key ||
        !ls_buf_reserve(&w->out, extra + (indent > LS_JW_SPACES_MAX ? indent : LS_JW_SPACES_MAX) + 2))
        return NULL;
    p = w->out.data + w->out.len;
    if (!w->first[w->depth])
        *p++ = ',';
    if (indent) {
        *p++ = '\n';
        if (indent <= LS_JW_SPACES_MAX)
            memcpy(p, ls_jw_spaces, LS_JW_SPACES_MAX);
        else
            memset(p, ' ', indent);
        p += indent;
    }
    w->first[w->depth] = 0;
    return p;
}

static void close_value(ls_jw *w, char *end)
{
    *end = '\0';
    w->out.len = (size_t)(end - w->out.data);
}

void ls_jw_init_value(ls_jw *w, const ls_jw *outer)
{
    ls_jw_init_inside(w, outer);
    w->after_key = 1; /* as after a key: no comma, no line break */
}

/* Opens a container with 'open'; ls_jw_end will close it with 'close'. */
static void open_container(ls_jw *w, char open, char close)
{
    separate(w);
    if (w->depth + 1 >= LS_JW_DEPTH) {
        w->failed = 1;
        return;
    }
    ls_buf_append(&w->out, &open, 1);
    w->depth++;
    w->first[w->depth] = 1;
    w->close[w->depth] = close;
}

void ls_jw_init_inside(ls_jw *w, const ls_jw *outer)
{
    size_t d;

    ls_jw_init(w, NULL, NULL, outer->precision);
    w->indent = outer->indent;
    w->depth = outer->depth;
    for (d = 1; d <= w->depth && d < LS_JW_DEPTH; d++) {
        w->first[d] = 0;
        w->close[d] = outer->close[d];
    }
}

/* Appends 'n' bytes of finished JSON text, then flushes as a value would;
 * LS_JW_FLUSH bytes or more go to the sink as they are, after what the
 * buffer holds, not through it. */
static void pass_on(ls_jw *w, const char *text, size_t n)
{
    if (!w->sink || n < LS_JW_FLUSH) {
        ls_buf_append(&w->out, text, n);
        flush(w, 0);
        return;
    }
    flush(w, 1);
    if (!w->failed && !w->sink(w->ctx, text, n))
        w->failed = 1;
}

void ls_jw_splice(ls_jw *w, const char *values, size_t n)
{
    if (n == 0)
        return;
    if (w->first[w->depth] && values[0] == ',') {
        values++;
        n--;
    }
    w->first[w->depth] = 0;
    pass_on(w, values, n);
}

static void put_chars(ls_buf *b, const char *s, size_t n);

void ls_jw_string_open(ls_jw *w)
{
    separate(w);
    ls_buf_append(&w->out, "\"", 1);
}

void ls_jw_escape(ls_buf *b, const char *s, size_t n)
{
    put_chars(b, s, n);
}

void ls_jw_string_escaped(ls_jw *w, const char *escaped, size_t n)
{
    pass_on(w, escaped, n);
}

void ls_jw_string_close(ls_jw *w)
{
    ls_buf_append(&w->out, "\"", 1);
    flush(w, 0);
}

void ls_jw_object(ls_jw *w)
{
    open_container(w, '{', '}');
}

void ls_jw_array(ls_jw *w)
{
    open_container(w, '[', ']');
}

void ls_jw_end(ls_jw *w)
{
    if (w->depth == 0) {
        w->failed = 1;
        return;
    }
    /* a container with values closes on a line of its own */
    if (w->indent && !w->first[w->depth])
        newline(w, w->depth - 1);
    ls_buf_append(&w->out, &w->close[w->depth], 1);
    w->depth--;
    flush(w, 0);
}

/* The 'n' bytes at 's' inside a JSON string: " \ and the control
 * characters below U+0020 escaped (\b \f \n \r \t, others \u00XX in
 * capitals), every other byte as it is. Runs of plain bytes, found
 * sixteen at a time (prefilter.c), are copied whole. */
static void put_chars(ls_buf *b, const char *s, size_t n)
{
    static const char hex[] = "0123456789ABCDEF";
    size_t i = 0, from;
    char esc[7];

    while (i < n) {
        const char *rep;
        size_t len = 2;
        unsigned char c;
        from = i;
        i = ls_prefilter_json_special(s, i, n);
        ls_buf_append(b, s + from, i - from);
        if (i >= n)
            break;
        c = (unsigned char)s[i++];
        switch (c) {
        case '"': rep = "\\\""; break;
        case '\\': rep = "\\\\"; break;
        case '\b': rep = "\\b"; break;
        case '\f': rep = "\\f"; break;
        case '\n': rep = "\\n"; break;
        case '\r': rep = "\\r"; break;
        case '\t': rep = "\\t"; break;
        default:
            memcpy(esc, "\\u00", 4);
            esc[4] = hex[c >> 4];
            esc[5] = hex[c & 15];
            esc[6] = '\0';
            rep = esc;
            len = 6;
        }
        ls_buf_append(b, rep, len);
    }
}

/* True when the 'n' bytes of 'key' need no escape (a key is short: a
 * plain loop is faster than the block scan here). */
static int plain_key(const char *key, size_t n)
{
    size_t i;

    for (i = 0; i < n; i++)
        if ((unsigned char)key[i] < 0x20 || key[i] == '"' || key[i] == '\\')
            return 0;
    return 1;
}

void ls_jw_key(ls_jw *w, const char *key)
{
    size_t n = strlen(key);
    char *p;

    /* a key is a short name of plain bytes: its separator and "key": in
     * one step */
    if (plain_key(key, n) && (p = open_value(w, n + 4)) != NULL) {
        *p++ = '"';
        memcpy(p, key, n);
        p += n;
        *p++ = '"';
        *p++ = ':';
        if (w->indent)
            *p++ = ' ';
        close_value(w, p);
    } else {
        separate(w);
        ls_buf_append(&w->out, "\"", 1);
        put_chars(&w->out, key, n);
        ls_buf_append(&w->out, w->indent ? "\": " : "\":", w->indent ? 3 : 2);
    }
    w->after_key = 1;
}

void ls_jw_strn(ls_jw *w, const char *s, size_t n)
{
    size_t at = 0;
    char *p;

    /* most strings are short and escape nothing: in one step */
    if (n <= 256 && ls_prefilter_json_special(s, 0, n) == n) {
        if (w->after_key) {
            w->after_key = 0;
            p = ls_buf_reserve(&w->out, n + 2) ? w->out.data + w->out.len : NULL;
        } else {
            p = open_value(w, n + 2);
        }
        if (p) {
            *p++ = '"';
            memcpy(p, s, n);
            p += n;
            *p++ = '"';
            close_value(w, p);
            flush(w, 0);
            return;
        }
        if (w->out.failed)
            return;
    }
    separate(w);
    /* a long string (a document's whole text) goes to the sink in pieces,
     * so the buffer stays bounded */
    ls_buf_append(&w->out, "\"", 1);
    do {
        size_t piece = n - at < LS_JW_FLUSH ? n - at : LS_JW_FLUSH;
        put_chars(&w->out, s + at, piece);
        at += piece;
        flush(w, 0);
    } while (at < n);
    ls_buf_append(&w->out, "\"", 1);
    flush(w, 0);
}

void ls_jw_str(ls_jw *w, const char *s)
{
    if (!s)
        ls_jw_null(w);
    else
        ls_jw_strn(w, s, strlen(s));
}

void ls_jw_int(ls_jw *w, long long v)
{
    char text[24], *p = text + sizeof text, *out;
    unsigned long long u = v < 0 ? 0ull - (unsigned long long)v : (unsigned long long)v;
    size_t n;

    /* as %lld writes it, without printf's cost on every index and offset:
     * two digits a division */
    static const char pairs[] = "00010203040506070809101112131415161718192021222324"
                                "25262728293031323334353637383940414243444546474849"
                                "50515253545556575859606162636465666768697071727374"
                                "75767778798081828384858687888990919293949596979899";
    while (u >= 100) {
        unsigned k = (unsigned)(u % 100) * 2;
        u /= 100;
        *--p = pairs[k + 1];
        *--p = pairs[k];
    }
    if (u >= 10) {
        *--p = pairs[u * 2 + 1];
        *--p = pairs[u * 2];
    } else {
        *--p = (char)('0' + u);
    }
    if (v < 0)
        *--p = '-';
    n = (size_t)(text + sizeof text - p);
    if ((out = open_value(w, n)) != NULL) {
        memcpy(out, p, n);
        close_value(w, out + n);
        return;
    }
    separate(w);
    ls_buf_append(&w->out, p, n);
}

/* The text of 'v' in 'out' when it is the double nearest a decimal of at
 * most 'precision' (15 or fewer) significant digits with one to six
 * after the point, between 1e-4 and 10^precision: what %.*g writes of it
 * (rounded to 'precision' digits, the double gives back that decimal, its
 * trailing zeros dropped), without printf; returns its length, or 0 for
 * any other value. The test of a candidate is exact: r and 10^k are
 * exact doubles and their quotient is rounded correctly. */
static size_t short_decimal(double v, int precision, char *out)
{
    static const double tens[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6};
    double a = fabs(v), scaled, limit = 1;
    unsigned long long r, whole, frac;
    char digits[32], *p = out;
    int k, i, n;

    for (i = 0; i < precision; i++)
        limit *= 10;
    if (precision > 15 || !(a >= 1e-4 && a < limit) || a == floor(a))
        return 0;
    for (k = 1; k <= 6; k++) {
        scaled = a * tens[k];
        if (scaled >= limit)
            return 0;
        r = (unsigned long long)(scaled + 0.5);
        if ((double)r >= limit)
            return 0;
        if ((double)r / tens[k] != a)
            continue;
        whole = r / (unsigned long long)tens[k];
        frac = r % (unsigned long long)tens[k];
        if (v < 0)
            *p++ = '-';
        n = 0;
        do
            digits[n++] = (char)('0' + whole % 10);
        while ((whole /= 10) > 0);
        while (n > 0)
            *p++ = digits[--n];
        *p++ = '.';
        for (i = k - 1; i >= 0; i--) {
            p[i] = (char)('0' + frac % 10);
            frac /= 10;
        }
        p += k;
        *p = '\0';
        return (size_t)(p - out);
    }
    return 0;
}

/* 'v' as jansson's jsonp_dtostr writes it: %.*g, then ".0" when neither
 * a '.' nor an exponent shows it is a real, and an exponent without its
 * '+' or leading zeros (1e+20: 1e20, 1e-07: 1e-7). */
void ls_jw_real(ls_jw *w, double v)
{
    char text[64], *e, *from, *to;
    size_t n;

    separate(w);
    if (!isfinite(v)) {
        w->failed = 1;
        return;
    }
    /* most figures of a report: 1.6, 12.5, 0.35 */
    if ((n = short_decimal(v, w->precision, text)) > 0) {
        ls_buf_append(&w->out, text, n);
        return;
    }
    snprintf(text, sizeof text, "%.*g", w->precision, v);
    if (!strchr(text, '.') && !strchr(text, 'e'))
        strcat(text, ".0");
    e = strchr(text, 'e');
    if (e) {
        from = e + 1;
        to = from + 1;
        if (*from == '-')
            from++;
        while (*to == '0')
            to++;
        if (to != from)
            memmove(from, to, strlen(to) + 1);
    }
    ls_buf_puts(&w->out, text);
}

void ls_jw_num(ls_jw *w, double v)
{
    if (v == floor(v) && fabs(v) < 9007199254740992.0)
        ls_jw_int(w, (long long)v);
    else
        ls_jw_real(w, v);
}

void ls_jw_bool(ls_jw *w, int v)
{
    separate(w);
    ls_buf_puts(&w->out, v ? "true" : "false");
}

void ls_jw_null(ls_jw *w)
{
    separate(w);
    ls_buf_puts(&w->out, "null");
}

void ls_jw_raw(ls_jw *w, const char *json, size_t n)
{
    separate(w);
    ls_buf_append(&w->out, json, n);
    flush(w, 0);
}

void ls_jw_text(ls_jw *w, const char *text)
{
    ls_buf_puts(&w->out, text);
    w->first[w->depth] = 1;
    flush(w, 0);
}

void ls_jw_flush(ls_jw *w)
{
    flush(w, 0);
}

int ls_jw_finish(ls_jw *w)
{
    flush(w, 1);
    return !w->failed && !w->out.failed;
}

void ls_jw_release(ls_jw *w)
{
    ls_buf_release(&w->out);
}
