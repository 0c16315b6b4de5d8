/*
 * store.c — opening and closing a store, and what every ledger call
 * shares: the actor and the clock of the change log, ending a transaction,
 * rows read into typed lists. Which back end serves 'where' is decided here
 * only.
 */
#define _POSIX_C_SOURCE 200809L
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdint.h>
#include <string.h>
#include <time.h>

#include "alloc.h"
#include "error.h"
#include "migrate.h"
#include "store.h"

int ls_store_is_url(const char *where)
{
    return strncmp(where, "postgresql://", 13) == 0 || strncmp(where, "postgres://", 11) == 0;
}

ls_status ls_store_open(const char *where, ls_store **out, ls_error *err)
{
    ls_store *store;
    ls_status st;

    *out = NULL;
    if (!where || !*where)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "no store given");
    if (sodium_init() < 0)
        return ls_error_set(err, LS_EDB, LS_NO_OFFSET, 0, "libsodium cannot start");
    store = ls_calloc(1, sizeof *store);
    if (!store)
        return ls_error_nomem(err);
    snprintf(store->actor, sizeof store->actor, "luoshi");
    if (ls_store_is_url(where))
        LS_CHECK(ls_db_open_pg(where, &store->db, err));
    else
        LS_CHECK(ls_db_open_sqlite(where, &store->db, err));
    LS_CHECK(ls_migrate(store->db, err));
    *out = store;
done:
    if (st != LS_OK)
        ls_store_close(store);
    return st;
}

void ls_store_close(ls_store *store)
{
    if (!store)
        return;
    ls_db_close(store->db);
    ls_free(store);
}

void ls_store_set_actor(ls_store *store, const char *actor)
{
    snprintf(store->actor, sizeof store->actor, "%s", actor && *actor ? actor : "luoshi");
}

void ls_store_now(char now[LS_NOW_SIZE])
{
    const char *fixed = getenv("LUOSHI_NOW");
    time_t t = time(NULL);
    struct tm tm;

    if (fixed && *fixed) {
        snprintf(now, LS_NOW_SIZE, "%s", fixed);
        return;
    }
    gmtime_r(&t, &tm);
    strftime(now, LS_NOW_SIZE, "%Y-%m-%dT%H:%M:%SZ", &tm);
}

void ls_store_clock(char now[32])
{
    ls_store_now(now);
}

void ls_store_today(char day[11])
{
    char now[LS_NOW_SIZE];

    ls_store_now(now);
    memcpy(day, now, 10);
    day[10] = '\0';
}

ls_status ls_store_log(ls_store *store, const char *action, const char *entity, long long entity_id,
                       long long item, const char *field, const char *old_value,
                       const char *new_value, ls_error *err)
{
    char now[LS_NOW_SIZE];
    ls_db_value p[9];

    ls_store_now(now);
    p[0] = LS_PT(now);
    p[1] = LS_PT(store->actor);
    p[2] = LS_PT(action);
    p[3] = LS_PT(entity);
    p[4] = entity_id ? LS_PI(entity_id) : LS_PN;
    p[5] = item ? LS_PI(item) : LS_PN;
    p[6] = LS_PT(field);
    p[7] = LS_PT(old_value);
    p[8] = LS_PT(new_value);
    return ls_db_exec(store->db,
                      "INSERT INTO changes (at, actor, action, entity, entity_id, item_id, field, "
                      "old_value, new_value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                      p, 9, err);
}

ls_status ls_store_finish(ls_store *store, ls_status st, ls_error *err)
{
    if (st == LS_OK)
        st = ls_db_commit(store->db, err);
    if (st != LS_OK)
        ls_db_rollback(store->db);
    return st;
}

ls_status ls_store_list_new(size_t n, size_t size, void **at, ls_mem **mem, ls_error *err)
{
    *at = NULL;
    *mem = ls_mem_new();
    if (*mem && n > 0 && size > 0 && n <= SIZE_MAX / size)
        *at = ls_mem_alloc(*mem, n * size);
    if (*mem && (*at || n == 0))
        return LS_OK;
    ls_mem_free(*mem);
    *mem = NULL;
    return ls_error_nomem(err);
}

ls_status ls_store_read_list(ls_store *store, const char *sql, const ls_db_value *p, size_t n,
                             size_t size, ls_store_row_fn fill, void *ctx, void **at,
                             size_t *count, ls_mem **mem, ls_error *err)
{
    ls_db_rows rows;
    size_t i;
    ls_status st;

    *at = NULL;
    *count = 0;
    *mem = NULL;
    memset(&rows, 0, sizeof rows);
    LS_CHECK(ls_db_query(store->db, sql, p, n, &rows, err));
    LS_CHECK(ls_store_list_new(rows.nrows, size, at, mem, err));
    for (i = 0; i < rows.nrows; i++)
        fill(&rows, i, (char *)*at + i * size, *mem, ctx);
    *count = rows.nrows;
done:
    ls_db_rows_free(&rows);
    st = ls_store_list_end(st, mem, err);
    if (st != LS_OK) {
        *at = NULL;
        *count = 0;
    }
    return st;
}

ls_status ls_store_list_end(ls_status st, ls_mem **mem, ls_error *err)
{
    if (st == LS_OK && *mem && ls_mem_failed(*mem))
        st = ls_error_nomem(err);
    if (st != LS_OK) {
        ls_mem_free(*mem);
        *mem = NULL;
    }
    return st;
}

ls_status ls_store_unit_id(ls_store *store, const char *name, long long *id, ls_error *err)
{
    ls_db_value p[1] = {LS_PT(name)};
    ls_status st;

    LS_CHECK(ls_db_query_id(store->db, "SELECT id FROM units WHERE name = ? AND removed_at IS NULL",
                            p, 1, id, err));
    if (*id == 0)
        LS_CHECK(ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0,
                              "no unit named '%s' (add it with luoshi units add)", name));
done:
    return st;
}
