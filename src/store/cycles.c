/*
 * cycles.c — the reporting cycle as a record: `luoshi cycle set` appends a
 * setting (every month or quarter, the due day), the latest is in force.
 * What a cycle means — the periods, their due dates, who reported late —
 * is the ledger's (src/ledger/cycle.c). Nothing is updated or deleted.
 */
#include <stdio.h>
#include <string.h>

#include "error.h"
#include "store.h"

ls_status ls_store_cycle_set(ls_store *store, const char *every, int due_day, ls_error *err)
{
    char now[LS_NOW_SIZE], value[32];
    ls_status st;

    if (!every || (strcmp(every, "month") != 0 && strcmp(every, "quarter") != 0))
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "cycle '%s' is not month or quarter", every ? every : "");
    if (due_day < 1 || due_day > 31)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "due day %d is not 1..31", due_day);
    ls_store_now(now);
    snprintf(value, sizeof value, "%s %d", every, due_day);
    LS_CHECK(ls_db_begin(store->db, err));
    LS_CHECK(ls_db_exec(
        store->db, "INSERT INTO cycles (every, due_day, set_at, set_by) VALUES (?, ?, ?, ?)",
        (ls_db_value[4]){LS_PT(every), LS_PI(due_day), LS_PT(now), LS_PT(store->actor)}, 4, err));
    LS_CHECK(ls_store_log(store, "set", "cycle", 0, 0, "cycle", NULL, value, err));
done:
    return ls_store_finish(store, st, err);
}

ls_status ls_store_cycle(ls_store *store, ls_cycle *out, ls_error *err)
{
    ls_db_rows rows;
    ls_status st;

    memset(out, 0, sizeof *out);
    st = ls_db_query(store->db,
                     "SELECT every, due_day, set_at, set_by FROM cycles ORDER BY id DESC LIMIT 1",
                     NULL, 0, &rows, err);
    if (st != LS_OK)
        return st;
    if (rows.nrows > 0) {
        out->is_set = 1;
        snprintf(out->every, sizeof out->every, "%s", ls_db_text(&rows, 0, 0));
        out->due_day = (int)ls_db_int(&rows, 0, 1);
        snprintf(out->set_at, sizeof out->set_at, "%s", ls_db_text(&rows, 0, 2));
        snprintf(out->set_by, sizeof out->set_by, "%s", ls_db_text(&rows, 0, 3));
    }
    ls_db_rows_free(&rows);
    return LS_OK;
}
