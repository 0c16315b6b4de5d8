/*
 * scope.c — which report a view of the ledger is of when the reader names
 * none: the latest report of one government (the highest year, then the
 * latest version), so that the dashboard and the bulletin never add two
 * governments, or two texts of one year, into one total. The government
 * is the one asked for, else that of the report imported last. It reads
 * the list of reports and decides; it draws nothing.
 */
#include <string.h>

#include "error.h"
#include "store.h"

/* True when report 'a' is later than 'b': a later year, then a later
 * version, then imported later. */
static int later(const ls_report *a, const ls_report *b)
{
    if (a->year != b->year)
        return a->year > b->year;
    if (a->version != b->version)
        return a->version > b->version;
    return a->id > b->id;
}

ls_status ls_ledger_latest_report(ls_store *store, const char *gov, int year, long long *id,
                                  ls_error *err)
{
    ls_report_list reports;
    const ls_report *best = NULL;
    size_t i;
    ls_status st;

    *id = 0;
    st = ls_store_reports(store, &reports, err);
    if (st != LS_OK)
        return st;
    /* the government asked for, else that of the report imported last */
    if (!gov && reports.n > 0)
        gov = reports.at[reports.n - 1].gov;
    for (i = 0; gov && i < reports.n; i++) {
        const ls_report *r = &reports.at[i];
        if (strcmp(r->gov, gov) != 0 || (year && r->year != year))
            continue;
        if (!best || later(r, best))
            best = r;
    }
    if (best)
        *id = best->id;
    ls_mem_free(reports.mem);
    return LS_OK;
}
