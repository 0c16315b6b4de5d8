/*
 * test_text.c — the fast paths of text.h say what their plain forms say.
 *
 * On the text of the three gold reports, and on one of characters of one
 * to four bytes: ls_text_chars_max is the count of ls_text_chars cut at
 * cap + 1, for spans that start anywhere (in a character too) and every
 * cap up to 80; ls_word_index_starts and
 * ls_word_index_ends answer as ls_text_starts_with_any and
 * ls_text_ends_with_any at every character of the text, for lists of words
 * drawn from the text itself (one to four characters, so that they occur,
 * share first and last characters, and prefix each other), and the word
 * filters never reject a position where a word starts; ls_text_find_any
 * finds the first word of a span as a walk over its characters does.
 * The part reader's votes (parts.c, which finds the clauses' marks by the
 * prefilter's scan) over a whole report are the sum of the votes of its
 * clauses read one by one, each cut at a mark found a character at a time.
 * Usage: test_text FIXTURES_DIR
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>

#include "fixture.h"
#include "parts.h"
#include "text.h"

#define WORDS 200 /* words a drawn list holds (LS_WORD_INDEX_MAX at most) */

static const char *fixtures_dir;
static const char *const reports[] = {"datong-2023.txt", "guowuyuan-2024.txt", "hailaer-2019.txt"};

static unsigned next(unsigned *seed)
{
    *seed = *seed * 1103515245u + 12345u;
    return (*seed >> 16) & 0x7fff;
}

/* 'len' bytes of characters of one to four bytes (a, é, 中, 𠀀) in runs
 * of one width drawn at random: a span of them may hold fewer characters
 * than a report's. */
static char *mixed_text(size_t len, unsigned *seed)
{
    static const char *const chars[] = {"a", "\xC3\xA9", "\xE4\xB8\xAD", "\xF0\xA0\x80\x80"};
    char *s = malloc(len + 1);
    size_t n = 0;

    assert_non_null(s);
    /* in runs of one width, up to 200 characters long */
    while (n < len) {
        const char *c = chars[next(seed) % 4];
        size_t k = strlen(c), run = 1 + next(seed) % 200;
        for (; run > 0 && n < len; run--) {
            if (n + k > len)
                c = "a", k = 1;
            memcpy(s + n, c, k);
            n += k;
        }
    }
    s[len] = '\0';
    return s;
}

static void test_chars_max(void **state)
{
    unsigned seed = 7;
    size_t r, checked = 0;

    (void)state;
    for (r = 0; r <= sizeof reports / sizeof *reports; r++) {
        size_t len = 40000, round;
        char *s = r < sizeof reports / sizeof *reports
                      ? ls_test_fixture(fixtures_dir, reports[r], &len)
                      : mixed_text(len, &seed);
        for (round = 0; round < 20000; round++) {
            size_t a = (size_t)next(&seed) * 32768u % len;
            size_t span = round % 4 == 0 ? (size_t)next(&seed) % 2000 : (size_t)next(&seed) % 400;
            size_t b = a + span < len ? a + span : len, cap = (size_t)next(&seed) % 81;
            size_t all = ls_text_chars(s, a, b), want = all < cap + 1 ? all : cap + 1;
            size_t got = ls_text_chars_max(s, a, b, cap);
            if (got != want)
                print_error("%s [%zu, %zu) cap %zu: %zu, not %zu\n",
                            r < sizeof reports / sizeof *reports ? reports[r] : "mixed", a, b, cap,
                            got, want);
            assert_int_equal(got, want);
            checked++;
        }
        free(s);
    }
    assert_true(checked == 80000);
}

/* Draws 'n' words of one to four characters from Chinese runs of 's' into
 * 'words' (terminated by LS_W_END); their bytes point into 's'. */
static void draw_words(const char *s, size_t len, unsigned *seed, ls_word *words, size_t n)
{
    size_t k = 0;

    while (k < n) {
        size_t p = (size_t)next(seed) * 32768u % len, chars = 1 + (size_t)next(seed) % 4, i, q;
        /* to a character's start, then only Chinese characters */
        while (p < len && ((unsigned char)s[p] & 0xC0) == 0x80)
            p++;
        for (i = 0, q = p; i < chars && ls_text_is_han(s, q, len); i++)
            q += 3;
        if (i < chars)
            continue;
        words[k].s = s + p;
        words[k].n = q - p;
        k++;
    }
    words[k].s = NULL;
    words[k].n = 0;
}

static void test_word_index(void **state)
{
    static ls_word words[WORDS + 1];
    unsigned seed = 19;
    size_t r, found = 0, ended = 0;

    (void)state;
    for (r = 0; r < sizeof reports / sizeof *reports; r++) {
        size_t len, list;
        char *s = ls_test_fixture(fixtures_dir, reports[r], &len);
        for (list = 0; list < 4; list++) {
            ls_word_index starts, ends;
            ls_word_filter filter, end_filter;
            size_t p;
            draw_words(s, len, &seed, words, list == 0 ? 3 : WORDS / list);
            assert_true(ls_word_index_build(&starts, words));
            assert_true(ls_word_index_build_ends(&ends, words));
            memset(&filter, 0, sizeof filter);
            ls_word_filter_add(&filter, words);
            memset(&end_filter, 0, sizeof end_filter);
            ls_word_filter_add_ends(&end_filter, words);
            /* the first word of a span, found with and without the filter */
            for (p = 0; p < 3000; p++) {
                size_t a = (size_t)next(&seed) * 32768u % len, span = (size_t)next(&seed) % 300;
                size_t b, q, want;
                while (a < len && ((unsigned char)s[a] & 0xC0) == 0x80)
                    a++;
                b = a + span < len ? a + span : len;
                while (b < len && ((unsigned char)s[b] & 0xC0) == 0x80)
                    b++;
                for (want = b, q = a; q < b && want == b; q = ls_text_next(s, q, b))
                    if (ls_text_starts_with_any(s, q, b, words))
                        want = q;
                assert_int_equal(ls_text_find_any(s, a, b, words), want);
            }
            for (p = 0; p < len; p = ls_text_next(s, p, len)) {
                size_t want = ls_text_starts_with_any(s, p, len, words);
                size_t want_end = ls_text_ends_with_any(s, 0, p, words);
                assert_int_equal(ls_word_index_starts(&starts, s, p, len), want);
                assert_int_equal(ls_word_index_ends(&ends, s, 0, p), want_end);
                /* a filter may pass where no word is, never reject one */
                if (want)
                    assert_true(ls_word_filter_may(&filter, s + p));
                if (want_end)
                    assert_true(ls_word_filter_may_end(&end_filter, s, 0, p));
                found += want > 0;
                ended += want_end > 0;
            }
        }
        free(s);
    }
    print_message("%zu word starts and %zu word ends found alike\n", found, ended);
    assert_true(found > 10000 && ended > 10000);
}

/* The length of the clause mark at 'p' of 's' (。 ; ! ? or a line
 * break, as parts.h says), or 0. */
static size_t clause_mark_at(const char *s, size_t p, size_t len)
{
    if (s[p] == ';' || s[p] == '!' || s[p] == '?' || s[p] == '\n')
        return 1;
    return p + 3 <= len && memcmp(s + p, "。", 3) == 0 ? 3 : 0;
}

static void test_parts_read(void **state)
{
    size_t r, k, clauses = 0;

    (void)state;
    for (r = 0; r < sizeof reports / sizeof *reports; r++) {
        size_t len, p, start = 0, n;
        char *s = ls_test_fixture(fixtures_dir, reports[r], &len);
        ls_part_votes whole, pieces;
        memset(&whole, 0, sizeof whole);
        memset(&pieces, 0, sizeof pieces);
        ls_parts_read(s, 0, len, &whole);
        for (p = 0; p < len; p = ls_text_next(s, p, len))
            if ((n = clause_mark_at(s, p, len)) > 0) {
                ls_parts_read(s, start, p, &pieces);
                start = p + n;
            }
        ls_parts_read(s, start, len, &pieces);
        assert_int_equal(whole.clauses, pieces.clauses);
        for (k = 0; k < sizeof whole.votes / sizeof *whole.votes; k++)
            assert_int_equal(whole.votes[k], pieces.votes[k]);
        /* the reviews and the plans of the reports: both parts get votes */
        assert_true(whole.votes[LS_PART_REVIEW] > 10 && whole.votes[LS_PART_PLAN] > 10);
        clauses += whole.clauses;
        free(s);
    }
    print_message("%zu clauses voted alike\n", clauses);
    assert_true(clauses > 800);
    {
        /* clauses of three characters (too short to vote) after each mark:
         * a mark's bytes read as a character would make them vote */
        static const char shorts[] = "政府工。作报告;过去一!年来的?今年要\n做好的。";
        ls_part_votes v;
        memset(&v, 0, sizeof v);
        ls_parts_read(shorts, 0, sizeof shorts - 1, &v);
        assert_int_equal(v.clauses, 0);
        ls_parts_read("过去一年来，我们坚持稳中求进", 0,
                      strlen("过去一年来，我们坚持稳中求进"), &v);
        assert_int_equal(v.clauses, 1);
    }
}

int main(int argc, char **argv)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_chars_max),
        cmocka_unit_test(test_word_index),
        cmocka_unit_test(test_parts_read),
    };

    if (argc < 2) {
        fprintf(stderr, "usage: test_text FIXTURES_DIR\n");
        return 2;
    }
    fixtures_dir = argv[1];
    return cmocka_run_group_tests(tests, NULL, NULL);
}
