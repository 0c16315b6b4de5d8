/*
 * doc.c — the lifecycle of a document and access to its records.
 *
 * ls_doc_new runs the input stage; ls_doc_extract runs extract.c once.
 * Records are kept in text order in a geometrically grown array; their
 * strings live in the document's arena. Invariant: mention_count <= cap.
 */
#include "doc.h"

#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "extract.h"
#include "html.h"
#include "link.h"
#include "outline.h"
#include "tasks.h"

static void set_id(ls_doc *doc);

/* A new document of 'bytes', its HTML article when 'html_ok' and the
 * bytes are a page, else the bytes as text of 'format'. */
static ls_status doc_make(const char *bytes, size_t len, int html_ok, int in_place,
                          const char *format, ls_doc **out, ls_error *err)
{
    ls_doc *doc;
    ls_status st;
    char *page_text = NULL;
    size_t page_len = 0;

    *out = NULL;
    doc = ls_calloc(1, sizeof *doc);
    if (!doc)
        return ls_error_nomem(err);
    ls_arena_init(&doc->arena);
    pthread_mutex_init(&doc->id_lock, NULL);
    doc->format = format;
    /* a saved web page: its article text is the document, and offsets
     * point into that text, not into the page */
    if (html_ok && ls_html_detect(bytes, len)) {
        st = ls_html_extract(bytes, len, NULL, &page_text, &page_len, err);
        if (st != LS_OK) {
            ls_doc_free(doc);
            return st;
        }
        doc->html = 1;
        doc->format = "html";
        bytes = page_text;
        len = page_len;
    }
    st = in_place && !page_text ? ls_input_decode_in_place(bytes, len, &doc->in, err)
                                : ls_input_decode(bytes, len, &doc->in, err);
    ls_free(page_text);
    if (st != LS_OK) {
        ls_doc_free(doc);
        return st;
    }
    *out = doc;
    return LS_OK;
}

ls_status ls_doc_new(const char *bytes, size_t len, ls_doc **out, ls_error *err)
{
    return doc_make(bytes, len, 1, 0, "text", out, err);
}

ls_status ls_doc_new_in_place(const char *bytes, size_t len, ls_doc **out, ls_error *err)
{
    return doc_make(bytes, len, 1, 1, "text", out, err);
}

ls_status ls_doc_new_extracted(const char *bytes, size_t len, const char *format, ls_doc **out,
                               ls_error *err)
{
    return doc_make(bytes, len, 0, 0, format, out, err);
}

void ls_doc_free(ls_doc *doc)
{
    if (!doc)
        return;
    ls_input_release(&doc->in);
    ls_arena_release(&doc->arena);
    ls_free(doc->mentions);
    ls_free(doc->tasks);
    ls_free(doc->links);
    pthread_mutex_destroy(&doc->id_lock);
    ls_free(doc);
}

const char *ls_doc_text(const ls_doc *doc, size_t *len)
{
    if (len)
        *len = doc->in.text_len;
    return doc->in.text;
}

ls_encoding ls_doc_encoding(const ls_doc *doc) { return doc->in.enc; }

int ls_doc_is_html(const ls_doc *doc) { return doc->html; }

const char *ls_doc_format(const ls_doc *doc) { return doc->format; }

const char *ls_encoding_name(ls_encoding enc)
{
    switch (enc) {
    case LS_ENC_UTF8: return "utf-8";
    case LS_ENC_UTF8_BOM: return "utf-8-bom";
    case LS_ENC_UTF16LE: return "utf-16le";
    case LS_ENC_UTF16BE: return "utf-16be";
    case LS_ENC_GB18030: return "gb18030";
    }
    return "unknown";
}

ls_status ls_doc_add_mentions(ls_doc *doc, const ls_mention *m, size_t n)
{
    size_t need = doc->mention_count + n, cap = doc->mention_cap, bytes;

    if (need < n)
        return LS_ENOMEM;
    if (need > cap) {
        ls_mention *p;
        /* exactly what is needed: a bulk append is the last (extract.c),
         * and a large block grows in place (mremap), never held twice */
        cap = need;
        if (!ls_mul_size(cap, sizeof *p, &bytes) || !(p = ls_realloc(doc->mentions, bytes)))
            return LS_ENOMEM;
        doc->mentions = p;
        doc->mention_cap = cap;
    }
    if (n && m)
        memcpy(doc->mentions + doc->mention_count, m, n * sizeof *m);
    doc->mention_count = need;
    return LS_OK;
}

/* ls_doc_outline for ls_extract_run, its error in 'err'. */
static ls_status outline_for_extract(ls_doc *doc, void *err)
{
    return ls_doc_outline(doc, err);
}

ls_status ls_doc_extract(ls_doc *doc, ls_error *err)
{
    ls_status st;

    if (doc->extracted)
        return LS_OK;
    /* the kind of a figure depends on the part of the report it stands in:
     * the outline is built while the figures are read */
    st = ls_extract_run(doc, outline_for_extract, err);
    if (st != LS_OK) {
        /* leave the document as it was: no half list of mentions */
        doc->mention_count = 0;
        return doc->outlined ? ls_error_nomem(err) : st;
    }
    doc->extracted = 1;
    return LS_OK;
}

size_t ls_doc_mention_count(const ls_doc *doc) { return doc->mention_count; }

const ls_mention *ls_doc_mention(const ls_doc *doc, size_t index)
{
    return index < doc->mention_count ? &doc->mentions[index] : NULL;
}

const char *ls_kind_name(ls_kind kind)
{
    switch (kind) {
    case LS_KIND_ACTUAL: return "actual";
    case LS_KIND_TARGET: return "target";
    case LS_KIND_ATTRIBUTE: return "attribute";
    }
    return "actual";
}

const char *ls_op_name(ls_op op)
{
    switch (op) {
    case LS_OP_EQ: return "=";
    case LS_OP_GE: return ">=";
    case LS_OP_LE: return "<=";
    case LS_OP_APPROX: return "~";
    }
    return "=";
}

const char *ls_change_name(ls_change change)
{
    switch (change) {
    case LS_CHANGE_INCREASE: return "increase";
    case LS_CHANGE_DECREASE: return "decrease";
    case LS_CHANGE_NONE: return NULL;
    }
    return NULL;
}

ls_status ls_doc_outline(ls_doc *doc, ls_error *err)
{
    if (doc->outlined)
        return LS_OK;
    if (ls_outline_build(&doc->in, &doc->arena, &doc->headings, &doc->heading_count) != LS_OK) {
        doc->headings = NULL;
        doc->heading_count = 0;
        return ls_error_nomem(err);
    }
    doc->outlined = 1;
    return LS_OK;
}

size_t ls_doc_heading_count(const ls_doc *doc) { return doc->heading_count; }

const ls_heading *ls_doc_heading(const ls_doc *doc, size_t index)
{
    return index < doc->heading_count ? &doc->headings[index] : NULL;
}

const char *ls_part_name(ls_part part)
{
    switch (part) {
    case LS_PART_REVIEW: return "review";
    case LS_PART_REQUIREMENTS: return "requirements";
    case LS_PART_PLAN: return "plan";
    case LS_PART_SELF: return "self";
    case LS_PART_OTHER: return "other";
    }
    return "other";
}

const char *ls_task_role_name(ls_task_role role)
{
    switch (role) {
    case LS_ROLE_COMMITMENT: return "commitment";
    case LS_ROLE_ACHIEVEMENT: return "achievement";
    case LS_ROLE_HEADLINE: return "headline";
    case LS_ROLE_PERIOD: return "period";
    case LS_ROLE_FRAME: return "frame";
    }
    return "commitment";
}

const char *ls_doc_id(const ls_doc *doc)
{
    /* the id is a cache of the text's hash, filled once under its lock:
     * a document is read from several threads */
    ls_doc *d = (ls_doc *)doc;

    pthread_mutex_lock(&d->id_lock);
    if (!d->id_set) {
        set_id(d);
        d->id_set = 1;
    }
    pthread_mutex_unlock(&d->id_lock);
    return d->id;
}

/* The document id: 64 bits of a hash of the text, 16 hex digits. Two
 * lanes of 8-byte words, each multiplied by an odd constant and rotated
 * (the multiplications of the lanes overlap), then mixed with the length;
 * the same text always gives the same id. */
static void set_id(ls_doc *doc)
{
    const unsigned long long k1 = 0x9E3779B97F4A7C15ULL, k2 = 0xC2B2AE3D27D4EB4FULL;
    unsigned long long a = 0x243F6A8885A308D3ULL, b = 0x13198A2E03707344ULL, w1, w2;
    const char *t = doc->in.text;
    size_t i = 0, n = doc->in.text_len;
    unsigned char tail[16] = {0};

    for (; i + 16 <= n; i += 16) {
        memcpy(&w1, t + i, 8);
        memcpy(&w2, t + i + 8, 8);
        a = ((a ^ w1) * k1);
        a = (a << 31) | (a >> 33);
        b = ((b ^ w2) * k2);
        b = (b << 29) | (b >> 35);
    }
    memcpy(tail, t + i, n - i);
    memcpy(&w1, tail, 8);
    memcpy(&w2, tail + 8, 8);
    a = ((a ^ w1) * k1);
    b = ((b ^ w2 ^ (unsigned long long)n) * k2);
    a ^= (b << 32) | (b >> 32);
    a ^= a >> 29;
    a *= k1;
    a ^= a >> 32;
    snprintf(doc->id, sizeof doc->id, "%016llx", a);
}

void ls_doc_tasks_input(const ls_doc *doc, ls_tasks_input *ti)
{
    ti->in = &doc->in;
    ti->headings = doc->headings;
    ti->heading_count = doc->heading_count;
    ti->mentions = doc->mentions;
    ti->mention_count = doc->mention_count;
    ti->doc_id = ls_doc_id(doc);
}

ls_status ls_doc_tasks(ls_doc *doc, ls_error *err)
{
    ls_tasks_input ti;
    ls_status st;

    if (doc->tasked)
        return LS_OK;
    st = ls_doc_extract(doc, err);
    if (st != LS_OK)
        return st;
    ls_doc_tasks_input(doc, &ti);
    if (ls_tasks_build(&ti, &doc->arena, &doc->tasks, &doc->task_count) != LS_OK) {
        doc->tasks = NULL;
        doc->task_count = 0;
        return ls_error_nomem(err);
    }
    doc->tasked = 1;
    return LS_OK;
}

size_t ls_doc_task_count(const ls_doc *doc) { return doc->task_count; }

const ls_task *ls_doc_task(const ls_doc *doc, size_t index)
{
    return index < doc->task_count ? &doc->tasks[index] : NULL;
}

ls_status ls_doc_link(ls_doc *doc, ls_error *err)
{
    ls_status st;

    if (doc->linked)
        return LS_OK;
    st = ls_doc_extract(doc, err);
    if (st != LS_OK)
        return st;
    if (ls_link_build(doc->mentions, doc->mention_count, &doc->links, &doc->link_count) != LS_OK)
        return ls_error_nomem(err);
    doc->linked = 1;
    return LS_OK;
}

size_t ls_doc_link_count(const ls_doc *doc) { return doc->link_count; }

const ls_link *ls_doc_link_at(const ls_doc *doc, size_t index)
{
    return index < doc->link_count ? &doc->links[index] : NULL;
}
