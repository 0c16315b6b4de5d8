/*
 * progress_list.c — the progress reports (报送) of a ledger row read back
 * as records: every one of a row, newest first, for its task page; and
 * the columns of one report turned into a record, which items.c uses for
 * the latest report of each row. Writing reports is progress.c. Reports
 * are never edited, so the list only grows.
 */
#include <string.h>

#include "error.h"
#include "store.h"

void ls_store_progress_entry(ls_mem *m, const ls_db_rows *rows, size_t r, size_t c,
                             ls_progress_entry *e)
{
    e->date = ls_mem_str(m, ls_db_text(rows, r, c));
    e->has_value = !ls_db_is_null(rows, r, c + 1);
    e->value = e->has_value ? ls_db_real(rows, r, c + 1) : 0;
    e->has_percent = !ls_db_is_null(rows, r, c + 2);
    e->percent = e->has_percent ? ls_db_real(rows, r, c + 2) : 0;
    e->done_text = ls_mem_str(m, ls_db_text(rows, r, c + 3));
    e->problems = ls_mem_str(m, ls_db_text(rows, r, c + 4));
    e->next_steps = ls_mem_str(m, ls_db_text(rows, r, c + 5));
    e->evidence = ls_mem_str(m, ls_db_text(rows, r, c + 6));
    e->unit = ls_mem_str(m, ls_db_text(rows, r, c + 7));
    e->at = ls_mem_str(m, ls_db_text(rows, r, c + 8));
    e->by = ls_mem_str(m, ls_db_text(rows, r, c + 9));
    e->replaces = ls_db_int(rows, r, c + 10);
}

ls_status ls_store_progress_values(ls_store *store, ls_mem *m, ls_progress_entry *const *at,
                                   const long long *ids, size_t n, ls_error *err)
{
    ls_db_rows rows = {0};
    size_t i, k;
    ls_status st = LS_OK;

    /* one query per report: a page reads at most one report per row */
    for (i = 0; i < n; i++) {
        ls_target_value *v;
        LS_CHECK(ls_db_query(store->db,
                             "SELECT mention_id, value FROM progress_values WHERE progress_id = ? "
                             "ORDER BY mention_id",
                             (ls_db_value[1]){LS_PI(ids[i])}, 1, &rows, err));
        if (rows.nrows) {
            v = ls_mem_alloc(m, rows.nrows * sizeof *v);
            for (k = 0; v && k < rows.nrows; k++) {
                v[k].target = ls_db_int(&rows, k, 0);
                v[k].value = ls_db_real(&rows, k, 1);
            }
            at[i]->values = v;
            at[i]->nvalues = v ? rows.nrows : 0;
        }
        ls_db_rows_free(&rows);
    }
done:
    ls_db_rows_free(&rows);
    return st;
}

ls_status ls_store_progress_list(ls_store *store, long long item, ls_progress_list *out,
                                 ls_error *err)
{
    ls_db_value p[1] = {LS_PI(item)};
    ls_db_rows rows = {0};
    void *at = NULL;
    size_t i;
    ls_status st;

    memset(out, 0, sizeof *out);
    /* a row removed from the ledger keeps its history, to read */
    LS_CHECK(ls_store_item_state(store, item, NULL, err));
    /* newest report date first; among one date, the one stored last */
    LS_CHECK(ls_db_query(store->db,
                         "SELECT p.id, " LS_PROGRESS_COLUMNS " FROM progress p "
                         "JOIN units u ON u.id = p.unit_id WHERE p.item_id = ? "
                         "ORDER BY p.report_date DESC, p.id DESC",
                         p, 1, &rows, err));
    LS_CHECK(ls_store_list_new(rows.nrows, sizeof *out->at, &at, &out->mem, err));
    out->at = at;
    for (i = 0; i < rows.nrows; i++) {
        ls_progress_entry *e = &out->at[i];
        out->at[i].id = ls_db_int(&rows, i, 0);
        ls_store_progress_entry(out->mem, &rows, i, 1, e);
        LS_CHECK(ls_store_progress_values(store, out->mem, &e, &e->id, 1, err));
    }
    out->n = rows.nrows;
done:
    ls_db_rows_free(&rows);
    st = ls_store_list_end(st, &out->mem, err);
    if (st != LS_OK)
        memset(out, 0, sizeof *out);
    return st;
}
