/*
 * test_jsonw.c — the JSON writer (src/format/jsonw.c) against jansson: the same
 * values, written by both, must give the same bytes (strings with every
 * control character and real UTF-8, reals from 1e-300 to 1e300 at both
 * precisions the project uses, integers at their limits, nesting), and a
 * sink must receive the text in pieces that join to it.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include <cmocka.h>
#include <jansson.h>

#include "alloc.h"
#include "jsonw.h"

/* xorshift32: the same sequence on every machine. */
static int next(unsigned *s)
{
    *s ^= *s << 13;
    *s ^= *s >> 17;
    *s ^= *s << 5;
    return (int)(*s & 0x7fffffff);
}

/* A random string of 'n' code points: control characters, ASCII, quotes,
 * backslashes, Han characters and a 4-byte one, as valid UTF-8. */
static size_t random_utf8(char *out, size_t n, unsigned *seed)
{
    static const char *const pool[] = {"\"", "\\", "/", "\x7f", "原", "煤", "％", "𠀇", "a", " "};
    size_t len = 0, i;

    for (i = 0; i < n; i++) {
        unsigned r = (unsigned)next(seed) % 16;
        if (r < 6) {
            out[len++] = (char)(next(seed) % 0x20); /* a control character, NUL included */
        } else {
            const char *p = pool[(unsigned)next(seed) % 10];
            memcpy(out + len, p, strlen(p));
            len += strlen(p);
        }
    }
    return len;
}

/* A random double over many magnitudes, integers and halves among them. */
static double random_real(unsigned *seed)
{
    double m = (double)next(seed) / 0x7fffffff - 0.5;
    int e = next(seed) % 600 - 300;

    switch (next(seed) % 4) {
    case 0: return (double)(next(seed) % 100000);
    case 1: return (next(seed) % 1000) / 8.0;
    default: return m * pow(10, e);
    }
}

static char *dump(json_t *j, int precision)
{
    size_t flags = JSON_COMPACT | JSON_PRESERVE_ORDER;

    if (precision)
        flags |= JSON_REAL_PRECISION(precision);
    return json_dumps(j, flags);
}

static char *written(ls_jw *w)
{
    assert_true(ls_jw_finish(w));
    return ls_buf_detach(&w->out, NULL);
}

static void test_strings(void **state)
{
    unsigned seed = 1;
    char s[512], key[64];
    int round;

    (void)state;
    for (round = 0; round < 2000; round++) {
        size_t n = random_utf8(s, (size_t)(next(&seed) % 60), &seed);
        size_t k = random_utf8(key, 5, &seed);
        json_t *o = json_object();
        char *want, *got;
        ls_jw w;

        key[k] = '\0';
        if (strlen(key) != k) /* a NUL inside: jansson's keys are C strings */
            key[0] = 'k', key[1] = '\0';
        json_object_set_new(o, key, json_stringn(s, n));
        want = dump(o, 0);
        ls_jw_init(&w, NULL, NULL, 0);
        ls_jw_object(&w);
        ls_jw_key(&w, key);
        ls_jw_strn(&w, s, n);
        ls_jw_end(&w);
        got = written(&w);
        assert_string_equal(got, want);
        ls_free(got);
        free(want);
        json_decref(o);
    }
}

/* A decimal of 1 to 15 digits with 0 to 7 of them after the point, the
 * figures of a report (jsonw.c writes most without printf). */
static double random_decimal(unsigned *seed)
{
    static const double tens[] = {1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7};
    unsigned long long r = 0;
    int digits = 1 + (int)(next(seed) % 15), i;

    for (i = 0; i < digits; i++)
        r = r * 10 + (unsigned long long)(next(seed) % 10);
    return (next(seed) % 4 == 0 ? -1.0 : 1.0) * (double)r / tens[next(seed) % 8];
}

static void test_numbers(void **state)
{
    static const int precisions[] = {0, 15};
    static const double fixed[] = {0.0, -0.0, 1.6, -4.14746543778802, 0.1 + 0.2, 1e20, 1e-7,
                                   123456789012345678.0, 5e-324, 1.7976931348623157e308,
                                   0.0001, 0.00015, 0.00009999, 99999999999999.9,
                                   999999999999999.9, 999999999999999.5, 12.5, -0.35, 1e15 - 0.5,
                                   0.1234567, 3.0000001, 2.5e-5, 100000.000001};
    static const long long ints[] = {0, -1, 9007199254740993LL, -9223372036854775807LL - 1,
                                     9223372036854775807LL};
    unsigned seed = 7;
    size_t p, i;

    (void)state;
    for (p = 0; p < 2; p++) {
        for (i = 0; i < 200000 + sizeof fixed / sizeof *fixed; i++) {
            double v = i < sizeof fixed / sizeof *fixed ? fixed[i]
                       : i % 2                          ? random_real(&seed)
                                                        : random_decimal(&seed);
            json_t *a = json_array();
            char *want, *got;
            ls_jw w;
            json_array_append_new(a, json_real(v));
            json_array_append_new(a, json_integer((json_int_t)ints[i % 5]));
            want = dump(a, precisions[p]);
            ls_jw_init(&w, NULL, NULL, precisions[p]);
            ls_jw_array(&w);
            ls_jw_real(&w, v);
            ls_jw_int(&w, ints[i % 5]);
            ls_jw_end(&w);
            got = written(&w);
            assert_string_equal(got, want);
            ls_free(got);
            free(want);
            json_decref(a);
        }
    }
}

static void test_nesting(void **state)
{
    json_t *j = json_pack("{s:[{s:n,s:b,s:b},[],{}],s:{s:[i,s]},s:[]}", "a", "x", "t", 1, "f",
                          0, "b", "c", 3, "e", "d");
    char *want = dump(j, 0), *got;
    ls_jw w;

    (void)state;
    ls_jw_init(&w, NULL, NULL, 0);
    ls_jw_object(&w);
    ls_jw_key(&w, "a");
    ls_jw_array(&w);
    ls_jw_object(&w);
    ls_jw_key(&w, "x");
    ls_jw_null(&w);
    ls_jw_key(&w, "t");
    ls_jw_bool(&w, 1);
    ls_jw_key(&w, "f");
    ls_jw_bool(&w, 0);
    ls_jw_end(&w);
    ls_jw_array(&w);
    ls_jw_end(&w);
    ls_jw_object(&w);
    ls_jw_end(&w);
    ls_jw_end(&w);
    ls_jw_key(&w, "b");
    ls_jw_object(&w);
    ls_jw_key(&w, "c");
    ls_jw_array(&w);
    ls_jw_int(&w, 3);
    ls_jw_str(&w, "e");
    ls_jw_end(&w);
    ls_jw_end(&w);
    ls_jw_key(&w, "d");
    ls_jw_array(&w);
    ls_jw_end(&w);
    ls_jw_end(&w);
    got = written(&w);
    assert_string_equal(got, want);
    ls_free(got);
    free(want);
    json_decref(j);
}

/* A random JSON tree: objects, arrays, strings, integers, reals, true,
 * false and null, up to 'depth' deep (empty containers included). */
static json_t *random_tree(unsigned *seed, int depth)
{
    char s[64], key[16];
    size_t n, i;
    json_t *j;

    switch (depth > 0 ? next(seed) % 9 : 2 + next(seed) % 7) {
    case 0:
        j = json_object();
        n = (size_t)(next(seed) % 4);
        for (i = 0; i < n; i++) {
            snprintf(key, sizeof key, "k%zu", i);
            json_object_set_new(j, key, random_tree(seed, depth - 1));
        }
        return j;
    case 1:
        j = json_array();
        n = (size_t)(next(seed) % 4);
        for (i = 0; i < n; i++)
            json_array_append_new(j, random_tree(seed, depth - 1));
        return j;
    case 2: return json_stringn(s, random_utf8(s, (size_t)(next(seed) % 8), seed));
    case 3: return json_integer(next(seed) - 0x3fffffff);
    case 4: return json_real(random_real(seed));
    case 5: return json_true();
    case 6: return json_false();
    default: return json_null();
    }
}

/* Writes the tree 'j' with the writer, as a caller would value by value. */
static void write_tree(ls_jw *w, json_t *j)
{
    const char *key;
    json_t *v;
    size_t i;

    switch (json_typeof(j)) {
    case JSON_OBJECT:
        ls_jw_object(w);
        json_object_foreach(j, key, v)
        {
            ls_jw_key(w, key);
            write_tree(w, v);
        }
        ls_jw_end(w);
        break;
    case JSON_ARRAY:
        ls_jw_array(w);
        json_array_foreach(j, i, v) write_tree(w, v);
        ls_jw_end(w);
        break;
    case JSON_STRING: ls_jw_strn(w, json_string_value(j), json_string_length(j)); break;
    case JSON_INTEGER: ls_jw_int(w, (long long)json_integer_value(j)); break;
    case JSON_REAL: ls_jw_real(w, json_real_value(j)); break;
    case JSON_TRUE: ls_jw_bool(w, 1); break;
    case JSON_FALSE: ls_jw_bool(w, 0); break;
    default: ls_jw_null(w);
    }
}

/* Writes the tree 'j' as write_tree does, but about every other value
 * (after a key, in an array, at the top) first into a writer of its own
 * (ls_jw_init_value) whose text is then copied in by ls_jw_raw, as the
 * document's writer copies a path it wrote before. */
static void write_tree_copied(ls_jw *w, json_t *j, unsigned *seed)
{
    const char *key;
    json_t *v;
    size_t i;

    if (next(seed) % 2) {
        ls_jw sub;
        ls_jw_init_value(&sub, w);
        write_tree(&sub, j);
        assert_true(ls_jw_finish(&sub));
        ls_jw_raw(w, sub.out.data, sub.out.len);
        ls_jw_release(&sub);
        return;
    }
    switch (json_typeof(j)) {
    case JSON_OBJECT:
        ls_jw_object(w);
        json_object_foreach(j, key, v)
        {
            ls_jw_key(w, key);
            write_tree_copied(w, v, seed);
        }
        ls_jw_end(w);
        break;
    case JSON_ARRAY:
        ls_jw_array(w);
        json_array_foreach(j, i, v) write_tree_copied(w, v, seed);
        ls_jw_end(w);
        break;
    default: write_tree(w, j);
    }
}

/* Random trees written compact and indented by 1 and 2, as the CLI, the
 * API and `luoshi parse` dump them; again with about every other value
 * written apart and copied in (write_tree_copied): the same text. */
static void test_indent(void **state)
{
    static const struct {
        int indent, precision;
    } modes[] = {{0, 0}, {2, 0}, {1, 15}, {2, 15}};
    unsigned seed = 11, copy_seed = 23;
    size_t m;
    int round;

    (void)state;
    for (round = 0; round < 3000; round++) {
        json_t *j = random_tree(&seed, 4);
        for (m = 0; m < sizeof modes / sizeof *modes; m++) {
            size_t flags = JSON_PRESERVE_ORDER | JSON_ENCODE_ANY;
            char *want, *got;
            ls_jw w;
            flags |= modes[m].indent ? JSON_INDENT(modes[m].indent) : JSON_COMPACT;
            if (modes[m].precision)
                flags |= JSON_REAL_PRECISION(modes[m].precision);
            want = json_dumps(j, flags);
            ls_jw_init(&w, NULL, NULL, modes[m].precision);
            ls_jw_set_indent(&w, modes[m].indent);
            write_tree(&w, j);
            got = written(&w);
            assert_string_equal(got, want);
            ls_free(got);
            ls_jw_init(&w, NULL, NULL, modes[m].precision);
            ls_jw_set_indent(&w, modes[m].indent);
            write_tree_copied(&w, j, &copy_seed);
            got = written(&w);
            assert_string_equal(got, want);
            ls_free(got);
            free(want);
        }
        json_decref(j);
    }
}

/* A sink that keeps what it is given, in pieces no larger than the writer
 * holds; the pieces join to the whole text. */
typedef struct {
    ls_buf all;
    size_t calls;
} collected;

static int collect(void *ctx, const char *bytes, size_t n)
{
    collected *c = ctx;

    c->calls++;
    ls_buf_append(&c->all, bytes, n);
    return !c->all.failed;
}

static int refuse(void *ctx, const char *bytes, size_t n)
{
    (void)ctx;
    (void)bytes;
    (void)n;
    return 0;
}

static void test_sink(void **state)
{
    collected c;
    ls_jw w;
    char row[64];
    int i;

    (void)state;
    ls_buf_init(&c.all);
    c.calls = 0;
    ls_jw_init(&w, collect, &c, 0);
    ls_jw_array(&w);
    for (i = 0; i < 20000; i++) {
        snprintf(row, sizeof row, "原煤产量 %d", i);
        ls_jw_str(&w, row);
    }
    ls_jw_end(&w);
    assert_true(ls_jw_finish(&w));
    assert_true(c.calls > 3);
    assert_true(w.out.cap <= 2 * LS_JW_FLUSH + 64); /* bounded, whatever the output */
    assert_true(c.all.len > 300000 && c.all.data[0] == '[' && c.all.data[c.all.len - 1] == ']');
    assert_non_null(strstr(c.all.data, "\"原煤产量 19999\"]"));
    ls_jw_release(&w);
    ls_buf_release(&c.all);
    /* a sink that fails, too deep a nesting, a real that is no number */
    ls_jw_init(&w, refuse, NULL, 0);
    ls_jw_str(&w, "x");
    assert_false(ls_jw_finish(&w));
    ls_jw_release(&w);
    ls_jw_init(&w, NULL, NULL, 0);
    for (i = 0; i < LS_JW_DEPTH; i++)
        ls_jw_array(&w);
    assert_false(ls_jw_finish(&w));
    ls_jw_release(&w);
    ls_jw_init(&w, NULL, NULL, 0);
    ls_jw_real(&w, NAN);
    assert_false(ls_jw_finish(&w));
    ls_jw_release(&w);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_strings),
        cmocka_unit_test(test_numbers),
        cmocka_unit_test(test_nesting),
        cmocka_unit_test(test_indent),
        cmocka_unit_test(test_sink),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
