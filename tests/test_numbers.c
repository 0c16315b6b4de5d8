/*
 * test_numbers.c — what numbers.c says a numeric run is worth.
 *
 * Three tables of real snippets from the reports: Arabic numerals
 * (ls_num_arabic), Chinese numerals (ls_num_chinese) and whole quantities
 * read from the first numeral the lexer finds (ls_num_read): scale, unit,
 * range, product, fraction, 余/多 and the comparator after the unit. Each
 * table is checked row by row; a failing row is printed with its snippet,
 * and the test fails once at the end, so one run names every wrong row.
 * It does not judge whether a quantity is a mention: see test_extract.c.
 */
#include <math.h>
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "lex.h"
#include "numbers.h"

/* Values agree when their relative difference is under this (as score.py). */
#define REL_EPS 1e-9

/* True when 'a' and 'b' are equal up to REL_EPS of the larger. */
static int near(double a, double b)
{
    double scale = fabs(a) > fabs(b) ? fabs(a) : fabs(b);

    return a == b || fabs(a - b) <= REL_EPS * scale;
}

/* ---- ls_num_arabic ----------------------------------------------------- */

/* An Arabic numeral run and its value; ok = 0 when it must be rejected. */
typedef struct {
    const char *run;
    int ok;
    double value;
} arabic_case;

static const arabic_case arabic_cases[] = {
    {"1,200", 1, 1200},  /* thousands separator */
    {"15053", 1, 15053}, /* 发放城镇住房租赁家庭租赁补助15053户 */
    {"1.6", 1, 1.6},     /* 1.6亿吨 */
    {"812.6", 1, 812.6}, /* 812.6万千瓦 */
    {"71.92", 1, 71.92}, /* 71.92亿元 */
    {"0.8", 1, 0.8},     /* 0.8个百分点 */
    {"3.72", 1, 3.72},   /* 空气质量综合指数3.72 */
    {"1,234,567.5", 1, 1234567.5},
    {"0", 1, 0},
    {"1,23", 0, 0}, /* a comma not before three digits */
    {"1,2345", 0, 0},
    {"1.2.3", 0, 0},   /* a version, not a number */
    {"1.200,5", 0, 0}, /* a comma after the decimal point */
    {"", 0, 0},
};

static void test_arabic(void **state)
{
    size_t i, bad = 0;

    (void)state;
    for (i = 0; i < sizeof arabic_cases / sizeof arabic_cases[0]; i++) {
        const arabic_case *c = &arabic_cases[i];
        double v = -1;
        int ok = ls_num_arabic(c->run, strlen(c->run), &v);
        if (ok != c->ok || (ok && !near(v, c->value))) {
            print_error("ls_num_arabic(\"%s\"): got ok %d value %.17g, want ok %d value %.17g\n",
                        c->run, ok, v, c->ok, c->value);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* ---- ls_num_chinese ---------------------------------------------------- */

typedef struct {
    const char *run;
    int ok;
    double value;
} chinese_case;

static const chinese_case chinese_cases[] = {
    {"三", 1, 3}, /* 三个 */
    {"十", 1, 10},
    {"十三", 1, 13}, /* 十三连丰 */
    {"两千", 1, 2000},
    {"一百二十", 1, 120},
    {"一百零五", 1, 105}, /* 零 marks a gap */
    {"三千五百万", 1, 35000000},
    {"百亿", 1, 1e10}, /* a leading unit stands for one */
    {"千万", 1, 1e7},
    {"万亿", 1, 1e12},
    {"三亿五千万", 1, 350000000},
    {"二十", 1, 20},
    {"〇", 1, 0},
    {"零", 1, 0},
    {"半", 1, 0.5},
    {"十四五", 0, 0}, /* the 14th five-year plan, not 145 */
    {"十三五", 0, 0},
    {"二〇二三", 0, 0}, /* a year written digit by digit */
    {"三五", 0, 0},     /* two digits in a row */
    {"一二", 0, 0},
};

static void test_chinese(void **state)
{
    size_t i, bad = 0;

    (void)state;
    for (i = 0; i < sizeof chinese_cases / sizeof chinese_cases[0]; i++) {
        const chinese_case *c = &chinese_cases[i];
        double v = -1;
        int ok = ls_num_chinese(c->run, strlen(c->run), &v);
        if (ok != c->ok || (ok && !near(v, c->value))) {
            print_error("ls_num_chinese(\"%s\"): got ok %d value %.17g, want ok %d value %.17g\n",
                        c->run, ok, v, c->ok, c->value);
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* ---- ls_num_read ------------------------------------------------------- */

/* Flags of a quantity (the ls_quantity fields of the same name). */
enum { F_MORE = 1, F_PRODUCT = 2, F_FRACTION = 4, F_SCALED = 8, F_CHINESE = 16 };

/* A snippet, the quantity text the first numeral in it starts, and what
 * that quantity is. 'lead' is the text before the numeral (it must hold no
 * numeral); 'rest' what follows the quantity. 'max' < 0: no range. */
typedef struct {
    const char *lead;
    const char *quantity;
    const char *rest;
    double value;
    double max;
    const char *unit;
    unsigned flags;
    ls_piece after;
} read_case;

static const read_case read_cases[] = {
    /* scale words and units */
    {"全年原煤产量完成", "1.6亿吨", ",同比增长7%", 160000000, -1, "吨", F_SCALED, LS_PIECE_NONE},
    {"风电、光伏并网装机达到", "812.6万千瓦", ",占全市", 8126000, -1, "千瓦", F_SCALED,
     LS_PIECE_NONE},
    {"发放数字消费券", "4830万元", ",拉动消费", 48300000, -1, "元", F_SCALED, LS_PIECE_NONE},
    {"国内生产总值超过", "126万亿元", ",增长5.2%", 1.26e14, -1, "元", F_SCALED, LS_PIECE_NONE},
    {"增长", "7%", ";", 7, -1, "%", 0, LS_PIECE_NONE},
    {"比上年提高", "0.8个百分点", "。", 0.8, -1, "个百分点", 0, LS_PIECE_NONE},
    {"新发展有机旱作农业", "50万亩", ",粮食产量", 500000, -1, "亩", F_SCALED, LS_PIECE_NONE},
    {"", "1,200人", "", 1200, -1, "人", 0, LS_PIECE_NONE},
    {"推动水磨湾等", "3座", "在建煤矿达产", 3, -1, "座", 0, LS_PIECE_NONE},
    {"建成浑源、广灵、阳高、左云、天镇、灵丘", "6个", "殡仪馆", 6, -1, "个", 0, LS_PIECE_NONE},
    {"京东灵丘等", "三个", "在建数据中心", 3, -1, "个", F_CHINESE, LS_PIECE_NONE},
    {"空气质量综合指数", "3.72", ",同比下降3.1%", 3.72, -1, "", 0, LS_PIECE_NONE},
    /* comparators after the unit */
    {"煤炭产量稳定在", "1.6亿吨", "以上;", 160000000, -1, "吨", F_SCALED, LS_PIECE_GE},
    {"城镇调查失业率控制在", "5.5%", "以内", 5.5, -1, "%", 0, LS_PIECE_LE},
    {"国内生产总值增长", "5%", "左右;", 5, -1, "%", 0, LS_PIECE_APPROX},
    {"城镇新增就业", "1200万人", "以上,", 12000000, -1, "人", F_SCALED, LS_PIECE_GE},
    /* ranges: the upper end lends its scale and unit */
    {"增长", "5%—6%", "。", 5, 6, "%", 0, LS_PIECE_NONE},
    {"用", "3至5年", "时间", 3, 5, "年", 0, LS_PIECE_NONE},
    {"每村建设", "5-6个", "示范点", 5, 6, "个", 0, LS_PIECE_NONE},
    {"补助", "1—2万元", "。", 10000, 20000, "元", F_SCALED, LS_PIECE_NONE},
    /* products: a count times a size, in the size's unit */
    {"积极推进左云", "2×100万千瓦", "煤电项目", 2000000, -1, "千瓦", F_PRODUCT | F_SCALED,
     LS_PIECE_NONE},
    /* fractions */
    {"占全省", "三分之一", "。", 1.0 / 3, -1, "", F_FRACTION | F_CHINESE, LS_PIECE_NONE},
    {"缉毒量占自治区年度缉毒总量的", "1/4", "。", 0.25, -1, "", F_FRACTION, LS_PIECE_NONE},
    /* 余/多: more than the number, before or after the scale */
    {"受益纳税人", "6600多万", ",", 66000000, -1, "", F_MORE | F_SCALED, LS_PIECE_NONE},
    {"投入", "2000余万元", "对城区主要街道", 20000000, -1, "元", F_MORE | F_SCALED, LS_PIECE_NONE},
    {"开展文化惠民系列演出活动", "80余场次", "。", 80, -1, "场次", F_MORE, LS_PIECE_NONE},
    {"归集信用信息", "9000余条", ",", 9000, -1, "条", F_MORE, LS_PIECE_NONE},
};

/* Checks one row; prints what differs and returns 1 when it fails. */
static int check_read(const read_case *c)
{
    char text[512];
    size_t lead = strlen(c->lead), qlen = strlen(c->quantity), ulen = strlen(c->unit);
    ls_token tok;
    ls_quantity q;
    const char *why = NULL;

    snprintf(text, sizeof text, "%s%s%s", c->lead, c->quantity, c->rest);
    if (ls_lex_next(text, strlen(text), 0, &tok) != lead)
        why = "the first numeral is not where the quantity starts";
    else if (!ls_num_read(text, &tok, &q))
        why = "ls_num_read rejected it";
    else if (q.start != lead || q.end != lead + qlen)
        why = "wrong [start, end)";
    else if (!near(q.value, c->value))
        why = "wrong value";
    else if (c->max >= 0 ? !q.has_max || !near(q.value_max, c->max) : q.has_max)
        why = "wrong value_max";
    else if (q.unit_end - q.unit_start != ulen || memcmp(text + q.unit_start, c->unit, ulen))
        why = "wrong unit";
    else if (!!q.more != !!(c->flags & F_MORE) || !!q.product != !!(c->flags & F_PRODUCT) ||
             !!q.fraction != !!(c->flags & F_FRACTION) || !!q.scaled != !!(c->flags & F_SCALED) ||
             !!q.chinese != !!(c->flags & F_CHINESE))
        why = "wrong more/product/fraction/scaled/chinese flag";
    else if (q.after != c->after)
        why = "wrong comparator after the unit";
    if (!why)
        return 0;
    print_error("ls_num_read on \"%s\" (quantity \"%s\"): %s; got [%zu, %zu) value %.17g "
                "max %.17g has_max %d unit \"%.*s\" more %d product %d fraction %d scaled %d "
                "after %d\n",
                text, c->quantity, why, q.start, q.end, q.value, q.value_max, q.has_max,
                (int)(q.unit_end - q.unit_start), text + q.unit_start, q.more, q.product,
                q.fraction, q.scaled, (int)q.after);
    return 1;
}

static void test_read(void **state)
{
    size_t i, bad = 0;

    (void)state;
    for (i = 0; i < sizeof read_cases / sizeof read_cases[0]; i++)
        bad += (size_t)check_read(&read_cases[i]);
    assert_int_equal(bad, 0);
}

/* A malformed first numeral makes ls_num_read return 0, whatever follows.
 * The lexer only takes well-formed Arabic runs (1,23 is the run 1), so
 * only Chinese runs can be malformed here. */
static void test_read_rejects(void **state)
{
    static const char *const texts[] = {"十四五规划", "二〇二三年", "三五成群", "一二个"};
    ls_token tok;
    ls_quantity q;
    size_t i;

    (void)state;
    for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
        assert_int_equal(ls_lex_next(texts[i], strlen(texts[i]), 0, &tok), 0);
        if (ls_num_read(texts[i], &tok, &q) != 0) {
            print_error("ls_num_read accepted \"%s\"\n", texts[i]);
            fail();
        }
    }
}

/* The whole first numeral of a quantity is one token: 1,200 and 一百二十
 * are not split, so ls_num_read sees them whole. */
static void test_read_whole_token(void **state)
{
    const char *text = "一百二十个项目";
    ls_token tok;
    ls_quantity q;

    (void)state;
    assert_int_equal(ls_lex_next(text, strlen(text), 0, &tok), 0);
    assert_int_equal(tok.type, LS_TOK_CHINESE);
    assert_int_equal(tok.end, strlen("一百二十"));
    assert_int_equal(ls_num_read(text, &tok, &q), 1);
    assert_true(near(q.value, 120));
    assert_int_equal(q.end, strlen("一百二十个"));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_arabic),
        cmocka_unit_test(test_chinese),
        cmocka_unit_test(test_read),
        cmocka_unit_test(test_read_rejects),
        cmocka_unit_test(test_read_whole_token),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
