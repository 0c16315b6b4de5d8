/*
 * progress_list.c — every progress report (报送) of one ledger item,
 * newest first: what the task page shows as its history. Writing reports
 * is progress.c; the latest one alone, as status reads it, comes
 * with each item from items.c. Reports are never edited, so the
 * list only grows.
 */
#include <string.h>

#include "error.h"
#include "store.h"

ls_status ls_store_progress_list(ls_store *store, long long item, json_t **out, ls_error *err)
{
    ls_db_value p[1] = {LS_PI(item)};
    ls_db_rows rows;
    ls_status st;

    *out = NULL;
    memset(&rows, 0, sizeof rows);
    /* a row removed from the ledger keeps its history, to read */
    st = ls_store_item_state(store, item, NULL, err);
    /* newest report date first; among one date, the one stored last */
    if (st == LS_OK)
        st = ls_db_query(store->db,
                         "SELECT p.id, p.report_date AS date, p.value, p.percent, p.done_text, "
                         "p.problems, p.next_steps, p.evidence, u.name AS unit, "
                         "p.created_at AS at, p.created_by AS by FROM progress p "
                         "JOIN units u ON u.id = p.unit_id WHERE p.item_id = ? "
                         "ORDER BY p.report_date DESC, p.id DESC",
                         p, 1, &rows, err);
    if (st == LS_OK && !(*out = ls_store_rows_json(&rows)))
        st = ls_error_nomem(err);
    ls_db_rows_free(&rows);
    return st;
}
