/*
 * test_status.c — the status rule of docs/status.md on a table of cases:
 * 序时进度 by months, amounts against the schedule, ceilings (<=), rates,
 * done, overdue, not started, custom thresholds; and the date parser.
 */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdio.h>
#include <string.h>

#include <cmocka.h>

#include "pace.h"

static void test_schedule(void **state)
{
    ls_date y0 = {2023, 1, 1}, end = {2023, 12, 31};

    (void)state;
    /* the end of November is 11/12 of a calendar year */
    assert_float_equal(ls_pace_schedule(y0, end, (ls_date){2023, 11, 30}), 11.0 / 12, 1e-9);
    assert_float_equal(ls_pace_schedule(y0, end, (ls_date){2023, 6, 30}), 0.5, 1e-9);
    assert_float_equal(ls_pace_schedule(y0, end, (ls_date){2023, 3, 31}), 0.25, 1e-9);
    /* mid-month counts the days of the month */
    assert_float_equal(ls_pace_schedule(y0, end, (ls_date){2023, 2, 14}), 1.5 / 12, 1e-9);
    assert_float_equal(ls_pace_schedule(y0, end, (ls_date){2022, 12, 31}), 0, 1e-9);
    assert_float_equal(ls_pace_schedule(y0, end, (ls_date){2024, 1, 5}), 1, 1e-9);
    /* a half-year deadline: the end of March is half way */
    assert_float_equal(ls_pace_schedule(y0, (ls_date){2023, 6, 30}, (ls_date){2023, 3, 31}),
                       0.5, 1e-9);
}

typedef struct {
    const char *what;
    ls_pace_input in;
    ls_pace expect;
    const char *reason_has;
} status_case;

#define Y23 {2023, 1, 1}, {2023, 12, 31}

static const status_case cases[] = {
    {"no report yet", {Y23, {2023, 6, 30}, 0, 0, 0, 0, 0, 0, 0, LS_OP_EQ, LS_CHANGE_NONE, 0},
     LS_PACE_NOT_STARTED, "尚无进展报送"},
    {"no report past the deadline",
     {Y23, {2024, 1, 10}, 0, 0, 0, 0, 0, 0, 0, LS_OP_EQ, LS_CHANGE_NONE, 0}, LS_PACE_OVERDUE, ""},
    {"40% at mid-year is behind",
     {Y23, {2023, 6, 30}, 1, 1, 40, 0, 0, 0, 0, LS_OP_EQ, LS_CHANGE_NONE, 0}, LS_PACE_BEHIND,
     "低于序时 10.0 个百分点"},
    {"50% at mid-year is on track",
     {Y23, {2023, 6, 30}, 1, 1, 50, 0, 0, 0, 0, LS_OP_EQ, LS_CHANGE_NONE, 0}, LS_PACE_ON_TRACK,
     "序时进度 50.0%"},
    {"60% at mid-year is ahead (10 points)",
     {Y23, {2023, 6, 30}, 1, 1, 60, 0, 0, 0, 0, LS_OP_EQ, LS_CHANGE_NONE, 0}, LS_PACE_AHEAD, ""},
    {"100% is done", {Y23, {2023, 6, 30}, 1, 1, 100, 0, 0, 0, 0, LS_OP_EQ, LS_CHANGE_NONE, 0},
     LS_PACE_DONE, "完成 100.0%"},
    {"an amount against its target: 14 of 20.8万亩 at the end of September",
     {Y23, {2023, 9, 30}, 1, 0, 0, 1, 14, 1, 20.8, LS_OP_EQ, LS_CHANGE_NONE, 0}, LS_PACE_BEHIND,
     "完成 67.3%"},
    {"an amount reached before the year ends is done",
     {Y23, {2023, 9, 30}, 1, 0, 0, 1, 1.62, 1, 1.6, LS_OP_GE, LS_CHANGE_NONE, 0}, LS_PACE_DONE, ""},
    {"a ceiling kept (失业率 5.2 within 5.5) is on track",
     {Y23, {2023, 6, 30}, 1, 0, 0, 1, 5.2, 1, 5.5, LS_OP_LE, LS_CHANGE_NONE, 1}, LS_PACE_ON_TRACK,
     "在控制范围内"},
    {"a ceiling broken is behind",
     {Y23, {2023, 6, 30}, 1, 0, 0, 1, 5.8, 1, 5.5, LS_OP_LE, LS_CHANGE_NONE, 1}, LS_PACE_BEHIND,
     "超出上限"},
    {"a ceiling kept to the end is done",
     {Y23, {2024, 1, 15}, 1, 0, 0, 1, 5.2, 1, 5.5, LS_OP_LE, LS_CHANGE_NONE, 1}, LS_PACE_DONE, ""},
    {"a growth rate is judged on the rate, not the calendar: 4.8 of 5 is behind",
     {Y23, {2023, 3, 31}, 1, 0, 0, 1, 4.8, 1, 5, LS_OP_APPROX, LS_CHANGE_INCREASE, 1},
     LS_PACE_BEHIND, "增速指标"},
    {"a growth rate at its target is on track",
     {Y23, {2023, 3, 31}, 1, 0, 0, 1, 5.0, 1, 5, LS_OP_APPROX, LS_CHANGE_INCREASE, 1},
     LS_PACE_ON_TRACK, ""},
    {"a growth rate met at the end of the year is done",
     {Y23, {2024, 1, 20}, 1, 0, 0, 1, 5.3, 1, 5, LS_OP_APPROX, LS_CHANGE_INCREASE, 1},
     LS_PACE_DONE, ""},
    {"past its deadline and not done",
     {{2023, 1, 1}, {2023, 6, 30}, {2023, 7, 1}, 1, 1, 80, 0, 0, 0, 0, LS_OP_EQ, LS_CHANGE_NONE,
      0},
     LS_PACE_OVERDUE, "已过完成时限 2023-06-30"},
};

static void test_cases(void **state)
{
    ls_pace_rule rule = LS_PACE_RULE_DEFAULT;
    char reason[256];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        ls_pace st = ls_pace_judge(&cases[i].in, &rule, reason, sizeof reason);
        if (st != cases[i].expect || !strstr(reason, cases[i].reason_has))
            fail_msg("%s: got %s (%s), expected %s with '%s'", cases[i].what,
                     ls_pace_name(st), reason, ls_pace_name(cases[i].expect),
                     cases[i].reason_has);
    }
}

static void test_thresholds(void **state)
{
    ls_pace_input in = {Y23, {2023, 6, 30}, 1, 1, 47, 0, 0, 0, 0, LS_OP_EQ, LS_CHANGE_NONE, 0};
    ls_pace_rule strict = {10, 0}, lenient = {5, 5};
    char reason[256];

    (void)state;
    assert_int_equal(ls_pace_judge(&in, &strict, reason, sizeof reason), LS_PACE_BEHIND);
    assert_int_equal(ls_pace_judge(&in, &lenient, reason, sizeof reason), LS_PACE_ON_TRACK);
    in.percent = 55;
    assert_int_equal(ls_pace_judge(&in, &strict, reason, sizeof reason), LS_PACE_ON_TRACK);
    assert_int_equal(ls_pace_judge(&in, &lenient, reason, sizeof reason), LS_PACE_AHEAD);
}

static void test_dates(void **state)
{
    ls_date d;

    (void)state;
    assert_true(ls_date_parse("2024-02-29", &d));
    assert_int_equal(d.year * 10000 + d.month * 100 + d.day, 20240229);
    assert_false(ls_date_parse("2023-02-29", &d));
    assert_false(ls_date_parse("2023-13-01", &d));
    assert_false(ls_date_parse("2023-1-01", &d));
    assert_false(ls_date_parse("2023年12月", &d));
    assert_false(ls_date_parse("", &d));
    assert_false(ls_date_parse(NULL, &d));
    assert_int_equal(ls_pace_parse("欠进度"), LS_PACE_BEHIND);
    assert_int_equal(ls_pace_parse("overdue"), LS_PACE_OVERDUE);
    assert_int_equal(ls_pace_parse("late"), LS_PACE_COUNT);
}

/* The 办结 review over the pace of the figures (issue 14): only an
 * approval is 已完成; a request is 待审核; figures reached without one are
 * 超进度 before the deadline and 逾期 after it; a return keeps the figures'
 * pace and says why. */
static void test_review(void **state)
{
    static const struct {
        ls_pace figure;
        ls_review review;
        int past_due;
        ls_pace want;
        const char *says;
    } steps[] = {
        {LS_PACE_DONE, LS_REVIEW_NONE, 0, LS_PACE_AHEAD, "未办结"},
        {LS_PACE_DONE, LS_REVIEW_NONE, 1, LS_PACE_OVERDUE, "未办结"},
        {LS_PACE_DONE, LS_REVIEW_PENDING, 1, LS_PACE_PENDING, "待审核"},
        {LS_PACE_BEHIND, LS_REVIEW_PENDING, 0, LS_PACE_PENDING, "待审核"},
        {LS_PACE_BEHIND, LS_REVIEW_APPROVED, 0, LS_PACE_DONE, "销号"},
        {LS_PACE_ON_TRACK, LS_REVIEW_RETURNED, 0, LS_PACE_ON_TRACK, "退回（照片不清）"},
        {LS_PACE_DONE, LS_REVIEW_RETURNED, 0, LS_PACE_AHEAD, "退回（照片不清）"},
        {LS_PACE_BEHIND, LS_REVIEW_NONE, 0, LS_PACE_BEHIND, "完成 40.0%"},
    };
    char reason[512];
    size_t i;

    (void)state;
    for (i = 0; i < sizeof steps / sizeof steps[0]; i++) {
        snprintf(reason, sizeof reason, "完成 40.0%%");
        assert_int_equal(ls_pace_review(steps[i].figure, steps[i].review, "照片不清",
                                        steps[i].past_due, reason, sizeof reason),
                         steps[i].want);
        assert_non_null(strstr(reason, steps[i].says));
    }
    assert_true(ls_pace_worse(LS_PACE_OVERDUE, LS_PACE_BEHIND));
    assert_true(ls_pace_worse(LS_PACE_BEHIND, LS_PACE_ON_TRACK));
    assert_false(ls_pace_worse(LS_PACE_DONE, LS_PACE_AHEAD));
    assert_int_equal(ls_pace_parse("待审核"), LS_PACE_PENDING);
    assert_int_equal(ls_pace_parse("pending"), LS_PACE_PENDING);
}

int main(void)
{
    const struct CMUnitTest tests[] = {
        cmocka_unit_test(test_schedule),
        cmocka_unit_test(test_cases),
        cmocka_unit_test(test_thresholds),
        cmocka_unit_test(test_dates),
        cmocka_unit_test(test_review),
    };
    return cmocka_run_group_tests(tests, NULL, NULL);
}
