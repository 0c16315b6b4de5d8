/*
 * test_prefilter.c — the scans that find where a numeral or a sentence mark
 * can begin (src/prefilter.c), against a plain reference written here.
 *
 * The reference tests one offset at a time from the list of numeral
 * characters; the scans must give the same first offset from every start,
 * over real snippets (full-width digits only, Chinese numerals only, none,
 * a numeral at the very end, one cut short by the end) and over buffers
 * where a numeral, a near miss sharing two of its bytes, or 。 sits at each
 * offset around the sixteen-byte blocks of the SSE2 path and the
 * thirty-two-byte blocks of the AVX2 path. Then the public
 * API: full-width digits are folded before the scan, so they are found.
 * The clause walk's scan (marks, quotation marks, 是), the fold's (controls,
 * '*', U+3000, EF) and the digit scan are checked beside them. Last, the scan of the JSON writer for the bytes a string escapes.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "luoshi.h"
#include "prefilter.h"

/* Bytes of the buffers the offsets are tried in: a few blocks and a tail. */
#define BUF_SIZE 80

/* The Chinese numeral characters (ORDER NUMERALS: cn_num and 半 in lex.re). */
static const char *const numerals[] = {"〇", "零", "一", "二", "两", "三", "四", "五", "六",
                                       "七", "八", "九", "十", "百", "千", "万", "亿", "半"};

/* True when a numeral begins at 'pos' of the 'len' bytes at 's', tested the
 * slow way. */
static int ref_numeral(const char *s, size_t pos, size_t len)
{
    size_t i;

    if (pos >= len)
        return 0;
    if (s[pos] >= '0' && s[pos] <= '9')
        return 1;
    for (i = 0; i < sizeof numerals / sizeof numerals[0]; i++)
        if (len - pos >= 3 && memcmp(s + pos, numerals[i], 3) == 0)
            return 1;
    return 0;
}

/* True when a sentence mark begins at 'pos', tested the slow way. */
static int ref_mark(const char *s, size_t pos, size_t len)
{
    if (pos >= len)
        return 0;
    if (strchr(";!?\n", s[pos]) && s[pos] != '\0')
        return 1;
    return len - pos >= 3 && memcmp(s + pos, "。", 3) == 0;
}

/* True when the clause walk of tasks.c must look at 'pos': a sentence
 * mark, “ ” or 是, tested the slow way. */
static int ref_clause(const char *s, size_t pos, size_t len)
{
    if (ref_mark(s, pos, len))
        return 1;
    return len - pos >= 3 && (memcmp(s + pos, "“", 3) == 0 || memcmp(s + pos, "”", 3) == 0 ||
                              memcmp(s + pos, "是", 3) == 0);
}

/* True when the fold of input.c must look at 'pos', tested the slow way:
 * a control but TAB LF VT FF, '*', U+3000, or a byte EF. */
static int ref_fold(const char *s, size_t pos, size_t len)
{
    unsigned char c = (unsigned char)s[pos];

    if (pos >= len)
        return 0;
    if ((c < 0x20 && !strchr("\t\n\v\f", c)) || c == '*' || c == 0xEF)
        return 1;
    return len - pos >= 3 && memcmp(s + pos, "\xE3\x80\x80", 3) == 0;
}

/* True when an ASCII digit is at 'pos'. */
static int ref_digit(const char *s, size_t pos, size_t len)
{
    return pos < len && s[pos] >= '0' && s[pos] <= '9';
}

/* The first offset at or after 'pos' where 'test' holds, or 'len'. */
static size_t ref_next(int (*test)(const char *, size_t, size_t), const char *s, size_t pos,
                       size_t len)
{
    while (pos < len && !test(s, pos, len))
        pos++;
    return pos < len ? pos : len;
}

/* Every scan of prefilter.c beside its slow reference. */
static const struct {
    const char *name;
    int (*ref)(const char *, size_t, size_t);
    size_t (*scan)(const char *, size_t, size_t);
} scans[] = {
    {"numeral", ref_numeral, ls_prefilter_numeral}, {"mark", ref_mark, ls_prefilter_mark},
    {"digit", ref_digit, ls_prefilter_digit},       {"fold", ref_fold, ls_prefilter_fold},
    {"clause", ref_clause, ls_prefilter_clause},
};

/* Compares every scan with its reference from every start in the 'len'
 * bytes at 's'; prints the first difference and returns 1 when one differs. */
static int check_all(const char *s, size_t len, const char *what)
{
    size_t pos, want, got, k;

    for (pos = 0; pos <= len; pos++) {
        if (ls_prefilter_is_numeral(s, pos, len) != ref_numeral(s, pos, len)) {
            print_error("%s: is_numeral at %zu of %zu differs\n", what, pos, len);
            return 1;
        }
        for (k = 0; k < sizeof scans / sizeof scans[0]; k++) {
            want = ref_next(scans[k].ref, s, pos, len);
            got = scans[k].scan(s, pos, len);
            if (got != want) {
                print_error("%s: %s from %zu of %zu: want %zu, got %zu\n", what, scans[k].name,
                            pos, len, want, got);
                return 1;
            }
        }
    }
    return 0;
}

/* Real snippets, and what the first scan from 0 must find. */
static void test_snippets(void **state)
{
    static const struct {
        const char *text;
        const char *first; /* the first numeral, or NULL for none */
    } cases[] = {
        {"全年地区生产总值增长５．２％，城镇新增就业１．２万人", "万"},
        {"居民消费价格涨幅控制在３％左右，粮食产量保持在１．３万亿斤以上", "万"},
        {"ＧＤＰ增长５％，ＣＰＩ涨幅３％左右", NULL},
        {"新建三个产业园区，改造两座大桥", "三"},
        {"推进城市社会治理现代化试点，持续优化营商环境。", NULL},
        {"全面完成年度目标任务。截至年底达到23", "23"},
        {"截至年底新增项目总数达到十", "十"},
        {"专业人才与东西部协作", NULL}, /* 专 与 东: lead and second byte of 一 七 */
        {"帀渀㐀", NULL},               /* the last two bytes of 一 under other leads */
        {"、《》〈〉〇", "〇"},         /* 〇 shares E3 80 with the marks */
        {"", NULL},
    };
    size_t i, len, bad = 0;
    const char *want;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        len = strlen(cases[i].text);
        want = cases[i].first ? strstr(cases[i].text, cases[i].first) : NULL;
        if (ls_prefilter_numeral(cases[i].text, 0, len) !=
            (want ? (size_t)(want - cases[i].text) : len)) {
            print_error("\"%s\": wrong first numeral\n", cases[i].text);
            bad++;
        }
        bad += (size_t)check_all(cases[i].text, len, cases[i].text);
    }
    assert_int_equal(bad, 0);
}

/* A numeral cut short by the end of the text is none: 一 whose last byte
 * or last two bytes are past 'len'. */
static void test_cut_at_end(void **state)
{
    const char *text = "推进一";
    size_t len = strlen(text);

    (void)state;
    assert_int_equal(ls_prefilter_numeral(text, 0, len), len - 3);
    assert_int_equal(ls_prefilter_numeral(text, 0, len - 1), len - 1);
    assert_int_equal(ls_prefilter_numeral(text, 0, len - 2), len - 2);
    assert_false(ls_prefilter_is_numeral(text, len - 3, len - 1));
    assert_int_equal(ls_prefilter_numeral("增长7", 0, strlen("增长7")), strlen("增长"));
    assert_int_equal(ls_prefilter_numeral(text, len + 5, len), len);
    assert_int_equal(ls_prefilter_mark("推进。", 0, strlen("推进。") - 1), strlen("推进。") - 1);
}

/* Writes into 'buf' (BUF_SIZE bytes) Chinese text with 'piece' at byte
 * offset 'at': before it 的 repeated, then ASCII letters for the rest of
 * 'at'; after it 的 repeated and letters. */
static void build(char *buf, size_t at, const char *piece)
{
    size_t i = 0, n = strlen(piece);

    for (; i + 3 <= at; i += 3)
        memcpy(buf + i, "的", 3);
    memset(buf + i, 'x', at - i);
    memcpy(buf + at, piece, n);
    for (i = at + n; i + 3 <= BUF_SIZE; i += 3)
        memcpy(buf + i, "的", 3);
    memset(buf + i, 'y', BUF_SIZE - i);
    buf[BUF_SIZE] = '\0';
}

/* Every numeral, digit, near miss and mark at every offset of a buffer of
 * Chinese text, seen from every start and cut at every length around it:
 * the blocks of the SSE2 and AVX2 paths split each character in every way. */
static void test_every_offset(void **state)
{
    static const char *const pieces[] = {
        "一", "七", "万", "亿", "十", "百", "零", "〇", "半", "7",  "0",  "9",
        "丁", "专", "与", "帀", "渀", "、", "。", "；", ";",  "\n", "１", "九",
        /* the clause walk's: quotation marks, 是, and near misses of each */
        "“", "”", "‘", "是", "昰", "曯",
        /* the fold's: controls kept and stopped at, '*', U+3000 and a near miss, EF */
        "\t", "\f", "\r", "\x01", "\x1F", "*", "\xE3\x80\x80", "\xE3\x80\x81", "，", "\x7F",
    };
    char buf[BUF_SIZE + 1], what[64];
    size_t at, i, cut, n, bad = 0;

    (void)state;
    for (i = 0; i < sizeof pieces / sizeof pieces[0]; i++) {
        n = strlen(pieces[i]);
        for (at = 0; at + n <= BUF_SIZE && !bad; at++) {
            build(buf, at, pieces[i]);
            /* the text ends inside the piece, right after it, or later */
            for (cut = at; cut <= at + n + 2 && cut <= BUF_SIZE && !bad; cut++) {
                snprintf(what, sizeof what, "piece %zu at %zu, length %zu", i, at, cut);
                bad += (size_t)check_all(buf, cut, what);
            }
            snprintf(what, sizeof what, "piece %zu at %zu, whole buffer", i, at);
            bad += (size_t)check_all(buf, BUF_SIZE, what);
        }
    }
    assert_int_equal(bad, 0);
}

/* Bytes of a pseudo-random mix of numerals, near misses, marks and
 * invalid UTF-8: the scans agree with the reference wherever they start. */
static void test_mixed(void **state)
{
    static const char *const parts[] = {"一", "万",   "丁",       "与", "的", "。", "、",      "5",
                                        "a",  "\xE4", "\xB8\x80", "\n", "亿", "专", "\xE5\x8D"};
    char buf[4096];
    size_t len = 0, n;
    uint32_t x = 12345;

    (void)state;
    while (len + 3 < sizeof buf) {
        x = x * 1103515245u + 12345u;
        n = strlen(parts[(x >> 16) % (sizeof parts / sizeof parts[0])]);
        memcpy(buf + len, parts[(x >> 16) % (sizeof parts / sizeof parts[0])], n);
        len += n;
    }
    assert_int_equal(check_all(buf, len, "mixed"), 0);
}

/* Through the public API full-width digits are folded to ASCII before the
 * scan, so ５％ is found, at its offset in the text as read. */
static void test_full_width_through_api(void **state)
{
    const char *text = "全年增长５％，就业１．２万人";
    ls_doc *doc = NULL;
    ls_error err;
    const ls_mention *m;

    (void)state;
    assert_int_equal(ls_prefilter_numeral(text, 0, strlen(text)), strstr(text, "万") - text);
    assert_int_equal(ls_doc_new(text, strlen(text), &doc, &err), LS_OK);
    assert_int_equal(ls_doc_extract(doc, &err), LS_OK);
    assert_int_equal(ls_doc_mention_count(doc), 2);
    m = ls_doc_mention(doc, 0);
    assert_int_equal(m->start, strstr(text, "５") - text);
    assert_int_equal(m->end, strstr(text, "，") - text);
    m = ls_doc_mention(doc, 1);
    assert_int_equal(m->start, strstr(text, "１") - text);
    ls_doc_free(doc);
}

/* The reference of ls_prefilter_json_special: byte by byte. */
static size_t json_special_slow(const char *s, size_t pos, size_t len)
{
    for (; pos < len; pos++) {
        unsigned char c = (unsigned char)s[pos];
        if (c < 0x20 || c == '"' || c == '\\')
            return pos;
    }
    return len;
}

/* Every byte value at every offset of a block-spanning buffer of Chinese
 * text, from every start: the bytes a JSON string escapes (and only
 * they) are found, 0x7F, 0x80 and 0xFF among those it does not. */
static void test_json_special(void **state)
{
    char buf[80]; /* two wide blocks (AVX2) and a tail */
    size_t at, from, bad = 0;
    unsigned v;

    (void)state;
    for (v = 0; v < 256; v++) {
        for (at = 0; at < sizeof buf; at++) {
            for (from = 0; from + 3 <= sizeof buf; from += 3)
                memcpy(buf + from, "\xE5\xBB\xBA", 3); /* 建 */
            buf[at] = (char)v;
            for (from = 0; from <= sizeof buf; from++)
                if (ls_prefilter_json_special(buf, from, sizeof buf) !=
                    json_special_slow(buf, from, sizeof buf))
                    bad++;
        }
    }
    assert_int_equal(bad, 0);
    assert_int_equal(ls_prefilter_json_special("ab\"c", 0, 4), 2);
    assert_int_equal(ls_prefilter_json_special("增长\n", 0, 7), 6);
    assert_int_equal(ls_prefilter_json_special("增长\x7F\xFF", 0, 8), 8);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_snippets),
        cmocka_unit_test(test_cut_at_end),
        cmocka_unit_test(test_every_offset),
        cmocka_unit_test(test_mixed),
        cmocka_unit_test(test_full_width_through_api),
        cmocka_unit_test(test_json_special),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
