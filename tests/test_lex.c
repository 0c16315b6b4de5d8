/*
 * test_lex.c — the re2c scanner: where numerals are, and what follows them.
 *
 * ls_lex_next is run over real sentences and must stop at each numeral run
 * (Arabic or Chinese) and at nothing else; ls_lex_piece is given a table of
 * pieces that follow a number (units from data/units.txt, scale words,
 * 余/多, comparators, range and product signs, 分之) and must name each with
 * its longest match: 千瓦时 over 千瓦, 个百分点 over 个, 千伏 over the scale 千.
 * The values of the runs are test_numbers.c's business.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "lex.h"

/* Numeral runs a sentence holds, in order. */
#define RUNS_MAX 8

typedef struct {
    const char *text;
    const char *runs[RUNS_MAX]; /* NULL-terminated */
} next_case;

/* Each run is looked for from the end of the one before, as extract.c
 * does; a run of the lexer may be longer than the number it makes (亿 in
 * 1.6亿吨 is a numeral character to the scanner when read on its own). */
static const next_case next_cases[] = {
    {"全年原煤产量完成1.6亿吨,同比增长7%;", {"1.6", "亿", "7", NULL}},
    {"发放城镇住房租赁家庭租赁补助15053户,完成城镇老旧小区改造29个;", {"15053", "29", NULL}},
    {"农村劳动力转移就业1,200人", {"1,200", NULL}},
    {"一百二十个项目", {"一百二十", NULL}},
    {"京东灵丘等三个在建数据中心", {"三", NULL}},
    {"占全省三分之一", {"三", "一", NULL}},
    {"增长5%—6%", {"5", "6", NULL}},
    {"一年来,我们坚持能源主导", {"一", NULL}},
    {"半年", {"半", NULL}},
    {"“十四五”规划", {"十四五", NULL}},
    {"二〇二三年", {"二〇二三", NULL}},
    {"推进城市社会治理现代化试点", {NULL}},
    {"", {NULL}},
    {"ABC abc ,.;", {NULL}},
    {"截至年底达到23", {"23", NULL}}, /* a numeral at the very end */
};

/* Checks one sentence; prints what differs and returns 1 when it fails. */
static int check_next(const next_case *c)
{
    ls_token tok;
    size_t pos = 0, i, n;
    const char *p;

    for (i = 0; c->runs[i]; i++) {
        n = strlen(c->runs[i]);
        p = strstr(c->text + pos, c->runs[i]);
        if (!p || ls_lex_next(c->text, strlen(c->text), pos, &tok) != (size_t)(p - c->text) ||
            tok.start != (size_t)(p - c->text) || tok.end != tok.start + n) {
            print_error("ls_lex_next(\"%s\", %zu): want run \"%s\"\n", c->text, pos, c->runs[i]);
            return 1;
        }
        pos = tok.end;
    }
    if (ls_lex_next(c->text, strlen(c->text), pos, &tok) != (size_t)-1) {
        print_error("ls_lex_next(\"%s\", %zu): want the end, got a run at %zu\n", c->text, pos,
                    tok.start);
        return 1;
    }
    return 0;
}

static void test_next(void **state)
{
    size_t i, bad = 0;

    (void)state;
    for (i = 0; i < sizeof next_cases / sizeof next_cases[0]; i++)
        bad += (size_t)check_next(&next_cases[i]);
    assert_int_equal(bad, 0);
}

/* The token type tells Arabic runs from Chinese ones. */
static void test_next_type(void **state)
{
    ls_token tok;

    (void)state;
    assert_int_equal(ls_lex_next("达到812.6万千瓦", strlen("达到812.6万千瓦"), 0, &tok), strlen("达到"));
    assert_int_equal(tok.type, LS_TOK_ARABIC);
    assert_int_equal(ls_lex_next("三座在建煤矿", strlen("三座在建煤矿"), 0, &tok), 0);
    assert_int_equal(tok.type, LS_TOK_CHINESE);
}

/* ls_lex_numeral_at matches only at the offset given. */
static void test_numeral_at(void **state)
{
    const char *text = "达到23个";
    ls_token tok;

    (void)state;
    assert_int_equal(ls_lex_numeral_at(text, 0, &tok), 0);
    assert_int_equal(ls_lex_numeral_at(text, strlen("达到"), &tok), 1);
    assert_int_equal(tok.start, strlen("达到"));
    assert_int_equal(tok.end, strlen("达到23"));
    assert_int_equal(ls_lex_numeral_at(text, strlen("达到23"), &tok), 0);
}

/* A text that starts with a piece, the piece's bytes, and its name. */
typedef struct {
    const char *text;
    const char *piece; /* "" when nothing known starts the text */
    ls_piece type;
} piece_case;

static const piece_case piece_cases[] = {
    /* units, longest match */
    {"千瓦时,", "千瓦时", LS_PIECE_UNIT},
    {"千瓦,占全市", "千瓦", LS_PIECE_UNIT},
    {"千伏变电站", "千伏", LS_PIECE_UNIT}, /* a unit, not the scale 千 */
    {"千伏安", "千伏安", LS_PIECE_UNIT},
    {"个百分点。", "个百分点", LS_PIECE_UNIT}, /* not 个 */
    {"百分点", "百分点", LS_PIECE_UNIT},
    {"个就业岗位", "个", LS_PIECE_UNIT},
    {"个月", "个月", LS_PIECE_UNIT},
    {"%;", "%", LS_PIECE_UNIT},
    {"吨,同比", "吨", LS_PIECE_UNIT},
    {"吨标准煤", "吨标准煤", LS_PIECE_UNIT},
    {"亩、退化草原", "亩", LS_PIECE_UNIT},
    {"平方公里", "平方公里", LS_PIECE_UNIT},
    {"平方米", "平方米", LS_PIECE_UNIT},
    {"公里长城一号旅游公路", "公里", LS_PIECE_UNIT},
    {"元,同比增长", "元", LS_PIECE_UNIT},
    {"户全民所有制企业", "户", LS_PIECE_UNIT},
    {"人次", "人次", LS_PIECE_UNIT},
    {"家;", "家", LS_PIECE_UNIT},
    {"场次", "场次", LS_PIECE_UNIT},
    {"斤,实现", "斤", LS_PIECE_UNIT},
    {"微克/立方米", "微克/立方米", LS_PIECE_UNIT},
    /* scale words */
    {"万千瓦", "万", LS_PIECE_SCALE},
    {"亿吨", "亿", LS_PIECE_SCALE},
    {"万亿元", "万亿", LS_PIECE_SCALE},
    {"千万元", "千万", LS_PIECE_SCALE},
    {"百亿级", "百亿", LS_PIECE_SCALE},
    {"千亿", "千亿", LS_PIECE_SCALE},
    {"十万", "十万", LS_PIECE_SCALE},
    {"千", "千", LS_PIECE_SCALE},
    /* more than the number */
    {"余万元", "余", LS_PIECE_MORE},
    {"多万", "多", LS_PIECE_MORE},
    /* comparators after the unit */
    {"以上;", "以上", LS_PIECE_GE},
    {"及以上", "及以上", LS_PIECE_GE},
    {"以内。", "以内", LS_PIECE_LE},
    {"以下", "以下", LS_PIECE_LE},
    {"及以下燃煤锅炉", "及以下", LS_PIECE_LE},
    {"之内", "之内", LS_PIECE_LE},
    {"左右;", "左右", LS_PIECE_APPROX},
    /* range and product signs, fractions */
    {"—6%", "—", LS_PIECE_RANGE},
    {"——6%", "——", LS_PIECE_RANGE},
    {"-6个", "-", LS_PIECE_RANGE},
    {"~6", "~", LS_PIECE_RANGE},
    {"至5年", "至", LS_PIECE_RANGE},
    {"到5年", "到", LS_PIECE_RANGE},
    {"×100万千瓦", "×", LS_PIECE_TIMES},
    {"分之一", "分之", LS_PIECE_FRACTION},
    {"/4", "/", LS_PIECE_SLASH},
    {".0版", ".", LS_PIECE_DOT},
    {"G基站", "G", LS_PIECE_LATIN},
    /* nothing known */
    {"的", "", LS_PIECE_NONE},
    {"同比增长", "", LS_PIECE_NONE},
    {",", "", LS_PIECE_NONE},
    {"", "", LS_PIECE_NONE},
};

static void test_piece(void **state)
{
    size_t i, bad = 0;

    (void)state;
    for (i = 0; i < sizeof piece_cases / sizeof piece_cases[0]; i++) {
        const piece_case *c = &piece_cases[i];
        ls_piece p = (ls_piece)-1;
        size_t n = ls_lex_piece(c->text, 0, &p);
        if (n != strlen(c->piece) || p != c->type) {
            print_error("ls_lex_piece(\"%s\"): got %d, %zu bytes; want %d, \"%s\" (%zu bytes)\n",
                        c->text, (int)p, n, (int)c->type, c->piece, strlen(c->piece));
            bad++;
        }
    }
    assert_int_equal(bad, 0);
}

/* ls_lex_piece reads at the offset given, not at the start of the text. */
static void test_piece_offset(void **state)
{
    const char *text = "装机达到812.6万千瓦,占";
    size_t at = strlen("装机达到812.6");
    ls_piece p;

    (void)state;
    assert_int_equal(ls_lex_piece(text, at, &p), strlen("万"));
    assert_int_equal(p, LS_PIECE_SCALE);
    assert_int_equal(ls_lex_piece(text, at + strlen("万"), &p), strlen("千瓦"));
    assert_int_equal(p, LS_PIECE_UNIT);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_next),         cmocka_unit_test(test_next_type),
        cmocka_unit_test(test_numeral_at),   cmocka_unit_test(test_piece),
        cmocka_unit_test(test_piece_offset),
    };

    return cmocka_run_group_tests(tests, NULL, NULL);
}
