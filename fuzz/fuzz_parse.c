/*
 * fuzz_parse.c — libFuzzer target for the input stage and the extractor.
 *
 * First the prefilter (src/prefilter.c) alone over the raw bytes: the
 * offsets its scans (numerals, sentence marks, the clause walk's marks, the
 * fold's stop bytes, the bytes JSON escapes, digits) give must be those of a
 * byte-by-byte reference from every start; the UTF-8 check (SIMD blocks)
 * must agree with utf8proc. Then it feeds the bytes through
 * the public API as the CLI does: ls_doc_new (text or a saved web page),
 * ls_doc_extract, ls_mentions_write in every format, ls_doc_link and
 * ls_doc_write_json with the tasks streamed (luoshi parse), then with
 * ls_doc_tasks built (the two must be the same bytes), and frees it all.
 * The text is read again cut into parts at line starts (also while its
 * outline is built), and once without the filters and indexes the scan
 * lends its classifiers; it is decoded in pieces, its links built in
 * ranges of targets, and its document written as items on two threads, as
 * a long text is: each must give what one pass gives.
 * Besides crashes and sanitizer reports it checks the promises luoshi.h
 * makes (a failure leaves no document, offsets fall on character boundaries
 * in text order, writers succeed); a broken promise aborts, so the fuzzer
 * keeps the input. It is also linked with replay_main.c for CTest.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "buf.h"
#include "doc.h"
#include "extract.h"
#include "input.h"
#include "link.h"
#include "luoshi.h"
#include "prefilter.h"
#include "../tests/utf8_reference.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* Stops the run with 'what' on stderr when 'ok' is false. */
static void expect(int ok, const char *what)
{
    if (ok)
        return;
    fprintf(stderr, "fuzz_parse: broken promise: %s\n", what);
    abort();
}

/* True when 'off' is a character boundary of the 'len' bytes of UTF-8 'text'. */
static int is_boundary(const char *text, size_t len, size_t off)
{
    return off == len || (off < len && ((unsigned char)text[off] & 0xC0) != 0x80);
}

/* Checks what a failed ls_doc_new promises: no document, 'err' filled in
 * with the same code and a message. */
static void check_failure(ls_status st, const ls_doc *doc, const ls_error *err)
{
    expect(doc == NULL, "ls_doc_new failed but left a document");
    expect(err->code == st, "ls_error code differs from the status returned");
    expect(err->message[0] != '\0', "ls_error message is empty");
    expect(strlen(err->message) < LS_ERROR_MESSAGE_SIZE, "ls_error message not terminated");
}

/* Checks the text of 'doc': NUL-terminated, and for UTF-8 input the bytes
 * exactly as read (luoshi.h: every offset points into them); a saved web
 * page is replaced by its article text. */
static void check_text(const ls_doc *doc, const uint8_t *data, size_t size)
{
    size_t len = 0;
    const char *text = ls_doc_text(doc, &len);
    ls_encoding enc = ls_doc_encoding(doc);

    expect(text != NULL && text[len] == '\0', "ls_doc_text is not NUL-terminated");
    if (!ls_doc_is_html(doc) && (enc == LS_ENC_UTF8 || enc == LS_ENC_UTF8_BOM))
        expect(len == size && (size == 0 || memcmp(text, data, size) == 0),
               "UTF-8 input is not kept as read");
}

/* Checks every mention of 'doc': a non-empty span on character boundaries,
 * in text order, with strings and names for every field. */
static void check_mentions(const ls_doc *doc)
{
    size_t len = 0, i, n = ls_doc_mention_count(doc), last_start = 0;
    const char *text = ls_doc_text(doc, &len);

    for (i = 0; i < n; i++) {
        const ls_mention *m = ls_doc_mention(doc, i);
        expect(m != NULL, "ls_doc_mention returned NULL below the count");
        expect(m->start < m->end && m->end <= len, "mention span empty or past the text");
        expect(is_boundary(text, len, m->start) && is_boundary(text, len, m->end),
               "mention offset inside a character");
        expect(m->start >= last_start, "mentions not in text order");
        expect(m->unit != NULL && m->metric != NULL, "mention unit or metric is NULL");
        expect(m->has_max == 0 || m->has_max == 1, "has_max is neither 0 nor 1");
        expect(m->kind <= LS_KIND_ATTRIBUTE && m->op <= LS_OP_APPROX &&
                   m->change <= LS_CHANGE_DECREASE,
               "mention enum out of range");
        last_start = m->start;
    }
    expect(ls_doc_mention(doc, n) == NULL, "ls_doc_mention past the count is not NULL");
}

/* Checks that each line of the JSONL 'out' is one JSON object, one a mention. */
static void check_jsonl(const ls_doc *doc, const char *out, size_t out_len)
{
    const char *p = out, *end = out + out_len, *nl;
    size_t lines = 0;
    json_t *j;

    while (p < end) {
        nl = memchr(p, '\n', (size_t)(end - p));
        expect(nl != NULL, "JSONL output does not end with a newline");
        j = json_loadb(p, (size_t)(nl - p), 0, NULL);
        expect(j != NULL && json_is_object(j), "a JSONL line is not a JSON object");
        json_decref(j);
        lines++;
        p = nl + 1;
    }
    expect(lines == ls_doc_mention_count(doc), "JSONL line count differs from the mentions");
}

/* Writes the mentions of 'doc' in 'fmt' with 'flags'; the output must be a
 * string of the stated length, and JSON and JSONL must parse. LS_FMT_TREE is for
 * outlines: mentions may refuse it with LS_EINVAL, leaving no output. */
static void check_write(const ls_doc *doc, ls_format fmt, unsigned flags, const char *source)
{
    char *out = NULL;
    size_t out_len = 0;
    ls_error err;
    ls_status st = ls_mentions_write(doc, fmt, source, flags, 1, &out, &out_len, &err);
    json_t *j;

    if (st == LS_EINVAL && fmt == LS_FMT_TREE) {
        expect(out == NULL, "a refused format left output");
        return;
    }
    if (st != LS_OK)
        fprintf(stderr, "fuzz_parse: format %d, flags %u: %s\n", (int)fmt, flags, err.message);
    expect(st == LS_OK, "ls_mentions_write failed with no allocation failing");
    expect(out != NULL && strlen(out) == out_len, "writer output length is wrong");
    if (fmt == LS_FMT_JSON && flags == LS_WRITE_WHOLE) {
        j = json_loadb(out, out_len, 0, NULL);
        expect(j != NULL && json_is_array(j), "JSON output does not parse as an array");
        expect(json_array_size(j) == ls_doc_mention_count(doc), "JSON array size differs");
        json_decref(j);
    }
    if (fmt == LS_FMT_JSONL)
        check_jsonl(doc, out, out_len);
    ls_free(out);
}

/* Checks the rest of the document (luoshi parse): headings, tasks and
 * links within the text and pointing at what exists, and the whole
 * document as JSON that parses to an object. */
static int same_str(const char *a, const char *b)
{
    return (a == NULL) == (b == NULL) && (!a || strcmp(a, b) == 0);
}

/* The mentions of the text read again cut into 'parts' parts at line
 * starts, as a long text is read on threads (extract.c; with 'meanwhile'
 * on two threads while the outline is built), or with 'parts' 0 in one
 * pass without the filters and indexes lent to the classifiers
 * (ls_extract_run_plain), must be those of one pass. */
static ls_status outline(ls_doc *doc, void *ctx)
{
    (void)ctx;
    return ls_doc_outline(doc, NULL);
}

static void check_other_read(const uint8_t *data, size_t size, const ls_doc *one, size_t parts,
                             int meanwhile)
{
    ls_doc *cut = NULL;
    size_t i, n = ls_doc_mention_count(one);

    expect(ls_doc_new((const char *)data, size, &cut, NULL) == LS_OK, "a second ls_doc_new failed");
    if (meanwhile)
        expect(ls_extract_run_with(cut, parts, 2, outline, NULL) == LS_OK,
               "extraction while outlined failed");
    else
        expect(ls_doc_outline(cut, NULL) == LS_OK &&
                   (parts ? ls_extract_run_parts(cut, parts) : ls_extract_run_plain(cut)) == LS_OK,
               "extraction in parts failed");
    expect(ls_doc_mention_count(cut) == n, "extraction in parts found another number of mentions");
    for (i = 0; i < n; i++) {
        const ls_mention *x = ls_doc_mention(one, i), *y = ls_doc_mention(cut, i);
        expect(x->start == y->start && x->end == y->end && x->kind == y->kind &&
                   x->op == y->op && x->change == y->change && x->part == y->part &&
                   same_str(x->unit, y->unit) && same_str(x->metric, y->metric) &&
                   memcmp(&x->value, &y->value, sizeof x->value) == 0,
               parts ? "extraction in parts differs from one pass"
                     : "extraction without lent filters differs");
    }
    ls_doc_free(cut);
}

/* The links built in three ranges of targets on threads (as many
 * mentions are: link.c) are those of ls_doc_link. */
static void check_link_ranges(const ls_doc *doc)
{
    ls_link *cut = NULL;
    size_t n = 0, i;

    expect(ls_link_build_ranges(doc->mentions, doc->mention_count, 3, &cut, &n) == LS_OK,
           "links in ranges failed");
    expect(n == doc->link_count, "links in ranges: another number");
    for (i = 0; i < n; i++)
        expect(cut[i].target == doc->links[i].target &&
                   cut[i].baseline == doc->links[i].baseline &&
                   memcmp(&cut[i].similarity, &doc->links[i].similarity, sizeof(double)) == 0 &&
                   memcmp(&cut[i].change_abs, &doc->links[i].change_abs, sizeof(double)) == 0 &&
                   cut[i].has_pct == doc->links[i].has_pct,
               "links in ranges differ from one range's");
    ls_free(cut);
}

/* A sink into an ls_buf. */
static int buf_write(void *ctx, const char *bytes, size_t n)
{
    ls_buf_append(ctx, bytes, n);
    return !((ls_buf *)ctx)->failed;
}

static void check_parse(ls_doc *doc)
{
    size_t len = 0, i, n, nm = ls_doc_mention_count(doc), nh;
    const char *text = ls_doc_text(doc, &len);
    char *out = NULL, *streamed = NULL;
    size_t out_len = 0, streamed_len = 0;
    ls_error err;
    ls_buf cut;
    json_t *j;

    /* first as luoshi parse writes it: the tasks found as they are written */
    expect(ls_doc_link(doc, &err) == LS_OK, "ls_doc_link failed");
    check_link_ranges(doc);
    expect(ls_doc_write_json(doc, "fuzz.txt", &streamed, &streamed_len, &err) == LS_OK,
           "ls_doc_write_json with streamed tasks failed");
    /* ... and with its tasks cut at every part heading, on two threads */
    ls_buf_init(&cut);
    expect(ls_doc_stream_json_cut(doc, "fuzz.txt", buf_write, &cut, 1, 2, &err) == LS_OK,
           "the tasks written in stretches failed");
    expect(cut.len == streamed_len && memcmp(cut.data, streamed, streamed_len) == 0,
           "the tasks written in stretches differ from one walk");
    ls_buf_release(&cut);
    expect(ls_doc_tasks(doc, &err) == LS_OK, "ls_doc_tasks failed");
    nh = ls_doc_heading_count(doc);
    for (i = 0; i < nh; i++) {
        const ls_heading *h = ls_doc_heading(doc, i);
        expect(h->start <= h->end && h->end <= len && h->body_end <= len,
               "heading span past the text");
        expect(h->parent == LS_NONE || h->parent < i, "heading parent not before it");
    }
    n = ls_doc_task_count(doc);
    for (i = 0; i < n; i++) {
        const ls_task *t = ls_doc_task(doc, i);
        expect(t->start < t->end && t->end <= len, "task span empty or past the text");
        expect(is_boundary(text, len, t->start) && is_boundary(text, len, t->end),
               "task offset inside a character");
        expect(t->heading == LS_NONE || t->heading < nh, "task heading out of range");
        expect(t->first_mention + t->mention_count <= nm, "task mentions out of range");
        expect(t->id && t->text, "task without id or text");
        expect(t->part != LS_PART_OTHER, "a task in part other (after the closing words)");
        expect(t->role <= LS_ROLE_FRAME && (t->role == LS_ROLE_ACHIEVEMENT) == t->achievement,
               "task role out of range or not matching achievement");
    }
    n = ls_doc_link_count(doc);
    for (i = 0; i < n; i++) {
        const ls_link *k = ls_doc_link_at(doc, i);
        expect(k->target < nm && k->baseline < nm, "link to a mention that does not exist");
    }
    expect(ls_doc_write_json(doc, "fuzz.txt", &out, &out_len, &err) == LS_OK,
           "ls_doc_write_json failed");
    expect(out_len == streamed_len && memcmp(out, streamed, out_len) == 0,
           "the streamed tasks differ from the built ones");
    ls_free(streamed);
    j = json_loadb(out, out_len, 0, NULL);
    expect(j != NULL && json_is_object(j), "the document JSON does not parse to an object");
    json_decref(j);
    ls_free(out);
}

/* True when a numeral begins at 'pos' of the 'len' bytes at 's', as the
 * lexer's rules say (ORDER NUMERALS: an ASCII digit, cn_num or 半). */
static int slow_numeral(const uint8_t *s, size_t pos, size_t len)
{
    static const char numerals[] = "〇零一二两三四五六七八九十百千万亿半";
    size_t i;

    if (s[pos] >= '0' && s[pos] <= '9')
        return 1;
    for (i = 0; i + 3 <= sizeof numerals - 1; i += 3)
        if (len - pos >= 3 && memcmp(s + pos, numerals + i, 3) == 0)
            return 1;
    return 0;
}

/* True when a sentence mark begins at 'pos': ; ! ? \n or 。. */
static int slow_mark(const uint8_t *s, size_t pos, size_t len)
{
    return s[pos] == ';' || s[pos] == '!' || s[pos] == '?' || s[pos] == '\n' ||
           (len - pos >= 3 && memcmp(s + pos, "。", 3) == 0);
}

/* True when the clause walk must look at 'pos': a sentence mark, “ ” or 是. */
static int slow_clause(const uint8_t *s, size_t pos, size_t len)
{
    return slow_mark(s, pos, len) ||
           (len - pos >= 3 && (memcmp(s + pos, "“", 3) == 0 || memcmp(s + pos, "”", 3) == 0 ||
                               memcmp(s + pos, "是", 3) == 0));
}

/* True when the fold must look at 'pos': a control but TAB LF VT FF, '*',
 * U+3000 or a byte EF. */
static int slow_fold(const uint8_t *s, size_t pos, size_t len)
{
    return (s[pos] < 0x20 && (s[pos] < 9 || s[pos] > 12)) || s[pos] == '*' || s[pos] == 0xEF ||
           (len - pos >= 3 && memcmp(s + pos, "\xE3\x80\x80", 3) == 0);
}

/* True when a JSON string escapes the byte at 'pos'. */
static int slow_json(const uint8_t *s, size_t pos, size_t len)
{
    (void)len;
    return s[pos] < 0x20 || s[pos] == '"' || s[pos] == '\\';
}

/* Inputs up to this size are scanned from every start (each scan may run
 * to the end: quadratic); longer ones from every 61st byte. */
#define PREFILTER_EVERY_MAX 4096

/* True when an ASCII digit is at 'pos'. */
static int slow_digit(const uint8_t *s, size_t pos, size_t len)
{
    (void)len;
    return s[pos] >= '0' && s[pos] <= '9';
}

/* Every scan of prefilter.c beside its slow test. */
static const struct {
    int (*slow)(const uint8_t *, size_t, size_t);
    size_t (*scan)(const char *, size_t, size_t);
    const char *broken; /* the promise a difference breaks */
} scans[] = {
    {slow_numeral, ls_prefilter_numeral, "ls_prefilter_numeral missed or invented a numeral start"},
    {slow_mark, ls_prefilter_mark, "ls_prefilter_mark missed or invented a sentence mark"},
    {slow_clause, ls_prefilter_clause, "ls_prefilter_clause missed or invented a clause mark"},
    {slow_fold, ls_prefilter_fold, "ls_prefilter_fold missed or invented a byte to fold"},
    {slow_json, ls_prefilter_json_special,
     "ls_prefilter_json_special missed or invented a byte to escape"},
    {slow_digit, ls_prefilter_digit, "ls_prefilter_digit missed or invented a digit"},
};
#define SCANS (sizeof scans / sizeof scans[0])

/* Checks the prefilter's scans over the raw 'size' bytes at 'data' (any
 * bytes: NUL, broken UTF-8) against the slow tests: from a start, each
 * must give the first offset where its test holds, or 'size'. */
static void check_prefilter(const uint8_t *data, size_t size)
{
    size_t pos, k, next[SCANS];
    size_t step = size <= PREFILTER_EVERY_MAX ? 1 : 61;
    const char *s = (const char *)data;

    for (k = 0; k < SCANS; k++)
        next[k] = size;
    /* from the end back: the next offsets from each start */
    for (pos = size; pos-- > 0;) {
        expect(ls_prefilter_is_numeral(s, pos, size) == slow_numeral(data, pos, size),
               "ls_prefilter_is_numeral differs from the lexer's numerals");
        for (k = 0; k < SCANS; k++) {
            if (scans[k].slow(data, pos, size))
                next[k] = pos;
            if (pos % step == 0)
                expect(scans[k].scan(s, pos, size) == next[k], scans[k].broken);
        }
    }
    for (k = 0; k < SCANS; k++)
        expect(scans[k].scan(s, size, size) == size, "a scan from the end found something");
}

/* The UTF-8 check (SIMD blocks, then bytes) against utf8proc, from the
 * first four offsets (each place in a block of sixteen). */
static void check_utf8(const uint8_t *data, size_t size)
{
    size_t from;

    for (from = 0; from < 4 && from <= size; from++)
        expect(ls_utf8_valid_prefix((const char *)data + from, size - from) ==
                   utf8_reference_prefix(data + from, size - from),
               "ls_utf8_valid_prefix differs from utf8proc");
}

/* The bytes decoded in three pieces on threads (as a long text is:
 * input.c) give what one pass gives: the same status and error, or the
 * same text, folded text, marks and flags. */
static void check_decode_pieces(const uint8_t *data, size_t size)
{
    ls_input one, cut;
    ls_error e1, e2;
    ls_status s1, s2;

    memset(&e1, 0, sizeof e1);
    memset(&e2, 0, sizeof e2);
    s1 = ls_input_decode((const char *)data, size, &one, &e1);
    s2 = ls_input_decode_pieces((const char *)data, size, 3, &cut, &e2);
    expect(s1 == s2, "decoding in pieces gave another status");
    if (s1 != LS_OK)
        expect(e1.offset == e2.offset && strcmp(e1.message, e2.message) == 0,
               "decoding in pieces gave another error");
    else
        expect(one.enc == cut.enc && one.has_bold == cut.has_bold &&
                   one.text_len == cut.text_len && memcmp(one.text, cut.text, one.text_len) == 0 &&
                   one.norm_len == cut.norm_len && memcmp(one.norm, cut.norm, one.norm_len) == 0 &&
                   one.mark_count == cut.mark_count &&
                   (!one.mark_count ||
                    memcmp(one.marks, cut.marks, one.mark_count * sizeof *one.marks) == 0),
               "decoding in pieces differs from one pass");
    ls_input_release(&one);
    ls_input_release(&cut);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    static const ls_format formats[] = {LS_FMT_JSONL, LS_FMT_JSON, LS_FMT_CSV, LS_FMT_TABLE,
                                        LS_FMT_TREE};
    ls_doc *doc = NULL;
    ls_error err;
    ls_status st;
    size_t i, count;

    check_prefilter(data, size);
    check_utf8(data, size);
    check_decode_pieces(data, size);
    memset(&err, 0, sizeof err);
    st = ls_doc_new((const char *)data, size, &doc, &err);
    if (st != LS_OK) {
        /* bad input is an error, never a crash: nothing more to run */
        check_failure(st, doc, &err);
        return 0;
    }
    check_text(doc, data, size);
    expect(ls_doc_extract(doc, &err) == LS_OK, "ls_doc_extract failed");
    check_mentions(doc);
    /* a second call does nothing */
    count = ls_doc_mention_count(doc);
    expect(ls_doc_extract(doc, &err) == LS_OK && ls_doc_mention_count(doc) == count,
           "a second ls_doc_extract changed the mentions");
    for (i = 0; i < sizeof formats / sizeof formats[0]; i++) {
        check_write(doc, formats[i], LS_WRITE_WHOLE, NULL);
        check_write(doc, formats[i], LS_WRITE_FILE, "fuzz.txt");
    }
    check_other_read(data, size, doc, 3, 0);
    check_other_read(data, size, doc, 0, 0);
    check_other_read(data, size, doc, 5, 1);
    check_parse(doc);
    ls_doc_free(doc);
    return 0;
}
