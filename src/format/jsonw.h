/*
 * jsonw.h — the project's one JSON writer (jsonw.c): records are written as
 * they are produced, into a bounded buffer that is handed to a sink (a
 * file, an HTTP response) whenever it fills, never built as a tree first.
 *
 * Its text is byte for byte what jansson's json_dumps(…, JSON_COMPACT),
 * or with ls_jw_set_indent json_dumps(…, JSON_INDENT(n)), writes (strings escaped as RFC 8259 requires, control characters as
 * \uXXXX, non-ASCII as UTF-8; integers as %lld; reals with 17 significant
 * digits, or the precision asked for, always with a '.' or an exponent),
 * so output does not change where a tree was dumped before.
 *
 *     ls_jw w;
 *     ls_jw_init(&w, write_to_file, stdout, 0);
 *     ls_jw_object(&w);
 *     ls_jw_key(&w, "metric"); ls_jw_str(&w, "原煤产量");
 *     ls_jw_key(&w, "value");  ls_jw_num(&w, 160000000);
 *     ls_jw_end(&w);                          // {"metric":"原煤产量","value":160000000}
 *     ls_jw_finish(&w);                       // flushes; 0 on any failure
 */
#ifndef LS_JSONW_H
#define LS_JSONW_H

#include <stddef.h>

#include "buf.h"

#define LS_JW_DEPTH 64       /* nesting a writer keeps track of */
#define LS_JW_FLUSH 65536    /* bytes held before the sink is called */
#define LS_JW_SPACES_MAX 32  /* indentation copied in one fixed-size step */
#define LS_JW_KEY_MAX 64     /* bytes of a literal key (LS_JW_KEY) */

/* Takes 'n' bytes of output; returns 0 on failure (the writer stops). */
typedef int (*ls_jw_sink)(void *ctx, const char *bytes, size_t n);

typedef struct {
    ls_buf out;            /* what is not yet with the sink */
    ls_jw_sink sink;       /* NULL: everything stays in 'out' */
    void *ctx;
    int precision;         /* significant digits of reals (0: 17) */
    int indent;            /* spaces a level (0: compact, one line) */
    int failed;
    size_t depth;
    unsigned char first[LS_JW_DEPTH]; /* no value yet at this depth */
    char close[LS_JW_DEPTH];           /* the bracket that closes it */
    int after_key;         /* a key was written, its value comes next */
} ls_jw;

/* Starts a writer that hands its text to 'sink' with 'ctx' ('sink' NULL:
 * it keeps the text in w->out, to be taken with ls_buf_detach). Reals are
 * written with 'precision' significant digits (0: 17, as jansson does;
 * report.c writes 15). */
void ls_jw_init(ls_jw *w, ls_jw_sink sink, void *ctx, int precision);

/* Writes the rest indented by 'spaces' a level, one value a line, as
 * jansson's JSON_INDENT(spaces) does ("key": value; [] and {} when
 * empty). Call before the first value. */
void ls_jw_set_indent(ls_jw *w, int spaces);

/* Containers: ls_jw_object / ls_jw_array open one, ls_jw_end closes the
 * innermost. Inside an object each value follows its ls_jw_key. */
void ls_jw_object(ls_jw *w);
void ls_jw_array(ls_jw *w);
void ls_jw_end(ls_jw *w);
void ls_jw_key(ls_jw *w, const char *key);

/* LS_JW_KEY(w, "name"): ls_jw_key for a literal key of plain bytes (no
 * control character, quote or backslash), its quoted form and length known
 * at compile time: the writers of records and documents call it for each
 * of their keys (a third of `luoshi parse`'s writing went to keys). */
#define LS_JW_KEY(w, lit) ls_jw_key_quoted((w), "\"" lit "\":", sizeof("\"" lit "\":") - 1)

extern const char ls_jw_spaces[LS_JW_SPACES_MAX];

/* A key already quoted and followed by its colon ("\"id\":", 'n' bytes):
 * LS_JW_KEY's work, inline. */
static inline void ls_jw_key_quoted(ls_jw *w, const char *quoted, size_t n)
{
    size_t indent = w->indent && w->depth > 0 ? w->depth * (size_t)w->indent : 0;
    char *p;

    if (w->after_key || indent > LS_JW_SPACES_MAX ||
        !ls_buf_reserve(&w->out, n + LS_JW_SPACES_MAX + 4)) {
        /* the slow path: the key without its quotes and colon */
        char key[LS_JW_KEY_MAX];
        size_t k = n - 3 < sizeof key ? n - 3 : sizeof key - 1;
        memcpy(key, quoted + 1, k);
        key[k] = '\0';
        ls_jw_key(w, key);
        return;
    }
    p = w->out.data + w->out.len;
    if (!w->first[w->depth])
        *p++ = ',';
    if (indent) {
        *p++ = '\n';
        memcpy(p, ls_jw_spaces, LS_JW_SPACES_MAX);
        p += indent;
    }
    memcpy(p, quoted, n);
    p += n;
    if (w->indent)
        *p++ = ' ';
    *p = '\0';
    w->out.len = (size_t)(p - w->out.data);
    w->first[w->depth] = 0;
    w->after_key = 1;
}

/* Values. ls_jw_str of NULL writes null; ls_jw_num writes an integer when
 * 'v' is one (below 2^53), else a real, as the extractor's records do. */
void ls_jw_str(ls_jw *w, const char *s);
void ls_jw_strn(ls_jw *w, const char *s, size_t n);
void ls_jw_int(ls_jw *w, long long v);
void ls_jw_real(ls_jw *w, double v);
void ls_jw_num(ls_jw *w, double v);
void ls_jw_bool(ls_jw *w, int v);
void ls_jw_null(ls_jw *w);

/* Bytes written as they are, as one value (a record already in JSON). */
void ls_jw_raw(ls_jw *w, const char *json, size_t n);

/* Text written between values as it is ("\n" between the records of
 * JSONL, "[\n  " around records laid out by hand): no comma is written
 * before the next value at this depth. */
void ls_jw_text(ls_jw *w, const char *text);

/* Hands the buffer to the sink when it holds LS_JW_FLUSH bytes or more:
 * for text a caller appends to w->out itself (CSV rows, a table). */
void ls_jw_flush(ls_jw *w);

/* Starts 'w' as a writer that keeps its text (no sink) and writes values
 * as if they came after a value inside the innermost container of 'outer'
 * (its depth, indent and precision; each value after a comma): a thread
 * writes part of a list there, and ls_jw_splice puts it into 'outer'. */
void ls_jw_init_inside(ls_jw *w, const ls_jw *outer);

/* Starts 'w' as a writer that keeps its text (no sink) and writes one
 * value as 'outer' would write its next one at its depth, but without the
 * separator before it: ls_jw_raw(outer, …) of that text then writes what
 * writing the value to 'outer' would have. A value written many times
 * (a task's heading path) is so written once and copied after. */
void ls_jw_init_value(ls_jw *w, const ls_jw *outer);

/* Appends the 'n' bytes of values written by a writer of ls_jw_init_inside
 * to 'w' (without their first comma when no value came before them in
 * 'w'), then flushes as a value would; LS_JW_FLUSH bytes or more go to the
 * sink as they are, not through the buffer. */
void ls_jw_splice(ls_jw *w, const char *values, size_t n);

/* A long string written in pieces made elsewhere (a document's text,
 * escaped on threads): ls_jw_string_open writes what comes before its
 * first byte (the separator, the quote), ls_jw_escape appends 'n' bytes
 * escaped as inside a JSON string to a buffer of the caller's (pieces cut
 * anywhere join into the escaping of the whole: it works byte by byte),
 * ls_jw_string_escaped appends such bytes to 'w' as they are (LS_JW_FLUSH
 * bytes or more straight to the sink), ls_jw_string_close the quote. */
void ls_jw_string_open(ls_jw *w);
void ls_jw_escape(ls_buf *b, const char *s, size_t n);
void ls_jw_string_escaped(ls_jw *w, const char *escaped, size_t n);
void ls_jw_string_close(ls_jw *w);

/* Hands what is left to the sink. Returns 1 when every write and every
 * call of the sink succeeded, 0 otherwise (out of memory, a nesting
 * deeper than LS_JW_DEPTH, a real that is not finite, a sink that failed). */
int ls_jw_finish(ls_jw *w);

/* Frees what the writer holds (after ls_jw_finish, or to give up). */
void ls_jw_release(ls_jw *w);

#endif
