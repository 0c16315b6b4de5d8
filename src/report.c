/*
 * report.c — mentions written as JSONL, JSON, CSV or an aligned table.
 *
 * Written record by record into the project's writer (jsonw.c), whose
 * bounded buffer goes to the caller's sink as it fills (the _stream
 * functions), or is kept whole for the _write ones. Many mentions are
 * written in blocks on threads (ls_ordered_run) and handed on in order:
 * the same bytes as one run. JSON: every string
 * escaped as the standard says, reals with 15 digits;
 * CSV follows RFC 4180, with no formulas (csv.c); the table pads by
 * display width (a Han character is two columns wide, per utf8proc).
 */
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "csv.h"
#include "doc.h"
#include "jsonw.h"
#include "alloc.h"
#include "error.h"
#include "ordered.h"

int ls_format_parse(const char *name, ls_format *fmt)
{
    static const struct {
        const char *name;
        ls_format fmt;
    } names[] = {{"jsonl", LS_FMT_JSONL}, {"json", LS_FMT_JSON}, {"csv", LS_FMT_CSV},
                 {"table", LS_FMT_TABLE}, {"tree", LS_FMT_TREE}};
    size_t i;

    for (i = 0; i < sizeof names / sizeof names[0]; i++) {
        if (strcmp(name, names[i].name) == 0) {
            *fmt = names[i].fmt;
            return 1;
        }
    }
    return 0;
}

/* Mentions a block written on a thread of its own (ls_mentions_stream). */
#define LS_MENTIONS_BLOCK 4096

/* The mention 'm' of 'doc' as a JSON object ('file' NULL: none). */
static void mention_json(ls_jw *w, const ls_doc *doc, const ls_mention *m, const char *file)
{
    ls_jw_object(w);
    if (file) {
        LS_JW_KEY(w, "file");
        ls_jw_str(w, file);
    }
    LS_JW_KEY(w, "start");
    ls_jw_int(w, (long long)m->start);
    LS_JW_KEY(w, "end");
    ls_jw_int(w, (long long)m->end);
    LS_JW_KEY(w, "text");
    ls_jw_strn(w, doc->in.text + m->start, m->end - m->start);
    LS_JW_KEY(w, "value");
    ls_jw_num(w, m->value);
    if (m->has_max) {
        LS_JW_KEY(w, "value_max");
        ls_jw_num(w, m->value_max);
    }
    LS_JW_KEY(w, "unit");
    ls_jw_str(w, m->unit);
    LS_JW_KEY(w, "kind");
    ls_jw_str(w, ls_kind_name(m->kind));
    LS_JW_KEY(w, "op");
    ls_jw_str(w, ls_op_name(m->op));
    LS_JW_KEY(w, "change");
    ls_jw_str(w, ls_change_name(m->change));
    LS_JW_KEY(w, "metric");
    ls_jw_str(w, m->metric);
    ls_jw_end(w);
}

/* The writers below write the mentions [from, to) of 'doc': the header
 * goes with the first mention (from 0), the footer with the last (to the
 * count), so ranges written apart and joined in order are the text of
 * one run. */
static void write_jsonl(const ls_doc *doc, const char *file, size_t from, size_t to, ls_jw *w)
{
    size_t i;

    for (i = from; i < to; i++) {
        mention_json(w, doc, &doc->mentions[i], file);
        ls_jw_text(w, "\n");
    }
}

/* A JSON array; 'first' is 0 when records of an earlier document precede. */
static void write_json(const ls_doc *doc, const char *file, unsigned flags, int first,
                       size_t from, size_t to, ls_jw *w)
{
    size_t i;

    if ((flags & LS_WRITE_HEADER) && from == 0)
        ls_jw_text(w, "[");
    for (i = from; i < to; i++) {
        ls_jw_text(w, first && i == 0 ? "\n  " : ",\n  ");
        mention_json(w, doc, &doc->mentions[i], file);
    }
    if ((flags & LS_WRITE_FOOTER) && to == doc->mention_count)
        ls_jw_text(w, "\n]\n");
}

/* The shortest text that reads back as 'v' (%.15g). */
static void number_text(char *out, size_t size, double v)
{
    snprintf(out, size, "%.15g", v);
}

static void write_csv(const ls_doc *doc, const char *source, unsigned flags, size_t from,
                      size_t to, ls_jw *w)
{
    ls_buf *b = &w->out;
    char num[64], max[64];
    size_t i;

    if ((flags & LS_WRITE_HEADER) && from == 0)
        ls_buf_puts(b, "file,start,end,text,value,value_max,unit,kind,op,change,metric\r\n");
    for (i = from; i < to; i++) {
        const ls_mention *m = &doc->mentions[i];
        const char *change = ls_change_name(m->change);
        number_text(num, sizeof num, m->value);
        number_text(max, sizeof max, m->value_max);
        ls_csv_field(b, source ? source : "", source ? strlen(source) : 0);
        ls_buf_printf(b, ",%zu,%zu,", m->start, m->end);
        ls_csv_field(b, doc->in.text + m->start, m->end - m->start);
        ls_buf_printf(b, ",%s,%s,", num, m->has_max ? max : "");
        ls_csv_field(b, m->unit, strlen(m->unit));
        ls_buf_printf(b, ",%s,%s,%s,", ls_kind_name(m->kind), ls_op_name(m->op),
                      change ? change : "");
        ls_csv_field(b, m->metric, strlen(m->metric));
        ls_buf_puts(b, "\r\n");
        ls_jw_flush(w);
    }
}

/* Display width of 'n' bytes of UTF-8 at 's'. */
static size_t display_width(const char *s, size_t n)
{
    size_t w = 0;
    utf8proc_ssize_t k;
    utf8proc_int32_t cp;

    while (n > 0) {
        k = utf8proc_iterate((const utf8proc_uint8_t *)s, (utf8proc_ssize_t)n, &cp);
        if (k <= 0)
            break;
        w += (size_t)(utf8proc_charwidth(cp) > 0 ? utf8proc_charwidth(cp) : 0);
        s += k;
        n -= (size_t)k;
    }
    return w;
}

/* Appends 's' ('n' bytes) padded with spaces to 'width' columns. */
static void cell(ls_buf *b, const char *s, size_t n, size_t width)
{
    size_t w = display_width(s, n);

    ls_buf_append(b, s, n);
    for (; w < width; w++)
        ls_buf_puts(b, " ");
    ls_buf_puts(b, "  ");
}

static void write_table(const ls_doc *doc, const char *source, unsigned flags, size_t from,
                        size_t to, ls_jw *w)
{
    ls_buf *b = &w->out;
    char num[64];
    size_t i;

    if (source && (flags & LS_WRITE_FILE) && from == 0)
        ls_buf_printf(b, "%s\n", source);
    if ((flags & LS_WRITE_HEADER) && from == 0)
        ls_buf_puts(b, "  start  text              value            unit      kind       op  change    metric\n");
    for (i = from; i < to; i++) {
        const ls_mention *m = &doc->mentions[i];
        const char *change = ls_change_name(m->change);
        if (m->has_max)
            snprintf(num, sizeof num, "%.15g-%.15g", m->value, m->value_max);
        else
            number_text(num, sizeof num, m->value);
        ls_buf_printf(b, "%7zu  ", m->start);
        cell(b, doc->in.text + m->start, m->end - m->start, 16);
        cell(b, num, strlen(num), 15);
        cell(b, m->unit, strlen(m->unit), 8);
        cell(b, ls_kind_name(m->kind), strlen(ls_kind_name(m->kind)), 9);
        cell(b, ls_op_name(m->op), strlen(ls_op_name(m->op)), 2);
        cell(b, change ? change : "-", change ? strlen(change) : 1, 8);
        ls_buf_puts(b, m->metric);
        ls_buf_puts(b, "\n");
        ls_jw_flush(w);
    }
    if (to == doc->mention_count)
        ls_buf_printf(b, "%zu mentions\n", doc->mention_count);
}

/* Ends the writer 'w': LS_OK, or why it failed (memory, or the sink). */
static ls_status finish(ls_jw *w, ls_error *err)
{
    int ok = ls_jw_finish(w), nomem = w->out.failed;

    ls_jw_release(w);
    if (ok)
        return LS_OK;
    return nomem ? ls_error_nomem(err)
                 : ls_error_set(err, LS_EIO, LS_NO_OFFSET, 0, "the output could not be written");
}

/* How the mentions are written: the arguments of ls_mentions_stream. */
typedef struct {
    const ls_doc *doc;
    ls_format fmt;
    const char *source, *file;
    unsigned flags;
    int first;
    ls_write_fn write;
    void *ctx;
} mention_writing;

/* The mentions [from, to) of 'mw' written into 'w'. */
static void write_range(const mention_writing *mw, size_t from, size_t to, ls_jw *w)
{
    switch (mw->fmt) {
    case LS_FMT_JSONL: write_jsonl(mw->doc, mw->file, from, to, w); break;
    case LS_FMT_JSON: write_json(mw->doc, mw->file, mw->flags, mw->first, from, to, w); break;
    case LS_FMT_CSV: write_csv(mw->doc, mw->source, mw->flags, from, to, w); break;
    case LS_FMT_TABLE: write_table(mw->doc, mw->source, mw->flags, from, to, w); break;
    case LS_FMT_TREE: break;
    }
}

/* Block 'i' of LS_MENTIONS_BLOCK mentions written into 'out' on a thread
 * (ls_ordered_run). */
static ls_status make_block(void *ctx, size_t i, ls_buf *out)
{
    const mention_writing *mw = ctx;
    size_t from, to;
    ls_jw w;
    int ok;

    ls_block_range(i, LS_MENTIONS_BLOCK, mw->doc->mention_count, &from, &to);
    ls_jw_init(&w, NULL, NULL, 15);
    write_range(mw, from, to, &w);
    ok = !w.failed && !w.out.failed;
    *out = w.out;
    return ok ? LS_OK : LS_ENOMEM;
}

static int take_block(void *ctx, size_t i, const char *bytes, size_t n)
{
    const mention_writing *mw = ctx;

    (void)i;
    return n == 0 || mw->write(mw->ctx, bytes, n);
}

ls_status ls_mentions_stream(const ls_doc *doc, ls_format fmt, const char *source,
                             unsigned flags, int first, ls_write_fn write, void *ctx,
                             ls_error *err)
{
    mention_writing mw = {doc, fmt, source, (flags & LS_WRITE_FILE) ? source : NULL,
                          flags, first, write, ctx};
    size_t blocks = ls_blocks_of(doc->mention_count, LS_MENTIONS_BLOCK), cores;
    ls_status st;
    ls_jw w;

    if (fmt == LS_FMT_TREE)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "mentions have no tree format");
    /* many mentions: blocks written on threads, handed on in order */
    if (blocks >= 2 && (cores = ls_cores_allowed()) > 1) {
        st = ls_ordered_run(blocks, cores, 2 * cores, make_block, take_block, &mw);
        if (st == LS_ENOMEM)
            return ls_error_nomem(err);
        if (st != LS_OK)
            return ls_error_set(err, LS_EIO, LS_NO_OFFSET, 0, "the output could not be written");
        return LS_OK;
    }
    ls_jw_init(&w, write, ctx, 15);
    write_range(&mw, 0, doc->mention_count, &w);
    return finish(&w, err);
}

/* What a _write function returns: the text a _stream writer left in 'b'
 * (status 'st') as a new string '*out'. Releases 'b'. */
static ls_status keep_whole(ls_status st, ls_buf *b, char **out, size_t *out_len, ls_error *err)
{
    *out = NULL;
    if (st == LS_EIO && b->failed) /* the buffer's memory ran out, not a file */
        LS_CHECK(ls_error_nomem(err));
    LS_CHECK(st);
    if (!(*out = ls_buf_detach(b, out_len)))
        LS_CHECK(ls_error_nomem(err));
done:
    ls_buf_release(b);
    return st;
}

ls_status ls_mentions_write(const ls_doc *doc, ls_format fmt, const char *source,
                            unsigned flags, int first, char **out, size_t *out_len,
                            ls_error *err)
{
    ls_buf b;

    ls_buf_init(&b);
    return keep_whole(ls_mentions_stream(doc, fmt, source, flags, first, ls_buf_sink, &b, err),
                      &b, out, out_len, err);
}

/* The heading 'h' as a JSON object ('file' NULL: none). */
static void heading_json(ls_jw *w, const ls_heading *h, const char *file)
{
    ls_jw_object(w);
    if (file) {
        LS_JW_KEY(w, "file");
        ls_jw_str(w, file);
    }
    LS_JW_KEY(w, "level");
    ls_jw_int(w, h->level);
    LS_JW_KEY(w, "title");
    ls_jw_str(w, h->title);
    LS_JW_KEY(w, "start");
    ls_jw_int(w, (long long)h->start);
    LS_JW_KEY(w, "end");
    ls_jw_int(w, (long long)h->end);
    LS_JW_KEY(w, "part");
    ls_jw_str(w, ls_part_name(h->part));
    ls_jw_end(w);
}

ls_status ls_outline_stream(const ls_doc *doc, ls_format fmt, const char *source,
                            unsigned flags, int first, ls_write_fn write, void *ctx,
                            ls_error *err)
{
    const char *file = (flags & LS_WRITE_FILE) ? source : NULL;
    ls_jw w;
    size_t i;

    if (fmt != LS_FMT_JSONL && fmt != LS_FMT_JSON && fmt != LS_FMT_TREE)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "the outline is written as jsonl, json or tree");
    ls_jw_init(&w, write, ctx, 15);
    if (fmt == LS_FMT_TREE && file)
        ls_buf_printf(&w.out, "%s\n", file);
    for (i = 0; i < doc->heading_count; i++) {
        const ls_heading *h = &doc->headings[i];
        if (fmt == LS_FMT_TREE) {
            int k;
            for (k = 1; k < h->level; k++)
                ls_buf_puts(&w.out, "    ");
            ls_buf_printf(&w.out, "%s  [%s %zu]\n", h->title, ls_part_name(h->part), h->start);
            ls_jw_flush(&w);
            continue;
        }
        if (fmt == LS_FMT_JSON)
            ls_jw_text(&w, first && i == 0 ? "\n  " : ",\n  ");
        heading_json(&w, h, file);
        if (fmt == LS_FMT_JSONL)
            ls_jw_text(&w, "\n");
    }
    return finish(&w, err);
}

ls_status ls_outline_write(const ls_doc *doc, ls_format fmt, const char *source,
                           unsigned flags, int first, char **out, size_t *out_len,
                           ls_error *err)
{
    ls_buf b;

    ls_buf_init(&b);
    return keep_whole(ls_outline_stream(doc, fmt, source, flags, first, ls_buf_sink, &b, err),
                      &b, out, out_len, err);
}
