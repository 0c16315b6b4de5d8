/*
 * filter.c — the filter of ledger rows from a request's query, read the
 * same way for the JSON API (api.c) and the pages (pages.c): unit, status,
 * part, kind, heading, text, gov, due_before, as_of, report, year, limit,
 * offset, the status rule's ahead and tolerance, removed (1: the rows
 * taken out of the ledger instead) and drafts (1: rows with no lead unit
 * judged too, not 未分工). An empty value does
 * not filter (a form's blank field). Each caller says what was wrong in
 * its own words: a JSON error, or a message above the page's form.
 */
#include <limits.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "pace.h"

/* The value of query field 'name', NULL when absent or empty. */
static const char *field(ls_req *r, const char *name)
{
    const char *v = ls_req_query(r, name);

    return v && *v ? v : NULL;
}

/* A whole number in [min, max] from 'v' into '*out'; 0 if malformed. */
static int whole(const char *v, long long min, long long max, long long *out)
{
    char *end;

    *out = strtoll(v, &end, 10);
    return end != v && *end == '\0' && *out >= min && *out <= max;
}

static int number(const char *v, double *out)
{
    char *end;

    *out = strtod(v, &end);
    return end != v && *end == '\0';
}

ls_filter_error ls_req_item_filter(ls_req *r, ls_item_filter *f, const char **name)
{
    const char *v;
    long long n;
    ls_date d;

    memset(f, 0, sizeof *f);
    *name = NULL;
    f->unit = field(r, "unit");
    f->status = field(r, "status");
    f->part = field(r, "part");
    f->kind = field(r, "kind");
    f->heading = field(r, "heading");
    f->text = field(r, "text");
    f->search = field(r, "q");
    f->gov = field(r, "gov");
    f->due_before = field(r, "due_before");
    f->as_of = field(r, "as_of");
    f->ahead = 10;
    if ((v = field(r, "report")) && !whole(v, 1, LLONG_MAX, &f->report))
        return *name = "report", LS_FILTER_REPORT;
    if ((v = field(r, "year")) && !(whole(v, 1, 9999, &n) && (f->year = (int)n)))
        return *name = "year", LS_FILTER_YEAR;
    if (f->status && ls_pace_parse(f->status) == LS_PACE_COUNT)
        return *name = "status", LS_FILTER_STATUS;
    if (f->due_before && !ls_date_parse(f->due_before, &d))
        return *name = "due_before", LS_FILTER_DATE;
    if (f->as_of && !ls_date_parse(f->as_of, &d))
        return *name = "as_of", LS_FILTER_DATE;
    if ((v = field(r, "limit")) && !(whole(v, 0, 100000, &n) && ((f->limit = (size_t)n), 1)))
        return *name = "limit", LS_FILTER_NUMBER;
    if ((v = field(r, "offset")) && !(whole(v, 0, LLONG_MAX, &n) && ((f->offset = (size_t)n), 1)))
        return *name = "offset", LS_FILTER_NUMBER;
    if ((v = field(r, "ahead")) && !(number(v, &f->ahead) && (f->custom_rule = 1)))
        return *name = "ahead", LS_FILTER_NUMBER;
    if ((v = field(r, "tolerance")) && !(number(v, &f->tolerance) && (f->custom_rule = 1)))
        return *name = "tolerance", LS_FILTER_NUMBER;
    if ((v = field(r, "removed")) && !(whole(v, 0, 1, &n) && ((f->removed = (int)n), 1)))
        return *name = "removed", LS_FILTER_NUMBER;
    if ((v = field(r, "drafts")) && !(whole(v, 0, 1, &n) && ((f->drafts = (int)n), 1)))
        return *name = "drafts", LS_FILTER_NUMBER;
    return LS_FILTER_OK;
}
