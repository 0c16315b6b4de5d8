/*
 * items.c — reading the ledger: the items with their targets,
 * baselines, owners, latest progress and status (`luoshi tasks`,
 * `luoshi status`), an item's change log (`luoshi history`), and the
 * reports in the store. Nothing here writes.
 *
 * Status is computed on reading, from the latest progress report on or
 * before the as-of date, by pace.c; it is never stored, so it cannot go
 * stale when a deadline or a report changes.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "pace.h"
#include "store.h"

#define MAX_FILTER_PARAMS 16

/* A LIKE pattern matching 'text' anywhere, with % _ and \ escaped. */
static char *like_pattern(const char *text)
{
    ls_buf b;
    const char *p;

    ls_buf_init(&b);
    ls_buf_puts(&b, "%");
    for (p = text; *p; p++) {
        if (*p == '%' || *p == '_' || *p == '\\')
            ls_buf_puts(&b, "\\");
        ls_buf_append(&b, p, 1);
    }
    ls_buf_puts(&b, "%");
    return ls_buf_detach(&b, NULL);
}

/* The SELECT of the items that pass the SQL part of 'f' (all but status
 * and pagination), with its parameters in 'p' / '*n'; patterns allocated
 * for LIKE are kept in 'likes' for the caller to free. */
static char *items_sql(const ls_item_filter *f, ls_db_value *p, size_t *n, char *likes[3])
{
    ls_buf b;

    *n = 0;
    ls_buf_init(&b);
    ls_buf_puts(&b, "SELECT i.id, i.report_id AS report, g.name AS gov, r.year, i.seq, i.kind, "
                    "i.part, i.path, i.text, i.start_byte AS start, i.end_byte AS end, "
                    "i.suggested_lead, u.name AS lead, i.leader, i.due, i.task_id, i.mention_id, "
                    "i.removed_at FROM items i JOIN reports r ON r.id = i.report_id "
                    "JOIN governments g ON g.id = r.government_id "
                    "LEFT JOIN units u ON u.id = i.lead_unit_id WHERE ");
    /* one row by id whatever its state; else the live rows, or the removed */
    if (f->id) {
        ls_buf_puts(&b, "i.id = ?");
        p[(*n)++] = LS_PI(f->id);
    } else {
        ls_buf_puts(&b, f->removed ? "i.removed_at IS NOT NULL" : "i.removed_at IS NULL");
    }
    if (f->report) {
        ls_buf_puts(&b, " AND i.report_id = ?");
        p[(*n)++] = LS_PI(f->report);
    }
    if (f->gov) {
        ls_buf_puts(&b, " AND g.name = ?");
        p[(*n)++] = LS_PT(f->gov);
    }
    if (f->year) {
        ls_buf_puts(&b, " AND r.year = ?");
        p[(*n)++] = LS_PI(f->year);
    }
    if (f->kind) {
        ls_buf_puts(&b, " AND i.kind = ?");
        p[(*n)++] = LS_PT(f->kind);
    }
    if (f->part) {
        ls_buf_puts(&b, " AND i.part = ?");
        p[(*n)++] = LS_PT(f->part);
    }
    if (f->unit) {
        ls_buf_puts(&b, " AND (u.name = ? OR EXISTS (SELECT 1 FROM item_co_units c JOIN units cu "
                        "ON cu.id = c.unit_id WHERE c.item_id = i.id AND cu.name = ?))");
        p[(*n)++] = LS_PT(f->unit);
        p[(*n)++] = LS_PT(f->unit);
    }
    if (f->due_before) {
        ls_buf_puts(&b, " AND i.due IS NOT NULL AND i.due < ?");
        p[(*n)++] = LS_PT(f->due_before);
    }
    if (f->heading) {
        likes[0] = like_pattern(f->heading);
        ls_buf_puts(&b, " AND i.path LIKE ? ESCAPE '\\'");
        p[(*n)++] = LS_PT(likes[0] ? likes[0] : "");
    }
    if (f->text) {
        likes[1] = like_pattern(f->text);
        ls_buf_puts(&b, " AND i.text LIKE ? ESCAPE '\\'");
        p[(*n)++] = LS_PT(likes[1] ? likes[1] : "");
    }
    ls_buf_puts(&b, " ORDER BY r.id, i.seq");
    return ls_buf_detach(&b, NULL);
}

/* Moves the baseline_* columns of each target into a "baseline" object. */
static void nest_baselines(json_t *targets)
{
    static const char *const fields[] = {"text", "value", "unit", "change_abs", "change_pct", NULL};
    size_t i, k;
    json_t *t;

    json_array_foreach(targets, i, t)
    {
        json_t *b = json_object();
        int linked = !json_is_null(json_object_get(t, "baseline_value"));
        char key[32];
        for (k = 0; fields[k]; k++) {
            snprintf(key, sizeof key, "baseline_%s", fields[k]);
            json_object_set(b, fields[k], json_object_get(t, key));
            json_object_del(t, key);
        }
        json_object_set_new(t, "baseline", linked ? b : json_null());
        if (!linked)
            json_decref(b);
    }
}

/* The items of one query, indexed by id for attaching their details. */
typedef struct {
    json_int_t id;
    json_t *item;
} by_id;

static int cmp_by_id(const void *a, const void *b)
{
    json_int_t x = ((const by_id *)a)->id, y = ((const by_id *)b)->id;

    return x < y ? -1 : x > y;
}

static json_t *find_item(const by_id *index, size_t n, json_int_t id)
{
    by_id key = {id, NULL};
    const by_id *hit = bsearch(&key, index, n, sizeof *index, cmp_by_id);

    return hit ? hit->item : NULL;
}

/* Runs 'sql' (whose first column is the item id, then the detail) over
 * the id range [lo, hi] and hands each row to 'attach' with its item. */
static ls_status each_detail(ls_store *store, const char *sql, const ls_db_value *p, size_t n,
                             const by_id *index, size_t nindex,
                             void (*attach)(json_t *item, json_t *row), ls_error *err)
{
    ls_db_rows rows;
    json_t *all, *row;
    size_t i;
    ls_status st = ls_db_query(store->db, sql, p, n, &rows, err);

    if (st != LS_OK)
        return st;
    all = ls_store_rows_json(&rows);
    ls_db_rows_free(&rows);
    if (!all)
        return ls_error_nomem(err);
    json_array_foreach(all, i, row)
    {
        json_t *item = find_item(index, nindex, json_integer_value(json_object_get(row, "item")));
        json_object_del(row, "item");
        if (item)
            attach(item, row);
    }
    json_decref(all);
    return LS_OK;
}

static void attach_target(json_t *item, json_t *row)
{
    json_array_append(json_object_get(item, "targets"), row);
}

static void attach_co(json_t *item, json_t *row)
{
    json_array_append(json_object_get(item, "co"), json_object_get(row, "name"));
}

/* Rows come newest first: the first one for an item is its latest. */
static void attach_progress(json_t *item, json_t *row)
{
    if (json_is_null(json_object_get(item, "progress")))
        json_object_set(item, "progress", row);
}

/* Adds targets (with baselines), co units and the latest progress on or
 * before 'as_of' to every item of 'items', in four queries over the range
 * of their ids (ids follow ledger order, so a page is one range). */
static ls_status add_details(ls_store *store, json_t *items, const char *as_of, ls_error *err)
{
    size_t i, n = json_array_size(items);
    by_id *index = ls_calloc(n + 1, sizeof *index);
    json_t *item;
    ls_db_value p[3];
    ls_status st = LS_OK;

    if (!index)
        return ls_error_nomem(err);
    json_array_foreach(items, i, item)
    {
        index[i].id = json_integer_value(json_object_get(item, "id"));
        index[i].item = item;
        json_object_set_new(item, "targets", json_array());
        json_object_set_new(item, "co", json_array());
        json_object_set_new(item, "progress", json_null());
    }
    qsort(index, n, sizeof *index, cmp_by_id);
    if (n > 0) {
        p[0] = LS_PI(index[0].id);
        p[1] = LS_PI(index[n - 1].id);
        p[2] = LS_PT(as_of);
        st = each_detail(
            store,
            "SELECT i.id AS item, m.id, m.text, m.metric, m.op, m.value, m.value_max, m.unit, "
            "m.change, b.text AS baseline_text, b.value AS baseline_value, b.unit AS "
            "baseline_unit, l.change_abs AS baseline_change_abs, l.change_pct AS "
            "baseline_change_pct FROM items i JOIN mentions m ON m.id = i.mention_id OR "
            "(m.task_id = i.task_id AND m.kind = 'target') LEFT JOIN links l ON l.target_id = "
            "m.id LEFT JOIN mentions b ON b.id = l.baseline_id WHERE i.id BETWEEN ? AND ? "
            "ORDER BY i.id, m.seq",
            p, 2, index, n, attach_target, err);
    }
    if (n > 0 && st == LS_OK)
        st = each_detail(store,
                         "SELECT c.item_id AS item, u.name FROM item_co_units c JOIN units u ON "
                         "u.id = c.unit_id WHERE c.item_id BETWEEN ? AND ? ORDER BY c.item_id, "
                         "u.name",
                         p, 2, index, n, attach_co, err);
    if (n > 0 && st == LS_OK)
        st = each_detail(store,
                         "SELECT p.item_id AS item, p.report_date AS date, p.value, p.percent, "
                         "p.done_text, p.problems, p.next_steps, p.evidence, u.name AS unit, "
                         "p.created_at AS at, p.created_by AS by FROM progress p JOIN units u "
                         "ON u.id = p.unit_id WHERE p.item_id BETWEEN ? AND ? AND "
                         "p.report_date <= ? ORDER BY p.item_id, p.report_date DESC, p.id DESC",
                         p, 3, index, n, attach_progress, err);
    json_array_foreach(items, i, item)
    {
        nest_baselines(json_object_get(item, "targets"));
        json_object_del(item, "task_id");
        json_object_del(item, "mention_id");
    }
    ls_free(index);
    return st;
}

static ls_op op_of(const char *s)
{
    if (!s)
        return LS_OP_EQ;
    return strcmp(s, ">=") == 0   ? LS_OP_GE
           : strcmp(s, "<=") == 0 ? LS_OP_LE
           : strcmp(s, "~") == 0  ? LS_OP_APPROX
                                  : LS_OP_EQ;
}

static ls_change change_of(const char *s)
{
    if (!s)
        return LS_CHANGE_NONE;
    return strcmp(s, "increase") == 0   ? LS_CHANGE_INCREASE
           : strcmp(s, "decrease") == 0 ? LS_CHANGE_DECREASE
                                        : LS_CHANGE_NONE;
}

/* Fills what pace.c needs from the JSON of one item. */
static void status_input(json_t *item, ls_date as_of, ls_pace_input *in)
{
    json_t *targets = json_object_get(item, "targets"), *pr = json_object_get(item, "progress");
    int year = (int)json_integer_value(json_object_get(item, "year"));

    memset(in, 0, sizeof *in);
    in->start = (ls_date){year, 1, 1};
    in->due = (ls_date){year, 12, 31};
    ls_date_parse(json_string_value(json_object_get(item, "due")), &in->due);
    in->as_of = as_of;
    if (json_array_size(targets) == 1) {
        json_t *t = json_array_get(targets, 0);
        const char *unit = json_string_value(json_object_get(t, "unit"));
        in->has_target = 1;
        in->target = json_number_value(json_object_get(t, "value"));
        in->op = op_of(json_string_value(json_object_get(t, "op")));
        in->change = change_of(json_string_value(json_object_get(t, "change")));
        in->is_rate = unit && (strcmp(unit, "%") == 0 || strcmp(unit, "个百分点") == 0);
    }
    if (json_is_object(pr)) {
        in->has_progress = 1;
        in->has_percent = json_is_number(json_object_get(pr, "percent"));
        in->percent = json_number_value(json_object_get(pr, "percent"));
        in->has_value = json_is_number(json_object_get(pr, "value"));
        in->value = json_number_value(json_object_get(pr, "value"));
    }
}

static void add_status(json_t *item, ls_date as_of, const ls_pace_rule *rule)
{
    ls_pace_input in;
    char reason[256];
    ls_pace st;

    status_input(item, as_of, &in);
    st = ls_pace_judge(&in, rule, reason, sizeof reason);
    json_object_set_new(item, "status", json_string(ls_pace_name(st)));
    json_object_set_new(item, "status_code", json_string(ls_pace_code(st)));
    json_object_set_new(item, "reason", json_string(reason));
}

ls_status ls_store_item_state(ls_store *store, long long item, int *removed, ls_error *err)
{
    ls_db_rows rows;
    ls_status st = ls_db_query(store->db,
                               "SELECT CASE WHEN removed_at IS NULL THEN 0 ELSE 1 END FROM items "
                               "WHERE id = ?",
                               (ls_db_value[1]){LS_PI(item)}, 1, &rows, err);

    if (st == LS_OK && rows.nrows == 0)
        st = ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "no ledger item %lld", item);
    else if (st == LS_OK && removed)
        *removed = ls_db_int(&rows, 0, 0) != 0;
    ls_db_rows_free(&rows);
    return st;
}

ls_status ls_store_item_set_removed(ls_store *store, long long item, int removed,
                                    ls_error *err)
{
    char now[LS_NOW_SIZE];
    int was = 0;
    ls_status st;

    ls_store_now(now);
    st = ls_db_begin(store->db, err);
    if (st == LS_OK)
        st = ls_store_item_state(store, item, &was, err);
    if (st == LS_OK && was == (removed != 0)) /* already as asked */
        return ls_store_finish(store, st, err);
    if (st == LS_OK)
        st = ls_db_exec(store->db, "UPDATE items SET removed_at = ? WHERE id = ?",
                        (ls_db_value[2]){removed ? LS_PT(now) : LS_PN, LS_PI(item)}, 2, err);
    if (st == LS_OK)
        st = ls_store_log(store, removed ? "remove" : "restore", "item", item, item, NULL, NULL,
                          NULL, err);
    return ls_store_finish(store, st, err);
}

ls_status ls_store_items(ls_store *store, const ls_item_filter *f, json_t **out, ls_error *err)
{
    ls_pace_rule rule =
        f->custom_rule ? (ls_pace_rule){f->ahead, f->tolerance} : LS_PACE_RULE_DEFAULT;
    ls_db_value p[MAX_FILTER_PARAMS];
    char *likes[3] = {NULL, NULL, NULL}, *sql = NULL, day[11];
    const char *as_of = f->as_of;
    ls_db_rows rows;
    json_t *all = NULL, *item;
    size_t n, i, passed = 0;
    ls_date d;
    ls_status st = LS_OK;

    *out = NULL;
    memset(&rows, 0, sizeof rows);
    if (!as_of) {
        ls_store_today(day);
        as_of = day;
    }
    if (!ls_date_parse(as_of, &d))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "as-of date '%s' is not YYYY-MM-DD",
                            as_of);
    if (f->status && ls_pace_parse(f->status) == LS_PACE_COUNT)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "unknown status '%s'", f->status);
    sql = items_sql(f, p, &n, likes);
    if (!sql) {
        st = ls_error_nomem(err);
        goto done;
    }
    st = ls_db_query(store->db, sql, p, n, &rows, err);
    if (st == LS_OK && !(all = ls_store_rows_json(&rows)))
        st = ls_error_nomem(err);
    *out = json_array();
    if (!*out && st == LS_OK)
        st = ls_error_nomem(err);
    if (st == LS_OK)
        st = add_details(store, all, as_of, err);
    json_array_foreach(all, i, item)
    {
        if (st != LS_OK)
            break;
        add_status(item, d, &rule);
        if (f->status && ls_pace_parse(f->status) != ls_pace_parse(json_string_value(
                                                                json_object_get(item, "status"))))
            continue;
        if (passed++ < f->offset)
            continue;
        if (f->limit && json_array_size(*out) >= f->limit)
            continue;
        json_array_append(*out, item);
    }
done:
    if (st != LS_OK) {
        json_decref(*out);
        *out = NULL;
    }
    json_decref(all);
    ls_db_rows_free(&rows);
    ls_free(sql);
    ls_free(likes[0]);
    ls_free(likes[1]);
    return st;
}

ls_status ls_store_history(ls_store *store, long long item, ls_change_list *out, ls_error *err)
{
    ls_db_value p[1] = {LS_PI(item)};
    ls_db_rows rows;
    void *at = NULL;
    size_t i;
    ls_status st;

    memset(out, 0, sizeof *out);
    st = ls_store_item_state(store, item, NULL, err);
    if (st != LS_OK)
        return st;
    st = ls_db_query(store->db,
                     "SELECT c.at, c.actor, c.action, c.field, c.old_value, c.new_value "
                     "FROM changes c WHERE c.item_id = ? OR (c.entity = 'report' AND "
                     "c.entity_id = (SELECT report_id FROM items WHERE id = ?)) ORDER BY c.id",
                     (ls_db_value[2]){p[0], p[0]}, 2, &rows, err);
    if (st != LS_OK)
        return st;
    st = ls_store_list_new(rows.nrows, sizeof *out->at, &at, &out->mem, err);
    out->at = at;
    for (i = 0; st == LS_OK && i < rows.nrows; i++) {
        ls_change_entry *c = &out->at[i];
        c->at = ls_mem_str(out->mem, ls_db_text(&rows, i, 0));
        c->actor = ls_mem_str(out->mem, ls_db_text(&rows, i, 1));
        c->action = ls_mem_str(out->mem, ls_db_text(&rows, i, 2));
        c->field = ls_mem_str(out->mem, ls_db_text(&rows, i, 3));
        c->old_value = ls_mem_str(out->mem, ls_db_text(&rows, i, 4));
        c->new_value = ls_mem_str(out->mem, ls_db_text(&rows, i, 5));
    }
    out->n = st == LS_OK ? rows.nrows : 0;
    ls_db_rows_free(&rows);
    st = ls_store_list_end(st, &out->mem, err);
    if (st != LS_OK)
        memset(out, 0, sizeof *out);
    return st;
}

ls_status ls_store_data_version(ls_store *store, long long *version, ls_error *err)
{
    return ls_db_query_id(store->db, "SELECT COALESCE(MAX(id), 0) FROM changes", NULL, 0, version,
                          err);
}
