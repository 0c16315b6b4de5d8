/*
 * pace.c — judges a ledger item against 序时进度, as docs/status.md says:
 *
 *   done        completion >= 100% (a ceiling or rate target: met when due)
 *   overdue     past the due date and not done
 *   not started no progress report yet
 *   ceiling     (op <=, 失业率5.5%以内): on track while the value is under it
 *   rate        (增长5%): the rate reached against the target rate, 100%
 *   amount / %  completion against the share of the period elapsed
 *
 * The reason names the figures that decided, so that an office can check
 * every status by hand.
 */
#include <stdio.h>
#include <string.h>

#include "pace.h"

static const char *const names[LS_PACE_COUNT] = {"已完成", "超进度", "达进度", "欠进度",
                                               "未启动", "逾期",   "待审核", "未分工"};
static const char *const codes[LS_PACE_COUNT] = {"done",        "ahead",   "on_track",
                                               "behind",      "not_started", "overdue",
                                               "pending",     "unassigned"};

const char *ls_pace_name(ls_pace st)
{
    return st < LS_PACE_COUNT ? names[st] : "";
}

const char *ls_pace_code(ls_pace st)
{
    return st < LS_PACE_COUNT ? codes[st] : "";
}

ls_pace ls_pace_parse(const char *name)
{
    int i;

    for (i = 0; i < LS_PACE_COUNT; i++)
        if (strcmp(name, names[i]) == 0 || strcmp(name, codes[i]) == 0)
            return (ls_pace)i;
    return LS_PACE_COUNT;
}

int ls_date_days_in_month(int year, int month)
{
    static const int days[12] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    int leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;

    if (month < 1 || month > 12)
        return 0;
    return days[month - 1] + (month == 2 && leap);
}

int ls_date_parse(const char *s, ls_date *d)
{
    int i;

    if (!s || strlen(s) != 10 || s[4] != '-' || s[7] != '-')
        return 0;
    for (i = 0; i < 10; i++)
        if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
            return 0;
    d->year = (s[0] - '0') * 1000 + (s[1] - '0') * 100 + (s[2] - '0') * 10 + (s[3] - '0');
    d->month = (s[5] - '0') * 10 + (s[6] - '0');
    d->day = (s[8] - '0') * 10 + (s[9] - '0');
    return d->year >= 1900 && d->day >= 1 && d->day <= ls_date_days_in_month(d->year, d->month);
}

int ls_date_cmp(ls_date a, ls_date b)
{
    if (a.year != b.year)
        return a.year < b.year ? -1 : 1;
    if (a.month != b.month)
        return a.month < b.month ? -1 : 1;
    return a.day < b.day ? -1 : a.day > b.day;
}

/* Months from the start of 'start''s month to the end of day 'd'. */
static double months_to(ls_date start, ls_date d)
{
    return (d.year - start.year) * 12.0 + (d.month - start.month) +
           (double)d.day / ls_date_days_in_month(d.year, d.month);
}

double ls_pace_schedule(ls_date start, ls_date due, ls_date as_of)
{
    double total = months_to(start, due), done;

    if (ls_date_cmp(as_of, start) < 0 || total <= 0)
        return 0;
    if (ls_date_cmp(as_of, due) >= 0)
        return 1;
    done = months_to(start, as_of) - (start.day - 1.0) / ls_date_days_in_month(start.year,
                                                                               start.month);
    return done <= 0 ? 0 : done >= total ? 1 : done / total;
}

/* The completion in percent the progress report shows, or -1 if none. */
static double completion(const ls_pace_input *in)
{
    if (in->has_percent)
        return in->percent;
    if (in->has_value && in->has_target && in->target != 0)
        return 100.0 * in->value / in->target;
    return -1;
}

/* A ceiling (op <=): on track while the value stays at or under it. */
static ls_pace judge_ceiling(const ls_pace_input *in, int past_due, char *reason,
                                    size_t size)
{
    int under = in->value <= in->target;

    snprintf(reason, size, "上限指标：实际 %g，目标不超过 %g，%s", in->value, in->target,
             under ? "在控制范围内" : "超出上限");
    if (!under)
        return past_due ? LS_PACE_OVERDUE : LS_PACE_BEHIND;
    return past_due ? LS_PACE_DONE : LS_PACE_ON_TRACK;
}

/* Compares the completion 'done' with the 'expected' share (both in %). */
static ls_pace against(double done, double expected, const ls_pace_rule *rule)
{
    if (done >= expected + rule->ahead)
        return LS_PACE_AHEAD;
    if (done >= expected - rule->tolerance)
        return LS_PACE_ON_TRACK;
    return LS_PACE_BEHIND;
}

ls_pace ls_pace_judge(const ls_pace_input *in, const ls_pace_rule *rule,
                               char *reason, size_t size)
{
    int past_due = ls_date_cmp(in->as_of, in->due) > 0;
    double sched = ls_pace_schedule(in->start, in->due, in->as_of) * 100.0;
    double done = completion(in);
    int rate = in->has_target && !in->has_percent && in->change != LS_CHANGE_NONE;
    ls_pace st;

    if (!in->has_progress || (done < 0 && !in->has_value)) {
        snprintf(reason, size, "%s，序时进度 %.1f%%", in->has_progress ? "报送未给出完成值或完成比例"
                                                                    : "尚无进展报送",
                 sched);
        if (past_due)
            return LS_PACE_OVERDUE;
        return in->has_progress ? LS_PACE_ON_TRACK : LS_PACE_NOT_STARTED;
    }
    if (in->has_value && in->has_target && !in->has_percent && in->op == LS_OP_LE)
        return judge_ceiling(in, past_due, reason, size);
    if (done < 0) {
        snprintf(reason, size, "已报送完成值 %g，但没有可比的量化目标，序时进度 %.1f%%", in->value,
                 sched);
        return past_due ? LS_PACE_OVERDUE : LS_PACE_ON_TRACK;
    }
    if (rate) {
        /* a rate is judged on the rate: 4.8% of growth against 5% is behind
         * at any time of the year */
        if (past_due)
            st = done >= 100 ? LS_PACE_DONE : LS_PACE_OVERDUE;
        else
            st = against(done, 100, rule);
        snprintf(reason, size, "增速指标：实际 %g，目标 %g，达到目标的 %.1f%%", in->value,
                 in->target, done);
        return st;
    }
    if (done >= 100) {
        snprintf(reason, size, "完成 %.1f%%", done);
        return LS_PACE_DONE;
    }
    if (past_due) {
        snprintf(reason, size, "已过完成时限 %04d-%02d-%02d，完成 %.1f%%", in->due.year,
                 in->due.month, in->due.day, done);
        return LS_PACE_OVERDUE;
    }
    st = against(done, sched, rule);
    snprintf(reason, size, "完成 %.1f%%，序时进度 %.1f%%，%s %.1f 个百分点", done, sched,
             done >= sched ? "高于序时" : "低于序时", done >= sched ? done - sched : sched - done);
    return st;
}

ls_pace ls_pace_review(ls_pace figure, ls_review review, const char *returned, int past_due,
                       char *reason, size_t size)
{
    char was[256];

    snprintf(was, sizeof was, "%s", reason);
    if (review == LS_REVIEW_APPROVED) {
        snprintf(reason, size, "已办结（销号）；%s", was);
        return LS_PACE_DONE;
    }
    if (review == LS_REVIEW_PENDING) {
        snprintf(reason, size, "已申请办结，待审核；%s", was);
        return LS_PACE_PENDING;
    }
    if (review == LS_REVIEW_RETURNED)
        snprintf(reason, size, "办结申请已退回（%s）；%s", returned ? returned : "", was);
    if (figure != LS_PACE_DONE)
        return figure;
    /* the figures are reached, but only the office's review closes a row */
    snprintf(was, sizeof was, "%s", reason);
    snprintf(reason, size, "%s；未办结（尚未申请或未经审核）", was);
    return past_due ? LS_PACE_OVERDUE : LS_PACE_AHEAD;
}

/* How bad a pace is, for the worst of several targets. */
static int badness(ls_pace p)
{
    static const int rank[LS_PACE_COUNT] = {0, 1, 2, 4, 3, 5, 0};

    return p < LS_PACE_COUNT ? rank[p] : 0;
}

int ls_pace_worse(ls_pace a, ls_pace b)
{
    return badness(a) > badness(b);
}

size_t ls_pace_on_schedule(const ls_pace_tally *t)
{
    return t->n[LS_PACE_DONE] + t->n[LS_PACE_AHEAD] + t->n[LS_PACE_ON_TRACK];
}

const char *ls_item_kind_name(ls_item_kind kind)
{
    return kind == LS_ITEM_TARGET ? "target" : "task";
}
