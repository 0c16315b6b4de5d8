/*
 * cycle.c — a reporting period of the office (月报 / 季报) as data: its
 * days and due day, the rows due to report in it and how each did (按时报送
 * / 逾期报送 / 未报送), and the lead units ranked by on-time reporting, by
 * the share of their rows at or above 序时进度, then by fewer returns. The
 * one source of `luoshi late`, `luoshi rank`, GET /api/v1/late and
 * /api/v1/rank, the pages and the bulletin's named units. It reads the
 * store and decides; writing it out is the front ends'.
 *
 * The rules (docs/ledger.md): a row is due to report when it has a lead
 * unit (assigned by the due day), is live and was not done before the
 * period began; it reported on
 * time when a report dated between the period's first day and its due day
 * was stored by the due day (the date of 'at', UTC).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "pace.h"
#include "store.h"

#define DEFAULT_DUE_DAY 10

static const char *const cn_quarter[] = {"一", "二", "三", "四"};

/* The period "2023-07", "2023-Q3", "2023-H1" or "2023": its first and last
 * month in '*m0', '*m1' and its name in 'label'. Returns 0 if malformed. */
static int parse_period(const char *p, int *year, int *m0, int *m1, char *label, size_t size)
{
    int y, n;
    char c = 0, extra = 0;

    if (sscanf(p, "%4d-%c%d%c", &y, &c, &n, &extra) == 3 && (c == 'Q' || c == 'q') && n >= 1 &&
        n <= 4) {
        *m0 = 3 * n - 2, *m1 = 3 * n;
        snprintf(label, size, "%d年第%s季度", y, cn_quarter[n - 1]);
    } else if (sscanf(p, "%4d-%c%d%c", &y, &c, &n, &extra) == 3 && (c == 'H' || c == 'h') &&
               n >= 1 && n <= 2) {
        *m0 = 6 * n - 5, *m1 = 6 * n;
        snprintf(label, size, "%d年%s半年", y, n == 1 ? "上" : "下");
    } else if (strlen(p) == 7 && sscanf(p, "%4d-%2d%c", &y, &n, &extra) == 2 && n >= 1 &&
               n <= 12) {
        *m0 = *m1 = n;
        snprintf(label, size, "%d年%d月", y, n);
    } else if (strlen(p) == 4 && sscanf(p, "%4d%c", &y, &extra) == 1) {
        *m0 = 1, *m1 = 12;
        snprintf(label, size, "%d年", y);
    } else {
        return 0;
    }
    *year = y;
    return y >= 1949 && y <= 2200;
}

/* Fills the days of 'out' for 'period' under its cycle. */
static int period_days(ls_cycle_period *out, const char *period, int *year, char *label,
                       size_t size)
{
    int m0, m1, dy, dm, dd, day;

    if (!parse_period(period, year, &m0, &m1, label, size))
        return 0;
    day = out->cycle.is_set ? out->cycle.due_day : DEFAULT_DUE_DAY;
    dy = m1 == 12 ? *year + 1 : *year;
    dm = m1 == 12 ? 1 : m1 + 1;
    dd = day < ls_date_days_in_month(dy, dm) ? day : ls_date_days_in_month(dy, dm);
    snprintf(out->start, sizeof out->start, "%04d-%02d-01", *year, m0);
    snprintf(out->end, sizeof out->end, "%04d-%02d-%02d", *year, m1,
             ls_date_days_in_month(*year, m1));
    snprintf(out->due, sizeof out->due, "%04d-%02d-%02d", dy, dm, dd);
    return 1;
}

/* The day before 'day' (YYYY-MM-DD) into 'out'. */
static void day_before(const char *day, char out[11])
{
    ls_date d;

    ls_date_parse(day, &d);
    if (--d.day == 0) {
        if (--d.month == 0) {
            d.month = 12;
            d.year--;
        }
        d.day = ls_date_days_in_month(d.year, d.month);
    }
    snprintf(out, 11, "%04d-%02d-%02d", d.year, d.month, d.day);
}

/* How row 'item' reported for the period: its reports dated from 'start'
 * to 'due', the first stored of them by 'due' or after. */
static ls_status reported(ls_store *store, ls_mem *m, long long item, const ls_cycle_period *p,
                          ls_cycle_row *row, ls_error *err)
{
    ls_progress_list list;
    const char *first = NULL;
    size_t i;
    ls_status st = ls_store_progress_list(store, item, &list, err);

    if (st != LS_OK)
        return st;
    for (i = 0; i < list.n; i++) {
        const ls_progress_entry *e = &list.at[i];
        if (strcmp(e->date, p->start) < 0 || strcmp(e->date, p->due) > 0 || !e->at)
            continue;
        if (!first || strcmp(e->at, first) < 0)
            first = e->at;
    }
    row->reported = !first                             ? LS_REPORTED_NONE
                    : strncmp(first, p->due, 10) <= 0 ? LS_REPORTED_ON_TIME
                                                       : LS_REPORTED_LATE;
    row->reported_at = first ? ls_mem_str(m, first) : NULL;
    ls_mem_free(list.mem);
    return LS_OK;
}

/* From the history of row 'item' up to 'due': how many times the office
 * returned it (entries of action "return": the 办结 review, review.c)
 * into '*n', and whether it had a lead unit by then ('*owned':
 * a lead assigned on or before 'due', or none in the log at all, as for a
 * ledger copied without its log). */
static ls_status history_by(ls_store *store, long long item, const char *due, size_t *n,
                            int *owned, ls_error *err)
{
    ls_change_list log;
    size_t i;
    int leads = 0, early = 0;
    ls_status st = ls_store_history(store, item, &log, err);

    if (st != LS_OK)
        return st;
    for (i = 0; i < log.n; i++) {
        const ls_change_entry *e = &log.at[i];
        int by_due = e->at && strncmp(e->at, due, 10) <= 0;
        if (e->action && strcmp(e->action, "return") == 0 && by_due)
            (*n)++;
        if (e->field && strcmp(e->field, "lead") == 0 && e->new_value && *e->new_value) {
            leads++;
            early += by_due;
        }
    }
    *owned = leads == 0 || early > 0;
    ls_mem_free(log.mem);
    return LS_OK;
}

/* The unit 'name' of 'p' (added when new). */
static ls_unit_rank *unit_of(ls_cycle_period *p, const char *name)
{
    size_t u;

    for (u = 0; u < p->nunits; u++)
        if (strcmp(p->units[u].unit, name) == 0)
            return &p->units[u];
    memset(&p->units[u], 0, sizeof p->units[u]);
    p->units[u].unit = name;
    p->nunits++;
    return &p->units[u];
}

/* 'part' of 'whole' in percent, to one decimal (66.7), as it is shown
 * and compared: units that show the same rate rank together. */
static double percent(size_t part, size_t whole)
{
    return whole ? (double)(long long)(1000.0 * (double)part / (double)whole + 0.5) / 10.0 : 0;
}

static int rank_cmp(const ls_unit_rank *x, const ls_unit_rank *y)
{
    if (x->on_time_rate != y->on_time_rate)
        return x->on_time_rate < y->on_time_rate ? 1 : -1;
    if (x->on_schedule_share != y->on_schedule_share)
        return x->on_schedule_share < y->on_schedule_share ? 1 : -1;
    if (x->returned != y->returned)
        return x->returned > y->returned ? 1 : -1;
    return 0;
}

/* Best first; a tie keeps the order of names. */
static int by_rank(const void *a, const void *b)
{
    int c = rank_cmp(a, b);

    return c ? c : strcmp(((const ls_unit_rank *)a)->unit, ((const ls_unit_rank *)b)->unit);
}

/* The rows due to report and how they did, and each lead unit's counts. */
static ls_status tally(ls_store *store, ls_cycle_period *p, const ls_item_list *before,
                       ls_error *err)
{
    size_t i;
    ls_status st = LS_OK;

    p->rows = ls_mem_alloc(p->mem, (p->items.n + 1) * sizeof *p->rows);
    p->units = ls_mem_alloc(p->mem, (p->items.n + 1) * sizeof *p->units);
    if (!p->rows || !p->units)
        return ls_error_nomem(err);
    for (i = 0; i < p->items.n; i++) {
        const ls_item *it = &p->items.at[i];
        ls_unit_rank *u;
        ls_cycle_row *row;
        int owned = 1;
        if (!it->lead)
            continue;
        u = unit_of(p, it->lead);
        u->judged++;
        u->on_schedule += it->pace == LS_PACE_DONE || it->pace == LS_PACE_AHEAD ||
                          it->pace == LS_PACE_ON_TRACK;
        LS_CHECK(history_by(store, it->id, p->due, &u->returned, &owned, err));
        /* assigned after the due day, or done before the period began:
         * nothing to report for it */
        if (!owned ||
            (i < before->n && before->at[i].id == it->id && before->at[i].pace == LS_PACE_DONE))
            continue;
        row = &p->rows[p->nrows++];
        row->item = it;
        st = reported(store, p->mem, it->id, p, row, err);
        u->expected++;
        LS_CHECK(st);
        u->on_time += row->reported == LS_REPORTED_ON_TIME;
        u->late += row->reported == LS_REPORTED_LATE;
        u->missing += row->reported == LS_REPORTED_NONE;
    }
done: /* the counts so far are ranked, on a failure too */
    for (i = 0; i < p->nunits; i++) {
        p->units[i].on_time_rate = percent(p->units[i].on_time, p->units[i].expected);
        p->units[i].on_schedule_share = percent(p->units[i].on_schedule, p->units[i].judged);
    }
    qsort(p->units, p->nunits, sizeof *p->units, by_rank);
    for (i = 0; i < p->nunits; i++)
        p->units[i].rank = i > 0 && rank_cmp(&p->units[i], &p->units[i - 1]) == 0
                               ? p->units[i - 1].rank
                               : i + 1;
    return st;
}

void ls_cycle_period_free(ls_cycle_period *p)
{
    if (!p)
        return;
    ls_mem_free(p->items.mem);
    ls_mem_free(p->mem);
    memset(p, 0, sizeof *p);
}

ls_status ls_ledger_cycle_period(ls_store *store, const ls_item_filter *filter,
                                 const char *period, ls_cycle_period *out, ls_error *err)
{
    ls_item_filter f = *filter;
    ls_item_list before = {NULL, 0, NULL};
    char label[64], eve[11];
    int year;
    ls_status st;

    memset(out, 0, sizeof *out);
    st = ls_store_cycle(store, &out->cycle, err);
    if (st != LS_OK)
        return st;
    if (!period || !period_days(out, period, &year, label, sizeof label))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "period '%s' is not YYYY-MM, YYYY-Qn, YYYY-Hn or YYYY",
                            period ? period : "");
    f.status = NULL;
    f.limit = f.offset = 0;
    f.removed = 0;
    if (!f.report && !f.year)
        f.year = year;
    if (!f.report)
        LS_CHECK(ls_ledger_latest_report(store, f.gov, f.year, &f.report, err));
    /* the rows as of the period's end, and as of the day before it began */
    f.as_of = out->end;
    LS_CHECK(ls_store_items(store, &f, &out->items, err));
    day_before(out->start, eve);
    f.as_of = eve;
    LS_CHECK(ls_store_items(store, &f, &before, err));
    if (!(out->mem = ls_mem_new()))
        LS_CHECK(ls_error_nomem(err));
    LS_CHECK(tally(store, out, &before, err));
    out->label = ls_mem_str(out->mem, label);
    out->gov = ls_mem_str(out->mem, out->items.n ? out->items.at[0].gov : "");
    if (ls_mem_failed(out->mem))
        LS_CHECK(ls_error_nomem(err));
done:
    ls_mem_free(before.mem);
    if (st != LS_OK)
        ls_cycle_period_free(out);
    return st;
}
