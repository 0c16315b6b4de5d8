/*
 * test_throttle.c — the sign-in throttle's table (src/server/throttle.c):
 * counts per key in a window, cleared on demand, and never forgotten while
 * the window lasts, however many other keys come (no eviction): the attack
 * of the audit, throwaway names pushing out a name's count, is replayed
 * with far more names than the old fixed table held.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include <cmocka.h>

#include "throttle.h"

#define WINDOW 900

static void test_counts_and_window(void **state)
{
    ls_throttle *t = ls_throttle_new(WINDOW);
    long left = -1;

    (void)state;
    assert_non_null(t);
    assert_int_equal(ls_throttle_count(t, "n:admin", 1000, &left), 0);
    assert_int_equal(left, 0);
    assert_true(ls_throttle_fail(t, "n:admin", 1000));
    assert_true(ls_throttle_fail(t, "n:admin", 1010));
    assert_int_equal(ls_throttle_count(t, "n:admin", 1020, &left), 2);
    assert_int_equal(left, WINDOW - 20);
    /* another key, and one that only shares a prefix, count apart */
    assert_int_equal(ls_throttle_count(t, "n:admin2", 1020, NULL), 0);
    assert_int_equal(ls_throttle_count(t, "a:127.0.0.1", 1020, NULL), 0);
    /* the window ends; the next failure opens a new one */
    assert_int_equal(ls_throttle_count(t, "n:admin", 1000 + WINDOW, NULL), 0);
    assert_true(ls_throttle_fail(t, "n:admin", 1000 + WINDOW));
    assert_int_equal(ls_throttle_count(t, "n:admin", 1000 + WINDOW, NULL), 1);
    ls_throttle_clear(t, "n:admin");
    assert_int_equal(ls_throttle_count(t, "n:admin", 1000 + WINDOW, NULL), 0);
    assert_false(ls_throttle_full(t, 1000 + WINDOW));
    ls_throttle_free(t);
    ls_throttle_free(NULL);
}

/* A long name is a key of its own, not its first 128 bytes. */
static void test_long_keys(void **state)
{
    ls_throttle *t = ls_throttle_new(WINDOW);
    char a[600], b[600];

    (void)state;
    memset(a, 'x', sizeof a - 1);
    a[sizeof a - 1] = '\0';
    memcpy(b, a, sizeof a);
    b[500] = 'y';
    assert_true(ls_throttle_fail(t, a, 1));
    assert_int_equal(ls_throttle_count(t, a, 2, NULL), 1);
    assert_int_equal(ls_throttle_count(t, b, 2, NULL), 0);
    ls_throttle_free(t);
}

/* 200,000 other keys failing inside the window (a flood of throwaway
 * names and addresses) do not make the table forget the first key. */
static void test_no_eviction(void **state)
{
    ls_throttle *t = ls_throttle_new(WINDOW);
    char key[64];
    unsigned i;

    (void)state;
    for (i = 0; i < 10; i++)
        assert_true(ls_throttle_fail(t, "n:admin", 100));
    for (i = 0; i < 200000; i++) {
        snprintf(key, sizeof key, "n:throwaway-%u", i);
        assert_true(ls_throttle_fail(t, key, 100 + (time_t)(i / 1000)));
    }
    assert_int_equal(ls_throttle_count(t, "n:admin", 400, NULL), 10);
    snprintf(key, sizeof key, "n:throwaway-%u", 123456u);
    assert_int_equal(ls_throttle_count(t, key, 400, NULL), 1);
    /* once every window has ended, the table is rebuilt small again and
     * still counts */
    assert_false(ls_throttle_full(t, 100 + 200 + WINDOW));
    assert_true(ls_throttle_fail(t, "n:late", 100 + 200 + WINDOW));
    assert_int_equal(ls_throttle_count(t, "n:admin", 100 + 200 + WINDOW, NULL), 0);
    ls_throttle_free(t);
}

/* Two tables (two server starts) hash with different keys: where a name
 * lands cannot be learned from another run. Both still count it. */
static void test_keyed(void **state)
{
    ls_throttle *a = ls_throttle_new(WINDOW), *b = ls_throttle_new(WINDOW);

    (void)state;
    assert_true(ls_throttle_fail(a, "n:x", 1));
    assert_int_equal(ls_throttle_count(a, "n:x", 1, NULL), 1);
    assert_int_equal(ls_throttle_count(b, "n:x", 1, NULL), 0);
    ls_throttle_free(a);
    ls_throttle_free(b);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_counts_and_window),
        cmocka_unit_test(test_long_keys),
        cmocka_unit_test(test_no_eviction),
        cmocka_unit_test(test_keyed),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
