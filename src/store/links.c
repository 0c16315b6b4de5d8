/*
 * links.c — the quantified targets of the ledger read two ways, as typed
 * records: one record per target of each row, with its baseline (`luoshi
 * targets`, GET /api/v1/targets), and the stored links of a report, target
 * beside baseline (GET /api/v1/links). The links themselves are made at
 * import (link.c, docs/linking.md); nothing here writes.
 *
 * Both lists page over their own records: `--limit 5` gives five targets,
 * not the targets of five rows.
 */
#include <string.h>

#include "error.h"
#include "store.h"

/* One record per target of each row of 'items', with the row's fields,
 * paged by 'limit' and 'offset' (limit 0: to the end), into 'out' whose
 * memory is the rows' own. */
static void flatten(const ls_item_list *items, size_t limit, size_t offset, ls_target_list *out)
{
    size_t i, j, k = 0, total = 0;

    for (i = 0; i < items->n; i++)
        total += items->at[i].ntargets;
    out->at = total ? ls_mem_alloc(items->mem, total * sizeof *out->at) : NULL;
    for (i = 0; out->at && i < items->n; i++) {
        const ls_item *it = &items->at[i];
        for (j = 0; j < it->ntargets; j++, k++) {
            ls_target_row *t;
            if (k < offset || (limit && out->n >= limit))
                continue;
            t = &out->at[out->n++];
            t->target = it->targets[j];
            t->item = it->id;
            t->pace = it->pace;
            t->lead = it->lead;
            t->suggested_lead = it->suggested_lead;
            t->due = it->due;
            t->gov = it->gov;
            t->year = it->year;
            if (t->target.baseline) {
                t->baseline_text = t->target.baseline->text;
                t->has_change_pct = t->target.baseline->has_change_pct;
                t->change_pct = t->target.baseline->change_pct;
            }
        }
    }
}

ls_status ls_store_targets(ls_store *store, const ls_item_filter *filter, ls_target_list *out,
                           ls_error *err)
{
    ls_item_filter f = *filter;
    ls_item_list items;
    ls_status st;

    /* page over targets, so read every row that passes the filter */
    f.limit = f.offset = 0;
    memset(out, 0, sizeof *out);
    st = ls_store_items(store, &f, &items, err);
    if (st != LS_OK)
        return st;
    flatten(&items, filter->limit, filter->offset, out);
    out->mem = items.mem;
    st = ls_store_list_end(st, &out->mem, err);
    if (st != LS_OK)
        memset(out, 0, sizeof *out);
    return st;
}

/* One end of a link from row 'i' of 'rows', columns from 'c' on: id, text,
 * metric, value, unit, start, end; a target adds op, value_max, change and
 * part after them. */
static void read_end(ls_mem *m, const ls_db_rows *rows, size_t i, size_t c, int target,
                     ls_link_end *e)
{
    e->id = ls_db_int(rows, i, c);
    e->text = ls_mem_str(m, ls_db_text(rows, i, c + 1));
    e->metric = ls_mem_str(m, ls_db_text(rows, i, c + 2));
    e->value = ls_db_real(rows, i, c + 3);
    e->unit = ls_mem_str(m, ls_db_text(rows, i, c + 4));
    e->start = ls_db_int(rows, i, c + 5);
    e->end = ls_db_int(rows, i, c + 6);
    if (!target)
        return;
    e->op = ls_mem_str(m, ls_db_text(rows, i, c + 7));
    e->has_max = !ls_db_is_null(rows, i, c + 8);
    e->value_max = e->has_max ? ls_db_real(rows, i, c + 8) : 0;
    e->change = ls_mem_str(m, ls_db_text(rows, i, c + 9));
    e->part = ls_mem_str(m, ls_db_text(rows, i, c + 10));
}

static void link_row(const ls_db_rows *rows, size_t i, void *rec, ls_mem *m, void *ctx)
{
    ls_stored_link *l = rec;

    (void)ctx;
    l->id = ls_db_int(rows, i, 0);
    l->report = ls_db_int(rows, i, 1);
    l->has_item = !ls_db_is_null(rows, i, 2);
    l->item = l->has_item ? ls_db_int(rows, i, 2) : 0;
    l->similarity = ls_db_real(rows, i, 3);
    l->has_change_abs = !ls_db_is_null(rows, i, 4);
    l->change_abs = l->has_change_abs ? ls_db_real(rows, i, 4) : 0;
    l->has_change_pct = !ls_db_is_null(rows, i, 5);
    l->change_pct = l->has_change_pct ? ls_db_real(rows, i, 5) : 0;
    read_end(m, rows, i, 6, 1, &l->target);
    read_end(m, rows, i, 17, 0, &l->baseline);
}

ls_status ls_store_links(ls_store *store, long long report, ls_stored_link_list *out, ls_error *err)
{
    ls_db_value p[2] = {LS_PI(report), LS_PI(report)};
    ls_report_list check = {NULL, 0, NULL};
    void *at;
    ls_status st = LS_OK;

    memset(out, 0, sizeof *out);
    /* an unknown report is an error, not an empty list */
    if (report)
        st = ls_store_report(store, report, 0, &check, err);
    ls_mem_free(check.mem);
    if (st != LS_OK)
        return st;
    st = ls_store_read_list(
        store,
        "SELECT l.id, l.report_id, (SELECT i.id FROM items i WHERE i.removed_at IS NULL AND "
        "(i.mention_id = t.id OR (t.task_id IS NOT NULL AND i.task_id = t.task_id)) ORDER BY "
        "i.id LIMIT 1), l.similarity, l.change_abs, l.change_pct, "
        "t.id, t.text, t.metric, t.value, t.unit, t.start_byte, t.end_byte, t.op, "
        "t.value_max, t.change, t.part, "
        "b.id, b.text, b.metric, b.value, b.unit, b.start_byte, b.end_byte FROM links l "
        "JOIN mentions t ON t.id = l.target_id JOIN mentions b ON b.id = l.baseline_id "
        "WHERE (? = 0 OR l.report_id = ?) ORDER BY l.report_id, t.seq, l.id",
        p, 2, sizeof *out->at, link_row, NULL, &at, &out->n, &out->mem, err);
    out->at = at;
    return st;
}
