/*
 * report.c — mentions written as JSONL, JSON, CSV or an aligned table.
 *
 * Builds the whole output in an ls_buf; the caller prints it. JSON goes
 * through jansson so that every string is escaped as the standard says;
 * CSV follows RFC 4180, with no formulas (csv.c); the table pads by
 * display width (a Han character is two columns wide, per utf8proc).
 */
#include <jansson.h>
#include <math.h>
#include <stdio.h>
#include <string.h>
#include <utf8proc.h>

#include "buf.h"
#include "csv.h"
#include "doc.h"
#include "alloc.h"
#include "error.h"

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

/* A JSON number for 'v': an integer when it is one, else a real. */
static json_t *json_number(double v)
{
    if (v == floor(v) && fabs(v) < 9007199254740992.0)
        return json_integer((json_int_t)v);
    return json_real(v);
}

/* The mention 'm' of 'doc' as a new JSON object, NULL on failure. */
static json_t *mention_json(const ls_doc *doc, const ls_mention *m, const char *file)
{
    const char *change = ls_change_name(m->change);
    json_t *o = json_object();

    if (!o)
        return NULL;
    if ((file && json_object_set_new(o, "file", json_string(file))) ||
        json_object_set_new(o, "start", json_integer((json_int_t)m->start)) ||
        json_object_set_new(o, "end", json_integer((json_int_t)m->end)) ||
        json_object_set_new(o, "text",
                            json_stringn(doc->in.text + m->start, m->end - m->start)) ||
        json_object_set_new(o, "value", json_number(m->value)) ||
        (m->has_max && json_object_set_new(o, "value_max", json_number(m->value_max))) ||
        json_object_set_new(o, "unit", json_string(m->unit)) ||
        json_object_set_new(o, "kind", json_string(ls_kind_name(m->kind))) ||
        json_object_set_new(o, "op", json_string(ls_op_name(m->op))) ||
        json_object_set_new(o, "change", change ? json_string(change) : json_null()) ||
        json_object_set_new(o, "metric", json_string(m->metric))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

/* Appends the JSON text of 'j' to 'b' (and frees 'j'). */
static void append_json(ls_buf *b, json_t *j)
{
    char *s;

    if (!j) {
        b->failed = 1;
        return;
    }
    s = json_dumps(j, JSON_PRESERVE_ORDER | JSON_COMPACT | JSON_REAL_PRECISION(15));
    json_decref(j);
    if (!s) {
        b->failed = 1;
        return;
    }
    ls_buf_puts(b, s);
    ls_free(s);
}

static void write_jsonl(const ls_doc *doc, const char *file, ls_buf *b)
{
    size_t i;

    for (i = 0; i < doc->mention_count; i++) {
        append_json(b, mention_json(doc, &doc->mentions[i], file));
        ls_buf_puts(b, "\n");
    }
}

/* A JSON array; 'first' is 0 when records of an earlier document precede. */
static void write_json(const ls_doc *doc, const char *file, unsigned flags, int first,
                       ls_buf *b)
{
    size_t i;

    if (flags & LS_WRITE_HEADER)
        ls_buf_puts(b, "[");
    for (i = 0; i < doc->mention_count; i++) {
        ls_buf_puts(b, first && i == 0 ? "\n  " : ",\n  ");
        append_json(b, mention_json(doc, &doc->mentions[i], file));
    }
    if (flags & LS_WRITE_FOOTER)
        ls_buf_puts(b, "\n]\n");
}

/* The shortest text that reads back as 'v' (%.15g). */
static void number_text(char *out, size_t size, double v)
{
    snprintf(out, size, "%.15g", v);
}

static void write_csv(const ls_doc *doc, const char *source, unsigned flags, ls_buf *b)
{
    char num[64], max[64];
    size_t i;

    if (flags & LS_WRITE_HEADER)
        ls_buf_puts(b, "file,start,end,text,value,value_max,unit,kind,op,change,metric\r\n");
    for (i = 0; i < doc->mention_count; i++) {
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

static void write_table(const ls_doc *doc, const char *source, unsigned flags, ls_buf *b)
{
    char num[64];
    size_t i;

    if (source && (flags & LS_WRITE_FILE))
        ls_buf_printf(b, "%s\n", source);
    if (flags & LS_WRITE_HEADER)
        ls_buf_puts(b, "  start  text              value            unit      kind       op  change    metric\n");
    for (i = 0; i < doc->mention_count; i++) {
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
    }
    ls_buf_printf(b, "%zu mentions\n", doc->mention_count);
    (void)flags;
}

ls_status ls_mentions_write(const ls_doc *doc, ls_format fmt, const char *source,
                            unsigned flags, int first, char **out, size_t *out_len,
                            ls_error *err)
{
    const char *file = (flags & LS_WRITE_FILE) ? source : NULL;
    ls_buf b;

    *out = NULL;
    ls_buf_init(&b);
    /* jansson allocates through us, so allocation failures can be tested */
    json_set_alloc_funcs(ls_malloc, ls_free);
    switch (fmt) {
    case LS_FMT_JSONL: write_jsonl(doc, file, &b); break;
    case LS_FMT_JSON: write_json(doc, file, flags, first, &b); break;
    case LS_FMT_CSV: write_csv(doc, source, flags, &b); break;
    case LS_FMT_TABLE: write_table(doc, source, flags, &b); break;
    case LS_FMT_TREE:
        ls_buf_release(&b);
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "mentions have no tree format");
    }
    if (b.failed) {
        ls_buf_release(&b);
        return ls_error_nomem(err);
    }
    *out = ls_buf_detach(&b, out_len);
    return *out ? LS_OK : ls_error_nomem(err);
}

/* The heading 'h' as a new JSON object, NULL on failure. */
static json_t *heading_json(const ls_heading *h, const char *file)
{
    json_t *o = json_object();

    if (!o)
        return NULL;
    if ((file && json_object_set_new(o, "file", json_string(file))) ||
        json_object_set_new(o, "level", json_integer(h->level)) ||
        json_object_set_new(o, "title", json_string(h->title)) ||
        json_object_set_new(o, "start", json_integer((json_int_t)h->start)) ||
        json_object_set_new(o, "end", json_integer((json_int_t)h->end)) ||
        json_object_set_new(o, "part", json_string(ls_part_name(h->part)))) {
        json_decref(o);
        return NULL;
    }
    return o;
}

ls_status ls_outline_write(const ls_doc *doc, ls_format fmt, const char *source,
                           unsigned flags, int first, char **out, size_t *out_len,
                           ls_error *err)
{
    const char *file = (flags & LS_WRITE_FILE) ? source : NULL;
    ls_buf b;
    size_t i;

    *out = NULL;
    if (fmt != LS_FMT_JSONL && fmt != LS_FMT_JSON && fmt != LS_FMT_TREE)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "the outline is written as jsonl, json or tree");
    ls_buf_init(&b);
    json_set_alloc_funcs(ls_malloc, ls_free);
    if (fmt == LS_FMT_TREE && file)
        ls_buf_printf(&b, "%s\n", file);
    for (i = 0; i < doc->heading_count; i++) {
        const ls_heading *h = &doc->headings[i];
        if (fmt == LS_FMT_TREE) {
            int k;
            for (k = 1; k < h->level; k++)
                ls_buf_puts(&b, "    ");
            ls_buf_printf(&b, "%s  [%s %zu]\n", h->title, ls_part_name(h->part), h->start);
            continue;
        }
        if (fmt == LS_FMT_JSON)
            ls_buf_puts(&b, first && i == 0 ? "\n  " : ",\n  ");
        append_json(&b, heading_json(h, file));
        if (fmt == LS_FMT_JSONL)
            ls_buf_puts(&b, "\n");
    }
    if (b.failed) {
        ls_buf_release(&b);
        return ls_error_nomem(err);
    }
    *out = ls_buf_detach(&b, out_len);
    return *out ? LS_OK : ls_error_nomem(err);
}
