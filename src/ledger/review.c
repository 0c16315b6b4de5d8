/*
 * review.c — the office's rules of a progress report and of 办结 (the
 * closed loop of 督办, issue 14):
 *
 *   report ──▶ (figures read in the target's unit, checked, files kept)
 *   finish ──▶ 待审核 ──approve──▶ 已完成 (办结, 销号)
 *                 └────return (reason)──▶ back to the unit, which reports
 *                                          or asks again
 *
 * A report, a request and a review are each one transaction that appends
 * rows (progress, progress_values, evidence, reviews) and log lines; nothing
 * is edited or deleted: a correction is a new report naming the one it
 * replaces. The latest step of reviews is a row's state (items.c reads it,
 * pace.c turns it into a status). Who may take a step (the row's units
 * report and ask, the office reviews) is checked by the store (a unit that
 * is not the row's) and by the front ends' roles.
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "loop.h"
#include "store.h"

/* Row 'item' as the ledger reads it (whatever its state), in 'list'. */
static ls_status read_row(ls_store *store, long long item, ls_item_list *list, ls_error *err)
{
    ls_item_filter f;
    ls_status st;

    memset(&f, 0, sizeof f);
    f.id = item;
    LS_CHECK(ls_store_items(store, &f, list, err));
    if (list->n == 0)
        LS_CHECK(ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "no ledger item %lld", item));
done:
    return st;
}

/* Reads the figures of 'in' against the targets of 'it': one figure on a
 * row of at most one target goes to 'p->value'; on a row of several, one
 * per target into 'vals' ('*nvals'). */
static ls_status read_figures(const ls_item *it, const ls_report_in *in, ls_progress *p,
                              ls_target_value *vals, size_t *nvals, ls_error *err)
{
    size_t i;
    ls_status st = LS_OK;

    *nvals = 0;
    if (in->nvalues == 0)
        return LS_OK;
    if (it->ntargets > 1 && in->nvalues != it->ntargets)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "row %lld has %zu targets: give a value for each, in their order "
                            "(luoshi targets), or a percent",
                            it->id, it->ntargets);
    if (it->ntargets <= 1 && in->nvalues != 1)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "row %lld has %s: give one value",
                            it->id, it->ntargets ? "one target" : "no quantified target");
    for (i = 0; i < in->nvalues; i++) {
        const ls_item_target *t = it->ntargets ? &it->targets[i] : NULL;
        double v = 0;
        LS_CHECK(ls_ledger_figure(t, in->values[i], &v, err));
        if (!in->confirm)
            LS_CHECK(ls_ledger_figure_plausible(t, in->values[i], v, err));
        if (it->ntargets > 1)
            vals[(*nvals)++] = (ls_target_value){t->id, v};
        else {
            p->has_value = 1;
            p->value = v;
        }
    }
done:
    return st;
}

/* Records the report of 'in' on row 'it' inside the open transaction:
 * the report, its figures per target, its files. */
static ls_status record(ls_store *store, const ls_item *it, const ls_report_in *in,
                        long long *progress, ls_error *err)
{
    ls_target_value *vals = ls_calloc(it->ntargets + 1, sizeof *vals);
    ls_progress p = in->report;
    size_t nvals = 0, i;
    long long id = 0;
    ls_status st;

    if (!vals)
        LS_CHECK(ls_error_nomem(err));
    /* a row taken out of the ledger takes no report; then who reports is
     * asked before what: a unit not the row's learns that */
    if (it->removed_at)
        LS_CHECK(ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "no ledger item %lld", it->id));
    if (p.unit) {
        int owns = 0;
        LS_CHECK(ls_ledger_unit_owns(store, it->id, p.unit, &owns, err));
        if (!owns)
            LS_CHECK(ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                                  "unit '%s' is neither lead nor co unit of item %lld", p.unit,
                                  it->id));
    }
    LS_CHECK(read_figures(it, in, &p, vals, &nvals, err));
    LS_CHECK(ls_store_progress_add(store, it->id, &p, in->replaces, &id, err));
    for (i = 0; i < nvals; i++)
        LS_CHECK(ls_db_exec(
            store->db,
            "INSERT INTO progress_values (progress_id, mention_id, value) VALUES "
            "(?, ?, ?)",
            (ls_db_value[3]){LS_PI(id), LS_PI(vals[i].target), LS_PR(vals[i].value)}, 3, err));
    for (i = 0; i < in->nfiles; i++)
        LS_CHECK(ls_ledger_evidence_keep(store, it->id, id, p.unit, &in->files[i], NULL, err));
done:
    if (progress)
        *progress = st == LS_OK ? id : 0;
    ls_free(vals);
    return st;
}

/* Reads row 'item', begins a transaction and records 'in'; 'step' (may
 * be NULL) then runs inside it with the report's id. The transaction,
 * once begun, is committed or rolled back (ls_store_finish) on every
 * path. */
static ls_status
report_then(ls_store *store, long long item, const ls_report_in *in, long long *progress,
            ls_status (*step)(ls_store *, const ls_item *, long long, const char *, ls_error *),
            ls_error *err)
{
    ls_item_list row = {NULL, 0, NULL};
    long long id = 0;
    int began = 0;
    ls_status st;

    LS_CHECK(read_row(store, item, &row, err));
    LS_CHECK(ls_db_begin(store->db, err));
    began = 1;
    LS_CHECK(record(store, &row.at[0], in, &id, err));
    if (step)
        LS_CHECK(step(store, &row.at[0], id, in->report.unit, err));
done:
    if (began)
        st = ls_store_finish(store, st, err);
    if (progress)
        *progress = st == LS_OK ? id : 0;
    ls_mem_free(row.mem);
    return st;
}

ls_status ls_ledger_report(ls_store *store, long long item, const ls_report_in *in,
                           long long *progress, ls_error *err)
{
    return report_then(store, item, in, progress, NULL, err);
}

/* The latest 办结 step of row 'item' ("request", "approve", "return") into
 * 'action' ("" for none). */
static ls_status latest_step(ls_store *store, long long item, char action[16], ls_error *err)
{
    ls_db_rows rows = {0};
    ls_status st;

    action[0] = '\0';
    LS_CHECK(ls_db_query(store->db,
                         "SELECT action FROM reviews WHERE item_id = ? ORDER BY id DESC LIMIT 1",
                         (ls_db_value[1]){LS_PI(item)}, 1, &rows, err));
    if (rows.nrows)
        snprintf(action, 16, "%s", ls_db_text(&rows, 0, 0));
done:
    ls_db_rows_free(&rows);
    return st;
}

/* The request of 办结 of row 'it', made with report 'progress' by 'unit'. */
static ls_status request(ls_store *store, const ls_item *it, long long progress, const char *unit,
                         ls_error *err)
{
    char action[16], now[LS_NOW_SIZE];
    long long unit_id = 0;
    ls_status st;

    LS_CHECK(latest_step(store, it->id, action, err));
    if (strcmp(action, "request") == 0)
        LS_CHECK(ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                              "row %lld asked for 办结 already: it waits for the office's review",
                              it->id));
    if (strcmp(action, "approve") == 0)
        LS_CHECK(ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "row %lld is 办结 already", it->id));
    LS_CHECK(ls_store_unit_id(store, unit, &unit_id, err));
    ls_store_now(now);
    LS_CHECK(ls_db_exec(store->db,
                        "INSERT INTO reviews (item_id, action, progress_id, unit_id, reason, "
                        "created_at, created_by) VALUES (?, 'request', ?, ?, NULL, ?, ?)",
                        (ls_db_value[5]){LS_PI(it->id), LS_PI(progress), LS_PI(unit_id), LS_PT(now),
                                         LS_PT(store->actor)},
                        5, err));
    LS_CHECK(ls_store_log(store, "finish", "item", it->id, it->id, "办结", NULL, "申请办结", err));
done:
    return st;
}

ls_status ls_ledger_finish(ls_store *store, long long item, const ls_report_in *in,
                           long long *progress, ls_error *err)
{
    return report_then(store, item, in, progress, request, err);
}

ls_status ls_ledger_review(ls_store *store, long long item, int approve, const char *reason,
                           ls_error *err)
{
    char action[16], now[LS_NOW_SIZE], said[300];
    int began = 0;
    ls_status st;

    if (!approve && (!reason || !*reason))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "a row is returned with a reason (--return REASON)");
    LS_CHECK(ls_store_item_state(store, item, NULL, err));
    LS_CHECK(ls_db_begin(store->db, err));
    began = 1;
    LS_CHECK(latest_step(store, item, action, err));
    if (strcmp(action, "request") != 0)
        LS_CHECK(ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                              "row %lld has no 办结 request waiting for review%s", item,
                              strcmp(action, "approve") == 0 ? " (it is 办结 already)" : ""));
    ls_store_now(now);
    LS_CHECK(ls_db_exec(store->db,
                        "INSERT INTO reviews (item_id, action, progress_id, unit_id, reason, "
                        "created_at, created_by) VALUES (?, ?, NULL, NULL, ?, ?, ?)",
                        (ls_db_value[5]){LS_PI(item), LS_PT(approve ? "approve" : "return"),
                                         approve ? LS_PN : LS_PT(reason), LS_PT(now),
                                         LS_PT(store->actor)},
                        5, err));
    snprintf(said, sizeof said, "%s%.250s", approve ? "审核通过，办结销号" : "退回：",
             approve ? "" : reason);
    LS_CHECK(ls_store_log(store, approve ? "approve" : "return", "item", item, item, "办结",
                          "待审核", said, err));
done:
    return began ? ls_store_finish(store, st, err) : st;
}
