/*
 * test_outcome.c — the rules of 兑现率 on figures read from real sentences:
 * the good direction of a measure, 左右 bands, decreases, ranges
 * (src/ledger/outcome.c), like with like (src/measure.c), and the clause
 * that makes a figure not one year's. Each rule is checked on the words of
 * a government other than the one whose report suggested it (the national
 * reports suggested direction and bands; Hailaer the yearly averages).
 * It does not run the store: tests/test_commitments.py scores the whole.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "luoshi.h"
#include "measure.h"
#include "outcome.h"

/* The mention whose text is 'text' in the sentence 'sentence' (the
 * document stays alive until the test ends: strings point into it). */
static ls_mention mention(const char *sentence, const char *text, ls_doc **keep)
{
    ls_doc *doc = NULL;
    size_t i, n = strlen(text);

    assert_int_equal(ls_doc_new(sentence, strlen(sentence), &doc, NULL), LS_OK);
    assert_int_equal(ls_doc_extract(doc, NULL), LS_OK);
    *keep = doc;
    for (i = 0; i < ls_doc_mention_count(doc); i++) {
        const ls_mention *m = ls_doc_mention(doc, i);
        if (m->end - m->start == n && memcmp(sentence + m->start, text, n) == 0)
            return *m;
    }
    fail_msg("no mention %s in %s", text, sentence);
    return *ls_doc_mention(doc, 0);
}

/* met (1) or missed (0) of 'target' against 'actual', like with like. */
static int judged(const ls_mention *t, const ls_mention *a)
{
    double f;

    assert_true(ls_measure_alike(t, a, &f));
    return ls_outcome_met(t, a, a->value * f);
}

/* Less is better for prices: a target of 2%左右 (Jiangsu 2026) is met by a
 * rise of 0.2% and of 2.4% (in the band), missed by 2.6%. */
static void test_prices_band(void **state)
{
    ls_doc *d[4];
    ls_mention t = mention("居民消费价格涨幅2%左右；", "2%", &d[0]);
    ls_mention low = mention("居民消费价格上涨0.2%。", "0.2%", &d[1]);
    ls_mention in = mention("居民消费价格上涨2.4%。", "2.4%", &d[2]);
    ls_mention over = mention("居民消费价格上涨2.6%。", "2.6%", &d[3]);

    (void)state;
    assert_true(ls_measure_less_better(t.metric));
    assert_int_equal(t.op, LS_OP_APPROX);
    assert_true(judged(&t, &low));
    assert_true(judged(&t, &in));
    assert_false(judged(&t, &over));
    for (size_t i = 0; i < 4; i++)
        ls_doc_free(d[i]);
}

/* Unemployment (Jiangsu 2026: 城镇调查失业率5%左右): 4.6% and 5.3% are met,
 * 5.6% is missed. */
static void test_unemployment(void **state)
{
    ls_doc *d[4];
    ls_mention t = mention("城镇调查失业率5%左右。", "5%", &d[0]);
    ls_mention a = mention("城镇调查失业率平均为4.6%。", "4.6%", &d[1]);
    ls_mention b = mention("城镇调查失业率平均为5.3%。", "5.3%", &d[2]);
    ls_mention c = mention("城镇调查失业率平均为5.6%。", "5.6%", &d[3]);

    (void)state;
    assert_true(judged(&t, &a));
    assert_true(judged(&t, &b));
    assert_false(judged(&t, &c));
    for (size_t i = 0; i < 4; i++)
        ls_doc_free(d[i]);
}

/* More is better, 左右 a level (Guizhou 2026: 城镇新增就业60万人左右): 66万
 * beyond the band on the good side and 58.9万 inside the ±2% band are met,
 * 58万 is missed. */
static void test_level_band(void **state)
{
    ls_doc *d[4];
    ls_mention t = mention("城镇新增就业60万人左右。", "60万人", &d[0]);
    ls_mention a = mention("城镇新增就业66万人。", "66万人", &d[1]);
    ls_mention b = mention("城镇新增就业58.9万人。", "58.9万人", &d[2]);
    ls_mention c = mention("城镇新增就业58万人。", "58万人", &d[3]);

    (void)state;
    assert_false(ls_measure_less_better(t.metric));
    assert_true(judged(&t, &a));
    assert_true(judged(&t, &b));
    assert_false(judged(&t, &c));
    for (size_t i = 0; i < 4; i++)
        ls_doc_free(d[i]);
}

/* A decrease aimed at is met by a decrease at least as large (Guangxi 2026:
 * 规上工业单位增加值能耗下降5.2%), missed by a smaller one or a rise. */
static void test_decrease(void **state)
{
    ls_doc *d[4];
    ls_mention t = mention("规上工业单位增加值能耗下降3%。", "3%", &d[0]);
    ls_mention a = mention("规上工业单位增加值能耗下降5.2%。", "5.2%", &d[1]);
    ls_mention b = mention("规上工业单位增加值能耗下降2.4%。", "2.4%", &d[2]);
    ls_mention c = mention("规上工业单位增加值能耗上升1%。", "1%", &d[3]);

    (void)state;
    assert_int_equal(t.change, LS_CHANGE_DECREASE);
    assert_true(judged(&t, &a));
    assert_false(judged(&t, &b));
    assert_false(judged(&t, &c));
    for (size_t i = 0; i < 4; i++)
        ls_doc_free(d[i]);
}

/* A range is met inside it or beyond it on the good side (the national
 * 2024 plan wrote 5%—5.5% style ranges; here Hailaer's growth words). */
static void test_range(void **state)
{
    ls_doc *d[4];
    ls_mention t = mention("地区生产总值增长6%—6.5%。", "6%—6.5%", &d[0]);
    ls_mention a = mention("地区生产总值增长6.2%。", "6.2%", &d[1]);
    ls_mention b = mention("地区生产总值增长7.1%。", "7.1%", &d[2]);
    ls_mention c = mention("地区生产总值增长5.8%。", "5.8%", &d[3]);

    (void)state;
    assert_true(t.has_max);
    assert_true(judged(&t, &a));
    assert_true(judged(&t, &b));
    assert_false(judged(&t, &c));
    for (size_t i = 0; i < 4; i++)
        ls_doc_free(d[i]);
}

/* Like with like: a rate is not a level, 新增 is not a total, opposite
 * directions are different measures (Anhui 2026: 单位地区生产总值能耗下降17%
 * is no growth of 地区生产总值), a project's own investment is not another
 * owner's (Datong 2023). */
static void test_unlike(void **state)
{
    ls_doc *d[8];
    double f;
    ls_mention rate = mention("地区生产总值增长5%。", "5%", &d[0]);
    ls_mention level = mention("地区生产总值达到5.1万亿元。", "5.1万亿元", &d[1]);
    ls_mention energy = mention("单位地区生产总值能耗下降17%。", "17%", &d[2]);
    ls_mention fresh = mention("城镇新增就业5.21万人。", "5.21万人", &d[3]);
    ls_mention total = mention("城镇就业人员达到120万人。", "120万人", &d[4]);
    ls_mention project = mention("推进总投资10亿元的国网信通大数据项目。", "10亿元", &d[5]);
    ls_mention all = mention("开工项目57个，完成投资34.8亿元。", "34.8亿元", &d[6]);
    ls_mention jin = mention("粮食产量1.39万亿斤。", "1.39万亿斤", &d[7]);

    (void)state;
    assert_false(ls_measure_alike(&rate, &level, &f));
    assert_false(ls_measure_alike(&rate, &energy, &f));
    assert_false(ls_measure_alike(&fresh, &total, &f));
    assert_false(ls_measure_alike(&project, &all, &f));
    assert_true(ls_measure_alike(&level, &level, &f));
    /* one dimension, other scales: 斤 against 吨 */
    assert_true(ls_measure_units("斤", "吨", 0, &f));
    assert_true(f > 0.00049 && f < 0.00051);
    assert_true(jin.value > 1.38e12 && jin.value < 1.40e12);
    /* % and 个百分点 compare only as changes */
    assert_false(ls_measure_units("%", "个百分点", 0, &f));
    assert_true(ls_measure_units("%", "个百分点", 1, &f));
    for (size_t i = 0; i < 8; i++)
        ls_doc_free(d[i]);
}

/* A yearly average or a running total is not the year's figure (Zhejiang
 * and Jiangsu 2026; Hailaer 2016 suggested it). */
static void test_not_the_year(void **state)
{
    const char *zj = "全省生产总值连续跨越7万亿、8万亿、9万亿三个大台阶，年均增长5.9%；全年增长5.5%。";
    const char *p = strstr(zj, "5.9%"), *q = strstr(zj, "5.5%");

    (void)state;
    assert_true(ls_outcome_not_the_year(zj, strlen(zj), (size_t)(p - zj), 2025));
    assert_false(ls_outcome_not_the_year(zj, strlen(zj), (size_t)(q - zj), 2025));
    /* a running total of years (Zhejiang 2026), but the year's own total
     * (全年累计, Hailaer 2019 wording) is the year's */
    const char *zt = "五年累计使用外资846亿美元";
    assert_true(ls_outcome_not_the_year(zt, strlen(zt), (size_t)(strstr(zt, "846") - zt), 2025));
    const char *hl = "全年累计化解政府债务12.43亿元";
    assert_false(ls_outcome_not_the_year(hl, strlen(hl), (size_t)(strstr(hl, "12.43") - hl), 2018));
}

/* The five-year part of a review (Anhui 2026): figures under paragraphs
 * opening with ——这五年 are not 2025's, those under 过去一年 and 一年来 are;
 * a clause without 年均 or 累计 is known by its part alone. */
static void test_years_part(void **state)
{
    const char *ah = "过去一年，是安徽牢记嘱托、感恩奋进、奋力往前赶的重要一年。全省地区生产总值5.3万亿元、"
                     "增长5.5%，规上工业增加值增长9.4%。\n"
                     "一年来，主要做了以下工作。\n"
                     "（六）用心用情办好民生实事，民生保障水平持续提升。落实援企稳岗扩就业政策资金110亿元，"
                     "城镇新增就业75.7万人。\n"
                     "——这五年，综合实力大幅跃升，实现争先进位新跨越。地区生产总值连跨两个万亿元台阶，"
                     "年均增长5.7%、高于全国0.3个百分点。\n"
                     "——这五年，人民生活更加美好，迈出共建共享新步伐。全省经营主体超850万户、增长45%。\n";
    size_t len = strlen(ah);

    (void)state;
    assert_false(ls_outcome_not_the_year(ah, len, (size_t)(strstr(ah, "5.5%") - ah), 2025));
    assert_false(ls_outcome_not_the_year(ah, len, (size_t)(strstr(ah, "75.7万人") - ah), 2025));
    assert_true(ls_outcome_not_the_year(ah, len, (size_t)(strstr(ah, "5.7%") - ah), 2025));
    assert_true(ls_outcome_not_the_year(ah, len, (size_t)(strstr(ah, "45%") - ah), 2025));
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_prices_band), cmocka_unit_test(test_unemployment),
        cmocka_unit_test(test_level_band),  cmocka_unit_test(test_decrease),
        cmocka_unit_test(test_range),       cmocka_unit_test(test_unlike),
        cmocka_unit_test(test_not_the_year), cmocka_unit_test(test_years_part),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
