/*
 * test_extract_parts.c — extraction cut into parts read on threads gives
 * the mentions of one pass.
 *
 * ls_extract_run cuts a long text at line starts and reads the parts on
 * threads of their own (extract.c). Every report of the fixtures (the
 * three gold reports, the corpus copies, the 31 provinces of 2026) is read
 * once in one pass and again cut into 2, 3, 5 and 8 parts whatever its
 * length, and once in one pass without the filters and indexes of word
 * lists the scan lends its classifiers; each mention must agree field by
 * field, strings included. Then
 * every allocation of a run cut into 3 parts fails in turn: the run returns
 * LS_ENOMEM or the mentions of one pass, and leaks nothing (ASan build).
 * `luoshi parse` writes the tasks of a long text in stretches cut at part
 * headings on threads (report_doc.c): every report written with a stretch
 * at each part heading, on 2 and 3 threads, must be the bytes of one walk;
 * a sink that fails midway stops the writing with LS_EIO. The links of
 * every report, and of the reports in one text, built in ranges of targets
 * on threads are those of one range.
 * Usage: test_extract_parts FIXTURES_DIR
 */
#include <dirent.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "buf.h"
#include "doc.h"
#include "extract.h"
#include "link.h"
#include "tasks.h"
#include "luoshi.h"

/* Room for a path built from the fixtures directory. */
#define PATH_SIZE 1024

static const char *fixtures_dir;

/* The whole file at 'path' (the caller frees it), its length in '*len'. */
static char *read_all(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    char *buf;
    long n;

    assert_non_null(f);
    assert_int_equal(fseek(f, 0, SEEK_END), 0);
    n = ftell(f);
    assert_true(n > 0);
    rewind(f);
    buf = malloc((size_t)n);
    assert_non_null(buf);
    assert_int_equal(fread(buf, 1, (size_t)n, f), (size_t)n);
    fclose(f);
    *len = (size_t)n;
    return buf;
}

/* How read_in_parts reads: the text cut into 'pieces' on 'threads'
 * threads, the outline built before (0) or on the calling thread while the
 * threads read (1); 'pieces' PLAIN: one pass, nothing lent. */
typedef struct {
    size_t pieces, threads;
    int meanwhile;
} cut_way;

/* For cut_way: one pass without the filters and indexes of word lists
 * lent to the classifiers (ls_extract_run_plain). */
#define PLAIN 0

/* ls_doc_outline for ls_extract_run_with. */
static ls_status outline(ls_doc *doc, void *ctx)
{
    (void)ctx;
    return ls_doc_outline(doc, NULL);
}

/* A document of 'bytes' with its outline and its mentions read 'how',
 * or NULL when memory ran out (only while allocations are made to fail). */
static ls_doc *read_in_parts(const char *bytes, size_t len, cut_way how)
{
    ls_doc *doc = NULL;
    ls_status st;

    st = ls_doc_new(bytes, len, &doc, NULL);
    if (st != LS_OK) {
        assert_int_equal(st, LS_ENOMEM);
        return NULL;
    }
    if (how.meanwhile) {
        st = ls_extract_run_with(doc, how.pieces, how.threads, outline, NULL);
    } else {
        st = ls_doc_outline(doc, NULL);
        if (st == LS_OK)
            st = how.pieces == PLAIN ? ls_extract_run_plain(doc)
                                     : ls_extract_run_with(doc, how.pieces, how.threads, NULL, NULL);
    }
    if (st != LS_OK) {
        assert_int_equal(st, LS_ENOMEM);
        ls_doc_free(doc);
        return NULL;
    }
    return doc;
}

static int same_string(const char *a, const char *b)
{
    return (a == NULL) == (b == NULL) && (!a || strcmp(a, b) == 0);
}

/* Counts, and prints, the mentions of 'b' that differ from those of 'a'. */
static int differences(const char *name, cut_way way, const ls_doc *a, const ls_doc *b)
{
    size_t i, n = ls_doc_mention_count(a);
    char how[96];
    int bad = 0;

    if (way.pieces == PLAIN)
        snprintf(how, sizeof how, "read plain");
    else
        snprintf(how, sizeof how, "in %zu pieces on %zu threads%s", way.pieces, way.threads,
                 way.meanwhile ? " while outlined" : "");

    if (ls_doc_mention_count(b) != n) {
        print_error("%s %s: %zu mentions, one pass %zu\n", name, how,
                    ls_doc_mention_count(b), n);
        return 1;
    }
    for (i = 0; i < n; i++) {
        const ls_mention *x = ls_doc_mention(a, i), *y = ls_doc_mention(b, i);
        if (x->start != y->start || x->end != y->end || x->value != y->value ||
            x->value_max != y->value_max || x->has_max != y->has_max || x->kind != y->kind ||
            x->op != y->op || x->change != y->change || x->part != y->part ||
            !same_string(x->unit, y->unit) || !same_string(x->metric, y->metric)) {
            print_error("%s %s: mention %zu at byte %zu differs (metric \"%s\" / \"%s\")\n",
                        name, how, i, x->start, x->metric, y->metric);
            bad++;
        }
    }
    return bad;
}

/* A check of one report: the bytes of the file 'name' ('len' of them);
 * returns the number of differences it found. */
typedef int (*report_check)(const char *name, const char *bytes, size_t len, void *ctx);

/* Runs 'check' on every .txt file of the fixtures directory, of its corpus
 * and of the provinces of 2026; returns the sum of its differences and
 * sets '*reports' to the number of reports checked. */
static int each_report(report_check check, void *ctx, size_t *reports)
{
    static const char *const dirs[] = {"", "/corpus", "/corpus/provinces-2026"};
    char dir[PATH_SIZE], path[2 * PATH_SIZE];
    size_t i;
    int bad = 0;

    *reports = 0;
    for (i = 0; i < sizeof dirs / sizeof dirs[0]; i++) {
        DIR *d;
        struct dirent *e;
        snprintf(dir, sizeof dir, "%s%s", fixtures_dir, dirs[i]);
        d = opendir(dir);
        if (!d)
            print_error("cannot open %s\n", dir);
        assert_non_null(d);
        while ((e = readdir(d)) != NULL) {
            size_t n = strlen(e->d_name), len;
            char *bytes;
            if (n < 5 || strcmp(e->d_name + n - 4, ".txt") != 0)
                continue;
            snprintf(path, sizeof path, "%s/%s", dir, e->d_name);
            bytes = read_all(path, &len);
            bad += check(e->d_name, bytes, len, ctx);
            free(bytes);
            (*reports)++;
        }
        closedir(d);
    }
    return bad;
}

/* Checks one report in every cut and read plain, adding its mentions to
 * '*(size_t *)ctx'. */
static int check_cuts(const char *name, const char *bytes, size_t len, void *ctx)
{
    static const cut_way cuts[] = {
        {2, 2, 0}, {3, 3, 0}, {5, 5, 0}, {LS_EXTRACT_PARTS_MAX, LS_EXTRACT_PARTS_MAX, 0},
        {PLAIN, 1, 0}, {1, 1, 1}, {7, 2, 1}, {LS_EXTRACT_PIECES_MAX, 3, 1}};
    static const cut_way one_pass = {1, 1, 0};
    size_t i;
    ls_doc *one = read_in_parts(bytes, len, one_pass);
    int bad = 0;

    assert_non_null(one);
    *(size_t *)ctx += ls_doc_mention_count(one);
    for (i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        ls_doc *cut = read_in_parts(bytes, len, cuts[i]);
        assert_non_null(cut);
        bad += differences(name, cuts[i], one, cut);
        ls_doc_free(cut);
    }
    ls_doc_free(one);
    return bad;
}

static void test_cuts_agree(void **state)
{
    size_t reports, mentions = 0;
    int bad;

    (void)state;
    bad = each_report(check_cuts, &mentions, &reports);
    print_message("%zu reports, %zu mentions, each the same in 2, 3, 5 and %d parts, read "
                  "without lent filters and indexes, and read while the outline is built (1, "
                  "7 and %d pieces)\n",
                  reports, mentions, LS_EXTRACT_PARTS_MAX, LS_EXTRACT_PIECES_MAX);
    /* the three gold reports, eight more of the corpus and 31 provinces */
    assert_true(reports >= 40);
    assert_true(mentions > 5000);
    assert_int_equal(bad, 0);
}

static void test_parts_for(void **state)
{
    (void)state;
    assert_int_equal(ls_extract_parts_for(0), 1);
    assert_int_equal(ls_extract_parts_for(LS_EXTRACT_PART_MIN - 1), 1);
    assert_true(ls_extract_parts_for((size_t)LS_EXTRACT_PART_MIN * 100) >= 1);
    assert_true(ls_extract_parts_for((size_t)LS_EXTRACT_PART_MIN * 100) <= LS_EXTRACT_PARTS_MAX);
    /* one piece a thread at least, more for the thread that outlines */
    assert_int_equal(ls_extract_pieces_for(LS_EXTRACT_PIECE * 100, 1), 1);
    assert_int_equal(ls_extract_pieces_for(LS_EXTRACT_PIECE, 2), 2);
    assert_int_equal(ls_extract_pieces_for((size_t)LS_EXTRACT_PIECE * 10, 2), 10);
    assert_int_equal(ls_extract_pieces_for((size_t)LS_EXTRACT_PIECE * 1000, 2),
                     LS_EXTRACT_PIECES_MAX);
}

static void test_alloc_failures(void **state)
{
    /* three pieces on three threads after the outline; three on two while
     * it is built (a failure of the outline or of a piece, in any order) */
    static const cut_way ways[] = {{3, 3, 0}, {3, 2, 1}};
    char path[PATH_SIZE];
    size_t len, fail_at, failures, w;
    char *bytes;
    ls_doc *one;

    (void)state;
    snprintf(path, sizeof path, "%s/datong-2023.txt", fixtures_dir);
    bytes = read_all(path, &len);
    one = read_in_parts(bytes, len, (cut_way){1, 1, 0});
    assert_non_null(one);
    for (w = 0; w < sizeof ways / sizeof ways[0]; w++) {
        for (fail_at = 0, failures = 0;; fail_at++) {
            ls_doc *cut;
            ls_alloc_fail_after((long)fail_at);
            cut = read_in_parts(bytes, len, ways[w]);
            ls_alloc_fail_after(-1);
            if (cut) {
                assert_int_equal(differences("datong-2023.txt", ways[w], one, cut), 0);
                ls_doc_free(cut);
                break;
            }
            failures++;
        }
        /* the document, its outline and each piece's lists and strings */
        assert_true(failures > 10);
    }
    ls_doc_free(one);
    free(bytes);
}

static int same_links(const ls_link *a, size_t na, const ls_link *b, size_t nb)
{
    size_t i;

    if (na != nb)
        return 0;
    for (i = 0; i < na; i++)
        if (a[i].target != b[i].target || a[i].baseline != b[i].baseline ||
            a[i].similarity != b[i].similarity || a[i].change_abs != b[i].change_abs ||
            a[i].has_pct != b[i].has_pct || (a[i].has_pct && a[i].change_pct != b[i].change_pct))
            return 0;
    return 1;
}

/* The links of one report's mentions built in 2, 3 and 8 ranges of
 * targets on threads equal those of one range, field by field; adds the
 * links to '*(size_t *)ctx'. */
static int check_link_ranges(const char *name, const char *bytes, size_t len, void *ctx)
{
    static const size_t cuts[] = {2, 3, 8};
    ls_doc *doc = NULL;
    ls_link *one, *cut;
    size_t n_one, n_cut, i;
    int bad = 0;

    assert_int_equal(ls_doc_new(bytes, len, &doc, NULL), LS_OK);
    assert_int_equal(ls_doc_extract(doc, NULL), LS_OK);
    assert_int_equal(ls_link_build_ranges(doc->mentions, doc->mention_count, 1, &one, &n_one),
                     LS_OK);
    for (i = 0; i < sizeof cuts / sizeof cuts[0]; i++) {
        assert_int_equal(
            ls_link_build_ranges(doc->mentions, doc->mention_count, cuts[i], &cut, &n_cut),
            LS_OK);
        if (!same_links(one, n_one, cut, n_cut)) {
            print_error("%s: the links built in %zu ranges differ from one range's\n", name,
                        cuts[i]);
            bad++;
        }
        ls_free(cut);
    }
    *(size_t *)ctx += n_one;
    ls_free(one);
    ls_doc_free(doc);
    return bad;
}

/* Every report's links, and those of all reports in one text (a range's
 * targets look back to the review of a range before), are the same in
 * ranges on threads. */
static void test_link_ranges_agree(void **state)
{
    static const char *const names[] = {"datong-2023.txt", "guowuyuan-2024.txt",
                                        "hailaer-2019.txt"};
    char path[PATH_SIZE], *all = NULL;
    size_t reports, links = 0, all_len = 0, i, k;
    int bad;

    (void)state;
    bad = each_report(check_link_ranges, &links, &reports);
    for (k = 0; k < 4; k++)
        for (i = 0; i < sizeof names / sizeof names[0]; i++) {
            size_t n;
            char *bytes;
            snprintf(path, sizeof path, "%s/%s", fixtures_dir, names[i]);
            bytes = read_all(path, &n);
            all = realloc(all, all_len + n + 1);
            assert_non_null(all);
            memcpy(all + all_len, bytes, n);
            all_len += n;
            all[all_len++] = '\n';
            free(bytes);
        }
    bad += check_link_ranges("the reports in one text", all, all_len, &links);
    free(all);
    print_message("%zu reports and their concatenation, %zu links, the same in 2, 3 and 8 "
                  "ranges\n", reports, links);
    assert_true(links > 100);
    assert_int_equal(bad, 0);
}

/* A sink into an ls_buf that fails once it has taken 'fail_at' bytes. */
typedef struct {
    ls_buf out;
    size_t fail_at;
} capped_sink;

static int capped_write(void *ctx, const char *bytes, size_t n)
{
    capped_sink *c = ctx;

    if (c->out.len + n > c->fail_at)
        return 0;
    ls_buf_append(&c->out, bytes, n);
    return !c->out.failed;
}

/* The JSON document of 'doc' with its tasks cut at every part heading on
 * 'workers' threads (1: one walk); the caller releases 'out'. */
static ls_status write_cut(const ls_doc *doc, size_t workers, size_t fail_at, ls_buf *out)
{
    capped_sink c;
    ls_status st;

    ls_buf_init(&c.out);
    c.fail_at = fail_at;
    st = ls_doc_stream_json_cut(doc, "report.txt", capped_write, &c, 1, workers, NULL);
    *out = c.out;
    return st;
}

/* The part headings of 'doc' where its tasks may be cut. */
static size_t cut_points(const ls_doc *doc)
{
    ls_tasks_input ti;
    size_t h, n = 0;

    ls_doc_tasks_input(doc, &ti);
    for (h = 0; h < ti.heading_count; h++)
        n += ls_tasks_part_start(&ti, h) != LS_NONE;
    return n;
}

/* Checks the tasks of one report written in stretches, counting in
 * '*(size_t *)ctx' the reports that have a cut point. */
static int check_stretches(const char *name, const char *bytes, size_t len, void *ctx)
{
    ls_doc *doc = NULL;
    ls_buf one, cut;
    size_t workers;
    int bad = 0;

    assert_int_equal(ls_doc_new(bytes, len, &doc, NULL), LS_OK);
    assert_int_equal(ls_doc_link(doc, NULL), LS_OK);
    assert_int_equal(write_cut(doc, 1, SIZE_MAX, &one), LS_OK);
    for (workers = 2; workers <= 3; workers++) {
        assert_int_equal(write_cut(doc, workers, SIZE_MAX, &cut), LS_OK);
        if (cut.len != one.len || memcmp(cut.data, one.data, one.len) != 0) {
            print_error("%s: the tasks written on %zu threads differ from one walk\n", name,
                        workers);
            bad++;
        }
        ls_buf_release(&cut);
    }
    /* a sink that fails halfway: an error, whatever thread was writing */
    assert_int_equal(write_cut(doc, 2, one.len / 2, &cut), LS_EIO);
    ls_buf_release(&cut);
    /* a report of two parts or more is cut at least once */
    *(size_t *)ctx += cut_points(doc) > 0;
    ls_buf_release(&one);
    ls_doc_free(doc);
    return bad;
}

/* A report followed by a paragraph of 'figures' figures: more mentions
 * than a block of them written on a thread holds (report_doc.c); the
 * caller frees it. */
static char *dense_report(size_t figures, size_t *len)
{
    char path[PATH_SIZE], *report, *s;
    size_t n, i, at;

    snprintf(path, sizeof path, "%s/datong-2023.txt", fixtures_dir);
    report = read_all(path, &n);
    s = malloc(n + figures * 32 + 2);
    assert_non_null(s);
    memcpy(s, report, n);
    at = n;
    for (i = 0; i < figures; i++)
        at += (size_t)sprintf(s + at, "产量增长%zu%%，", i % 97);
    s[at++] = '\n';
    free(report);
    *len = at;
    return s;
}

/* A text of 'items' numbered list items (一、… 十、 over and over), each
 * a heading with a figure under it: an outline longer than a block of
 * headings written on a thread holds (report_doc.c, OUTLINE_BLOCK). */
static char *many_headings(size_t items, size_t *len)
{
    static const char *const numerals[] = {"一", "二", "三", "四", "五",
                                           "六", "七", "八", "九", "十"};
    char *s = malloc(items * 64 + 1);
    size_t i, at = 0;

    assert_non_null(s);
    for (i = 0; i < items; i++)
        at += (size_t)sprintf(s + at, "%s、推进第%zu项工作\n产量增长%zu%%。\n", numerals[i % 10], i,
                              i % 97);
    *len = at;
    return s;
}

static void test_stretches_agree(void **state)
{
    size_t reports, cut_reports = 0, len, dense_cut = 0;
    char *dense;
    ls_doc *doc = NULL;
    int bad;

    (void)state;
    /* the text in two pieces and more, the mentions in four blocks and
     * more, then the tasks (report_doc.c) */
    dense = dense_report(20000, &len);
    assert_true(len > (256u << 10));
    bad = check_stretches("dense", dense, len, &dense_cut);
    free(dense);
    /* the outline in three blocks and more */
    dense = many_headings(6000, &len);
    assert_int_equal(ls_doc_new(dense, len, &doc, NULL), LS_OK);
    assert_int_equal(ls_doc_outline(doc, NULL), LS_OK);
    assert_true(ls_doc_heading_count(doc) > 2 * 4096);
    ls_doc_free(doc);
    bad += check_stretches("many headings", dense, len, &dense_cut);
    free(dense);
    bad += each_report(check_stretches, &cut_reports, &reports);
    print_message("%zu reports written with their tasks in stretches, %zu of them cut\n", reports,
                  cut_reports);
    assert_true(reports >= 40);
    assert_true(cut_reports >= 30);
    assert_int_equal(bad, 0);
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_cuts_agree),
        cmocka_unit_test(test_parts_for),
        cmocka_unit_test(test_alloc_failures),
        cmocka_unit_test(test_stretches_agree),
        cmocka_unit_test(test_link_ranges_agree),
    };

    if (argc < 2) {
        fprintf(stderr, "usage: test_extract_parts FIXTURES_DIR\n");
        return 2;
    }
    fixtures_dir = argv[1];
    return cmocka_run_group_tests(tests, NULL, NULL);
}
