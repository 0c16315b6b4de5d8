/*
 * test_fengong_rules.c — the small rules of reading an office's 分工方案
 * (src/ledger/): deadlines as offices write them, what a column heading
 * means, the office's numbering, owners in a cell or a bracket, the
 * department a unit name stands for, the alignment of a reworded line, and
 * error messages cut on a whole UTF-8 character. Tables of real snippets;
 * the whole files are test_fengong.py's.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#include <cmocka.h>

#include "arena.h"
#include "error.h"
#include "fengong.h"

static void deadlines(void **state)
{
    static const struct {
        const char *text, *want; /* want NULL: none (长期); "" unreadable */
    } cases[] = {
        {"6月底前", "2026-06-30"},        {"六月底前", "2026-06-30"},
        {"年底前", "2026-12-31"},         {"12月31日前", "2026-12-31"},
        {"三季度末", "2026-09-30"},       {"2026年12月底", "2026-12-31"},
        {"2027年6月30日", "2027-06-30"},  {"上半年", "2026-06-30"},
        {"前三季度", "2026-09-30"},       {"2026-10-31", "2026-10-31"},
        {"2026/9/30", "2026-09-30"},      {"年中", "2026-06-30"},
        {"10月底前完成", "2026-10-31"},   {"长期坚持", NULL},
        {"持续推进", NULL},               {"常态化", NULL},
        {"每季度", NULL},                 {"内蒙古自治区", ""},
        {"2026年13月", ""},               {"明年", ""},
        {"2026年2月30日", ""},            {"省财政厅", ""},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char out[16] = "";
        int none = 0, ok = ls_ledger_due(cases[i].text, 2026, out, &none);
        if (!cases[i].want)
            assert_true(ok && none);
        else if (!*cases[i].want)
            assert_false(ok);
        else {
            assert_true(ok && !none);
            assert_string_equal(out, cases[i].want);
        }
    }
}

static void headings(void **state)
{
    static const struct {
        const char *text;
        fg_column want;
    } cases[] = {
        {"序号", FG_NO},           {"序\n号", FG_NO},           {"重点工作任务", FG_TASK},
        {"工作内容", FG_TASK},     {"目标任务", FG_TASK},       {"主要任务", FG_TASK},
        {"牵头单位", FG_LEAD},     {"责任单位", FG_LEAD},       {"牵头领导单位", FG_LEAD},
        {"牵头\n单位（*）", FG_LEAD}, {"配合单位", FG_CO},      {"协办单位", FG_CO},
        {"分管领导", FG_LEADER},   {"责任领导", FG_LEADER},     {"市领导", FG_LEADER},
        {"分管省领导", FG_LEADER}, {"完成时限", FG_DUE},        {"时间节点", FG_DUE},
        {"完成时间", FG_DUE},      {"备注", FG_NONE},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(ls_fg_column_of(cases[i].text), cases[i].want);
}

static void numbering(void **state)
{
    static const struct {
        const char *text;
        size_t len;
    } cases[] = {
        {"一、扩大内需", 6}, {"（一）扩大内需", 9}, {"(1)优化", 3}, {"（12）优化", 8},
        {"1.优化", 2},       {"12、优化", 5},       {"①优化", 3},    {"1.5%的增长", 0},
        {"2026年", 0},       {"优化", 0},           {"十二、民生", 9},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++)
        assert_int_equal(ls_fg_numbering(cases[i].text), cases[i].len);
}

static void departments(void **state)
{
    static const struct {
        const char *a, *b;
        int same;
    } cases[] = {
        {"区发改局", "发展改革委", 1},         {"省发展改革委", "发展改革委", 1},
        {"省财政厅", "财政局", 1},             {"县人社局", "省人力资源社会保障厅", 1},
        {"住建局", "省住房和城乡建设厅", 1},   {"市乡村振兴局", "农业农村局", 1},
        {"省委金融办", "省地方金融管理局", 0}, {"省财政厅", "省教育厅", 0},
        {"市公安局交警支队", "公安局", 0},     {"省数据局", "大数据局", 1},
    };
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        const char *x = ls_unit_department(cases[i].a), *y = ls_unit_department(cases[i].b);
        assert_int_equal(x && y && strcmp(x, y) == 0, cases[i].same);
    }
    assert_true(ls_unit_is_placeholder("有关单位"));
    assert_true(ls_unit_is_placeholder("各县区"));
    assert_true(ls_unit_is_placeholder("区安委会各成员单位"));
    assert_true(ls_unit_is_placeholder("省(中)直有关单位"));
    assert_false(ls_unit_is_placeholder("省财政厅"));
}

static void owners(void **state)
{
    ls_mem *m = ls_mem_new();
    ls_owner_names o;

    (void)state;
    memset(&o, 0, sizeof o);
    ls_owner_names_add(&o, "省发展改革委、省财政厅、省人力资源社会保障厅等牵头，省(中)直有关单位、"
                           "各市人民政府按职责分工负责，2026年6月底前完成", 1, m);
    assert_int_equal(o.nleads, 3);
    assert_string_equal(o.leads[2], "省人力资源社会保障厅");
    assert_int_equal(o.nco, 0);
    assert_string_equal(o.others, "省(中)直有关单位、各市人民政府");
    assert_string_equal(o.due, "2026年6月底前完成");
    memset(&o, 0, sizeof o);
    ls_owner_names_add(&o, "能源局牵头，发展改革委、农业农村局配合", 1, m);
    assert_int_equal(o.nleads, 1);
    assert_int_equal(o.nco, 2);
    memset(&o, 0, sizeof o);
    ls_owner_names_add(&o, "牵头单位：省商务厅；配合单位：省财政厅；责任领导：王副省长", 1, m);
    assert_string_equal(o.leads[0], "省商务厅");
    assert_string_equal(o.co[0], "省财政厅");
    assert_string_equal(o.leader, "王副省长");
    ls_mem_free(m);
}

/* The example: a line reworded against the report's sentence, and
 * a target line beside the sentence that explains the target. */
static void reworded(void **state)
{
    static const char *const rows[] = {
        "在降低税费负担方面，出台一批惠企政策，减轻经营主体负担。",
        "城镇新增就业45万人以上。",
        "城镇新增就业45万人以上的目标，体现了就业优先的政策导向。",
        "推进高标准农田建设。",
    };
    fg_index *ix = NULL;
    fg_hit hits[8];
    size_t n;
    double score;
    int r;

    (void)state;
    assert_int_equal(ls_fg_index_new(rows, 4, &ix, NULL), LS_OK);
    r = ls_fg_align(ix, "出台一批降低税费负担的惠企政策", hits, 8, &n, &score);
    assert_int_equal(r, LS_FG_MATCHED);
    assert_int_equal(n, 1);
    assert_int_equal(hits[0].row, 0);
    /* never the explanation silently: matched to the target, or asked */
    r = ls_fg_align(ix, "城镇新增就业45万人以上", hits, 8, &n, &score);
    assert_true(r == LS_FG_AMBIGUOUS || (r == LS_FG_MATCHED && hits[0].row == 1));
    r = ls_fg_align(ix, "举办世界月球大会", hits, 8, &n, &score);
    assert_int_equal(r, LS_FG_UNMATCHED);
    ls_fg_index_free(ix);
}

/* The suggestion in the office's own names: its unit of the department,
 * else the name at the government's level. */
static void suggestions(void **state)
{
    ls_unit units_at[2] = {{1, "省财政厅", 0, 0}, {2, "区发改局", 0, 0}};
    ls_unit_list units = {units_at, 2, NULL};
    char buf[64];

    (void)state;
    assert_string_equal(ls_ledger_suggestion("财政局", "山西省", NULL, buf, sizeof buf), "财政厅");
    assert_string_equal(ls_ledger_suggestion("财政局", "内蒙古自治区", NULL, buf, sizeof buf),
                        "财政厅");
    assert_string_equal(ls_ledger_suggestion("财政局", "大同市", NULL, buf, sizeof buf), "财政局");
    assert_string_equal(ls_ledger_suggestion("统计局", "山西省", NULL, buf, sizeof buf), "统计局");
    assert_string_equal(ls_ledger_suggestion("财政局", "大同市", &units, buf, sizeof buf),
                        "省财政厅");
    assert_string_equal(ls_ledger_suggestion("发展改革委", "海拉尔区", &units, buf, sizeof buf),
                        "区发改局");
    assert_null(ls_ledger_suggestion(NULL, "山西省", &units, buf, sizeof buf));
}

/* A message cut by its buffer ends on a whole character, with "…". */
static void cut_messages(void **state)
{
    ls_error err;
    char names[2000] = "";
    size_t i, n;
    const unsigned char *p;

    (void)state;
    for (i = 0; i < 50; i++) /* 1050 bytes: four times the message */
        strcat(names, "省发展改革委、");
    for (i = 0; i < 3; i++) {
        /* shift by one byte so that every cut falls in another place */
        ls_error_set(&err, LS_EINVAL, LS_NO_OFFSET, 0, "%.*sunknown units %s", (int)i, "xx",
                     names);
        n = strlen(err.message);
        assert_true(n < sizeof err.message);
        assert_string_equal(err.message + n - 3, "…");
        for (p = (const unsigned char *)err.message; *p;) {
            size_t len = *p >= 0xF0 ? 4 : *p >= 0xE0 ? 3 : *p >= 0xC0 ? 2 : 1;
            size_t k;
            assert_true(*p < 0x80 || *p >= 0xC0);
            for (k = 1; k < len; k++)
                assert_int_equal(p[k] & 0xC0, 0x80);
            p += len;
        }
    }
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(deadlines), cmocka_unit_test(headings),    cmocka_unit_test(numbering),
        cmocka_unit_test(departments), cmocka_unit_test(owners),    cmocka_unit_test(reworded),
        cmocka_unit_test(cut_messages), cmocka_unit_test(suggestions),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
