/*
 * remind.c — 预警 and 催办 as data: the colour of a row on a day (红 overdue,
 * 黄 behind 序时进度, 蓝 due within N days) and the 催办单 of each lead unit
 * that has a row of a colour. The one rule behind `luoshi remind`, GET
 * /api/v1/remind, the colours on the pages' rows and the unit's 待办.
 * Writing a 催办单 as Markdown, HTML or DOCX is src/format/remind_out.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "pace.h"
#include "store.h"


/* Days from 1970-01-01 to 'd' (the civil-from-days inverse, proleptic
 * Gregorian). */
static long days_of(ls_date d)
{
    long y = d.year - (d.month <= 2), era = (y >= 0 ? y : y - 399) / 400;
    long yoe = y - era * 400, mp = (d.month + 9) % 12;
    long doy = (153 * mp + 2) / 5 + d.day - 1, doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;

    return era * 146097 + doe - 719468;
}

ls_alert ls_ledger_alert(const ls_item *it, const char *as_of, int within)
{
    ls_date now, due;
    long left;

    if (it->pace == LS_PACE_OVERDUE)
        return LS_ALERT_RED;
    if (it->pace == LS_PACE_BEHIND)
        return LS_ALERT_YELLOW;
    if (it->pace == LS_PACE_DONE || it->pace == LS_PACE_UNASSIGNED || !it->due ||
        !ls_date_parse(it->due, &due) || !as_of || !ls_date_parse(as_of, &now))
        return LS_ALERT_NONE;
    left = days_of(due) - days_of(now);
    return left >= 0 && left <= within ? LS_ALERT_BLUE : LS_ALERT_NONE;
}

void ls_remind_free(ls_remind *r)
{
    if (!r)
        return;
    ls_mem_free(r->items.mem);
    ls_mem_free(r->mem);
    memset(r, 0, sizeof *r);
}

/* The 催办单 of 'unit' in 'r' (added when new). */
static ls_remind_unit *unit_of(ls_remind *r, const char *unit)
{
    size_t u;

    for (u = 0; u < r->nunits; u++)
        if (strcmp(r->units[u].unit, unit) == 0)
            return &r->units[u];
    memset(&r->units[u], 0, sizeof r->units[u]);
    r->units[u].unit = unit;
    r->nunits++;
    return &r->units[u];
}

/* Each row of a colour in its unit's 催办单, 红 first, then 黄, then 蓝. */
static ls_status gather(ls_remind *r, const ls_alert *alerts, ls_error *err)
{
    size_t i, u;
    int a;

    r->units = ls_mem_alloc(r->mem, (r->items.n + 1) * sizeof *r->units);
    if (!r->units)
        return ls_error_nomem(err);
    for (i = 0; i < r->items.n; i++)
        if (alerts[i] != LS_ALERT_NONE)
            unit_of(r, r->items.at[i].lead)->n[alerts[i]]++;
    for (u = 0; u < r->nunits; u++) {
        ls_remind_unit *ru = &r->units[u];
        size_t total = ru->n[1] + ru->n[2] + ru->n[3];
        ru->rows = ls_mem_alloc(r->mem, total * sizeof *ru->rows);
        ru->alerts = ls_mem_alloc(r->mem, total * sizeof *ru->alerts);
        if (!ru->rows || !ru->alerts)
            return ls_error_nomem(err);
        for (a = LS_ALERT_RED; a >= LS_ALERT_BLUE; a--)
            for (i = 0; i < r->items.n; i++)
                if (alerts[i] == (ls_alert)a && strcmp(r->items.at[i].lead, ru->unit) == 0) {
                    ru->rows[ru->nrows] = &r->items.at[i];
                    ru->alerts[ru->nrows++] = (ls_alert)a;
                }
    }
    return LS_OK;
}

ls_status ls_ledger_remind(ls_store *store, const ls_item_filter *filter, const char *as_of,
                           int within, ls_remind *out, ls_error *err)
{
    ls_item_filter f = *filter;
    ls_alert *alerts = NULL;
    ls_date d;
    size_t i;
    ls_status st = LS_OK;

    memset(out, 0, sizeof *out);
    if (as_of)
        snprintf(out->as_of, sizeof out->as_of, "%s", as_of);
    else
        ls_store_today(out->as_of);
    if ((as_of && strlen(as_of) != 10) || !ls_date_parse(out->as_of, &d))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "as-of date '%s' is not YYYY-MM-DD",
                            as_of);
    if (within < 0 || within > 366)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "within %d days is not 0..366",
                            within);
    out->within = within;
    f.status = NULL;
    f.limit = f.offset = 0;
    f.removed = 0;
    f.as_of = out->as_of;
    if (!f.report)
        LS_CHECK(ls_ledger_latest_report(store, f.gov, f.year, &f.report, err));
    LS_CHECK(ls_store_items(store, &f, &out->items, err));
    if (!(out->mem = ls_mem_new()) ||
        !(alerts = ls_mem_alloc(out->mem, (out->items.n + 1) * sizeof *alerts)))
        LS_CHECK(ls_error_nomem(err));
    /* only the rows a unit leads are chased (the unit asked for: the rows
     * it leads); a draft row has nobody to chase */
    for (i = 0; i < out->items.n; i++) {
        const ls_item *it = &out->items.at[i];
        alerts[i] = it->lead && (!filter->unit || strcmp(it->lead, filter->unit) == 0)
                        ? ls_ledger_alert(it, out->as_of, within)
                        : LS_ALERT_NONE;
    }
    LS_CHECK(gather(out, alerts, err));
    out->gov = ls_mem_str(out->mem, out->items.n ? out->items.at[0].gov : "");
    if (ls_mem_failed(out->mem))
        LS_CHECK(ls_error_nomem(err));
done:
    if (st != LS_OK)
        ls_remind_free(out);
    return st;
}
