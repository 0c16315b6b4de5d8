/*
 * test_stages.c — the outline, task and link stages on real snippets.
 *
 * Each case is a piece of a corpus report (the marking styles of the
 * outline spec, a plan paragraph with tasks, a review and a plan with a
 * target and its baseline), checked through the public API; the kinds of
 * a metric read through indexed lists as by searching them. A last test
 * fails every allocation of the whole pipeline in turn (outline, mentions,
 * tasks, links, JSON), with the tasks built and with them streamed from a
 * text read in place, and checks that each returns LS_ENOMEM cleanly.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "alloc.h"
#include "doc.h"
#include "link.h"
#include "luoshi.h"
#include "measure.h"

/* A new document of 'text', its outline found. */
static ls_doc *outlined(const char *text)
{
    ls_doc *doc = NULL;

    assert_int_equal(ls_doc_new(text, strlen(text), &doc, NULL), LS_OK);
    assert_int_equal(ls_doc_outline(doc, NULL), LS_OK);
    return doc;
}

/* Asserts heading 'i' of 'doc' has 'level', 'title' and 'part'. */
static void heading_is(const ls_doc *doc, size_t i, int level, const char *title, ls_part part)
{
    const ls_heading *h = ls_doc_heading(doc, i);

    assert_non_null(h);
    assert_int_equal(h->level, level);
    assert_string_equal(h->title, title);
    assert_int_equal(h->part, part);
}

/* Own-line parts, a paragraph lead, an own-line area, a plain and a bold
 * lead (Datong 2023), and a part heading split over three lines at the end. */
static void test_datong_marks(void **state)
{
    static const char text[] =
        "2022年工作回顾\n\n"
        "一年来,我们坚持能源主导、数字先行,工业经济实现稳中向好。全年原煤产量完成1.6亿吨。\n\n"
        "一年来,我们坚持文旅融合、提振消费,第三产业逐步企稳回升。服务业增加值完成907.7亿元。\n\n"
        "2023年工作任务\n\n"
        "坚持工业强市,推动现代化产业体系构建\n\n"
        "做强能源产业。煤炭产量稳定在1.6亿吨以上;**做大数字产业。**推动大同经济由输煤炭转变。\n\n"
        "加强政治建设。深刻领悟“两个确立”的决定性意义,做到“两个维护”。\n\n"
        "强化法治建设。加强政务公开和政府信息公开。\n\n"
        "政府\n自身\n建设";
    ls_doc *doc = outlined(text);

    (void)state;
    assert_int_equal(ls_doc_heading_count(doc), 10);
    heading_is(doc, 0, 1, "2022年工作回顾", LS_PART_REVIEW);
    heading_is(doc, 1, 2, "一年来,我们坚持能源主导、数字先行,工业经济实现稳中向好", LS_PART_REVIEW);
    heading_is(doc, 3, 1, "2023年工作任务", LS_PART_PLAN);
    heading_is(doc, 4, 2, "坚持工业强市,推动现代化产业体系构建", LS_PART_PLAN);
    heading_is(doc, 5, 3, "做强能源产业", LS_PART_PLAN);
    heading_is(doc, 6, 3, "做大数字产业", LS_PART_PLAN);
    heading_is(doc, 7, 3, "加强政治建设", LS_PART_SELF);
    heading_is(doc, 9, 1, "政府自身建设", LS_PART_SELF);
    /* the bold lead starts after its ** marker */
    assert_int_equal(ls_doc_heading(doc, 6)->start,
                     (size_t)(strstr(text, "做大数字产业") - text));
    assert_int_equal(ls_doc_heading(doc, 5)->parent, 4);
    ls_doc_free(doc);
}

/* Numbered parts and areas, ——/一是 leads (national report 2024), and an
 * intro line that is not a heading. */
static void test_numbered_marks(void **state)
{
    static const char text[] =
        "一、2023年工作回顾\n"
        "——经济总体回升向好。国内生产总值超过126万亿元，增长5.2%。\n"
        "一是加大宏观调控力度，推动经济运行持续好转。全年新增税费优惠超过2.2万亿元。\n"
        "二、2024年经济社会发展总体要求和政策取向\n"
        "积极的财政政策要适度加力、提质增效。赤字率拟按3%安排。\n"
        "三、2024年政府工作任务\n"
        "今年重点抓好以下八个方面工作\n"
        "（一）大力推进现代化产业体系建设，加快发展新质生产力。充分发挥创新主导作用。\n"
        "推动产业链供应链优化升级。保持工业经济平稳运行。\n";
    ls_doc *doc = outlined(text);

    (void)state;
    assert_int_equal(ls_doc_heading_count(doc), 8);
    heading_is(doc, 0, 1, "2023年工作回顾", LS_PART_REVIEW);
    heading_is(doc, 1, 2, "经济总体回升向好", LS_PART_REVIEW);
    heading_is(doc, 2, 2, "加大宏观调控力度，推动经济运行持续好转", LS_PART_REVIEW);
    heading_is(doc, 3, 1, "2024年经济社会发展总体要求和政策取向", LS_PART_REQUIREMENTS);
    heading_is(doc, 4, 2, "积极的财政政策要适度加力、提质增效", LS_PART_REQUIREMENTS);
    heading_is(doc, 5, 1, "2024年政府工作任务", LS_PART_PLAN);
    heading_is(doc, 6, 2, "大力推进现代化产业体系建设，加快发展新质生产力", LS_PART_PLAN);
    heading_is(doc, 7, 3, "推动产业链供应链优化升级", LS_PART_PLAN);
    ls_doc_free(doc);
}

/* The parts of a report of the first year of a five-year plan (the
 * provinces in 2026): a first part naming its achievements is the review
 * even with 主要工作 in it; the five-year plan's targets and tasks are
 * requirements, the coming year's work (with its year) the plan; a last
 * part naming the government is its work on itself. */
static void test_five_year_parts(void **state)
{
    static const char text[] =
        "一、2025年主要工作和“十四五”发展成就\n"
        "全省生产总值增长5.5%。\n"
        "二、“十五五”时期的主要目标和重点任务\n"
        "到2030年，经济总量再上新台阶。\n"
        "三、2026年重点工作\n"
        "扎实推进科技创新和产业创新深度融合。\n"
        "四、关于第十五个五年规划纲要草案的说明\n"
        "纲要草案共十六篇。\n"
        "五、全面提升政府治理效能\n"
        "坚持依法行政。\n";
    ls_doc *doc = outlined(text);

    (void)state;
    /* each short line under a part is an own-line area of that part */
    assert_int_equal(ls_doc_heading_count(doc), 10);
    heading_is(doc, 0, 1, "2025年主要工作和“十四五”发展成就", LS_PART_REVIEW);
    heading_is(doc, 1, 2, "全省生产总值增长5.5%", LS_PART_REVIEW);
    heading_is(doc, 2, 1, "“十五五”时期的主要目标和重点任务", LS_PART_REQUIREMENTS);
    heading_is(doc, 4, 1, "2026年重点工作", LS_PART_PLAN);
    heading_is(doc, 6, 1, "关于第十五个五年规划纲要草案的说明", LS_PART_REQUIREMENTS);
    heading_is(doc, 8, 1, "全面提升政府治理效能", LS_PART_SELF);
    heading_is(doc, 9, 2, "坚持依法行政", LS_PART_SELF);
    ls_doc_free(doc);
}

/* A web page that bolds a phrase breaks its sentence over three lines
 * (广东 2026): the bold piece is no heading, even with a part's words. */
static void test_sentence_pieces(void **state)
{
    static const char text[] =
        "三、2026年工作安排\n"
        "2026年是“十五五”第一年，开好局起好步十分重要。今年经济社会发展的\n"
        "主要预期目标\n"
        "是：地区生产总值增长4.5%—5%，在实际工作中全力争取更好结果。\n"
        "（一）久久为功推动粤港澳大湾区建设，打造富有活力和国际竞争力的一流湾区。\n";
    ls_doc *doc = outlined(text);

    (void)state;
    assert_int_equal(ls_doc_heading_count(doc), 2);
    heading_is(doc, 0, 1, "2026年工作安排", LS_PART_PLAN);
    heading_is(doc, 1, 2, "久久为功推动粤港澳大湾区建设，打造富有活力和国际竞争力的一流湾区", LS_PART_PLAN);
    ls_doc_free(doc);
}

/* Leads inside a paragraph, parallel and followed by long bodies (海拉尔区
 * 2019), are level 3; short sentences of a review are not. */
static void test_mid_paragraph_leads(void **state)
{
    static const char body[] =
        "按照坚定、可控、有序、适度要求，稳妥处理政府债务风险，全力挖掘内在动力和潜能，多方筹措资金，"
        "拓宽化债渠道，抓住有利时机，充分用好地方政府专项债券，推进国有融资平台公司转型升级。";
    char text[8192];
    ls_doc *doc;

    (void)state;
    snprintf(text, sizeof text,
             "一、2018年工作回顾\n（一）三大攻坚战强力突破。老年养护院投入试运行。%s\n"
             "二、2019年工作安排\n（一）围绕决胜全面建成小康社会，全力打好三大攻坚战\n"
             "继续把打好三大攻坚战作为政治考验和能力检验，坚决打好重点战役。全力化解重大风险。%s%s"
             "全力冲刺脱贫攻坚。%s%s\n",
             body, body, body, body, body);
    doc = outlined(text);
    assert_int_equal(ls_doc_heading_count(doc), 6);
    heading_is(doc, 1, 2, "三大攻坚战强力突破", LS_PART_REVIEW);
    heading_is(doc, 4, 3, "全力化解重大风险", LS_PART_PLAN);
    heading_is(doc, 5, 3, "全力冲刺脱贫攻坚", LS_PART_PLAN);
    ls_doc_free(doc);
}

/* Clauses of the plan become tasks with their heading, mentions and named
 * things; ids are stable and the review gives achievements. */
static void test_tasks(void **state)
{
    static const char text[] =
        "2022年工作回顾\n\n建设高标准农田21.7万亩,粮食产量达到25.48亿斤。\n\n"
        "2023年工作任务\n\n"
        "坚持工业强市,推动现代化产业体系构建\n\n"
        "做强能源产业。煤电方面,继续加快国电湖东、晋控同热、中煤3个“上大压小”煤电项目建设;"
        "储能方面,加快浑源150万千瓦抽水蓄能电站等4个储能续建项目建设进度。\n\n"
        "大力发展特优农业。全年建成高标准农田20.8万亩;推广发展50万亩膜下滴灌种植。\n";
    ls_doc *doc = NULL, *again = NULL;
    const ls_task *t;
    size_t i, found = 0;

    (void)state;
    assert_int_equal(ls_doc_new(text, strlen(text), &doc, NULL), LS_OK);
    assert_int_equal(ls_doc_tasks(doc, NULL), LS_OK);
    assert_int_equal(ls_doc_task_count(doc), 5);
    t = ls_doc_task(doc, 0);
    assert_true(t->achievement);
    assert_int_equal(t->mention_count, 2);
    t = ls_doc_task(doc, 1);
    assert_false(t->achievement);
    assert_non_null(strstr(t->text, "国电湖东"));
    for (i = 0; i < t->entity_count; i++)
        found += strcmp(t->entities[i], "国电湖东") == 0 || strcmp(t->entities[i], "中煤") == 0;
    assert_int_equal(found, 2);
    t = ls_doc_task(doc, 2);
    assert_string_equal(t->entities[0], "浑源150万千瓦抽水蓄能电站");
    assert_int_equal(ls_doc_heading(doc, t->heading)->level, 3);
    /* the same text gives the same ids */
    assert_int_equal(ls_doc_new(text, strlen(text), &again, NULL), LS_OK);
    assert_int_equal(ls_doc_tasks(again, NULL), LS_OK);
    for (i = 0; i < ls_doc_task_count(doc); i++)
        assert_string_equal(ls_doc_task(doc, i)->id, ls_doc_task(again, i)->id);
    /* and the link from 20.8万亩 to 21.7万亩 */
    assert_int_equal(ls_doc_link(doc, NULL), LS_OK);
    assert_int_equal(ls_doc_link_count(doc), 1);
    assert_string_equal(ls_doc_mention(doc, ls_doc_link_at(doc, 0)->baseline)->metric, "高标准农田");
    assert_true(ls_doc_link_at(doc, 0)->change_abs == -9000);
    ls_doc_free(doc);
    ls_doc_free(again);
}

/* Metric similarity and unit dimensions. */
static void test_similarity(void **state)
{
    (void)state;
    assert_true(ls_link_similarity("高标准农田", "高标准农田") == 1.0);
    assert_true(ls_link_similarity("营造林", "植树造林") > 0.57 - 1e-9);
    assert_true(ls_link_similarity("营造林", "植树造林") < 0.58);
    assert_true(ls_link_similarity("原煤产量", "煤炭产量") == 0.75);
    assert_true(ls_link_similarity("", "煤炭产量") == 0.0);
    assert_true(ls_link_similarity("城镇新增就业", "粮食产量") == 0.0);
    /* beyond generic words (新增, 企业, 产业, 项目, 增加值) the names must agree
     * (pairs from the 2026 provinces) */
    assert_true(ls_link_metric_similarity("营造林", "植树造林") > 0.57 - 1e-9);
    assert_true(ls_link_metric_similarity("煤电项目", "煤电“上大压小”项目") > 0.55);
    assert_true(ls_link_metric_similarity("新增学位", "新增中小学学位") > 0.55);
    assert_true(ls_link_metric_similarity("全社会研发投入强度", "研发投入强度") == 0.8);
    assert_true(ls_link_similarity("新增雄鹰企业", "新增高新技术企业") > 0.55);
    assert_true(ls_link_metric_similarity("新增雄鹰企业", "新增高新技术企业") == 0.0);
    assert_true(ls_link_metric_similarity("文旅产业增加值", "高新技术产业增加值") == 0.0);
    assert_true(ls_link_metric_similarity("一产增加值", "装备制造产业增加值") == 0.0);
    assert_true(ls_link_metric_similarity("重大项目", "项目") == 0.0);
}

/* Units of one dimension compare, with the factor from one to the other;
 * a unit not listed compares only with itself. */
static void test_unit_factor(void **state)
{
    double f;

    (void)state;
    assert_true(ls_link_unit_factor("千瓦", "兆瓦", &f) && f == 1e-3);
    assert_true(ls_link_unit_factor("公顷", "亩", &f) && f > 14.99 && f < 15.01);
    assert_true(ls_link_unit_factor("吨", "吨", &f) && f == 1.0);
    assert_true(ls_link_unit_factor("万千瓦", "万千瓦", &f) && f == 1.0);
    assert_false(ls_link_unit_factor("亩", "公里", &f));
    assert_false(ls_link_unit_factor("万千瓦", "千瓦", &f));
    assert_false(ls_link_unit_factor("个", "项", &f));
}

extern const struct ls_pair {
    const char *key, *value;
} ls_less_better[];

/* The kinds of a metric read through the indexed lists (ls_measure_kind_read,
 * as link.c reads each mention's) are those the searches give: for every
 * word of data/less_better.txt and of the new words alone, inside other
 * words, at either end, two in one metric, and for near misses. */
static void test_measure_kinds(void **state)
{
    static const char *const around[][2] = {{"", ""},         {"全市", ""},    {"", "控制在"},
                                            {"城镇", "指标"}, {"新增", "率"}, {"PM", "2"}};
    static const char *const others[] = {
        "地区生产总值", "粮食产量", "新增", "新开工项目", "新建学校", "新培育企业", "新引进人才",
        "新认定高企",   "新",       "价",   "消费价",     "PM2",      "PM2.",       "C",
        "CP",           "失业",     "排放", "浓",         "",         "新增失业人数", "亡",
        "贫困人"};
    ls_measure_kinds lists;
    char metric[256];
    size_t i, j, checked = 0;

    (void)state;
    ls_measure_kinds_init(&lists);
    assert_true(lists.indexed);
    for (i = 0; ls_less_better[i].key; i++)
        for (j = 0; j < sizeof around / sizeof *around; j++) {
            ls_measure_kind want, got;
            snprintf(metric, sizeof metric, "%s%s%s", around[j][0], ls_less_better[i].key,
                     around[j][1]);
            ls_measure_kind_of(metric, &want);
            ls_measure_kind_read(&lists, metric, &got);
            assert_int_equal(want.less_better, 1);
            assert_int_equal(got.less_better, want.less_better);
            assert_int_equal(got.is_new, want.is_new);
            checked++;
        }
    for (i = 0; i < sizeof others / sizeof *others; i++) {
        ls_measure_kind want, got;
        ls_measure_kind_of(others[i], &want);
        ls_measure_kind_read(&lists, others[i], &got);
        assert_int_equal(got.less_better, want.less_better);
        assert_int_equal(got.is_new, want.is_new);
        checked++;
    }
    assert_true(checked > 150);
}

/* Every allocation of the whole pipeline fails in turn. */
static void test_alloc_failures(void **state)
{
    static const char text[] =
        "2022年工作回顾\n\n建设高标准农田21.7万亩,粮食产量达到25.48亿斤。\n\n"
        "2023年工作任务\n\n坚持工业强市,推动现代化产业体系构建\n\n"
        "做强能源产业。加快浑源150万千瓦抽水蓄能电站等4个储能续建项目建设进度;"
        "全年建成高标准农田20.8万亩。\n";
    long n;
    int done = 0;

    int streamed;

    (void)state;
    /* the tasks built first, then (`luoshi parse`) read in place and
     * found as they are written */
    for (streamed = 0; streamed <= 1; streamed++) {
        for (done = 0, n = 0; !done && n < 100000; n++) {
            ls_doc *doc = NULL;
            char *out = NULL;
            ls_status st;
            ls_alloc_fail_after(n);
            st = streamed ? ls_doc_new_in_place(text, strlen(text), &doc, NULL)
                          : ls_doc_new(text, strlen(text), &doc, NULL);
            if (st == LS_OK && !streamed)
                st = ls_doc_tasks(doc, NULL);
            if (st == LS_OK)
                st = ls_doc_link(doc, NULL);
            if (st == LS_OK)
                st = ls_doc_write_json(doc, "x.txt", &out, NULL, NULL);
            ls_alloc_fail_after(-1);
            assert_true(st == LS_OK || st == LS_ENOMEM);
            done = st == LS_OK;
            if (done)
                assert_non_null(strstr(out, "抽水蓄能电站"));
            ls_free(out);
            ls_doc_free(doc);
        }
        assert_true(done);
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_datong_marks),   cmocka_unit_test(test_numbered_marks),
        cmocka_unit_test(test_mid_paragraph_leads), cmocka_unit_test(test_five_year_parts),
        cmocka_unit_test(test_sentence_pieces),
        cmocka_unit_test(test_tasks),
        cmocka_unit_test(test_similarity),     cmocka_unit_test(test_unit_factor),
        cmocka_unit_test(test_measure_kinds),
        cmocka_unit_test(test_alloc_failures),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
