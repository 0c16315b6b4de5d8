/*
 * totals.c — how many rows have each pace, of all rows and per group: per
 * lead unit (the bulletin, the dashboard) or per area of the plan (the
 * dashboard). The one count behind `luoshi status`, GET /api/v1/status,
 * the bulletin and the dashboard; the names of the paces are
 * ls_pace_name's (pace.c), the statuses a total counts are the table
 * 'columns' below. Rows of no column (未分工: draft rows with no lead
 * unit) are counted apart and in no total. Nothing here draws or prints.
 */
#include <string.h>

#include "error.h"
#include "store.h"

#define MAX_UNITS 256
#define MAX_AREAS 64

/* ORDER COLUMNS: the statuses a total counts, in the order every total
 * shows them (the bulletin's table, the dashboard's cards, `luoshi status`,
 * the "totals" of the API). A status the closed loop adds (待审核) goes
 * here where it is to be shown; 未分工 stays out: it is no pace. */
static const ls_pace columns[] = {LS_PACE_DONE,   LS_PACE_AHEAD,       LS_PACE_ON_TRACK,
                                  LS_PACE_BEHIND, LS_PACE_NOT_STARTED, LS_PACE_OVERDUE,
                                  LS_PACE_PENDING};
#define NCOLUMNS (sizeof columns / sizeof columns[0])

/* True when pace 'p' is a column of the totals. */
static int is_column(ls_pace p)
{
    size_t i;

    for (i = 0; i < NCOLUMNS; i++)
        if (columns[i] == p)
            return 1;
    return 0;
}

/* Rows with no lead unit (counted only with 'drafts'), and rows outside
 * any area, count under these. */
static const char no_lead[] = "（未明确牵头单位）";
static const char no_area[] = "（其他）";

/* The group of a row: its name (in 'buf' when it has to be made) or NULL. */
typedef const char *(*group_fn)(const ls_item *it, char *buf, size_t size);

static const char *lead_of(const ls_item *it, char *buf, size_t size)
{
    (void)buf;
    (void)size;
    return it->lead ? it->lead : no_lead;
}

/* The area of a row: the second heading of its path, or the first
 * ("2023年工作任务 / 坚持工业强市… / 做强能源产业" → 坚持工业强市…). */
static const char *area_of(const ls_item *it, char *buf, size_t size)
{
    const char *path = it->path ? it->path : "", *sep = strstr(path, " / "), *end = NULL;
    size_t n;

    if (sep) {
        path = sep + 3;
        end = strstr(path, " / ");
    }
    n = end ? (size_t)(end - path) : strlen(path);
    if (n == 0)
        return no_area;
    if (n >= size)
        return NULL; /* a heading this long is no area */
    memcpy(buf, path, n);
    buf[n] = '\0';
    return buf;
}

/* Counts the 'n' rows into 'out': all of them, and per group of 'group'
 * in the order groups first appear, at most 'max' groups (rows of others
 * count in 'all' only). */
static ls_status count(const ls_item *items, size_t n, group_fn group, size_t max,
                       ls_pace_totals *out, ls_error *err)
{
    void *at = NULL;
    char buf[1024];
    size_t i, u;
    ls_status st;

    memset(out, 0, sizeof *out);
    out->cols = columns;
    out->ncols = NCOLUMNS;
    LS_CHECK(ls_store_list_new(max, sizeof *out->units, &at, &out->mem, err));
    out->units = at;
    for (i = 0; i < n; i++) {
        ls_pace p = items[i].pace;
        const char *name = group(&items[i], buf, sizeof buf);
        if (p == LS_PACE_UNASSIGNED)
            out->unassigned++;
        if (p >= LS_PACE_COUNT || !is_column(p))
            continue;
        out->all.n[p]++;
        out->all.total++;
        if (!name)
            continue;
        for (u = 0; u < out->nunits && strcmp(out->units[u].name, name) != 0; u++)
            ;
        if (u == out->nunits) {
            if (out->nunits == max)
                continue;
            out->units[u].name = ls_mem_str(out->mem, name);
            out->nunits++;
        }
        out->units[u].n[p]++;
        out->units[u].total++;
    }
done:
    st = ls_store_list_end(st, &out->mem, err);
    out->cols = columns;
    out->ncols = NCOLUMNS;
    return st;
}

ls_status ls_ledger_totals(const ls_item *items, size_t n, ls_pace_totals *out, ls_error *err)
{
    return count(items, n, lead_of, MAX_UNITS, out, err);
}

ls_status ls_ledger_area_totals(const ls_item *items, size_t n, ls_pace_totals *out,
                                ls_error *err)
{
    return count(items, n, area_of, MAX_AREAS, out, err);
}
