/*
 * links.c — the quantified targets of the ledger read two ways:
 * one record per target of each row, with its baseline (`luoshi targets`,
 * GET /api/v1/targets), and the stored links of a report, target beside
 * baseline (GET /api/v1/links). The links themselves are made at import
 * (link.c, docs/linking.md); nothing here writes.
 *
 * Both lists page over their own records: `--limit 5` gives five targets,
 * not the targets of five rows.
 */
#include <string.h>

#include "error.h"
#include "store.h"

/* One record per target of each item of 'items', with the item's fields
 * a target table shows; NULL when out of memory. */
static json_t *flatten_targets(json_t *items)
{
    static const char *const keep[] = {"status", "lead", "suggested_lead", "due", "gov", "year",
                                       NULL};
    json_t *out = json_array(), *it, *t;
    size_t i, k, j;

    json_array_foreach(items, i, it)
    {
        json_array_foreach(json_object_get(it, "targets"), j, t)
        {
            json_t *rec = json_deep_copy(t), *b = json_object_get(t, "baseline");
            if (json_array_append_new(out, rec) != 0) {
                json_decref(out); /* append_new released 'rec', even with no 'out' */
                return NULL;
            }
            json_object_set(rec, "item", json_object_get(it, "id"));
            for (k = 0; keep[k]; k++)
                json_object_set(rec, keep[k], json_object_get(it, keep[k]));
            json_object_set(rec, "baseline_text",
                            json_is_object(b) ? json_object_get(b, "text") : json_null());
            json_object_set(rec, "change_pct",
                            json_is_object(b) ? json_object_get(b, "change_pct") : json_null());
        }
    }
    return out;
}

/* The records [offset, offset + limit) of 'all' (limit 0: to the end) as
 * a new array; 'all' is released. NULL when out of memory. */
static json_t *page_of(json_t *all, size_t limit, size_t offset)
{
    json_t *page;
    size_t i, n = json_array_size(all);

    if (!all || (limit == 0 && offset == 0))
        return all;
    page = json_array();
    for (i = offset; page && i < n && (limit == 0 || i < offset + limit); i++)
        if (json_array_append(page, json_array_get(all, i)) != 0) {
            json_decref(page);
            page = NULL;
        }
    json_decref(all);
    return page;
}

ls_status ls_store_targets(ls_store *store, const ls_item_filter *filter, json_t **out,
                           ls_error *err)
{
    ls_item_filter f = *filter;
    json_t *items = NULL;
    ls_status st;

    /* page over targets, so read every row that passes the filter */
    f.limit = f.offset = 0;
    *out = NULL;
    st = ls_store_items(store, &f, &items, err);
    if (st != LS_OK)
        return st;
    *out = page_of(flatten_targets(items), filter->limit, filter->offset);
    json_decref(items);
    return *out ? LS_OK : ls_error_nomem(err);
}

/* Moves the columns named 'prefix'… of 'rec' into an object 'key'
 * (t_metric → target.metric). */
static void nest(json_t *rec, const char *prefix, const char *key)
{
    size_t n = strlen(prefix);
    json_t *obj = json_object(), *v;
    const char *name;
    void *tmp;

    json_object_foreach_safe(rec, tmp, name, v)
    {
        if (strncmp(name, prefix, n) != 0)
            continue;
        json_object_set(obj, name + n, v);
        json_object_del(rec, name);
    }
    json_object_set_new(rec, key, obj);
}

ls_status ls_store_links(ls_store *store, long long report, json_t **out, ls_error *err)
{
    ls_db_value p[2] = {LS_PI(report), LS_PI(report)};
    ls_report_list check = {NULL, 0, NULL};
    json_t *rec;
    ls_db_rows rows;
    size_t i;
    ls_status st = LS_OK;

    *out = NULL;
    memset(&rows, 0, sizeof rows);
    /* an unknown report is an error, not an empty list */
    if (report)
        st = ls_store_report(store, report, 0, &check, err);
    ls_mem_free(check.mem);
    if (st == LS_OK)
        st = ls_db_query(
            store->db,
            "SELECT l.id, l.report_id AS report, (SELECT i.id FROM items i WHERE i.removed_at "
            "IS NULL AND (i.mention_id = t.id OR (t.task_id IS NOT NULL AND i.task_id = "
            "t.task_id)) ORDER BY i.id LIMIT 1) AS item, t.id AS t_id, t.text AS t_text, "
            "t.metric AS t_metric, t.op AS t_op, t.value AS t_value, t.value_max AS "
            "t_value_max, t.unit AS t_unit, t.change AS t_change, t.part AS t_part, "
            "t.start_byte AS t_start, t.end_byte AS t_end, b.id AS b_id, b.text AS b_text, "
            "b.metric AS b_metric, b.value AS b_value, b.unit AS b_unit, b.start_byte AS "
            "b_start, b.end_byte AS b_end, l.similarity, l.change_abs, l.change_pct FROM links "
            "l JOIN mentions t ON t.id = l.target_id JOIN mentions b ON b.id = l.baseline_id "
            "WHERE (? = 0 OR l.report_id = ?) ORDER BY l.report_id, t.seq, l.id",
            p, 2, &rows, err);
    if (st == LS_OK && !(*out = ls_store_rows_json(&rows)))
        st = ls_error_nomem(err);
    json_array_foreach(*out, i, rec)
    {
        nest(rec, "t_", "target");
        nest(rec, "b_", "baseline");
    }
    ls_db_rows_free(&rows);
    return st;
}
