/*
 * todo.c — a unit's 待办 (to-do) on a day, the page a unit user lands on:
 * the rows it has still to report in this period of the cycle, the rows
 * the office returned (a history entry "return" of the 办结 review,
 * review.c, after the row's last progress report), and its rows overdue, behind or
 * due soon — the same lists as `luoshi late` and `luoshi remind`
 * (cycle.c, remind.c), cut to one unit. It decides; it draws nothing.
 */
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "pace.h"
#include "store.h"

int ls_ledger_period_of(const ls_cycle *c, const char *day, int previous, char *out,
                        size_t size)
{
    ls_date d;
    int month = c->is_set && strcmp(c->every, "month") == 0;
    int n;

    if (!day || !ls_date_parse(day, &d))
        return 0;
    n = month ? d.month : (d.month + 2) / 3;
    if (previous && --n == 0) {
        d.year--;
        n = month ? 12 : 4;
    }
    if (month)
        snprintf(out, size, "%04d-%02d", d.year, n);
    else
        snprintf(out, size, "%04d-Q%d", d.year, n);
    return 1;
}

void ls_todo_free(ls_todo *t)
{
    if (!t)
        return;
    ls_cycle_period_free(&t->cycle);
    ls_remind_free(&t->remind);
    ls_mem_free(t->mem);
    memset(t, 0, sizeof *t);
}

/* The time of the last history entry of 'item' with action 'action' into
 * 'at' ("" when none). */
static ls_status last_entry(ls_store *store, long long item, const char *action, char at[40],
                            ls_error *err)
{
    ls_change_list log = {NULL, 0, NULL};
    size_t i;
    ls_status st;

    at[0] = '\0';
    LS_CHECK(ls_store_history(store, item, &log, err));
    for (i = 0; i < log.n; i++)
        if (log.at[i].action && strcmp(log.at[i].action, action) == 0 && log.at[i].at &&
            strcmp(log.at[i].at, at) > 0)
            snprintf(at, 40, "%s", log.at[i].at);
done:
    ls_mem_free(log.mem);
    return st;
}

/* The unit's rows returned after their last report. */
static ls_status gather_returned(ls_store *store, ls_todo *t, ls_error *err)
{
    const ls_item_list *items = &t->remind.items;
    char back[40], reported[40];
    size_t i;
    ls_status st = LS_OK;

    t->returned = ls_mem_alloc(t->mem, (items->n + 1) * sizeof *t->returned);
    if (!t->returned)
        return ls_error_nomem(err);
    for (i = 0; i < items->n; i++) {
        const ls_item *it = &items->at[i];
        if (!it->lead || strcmp(it->lead, t->unit) != 0)
            continue;
        LS_CHECK(last_entry(store, it->id, "return", back, err));
        if (back[0])
            LS_CHECK(last_entry(store, it->id, "progress", reported, err));
        if (back[0] && strcmp(back, reported) > 0)
            t->returned[t->nreturned++] = it;
    }
done:
    return st;
}

ls_status ls_ledger_todo(ls_store *store, const ls_item_filter *filter, const char *unit,
                         const char *as_of, int within, ls_todo *out, ls_error *err)
{
    ls_item_filter f = *filter;
    ls_cycle c;
    char day[11];
    ls_status st;

    memset(out, 0, sizeof *out);
    if (!unit || !*unit)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "a to-do list needs a unit");
    if (as_of)
        snprintf(day, sizeof day, "%s", as_of);
    else
        ls_store_today(day);
    f.unit = unit;
    LS_CHECK(ls_store_cycle(store, &c, err));
    if (!ls_ledger_period_of(&c, day, 0, out->period, sizeof out->period))
        LS_CHECK(ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                              "as-of date '%s' is not YYYY-MM-DD", day));
    LS_CHECK(ls_ledger_cycle_period(store, &f, out->period, &out->cycle, err));
    LS_CHECK(ls_ledger_remind(store, &f, day, within, &out->remind, err));
    if (!(out->mem = ls_mem_new()) || !(out->unit = ls_mem_str(out->mem, unit)))
        LS_CHECK(ls_error_nomem(err));
    LS_CHECK(gather_returned(store, out, err));
done:
    if (st != LS_OK)
        ls_todo_free(out);
    return st;
}
