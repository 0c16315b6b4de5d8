/*
 * test_docstream.c — `luoshi parse`'s two ways of saving memory give the
 * same document as the plain ones.
 *
 * 1. The tasks written as they are found (ls_doc_write_json before
 *    ls_doc_tasks has run) are the tasks ls_doc_tasks builds, byte for byte
 *    in the JSON, on the fixture reports and a saved web page.
 * 2. ls_doc_read_in_place reads a UTF-8 file where it is (the document's
 *    text is the caller's buffer) and gives the same document as
 *    ls_doc_read; GB18030, a web page, or bytes without a NUL after them
 *    are copied as before.
 * 3. Bytes read in place that change after the read (a file mapped into
 *    memory that another program writes: `luoshi extract` maps large
 *    files) give output that may not match them, never a read outside
 *    them: the text is scribbled over (invalid UTF-8, NULs, lead bytes at
 *    its end) before the stages and before the writers, under ASan; and
 *    while a thread flips bytes of the text as it is decoded and read, a
 *    read succeeds or is refused (not UTF-8, binary), never more.
 * Allocation failures on the streamed path are test_stages.c's.
 *
 * Usage: test_docstream FIXTURES_DIR
 */
#include <iconv.h>
#include <pthread.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "fixture.h"
#include "luoshi.h"

static const char *fixtures_dir;

static const char *const reports[] = {"datong-2023.txt", "guowuyuan-2024.txt", "hailaer-2019.txt",
                                      "hailaer-2019.html"};

/* The JSON of 'doc' (links run; tasks built first when 'build_tasks'). */
static char *document_json(ls_doc *doc, int build_tasks)
{
    char *out = NULL;

    if (build_tasks)
        assert_int_equal(ls_doc_tasks(doc, NULL), LS_OK);
    assert_int_equal(ls_doc_link(doc, NULL), LS_OK);
    assert_int_equal(ls_doc_write_json(doc, "x.txt", &out, NULL, NULL), LS_OK);
    return out;
}

static void test_streamed_tasks(void **state)
{
    size_t i;

    (void)state;
    for (i = 0; i < sizeof reports / sizeof reports[0]; i++) {
        size_t len;
        char *bytes = ls_test_fixture(fixtures_dir, reports[i], &len);
        ls_doc *built = NULL, *streamed = NULL;
        char *a, *b;
        assert_int_equal(ls_doc_read(reports[i], bytes, len, &built, NULL), LS_OK);
        assert_int_equal(ls_doc_read(reports[i], bytes, len, &streamed, NULL), LS_OK);
        a = document_json(built, 1);
        b = document_json(streamed, 0);
        /* the report has tasks, and the streamed document built none */
        assert_true(ls_doc_task_count(built) > 50);
        assert_int_equal(ls_doc_task_count(streamed), 0);
        assert_non_null(strstr(b, "\"role\": "));
        assert_string_equal(a, b);
        ls_free(a);
        ls_free(b);
        ls_doc_free(built);
        ls_doc_free(streamed);
        free(bytes);
    }
}

/* Asserts that reading 'bytes' in place and by copy give the same
 * document, and whether the text was read where it is ('in_place'). */
static void same_document(const char *name, const char *bytes, size_t len, int in_place)
{
    ls_doc *copied = NULL, *placed = NULL;
    const char *text;
    char *a, *b;

    assert_int_equal(ls_doc_read(name, bytes, len, &copied, NULL), LS_OK);
    assert_int_equal(ls_doc_read_in_place(name, bytes, len, &placed, NULL), LS_OK);
    text = ls_doc_text(placed, NULL);
    if (in_place)
        assert_ptr_equal(text, bytes);
    else
        assert_ptr_not_equal(text, bytes);
    assert_ptr_not_equal(ls_doc_text(copied, NULL), bytes);
    a = document_json(copied, 0);
    b = document_json(placed, 0);
    assert_string_equal(a, b);
    ls_free(a);
    ls_free(b);
    ls_doc_free(copied);
    ls_doc_free(placed);
}

static void test_read_in_place(void **state)
{
    size_t i, len;
    char *bytes;

    (void)state;
    for (i = 0; i < sizeof reports / sizeof reports[0]; i++) {
        bytes = ls_test_fixture(fixtures_dir, reports[i], &len);
        /* a web page's article text is a new text: never in place */
        same_document(reports[i], bytes, len, strstr(reports[i], ".txt") != NULL);
        /* without a NUL after its last byte the text is copied: the first
         * half of the file, to a line's end */
        len /= 2;
        while (len > 0 && bytes[len - 1] != '\n')
            len--;
        same_document(reports[i], bytes, len, 0);
        free(bytes);
    }
}

static void test_gb18030_copied(void **state)
{
    size_t len, in_left, out_left, out_len;
    char *utf8 = ls_test_fixture(fixtures_dir, "datong-2023.txt", &len), *in = utf8;
    char *gb = malloc(len * 2 + 1), *out = gb;
    iconv_t cd = iconv_open("GB18030", "UTF-8");
    ls_doc *doc = NULL;
    size_t text_len;

    (void)state;
    assert_non_null(gb);
    assert_true(cd != (iconv_t)-1);
    in_left = len;
    out_left = len * 2;
    assert_true(iconv(cd, &in, &in_left, &out, &out_left) != (size_t)-1);
    iconv_close(cd);
    out_len = len * 2 - out_left;
    gb[out_len] = '\0';
    same_document("gb.txt", gb, out_len, 0);
    /* decoded to the UTF-8 of the file */
    assert_int_equal(ls_doc_read_in_place("gb.txt", gb, out_len, &doc, NULL), LS_OK);
    assert_memory_equal(ls_doc_text(doc, &text_len), utf8, len);
    assert_int_equal(text_len, len);
    ls_doc_free(doc);
    free(gb);
    free(utf8);
}

/* What a writer handed over: its length and an FNV-1a hash, not kept. */
typedef struct {
    size_t n;
    uint64_t hash;
} output_seen;

static int count_sink(void *ctx, const char *bytes, size_t n)
{
    output_seen *seen = ctx;
    size_t i;

    for (i = 0; i < n; i++)
        seen->hash = (seen->hash ^ (unsigned char)bytes[i]) * 1099511628211u;
    seen->n += n;
    return 1;
}

/* Overwrites the 'len' bytes at 'text' (never the NUL after them) by
 * 'pattern': 0 bytes 0xFF, 1 NULs, 2 a four-byte lead byte everywhere,
 * 3 a shifted copy of the text (valid UTF-8 cut mid-character), 4 random
 * bytes. */
static void scribble(char *text, size_t len, int pattern)
{
    size_t i;
    unsigned x = 12345;

    for (i = 0; i < len; i++) {
        x = x * 1103515245u + 12345u;
        text[i] = pattern == 0 ? (char)0xFF
                  : pattern == 1 ? '\0'
                  : pattern == 2 ? (char)0xF0
                  : pattern == 3 ? text[i + 1 < len ? i + 1 : i]
                                 : (char)(x >> 16);
    }
}

/* Writes every output of 'doc' (mentions in each format, the outline in
 * each, the whole document) into a counting sink and returns its hash;
 * their statuses are not asserted (changed bytes may fail a writer
 * cleanly), only that they run within the text (ASan). */
static uint64_t write_everything(const ls_doc *doc)
{
    static const ls_format mention_formats[] = {LS_FMT_JSONL, LS_FMT_JSON, LS_FMT_CSV,
                                                LS_FMT_TABLE};
    static const ls_format outline_formats[] = {LS_FMT_JSONL, LS_FMT_JSON, LS_FMT_TREE};
    output_seen n = {0, 14695981039346656037u};
    size_t i;

    for (i = 0; i < sizeof mention_formats / sizeof mention_formats[0]; i++)
        (void)ls_mentions_stream(doc, mention_formats[i], "x.txt", LS_WRITE_HEADER, 1, count_sink,
                                 &n, NULL);
    for (i = 0; i < sizeof outline_formats / sizeof outline_formats[0]; i++)
        (void)ls_outline_stream(doc, outline_formats[i], "x.txt", 0, 1, count_sink, &n, NULL);
    (void)ls_doc_stream_json(doc, "x.txt", count_sink, &n, NULL);
    assert_true(n.n > 0);
    return n.hash;
}

static void test_changed_after_read(void **state)
{
    size_t i, len;
    int pattern, before_stages;

    (void)state;
    for (i = 0; i < sizeof reports / sizeof reports[0]; i++) {
        if (!strstr(reports[i], ".txt"))
            continue;
        for (pattern = 0; pattern <= 4; pattern++)
            for (before_stages = 0; before_stages <= 1; before_stages++) {
                char *bytes = ls_test_fixture(fixtures_dir, reports[i], &len);
                ls_doc *doc = NULL;
                uint64_t unchanged;
                assert_int_equal(ls_doc_read_in_place(reports[i], bytes, len, &doc, NULL), LS_OK);
                assert_ptr_equal(ls_doc_text(doc, NULL), bytes);
                if (before_stages)
                    scribble(bytes, len, pattern);
                assert_int_equal(ls_doc_extract(doc, NULL), LS_OK);
                assert_int_equal(ls_doc_link(doc, NULL), LS_OK);
                assert_true(ls_doc_mention_count(doc) > 40);
                if (!before_stages) {
                    /* the writers read the text: what they write changes */
                    unchanged = write_everything(doc);
                    scribble(bytes, len, pattern);
                    assert_true(write_everything(doc) != unchanged);
                } else {
                    (void)write_everything(doc);
                }
                ls_doc_free(doc);
                free(bytes);
            }
    }
}

/* The racing writer of test_changed_while_read: sets a byte of 'text'
 * ('len' of them; never the NUL after) to 0xFF, 0xEF, 0xC3 or a NUL for a
 * while, then back, one after another until told to stop. */
typedef struct {
    volatile char *text;
    size_t len;
    volatile int stop;
    unsigned long flips;
} racer;

static void *race(void *arg)
{
    racer *r = arg;
    unsigned x = 987654321u;
    static const char bad[] = {(char)0xFF, (char)0xEF, '\0', (char)0xC3};

    while (!r->stop) {
        size_t at;
        char was;
        int spin;
        x = x * 1103515245u + 12345u;
        at = (x >> 8) % r->len;
        was = r->text[at];
        r->text[at] = bad[(x >> 4) & 3];
        for (spin = 0; spin < 20000 && !r->stop; spin++)
            (void)r->text[at]; /* a while: a read may meet it */
        r->text[at] = was;
        r->flips++;
    }
    return NULL;
}

static void test_changed_while_read(void **state)
{
    size_t one, len = 0, i, changed = 0;
    char *report = ls_test_fixture(fixtures_dir, "datong-2023.txt", &one);
    char *text = malloc(one * 160 + 1); /* about 4 MB: decoded in pieces on threads */
    racer r;
    pthread_t writer;

    (void)state;
    assert_non_null(text);
    for (i = 0; i < 160; i++, len += one)
        memcpy(text + len, report, one);
    text[len] = '\0';
    memset(&r, 0, sizeof r);
    r.text = text;
    r.len = len;
    assert_int_equal(pthread_create(&writer, NULL, race, &r), 0);
    for (i = 0; i < 12; i++) {
        ls_doc *doc = NULL;
        ls_error err;
        ls_status st = ls_doc_read_in_place("x.txt", text, len, &doc, &err);
        /* read, or refused as not UTF-8 or binary: never anything else */
        assert_true(st == LS_OK || st == LS_EUTF8 || st == LS_EBINARY);
        if (st == LS_OK) {
            assert_int_equal(ls_doc_extract(doc, NULL), LS_OK);
            assert_int_equal(ls_doc_link(doc, NULL), LS_OK);
            (void)write_everything(doc);
        } else {
            changed++;
        }
        ls_doc_free(doc);
    }
    r.stop = 1;
    pthread_join(writer, NULL);
    assert_true(r.flips > 0);
    printf("[          ] %zu of 12 reads refused while %lu bytes were changed\n", changed,
           r.flips);
    free(text);
    free(report);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_streamed_tasks),
        cmocka_unit_test(test_read_in_place),
        cmocka_unit_test(test_gb18030_copied),
        cmocka_unit_test(test_changed_after_read),
        cmocka_unit_test(test_changed_while_read),
    };

    if (argc != 2) {
        fprintf(stderr, "usage: test_docstream FIXTURES_DIR\n");
        return 2;
    }
    fixtures_dir = argv[1];
    return cmocka_run_group_tests(tests, NULL, NULL);
}
