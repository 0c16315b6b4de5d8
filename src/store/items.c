/*
 * items.c — reading the ledger: the rows with their targets, baselines,
 * owners, latest progress and pace (`luoshi tasks`, `luoshi status`) as
 * typed records, a row's change log (`luoshi history`), and whether a row
 * is removed. Nothing here writes but the removal mark.
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

#define MAX_FILTER_PARAMS 20

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
                    "i.suggested_lead, u.name AS lead, i.leader, i.due, "
                    "i.removed_at, i.others, i.office_no FROM items i JOIN reports r ON r.id = i.report_id "
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
    if (f->search) {
        likes[2] = like_pattern(f->search);
        ls_buf_puts(&b, " AND (i.text LIKE ? ESCAPE '\\' OR i.path LIKE ? ESCAPE '\\' OR "
                        "u.name LIKE ? ESCAPE '\\' OR i.leader LIKE ? ESCAPE '\\')");
        for (int k = 0; k < 4; k++)
            p[(*n)++] = LS_PT(likes[2] ? likes[2] : "");
    }
    ls_buf_puts(&b, " ORDER BY r.id, i.seq");
    return ls_buf_detach(&b, NULL);
}

/* The rows of one read, with an index by id for attaching their details. */
typedef struct {
    ls_item *at;      /* the rows, in ledger order */
    size_t n;
    ls_item **by_id;  /* the same rows, by id */
    size_t *count;    /* details counted per row (by the index of by_id) */
    ls_mem *mem;
} rows_read;

static int cmp_by_id(const void *a, const void *b)
{
    long long x = (*(ls_item *const *)a)->id, y = (*(ls_item *const *)b)->id;

    return x < y ? -1 : x > y;
}

/* The position in r->by_id of row 'id', or (size_t)-1. */
static size_t find_row(const rows_read *r, long long id)
{
    size_t lo = 0, hi = r->n;

    while (lo < hi) {
        size_t mid = lo + (hi - lo) / 2;
        if (r->by_id[mid]->id < id)
            lo = mid + 1;
        else
            hi = mid;
    }
    return lo < r->n && r->by_id[lo]->id == id ? lo : (size_t)-1;
}

/* The row of 'rows' (the columns of items_sql) at 'i' into 'it'. */
static void read_item(ls_mem *m, const ls_db_rows *rows, size_t i, ls_item *it)
{
    const char *kind = ls_db_text(rows, i, 5);

    it->id = ls_db_int(rows, i, 0);
    it->report = ls_db_int(rows, i, 1);
    it->gov = ls_mem_str(m, ls_db_text(rows, i, 2));
    it->year = ls_db_int(rows, i, 3);
    it->seq = ls_db_int(rows, i, 4);
    it->kind = kind && strcmp(kind, "target") == 0 ? LS_ITEM_TARGET : LS_ITEM_TASK;
    it->part = ls_mem_str(m, ls_db_text(rows, i, 6));
    it->path = ls_mem_str(m, ls_db_text(rows, i, 7));
    it->text = ls_mem_str(m, ls_db_text(rows, i, 8));
    it->start = ls_db_int(rows, i, 9);
    it->end = ls_db_int(rows, i, 10);
    it->suggested_lead = ls_mem_str(m, ls_db_text(rows, i, 11));
    it->lead = ls_mem_str(m, ls_db_text(rows, i, 12));
    it->leader = ls_mem_str(m, ls_db_text(rows, i, 13));
    it->due = ls_mem_str(m, ls_db_text(rows, i, 14));
    it->removed_at = ls_mem_str(m, ls_db_text(rows, i, 15));
    it->others = ls_mem_str(m, ls_db_text(rows, i, 16));
    it->office_no = ls_mem_str(m, ls_db_text(rows, i, 17));
}

/* Runs 'sql' (whose first column is the row id, then the detail) with
 * its parameters and counts its records per row into r->count. */
static ls_status count_details(ls_store *store, const char *sql, const ls_db_value *p,
                               size_t n, rows_read *r, ls_db_rows *rows, ls_error *err)
{
    size_t i, k;
    ls_status st;

    memset(r->count, 0, r->n * sizeof *r->count);
    LS_CHECK(ls_db_query(store->db, sql, p, n, rows, err));
    for (i = 0; i < rows->nrows; i++)
        if ((k = find_row(r, ls_db_int(rows, i, 0))) != (size_t)-1)
            r->count[k]++;
done:
    return st;
}

/* The target of row 'i' of 'rows' (item, mention id, text, metric, op,
 * value, value_max, unit, change, then the baseline's text, value, unit,
 * change_abs, change_pct) into 't'. */
static void read_target(ls_mem *m, const ls_db_rows *rows, size_t i, ls_item_target *t)
{
    t->id = ls_db_int(rows, i, 1);
    t->text = ls_mem_str(m, ls_db_text(rows, i, 2));
    t->metric = ls_mem_str(m, ls_db_text(rows, i, 3));
    t->op = ls_mem_str(m, ls_db_text(rows, i, 4));
    t->value = ls_db_real(rows, i, 5);
    t->has_max = !ls_db_is_null(rows, i, 6);
    t->value_max = t->has_max ? ls_db_real(rows, i, 6) : 0;
    t->unit = ls_mem_str(m, ls_db_text(rows, i, 7));
    t->change = ls_mem_str(m, ls_db_text(rows, i, 8));
    /* linked when the baseline has a value */
    if (!ls_db_is_null(rows, i, 10)) {
        ls_baseline *b = ls_mem_alloc(m, sizeof *b);
        if (b) {
            b->text = ls_mem_str(m, ls_db_text(rows, i, 9));
            b->value = ls_db_real(rows, i, 10);
            b->unit = ls_mem_str(m, ls_db_text(rows, i, 11));
            b->has_change_abs = !ls_db_is_null(rows, i, 12);
            b->change_abs = b->has_change_abs ? ls_db_real(rows, i, 12) : 0;
            b->has_change_pct = !ls_db_is_null(rows, i, 13);
            b->change_pct = b->has_change_pct ? ls_db_real(rows, i, 13) : 0;
        }
        t->baseline = b;
    }
}

/* The targets of every row, with their baselines. */
static ls_status add_targets(ls_store *store, const ls_db_value *p, rows_read *r, ls_error *err)
{
    ls_db_rows rows = {0};
    size_t i, k;
    ls_status st;

    LS_CHECK(count_details(
        store,
        "SELECT i.id, m.id, m.text, m.metric, m.op, m.value, m.value_max, m.unit, m.change, "
        "b.text, b.value, b.unit, l.change_abs, l.change_pct FROM items i JOIN mentions m "
        "ON m.id = i.mention_id OR (m.task_id = i.task_id AND m.kind = 'target') LEFT JOIN "
        "links l ON l.target_id = m.id LEFT JOIN mentions b ON b.id = l.baseline_id "
        "WHERE i.id BETWEEN ? AND ? ORDER BY i.id, m.seq",
        p, 2, r, &rows, err));
    for (k = 0; k < r->n; k++)
        if (r->count[k])
            r->by_id[k]->targets = ls_mem_alloc(r->mem, r->count[k] * sizeof(ls_item_target));
    for (i = 0; !ls_mem_failed(r->mem) && i < rows.nrows; i++) {
        ls_item *it;
        if ((k = find_row(r, ls_db_int(&rows, i, 0))) == (size_t)-1)
            continue;
        it = r->by_id[k];
        read_target(r->mem, &rows, i, (ls_item_target *)&it->targets[it->ntargets++]);
    }
done:
    ls_db_rows_free(&rows);
    return st;
}

/* The co units and the joint leads of every row, by name. */
static ls_status add_co(ls_store *store, const ls_db_value *p, rows_read *r, ls_error *err)
{
    ls_db_rows rows = {0};
    size_t i, k;
    ls_status st;

    LS_CHECK(count_details(store,
                           "SELECT c.item_id, u.name, c.joint FROM item_co_units c JOIN "
                           "units u ON u.id = c.unit_id WHERE c.item_id BETWEEN ? AND ? "
                           "ORDER BY c.item_id, u.name",
                           p, 2, r, &rows, err));
    /* room for all of a row's names in each list; few rows have any */
    for (k = 0; k < r->n; k++)
        if (r->count[k]) {
            r->by_id[k]->co = ls_mem_alloc(r->mem, r->count[k] * sizeof(const char *));
            r->by_id[k]->joint = ls_mem_alloc(r->mem, r->count[k] * sizeof(const char *));
        }
    for (i = 0; !ls_mem_failed(r->mem) && i < rows.nrows; i++) {
        ls_item *it;
        const char *name;
        if ((k = find_row(r, ls_db_int(&rows, i, 0))) == (size_t)-1)
            continue;
        it = r->by_id[k];
        name = ls_mem_str(r->mem, ls_db_text(&rows, i, 1));
        if (ls_db_int(&rows, i, 2))
            ((const char **)it->joint)[it->njoint++] = name;
        else
            ((const char **)it->co)[it->nco++] = name;
    }
done:
    ls_db_rows_free(&rows);
    return st;
}

/* The latest progress report of every row on or before 'p[2]': the rows
 * come newest first, so the first of a row is its latest. */
static ls_status add_progress(ls_store *store, const ls_db_value *p, rows_read *r, ls_error *err)
{
    ls_db_rows rows = {0};
    size_t i, k;
    ls_status st;

    LS_CHECK(ls_db_query(store->db,
                         "SELECT p.item_id, " LS_PROGRESS_COLUMNS ", p.id FROM progress p "
                         "JOIN units u ON u.id = p.unit_id WHERE p.item_id BETWEEN ? AND "
                         "? AND p.report_date <= ? AND NOT EXISTS (SELECT 1 FROM progress "
                         "q WHERE q.replaces = p.id AND q.report_date <= ?) ORDER BY "
                         "p.item_id, p.report_date DESC, p.id DESC",
                         (ls_db_value[4]){p[0], p[1], p[2], p[2]}, 4, &rows, err));
    for (i = 0; i < rows.nrows; i++) {
        ls_progress_entry *e;
        ls_item *it;
        if ((k = find_row(r, ls_db_int(&rows, i, 0))) == (size_t)-1 || r->by_id[k]->progress)
            continue;
        it = r->by_id[k];
        e = ls_mem_alloc(r->mem, sizeof *e);
        if (!e)
            break;
        ls_store_progress_entry(r->mem, &rows, i, 1, e);
        e->id = ls_db_int(&rows, i, 12);
        it->progress = e;
        /* a row of several targets is judged on the figure of each */
        if (it->ntargets > 1)
            LS_CHECK(ls_store_progress_values(store, r->mem, &e, &e->id, 1, err));
    }
done:
    ls_db_rows_free(&rows);
    return st;
}

/* The latest 办结 step of every row (reviews, newest first per row). */
static ls_status add_review(ls_store *store, const ls_db_value *p, rows_read *r, ls_error *err)
{
    ls_db_rows rows = {0};
    size_t i, k;
    ls_status st;

    LS_CHECK(ls_db_query(store->db,
                         "SELECT item_id, action, reason, created_at FROM reviews WHERE "
                         "item_id BETWEEN ? AND ? ORDER BY item_id, id DESC",
                         p, 2, &rows, err));
    for (i = 0; i < rows.nrows; i++) {
        const char *action = ls_db_text(&rows, i, 1);
        ls_item *it;
        if ((k = find_row(r, ls_db_int(&rows, i, 0))) == (size_t)-1 || r->by_id[k]->review)
            continue;
        it = r->by_id[k];
        it->review = strcmp(action, "request") == 0   ? "pending"
                     : strcmp(action, "approve") == 0 ? "approved"
                                                      : "returned";
        if (strcmp(action, "return") == 0)
            it->review_reason = ls_mem_str(r->mem, ls_db_text(&rows, i, 2));
        it->review_at = ls_mem_str(r->mem, ls_db_text(&rows, i, 3));
    }
done:
    ls_db_rows_free(&rows);
    return st;
}

/* Adds targets (with baselines), co units and the latest progress on or
 * before 'as_of' to every row, in three queries over the range of their
 * ids (ids follow ledger order, so a page is one range). */
static ls_status add_details(ls_store *store, rows_read *r, const char *as_of, ls_error *err)
{
    ls_db_value p[3];
    size_t i;
    ls_status st;

    if (r->n == 0)
        return LS_OK;
    for (i = 0; i < r->n; i++)
        r->by_id[i] = &r->at[i];
    qsort(r->by_id, r->n, sizeof *r->by_id, cmp_by_id);
    p[0] = LS_PI(r->by_id[0]->id);
    p[1] = LS_PI(r->by_id[r->n - 1]->id);
    p[2] = LS_PT(as_of);
    LS_CHECK(add_targets(store, p, r, err));
    LS_CHECK(add_co(store, p, r, err));
    LS_CHECK(add_progress(store, p, r, err));
    LS_CHECK(add_review(store, p, r, err));
done:
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

/* Fills what pace.c needs from one row, about its target 't' (NULL: the
 * row as a whole). */
static void pace_input(const ls_item *it, const ls_item_target *t, ls_date as_of,
                       ls_pace_input *in)
{
    memset(in, 0, sizeof *in);
    in->start = (ls_date){(int)it->year, 1, 1};
    in->due = (ls_date){(int)it->year, 12, 31};
    ls_date_parse(it->due, &in->due);
    in->as_of = as_of;
    if (t) {
        in->has_target = 1;
        in->target = t->value;
        in->op = op_of(t->op);
        in->change = change_of(t->change);
        in->is_rate = t->unit && (strcmp(t->unit, "%") == 0 || strcmp(t->unit, "个百分点") == 0);
    }
    if (it->progress) {
        in->has_progress = 1;
        in->has_percent = it->progress->has_percent;
        in->percent = it->progress->percent;
        in->has_value = it->progress->has_value;
        in->value = it->progress->value;
    }
}

/* The figure the latest report of 'it' gives for target 't', 0 if none. */
static int value_of(const ls_item *it, const ls_item_target *t, double *v)
{
    size_t i;

    for (i = 0; it->progress && i < it->progress->nvalues; i++)
        if (it->progress->values[i].target == t->id) {
            *v = it->progress->values[i].value;
            return 1;
        }
    return 0;
}

/* A row of several targets reported by figures: each target is judged on
 * its own figure, and the row is as far as its worst target (a target
 * with no figure is 欠进度: one number on a row gives no free 达进度). */
static ls_pace judge_targets(const ls_item *it, ls_date as_of, const ls_pace_rule *rule,
                             char *reason, size_t size)
{
    ls_pace worst = LS_PACE_DONE, p;
    char one[320];
    size_t i;

    snprintf(reason, size, "%s", "");
    for (i = 0; i < it->ntargets; i++) {
        const ls_item_target *t = &it->targets[i];
        ls_pace_input in;
        pace_input(it, t, as_of, &in);
        in.has_value = value_of(it, t, &in.value);
        if (!in.has_value) {
            p = ls_date_cmp(as_of, in.due) > 0 ? LS_PACE_OVERDUE : LS_PACE_BEHIND;
            snprintf(one, sizeof one, "指标%zu（%.60s）未报送完成值", i + 1, t->text);
        } else {
            char why[200];
            p = ls_pace_judge(&in, rule, why, sizeof why);
            snprintf(one, sizeof one, "指标%zu（%.60s）%.180s", i + 1, t->text, why);
        }
        if (i == 0 || ls_pace_worse(p, worst)) {
            worst = p;
            snprintf(reason, size, "%zu 个指标中最差的一项：%.220s", it->ntargets, one);
        }
    }
    return worst;
}

static ls_review review_of(const char *s)
{
    if (!s)
        return LS_REVIEW_NONE;
    return strcmp(s, "pending") == 0    ? LS_REVIEW_PENDING
           : strcmp(s, "approved") == 0 ? LS_REVIEW_APPROVED
                                        : LS_REVIEW_RETURNED;
}

/* Judges the pace of 'it' as of 'as_of' by 'rule', with its reason: on
 * its figures (pace.c), then on its 办结 review. A draft row (no lead
 * unit) is 未分工 unless 'drafts': nobody answers for it yet, so it is
 * neither behind nor overdue. */
static void add_pace(ls_mem *m, ls_item *it, ls_date as_of, const ls_pace_rule *rule,
                     int drafts)
{
    ls_pace_input in;
    char reason[512];
    int several = it->ntargets > 1 && it->progress && !it->progress->has_percent &&
                  (it->progress->nvalues > 0 || it->progress->has_value);

    if (!it->lead && !drafts) {
        it->pace = LS_PACE_UNASSIGNED;
        it->reason = "未明确牵头单位，不计入状态统计";
        return;
    }
    pace_input(it, it->ntargets == 1 ? &it->targets[0] : NULL, as_of, &in);
    if (several)
        it->pace = judge_targets(it, as_of, rule, reason, 256);
    else
        it->pace = ls_pace_judge(&in, rule, reason, 256);
    it->pace = ls_pace_review(it->pace, review_of(it->review), it->review_reason,
                              ls_date_cmp(as_of, in.due) > 0, reason, sizeof reason);
    it->reason = ls_mem_str(m, reason);
}

ls_status ls_store_item_state(ls_store *store, long long item, int *removed, ls_error *err)
{
    ls_db_rows rows = {0};
    ls_status st;

    LS_CHECK(ls_db_query(store->db,
                         "SELECT CASE WHEN removed_at IS NULL THEN 0 ELSE 1 END FROM items "
                         "WHERE id = ?",
                         (ls_db_value[1]){LS_PI(item)}, 1, &rows, err));
    if (rows.nrows == 0)
        LS_CHECK(ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "no ledger item %lld", item));
    if (removed)
        *removed = ls_db_int(&rows, 0, 0) != 0;
done:
    ls_db_rows_free(&rows);
    return st;
}

/* Marks row 'item' removed (or not) inside the open transaction; a row
 * already so is left as it is. */
static ls_status set_removed(ls_store *store, long long item, int removed, const char *now,
                             ls_error *err)
{
    int was = 0;
    ls_status st;

    LS_CHECK(ls_store_item_state(store, item, &was, err));
    if (was == (removed != 0)) /* already as asked */
        goto done;
    LS_CHECK(ls_db_exec(store->db, "UPDATE items SET removed_at = ? WHERE id = ?",
                        (ls_db_value[2]){removed ? LS_PT(now) : LS_PN, LS_PI(item)}, 2, err));
    LS_CHECK(ls_store_log(store, removed ? "remove" : "restore", "item", item, item, NULL, NULL,
                          NULL, err));
done:
    return st;
}

ls_status ls_store_item_set_removed(ls_store *store, long long item, int removed,
                                    ls_error *err)
{
    return ls_store_items_set_removed(store, &item, 1, removed, err);
}

ls_status ls_store_items_set_removed(ls_store *store, const long long *items, size_t n,
                                     int removed, ls_error *err)
{
    char now[LS_NOW_SIZE];
    size_t i;
    ls_status st;

    ls_store_now(now);
    LS_CHECK(ls_db_begin(store->db, err));
    for (i = 0; i < n; i++)
        LS_CHECK(set_removed(store, items[i], removed, now, err));
done:
    return ls_store_finish(store, st, err);
}

/* The rows that pass the SQL part of 'f', each with its details. */
static ls_status read_rows(ls_store *store, const ls_item_filter *f, const char *as_of,
                           rows_read *r, ls_error *err)
{
    ls_db_value p[MAX_FILTER_PARAMS];
    char *likes[3] = {NULL, NULL, NULL}, *sql;
    ls_db_rows rows;
    void *at = NULL;
    size_t i, n = 0;
    ls_status st;

    memset(&rows, 0, sizeof rows);
    sql = items_sql(f, p, &n, likes);
    if (!sql)
        LS_CHECK(ls_error_nomem(err));
    LS_CHECK(ls_db_query(store->db, sql, p, n, &rows, err));
    LS_CHECK(ls_store_list_new(rows.nrows, sizeof *r->at, &at, &r->mem, err));
    r->at = at;
    if (rows.nrows) {
        r->by_id = ls_mem_alloc(r->mem, rows.nrows * sizeof *r->by_id);
        r->count = ls_mem_alloc(r->mem, rows.nrows * sizeof *r->count);
    }
    for (i = 0; !ls_mem_failed(r->mem) && i < rows.nrows; i++)
        read_item(r->mem, &rows, i, &r->at[i]);
    if (!ls_mem_failed(r->mem)) {
        r->n = rows.nrows;
        LS_CHECK(add_details(store, r, as_of, err));
    }
done:
    ls_db_rows_free(&rows);
    ls_free(sql);
    ls_free(likes[0]);
    ls_free(likes[1]);
    ls_free(likes[2]);
    return st;
}

ls_status ls_store_items(ls_store *store, const ls_item_filter *f, ls_item_list *out,
                         ls_error *err)
{
    ls_pace_rule rule =
        f->custom_rule ? (ls_pace_rule){f->ahead, f->tolerance} : LS_PACE_RULE_DEFAULT;
    const char *as_of = f->as_of;
    ls_pace want = LS_PACE_COUNT;
    rows_read r;
    char day[11];
    size_t i, passed = 0;
    ls_date d;
    ls_status st;

    memset(out, 0, sizeof *out);
    memset(&r, 0, sizeof r);
    if (!as_of) {
        ls_store_today(day);
        as_of = day;
    }
    if (!ls_date_parse(as_of, &d))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "as-of date '%s' is not YYYY-MM-DD",
                            as_of);
    if (f->status && (want = ls_pace_parse(f->status)) == LS_PACE_COUNT)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "unknown status '%s'", f->status);
    LS_CHECK(read_rows(store, f, as_of, &r, err));
    /* the pace of each row, then the rows of the status asked for, paged */
    if (r.n)
        out->at = ls_mem_alloc(r.mem, r.n * sizeof *out->at);
    for (i = 0; !ls_mem_failed(r.mem) && i < r.n; i++) {
        add_pace(r.mem, &r.at[i], d, &rule, f->drafts);
        if (want != LS_PACE_COUNT && r.at[i].pace != want)
            continue;
        if (passed++ < f->offset)
            continue;
        if (f->limit && out->n >= f->limit)
            continue;
        out->at[out->n++] = r.at[i];
    }
done:
    out->mem = r.mem;
    st = ls_store_list_end(st, &out->mem, err);
    if (st != LS_OK)
        memset(out, 0, sizeof *out);
    return st;
}

ls_status ls_store_history(ls_store *store, long long item, ls_change_list *out, ls_error *err)
{
    ls_db_value p[1] = {LS_PI(item)};
    ls_db_rows rows = {0};
    void *at = NULL;
    size_t i;
    ls_status st;

    memset(out, 0, sizeof *out);
    LS_CHECK(ls_store_item_state(store, item, NULL, err));
    LS_CHECK(ls_db_query(store->db,
                         "SELECT c.at, c.actor, c.action, c.field, c.old_value, c.new_value "
                         "FROM changes c WHERE c.item_id = ? OR (c.entity = 'report' AND "
                         "c.entity_id = (SELECT report_id FROM items WHERE id = ?)) ORDER BY c.id",
                         (ls_db_value[2]){p[0], p[0]}, 2, &rows, err));
    LS_CHECK(ls_store_list_new(rows.nrows, sizeof *out->at, &at, &out->mem, err));
    out->at = at;
    for (i = 0; i < rows.nrows; i++) {
        ls_change_entry *c = &out->at[i];
        c->at = ls_mem_str(out->mem, ls_db_text(&rows, i, 0));
        c->actor = ls_mem_str(out->mem, ls_db_text(&rows, i, 1));
        c->action = ls_mem_str(out->mem, ls_db_text(&rows, i, 2));
        c->field = ls_mem_str(out->mem, ls_db_text(&rows, i, 3));
        c->old_value = ls_mem_str(out->mem, ls_db_text(&rows, i, 4));
        c->new_value = ls_mem_str(out->mem, ls_db_text(&rows, i, 5));
    }
    out->n = rows.nrows;
done:
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
