/*
 * pace.h — the pace of a ledger item against 序时进度 (the share of its
 * period elapsed): 已完成 / 超进度 / 达进度 / 欠进度 / 未启动 / 逾期, with the
 * reason in words. Pure: no store, no clock; docs/status.md is the rule.
 * (Called "status" to users; "pace" in the code, apart from ls_status, the
 * error code every call returns.)
 */
#ifndef LS_PACE_H
#define LS_PACE_H

#include <stddef.h>

#include "luoshi.h"

/* ls_pace is declared in luoshi.h. */

/* A calendar date. */
typedef struct {
    int year, month, day;
} ls_date;

/* What the rule needs to know about one item. */
typedef struct {
    ls_date start, due, as_of; /* the period, and the day it is judged */
    int has_progress;          /* a progress report on or before as_of */
    int has_percent;
    double percent;            /* share of the task done, 0..100 */
    int has_value;
    double value;              /* the figure reached, in the target's unit */
    int has_target;            /* the one quantified target of the item */
    double target;
    ls_op op;
    ls_change change;
    int is_rate;               /* a unit of % or 个百分点 */
} ls_pace_input;

/* Thresholds, in percentage points: 超进度 from 'ahead' points above the
 * schedule, 欠进度 from 'tolerance' points below it. */
typedef struct {
    double ahead;
    double tolerance;
} ls_pace_rule;

#define LS_PACE_RULE_DEFAULT ((ls_pace_rule){10.0, 0.0})

/* Judges 'in' by 'rule'; writes the reason (Chinese, NUL-terminated) into
 * 'reason' of 'size' bytes and returns the status. */
ls_pace ls_pace_judge(const ls_pace_input *in, const ls_pace_rule *rule,
                               char *reason, size_t size);

/* 序时进度 at 'as_of' of the period [start, due], 0..1, counted in months
 * with the days of the current month as a fraction (30 November of a
 * calendar year: 11/12). */
double ls_pace_schedule(ls_date start, ls_date due, ls_date as_of);


/* Where a row stands in its 办结 review (the latest step, src/ledger/review.c). */
typedef enum {
    LS_REVIEW_NONE = 0,
    LS_REVIEW_PENDING,  /* 办结 asked */
    LS_REVIEW_RETURNED, /* returned with a reason */
    LS_REVIEW_APPROVED  /* 办结, 销号 */
} ls_review;

/* The pace of a row once its review is read: approved is 已完成, pending
 * 待审核; a row whose figures are reached ('figure' 已完成) but that is not
 * approved is 超进度 (逾期 once 'past_due'): only the office's review closes
 * a row. 'reason' (the figure's reason, 'size' bytes) is rewritten to say
 * so; 'returned' is the reason of a return. */
ls_pace ls_pace_review(ls_pace figure, ls_review review, const char *returned, int past_due,
                       char *reason, size_t size);

/* True when pace 'a' is worse than 'b' (逾期, 欠进度, 未启动, 达进度, 超进度,
 * 已完成, from worst): a row of several targets is as far as its worst. */
int ls_pace_worse(ls_pace a, ls_pace b);

/* The status named by 'name' (either form), or LS_PACE_COUNT. */
ls_pace ls_pace_parse(const char *name);

/* Parses "YYYY-MM-DD" (a real calendar date) into '*d'; returns 0 if not. */
int ls_date_parse(const char *s, ls_date *d);
/* Negative, zero or positive as 'a' is before, on or after 'b'. */
int ls_date_cmp(ls_date a, ls_date b);
int ls_date_days_in_month(int year, int month);

#endif
