/*
 * sqlite.c — the SQLite back end of the store: one database file, foreign
 * keys on, WAL journal (readers never wait for the writer), full sync, a
 * busy timeout, and a small cache of prepared statements.
 *
 * Only this file calls SQLite (through sqlite_api.h: libsqlite3 is opened
 * when the first store is). A statement is always reset and its
 * bindings cleared before the query returns, so no cursor outlives a call.
 * SQLITE_BUSY (another process holds the write lock past the timeout)
 * becomes LS_EBUSY: "store busy, retry", never a half-written ledger.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "db.h"
#include "error.h"
#include "sqlite_api.h"

/* How long a writer waits for another one before giving up with LS_EBUSY. */
#define BUSY_TIMEOUT_MS 10000
/* Prepared statements kept for reuse: the ledger uses a few dozen. */
#define STMT_CACHE_SIZE 48

typedef struct {
    ls_db base;
    sqlite3 *conn;
    sqlite3_stmt *cache[STMT_CACHE_SIZE];
    size_t cached, next_evict;
} sqlite_db;

/* Fills 'err' from the connection's last error; busy and locked become
 * LS_EBUSY so that the caller can say "retry". */
static ls_status fail(sqlite_db *db, int rc, const char *what, ls_error *err)
{
    int primary = rc & 0xff;

    if (primary == SQLITE_BUSY || primary == SQLITE_LOCKED)
        return ls_error_set(err, LS_EBUSY, LS_NO_OFFSET, 0,
                            "store busy: another process is writing; retry");
    if (primary == SQLITE_NOMEM)
        return ls_error_nomem(err);
    if (primary == SQLITE_READONLY)
        return ls_error_set(err, LS_EDB, LS_NO_OFFSET, 0,
                            "%s: the store is read-only (%s)", what, ls_sqlite.sqlite3_errmsg(db->conn));
    return ls_error_set(err, LS_EDB, LS_NO_OFFSET, 0, "%s: %s", what, ls_sqlite.sqlite3_errmsg(db->conn));
}

/* A prepared statement for 'sql', from the cache or newly prepared (and
 * then cached, evicting the oldest entry when full). */
static ls_status statement(sqlite_db *db, const char *sql, sqlite3_stmt **out, ls_error *err)
{
    size_t i;
    int rc;

    for (i = 0; i < db->cached; i++)
        if (strcmp(ls_sqlite.sqlite3_sql(db->cache[i]), sql) == 0) {
            *out = db->cache[i];
            return LS_OK;
        }
    rc = ls_sqlite.sqlite3_prepare_v2(db->conn, sql, -1, out, NULL);
    if (rc != SQLITE_OK)
        return fail(db, rc, "preparing a statement", err);
    if (db->cached < STMT_CACHE_SIZE) {
        db->cache[db->cached++] = *out;
    } else {
        ls_sqlite.sqlite3_finalize(db->cache[db->next_evict]);
        db->cache[db->next_evict] = *out;
        db->next_evict = (db->next_evict + 1) % STMT_CACHE_SIZE;
    }
    return LS_OK;
}

static int bind_all(sqlite3_stmt *st, const ls_db_value *params, size_t n)
{
    size_t i;
    int rc = SQLITE_OK;

    for (i = 0; i < n && rc == SQLITE_OK; i++) {
        int at = (int)i + 1;
        switch (params[i].type) {
        case LS_DB_NULL: rc = ls_sqlite.sqlite3_bind_null(st, at); break;
        case LS_DB_INT: rc = ls_sqlite.sqlite3_bind_int64(st, at, params[i].i); break;
        case LS_DB_REAL: rc = ls_sqlite.sqlite3_bind_double(st, at, params[i].r); break;
        case LS_DB_TEXT:
            rc = params[i].s ? ls_sqlite.sqlite3_bind_text(st, at, params[i].s, -1, SQLITE_STATIC)
                             : ls_sqlite.sqlite3_bind_null(st, at);
            break;
        case LS_DB_BLOB:
            rc = params[i].s && params[i].len
                     ? ls_sqlite.sqlite3_bind_blob64(st, at, params[i].s, params[i].len, SQLITE_STATIC)
                 : params[i].s ? ls_sqlite.sqlite3_bind_zeroblob(st, at, 0)
                               : ls_sqlite.sqlite3_bind_null(st, at);
            break;
        }
    }
    return rc;
}

static ls_db_type cell_type(int t)
{
    switch (t) {
    case SQLITE_INTEGER: return LS_DB_INT;
    case SQLITE_FLOAT: return LS_DB_REAL;
    case SQLITE_NULL: return LS_DB_NULL;
    case SQLITE_BLOB: return LS_DB_BLOB;
    default: return LS_DB_TEXT;
    }
}

/* Copies the current row of 'st' into 'rows'. */
static ls_status copy_row(sqlite3_stmt *st, ls_db_rows *rows)
{
    ls_db_cell cells[64];
    const char *names[64];
    int i, n = ls_sqlite.sqlite3_column_count(st);

    if (n > 64)
        return LS_EINVAL;
    for (i = 0; i < n; i++)
        names[i] = ls_sqlite.sqlite3_column_name(st, i);
    if (ls_db_rows_columns(rows, (size_t)n, names) != LS_OK)
        return LS_ENOMEM;
    for (i = 0; i < n; i++) {
        cells[i].type = cell_type(ls_sqlite.sqlite3_column_type(st, i));
        cells[i].len = 0;
        if (cells[i].type == LS_DB_BLOB) {
            /* a blob is bytes, not text: its length, and "" for none */
            cells[i].text = (char *)ls_sqlite.sqlite3_column_blob(st, i);
            cells[i].len = (size_t)ls_sqlite.sqlite3_column_bytes(st, i);
            if (!cells[i].text && cells[i].len == 0)
                cells[i].text = (char *)"";
        } else {
            cells[i].text = (char *)ls_sqlite.sqlite3_column_text(st, i);
        }
        if (cells[i].type != LS_DB_NULL && !cells[i].text)
            return LS_ENOMEM;
    }
    return ls_db_rows_add(rows, cells);
}

static ls_status sqlite_query(ls_db *base, const char *sql, const ls_db_value *params, size_t n,
                              ls_db_rows *rows, ls_error *err)
{
    sqlite_db *db = (sqlite_db *)base;
    sqlite3_stmt *st;
    ls_status status;
    int rc;

    status = statement(db, sql, &st, err);
    if (status != LS_OK)
        return status;
    rc = bind_all(st, params, n);
    if (rc != SQLITE_OK) {
        status = fail(db, rc, "binding a parameter", err);
        goto done;
    }
    while ((rc = ls_sqlite.sqlite3_step(st)) == SQLITE_ROW) {
        if (rows && copy_row(st, rows) != LS_OK) {
            status = ls_error_nomem(err);
            goto done;
        }
    }
    if (rc != SQLITE_DONE)
        status = fail(db, rc, "running a statement", err);
    else if (rows && rows->ncols == 0) {
        /* no row: still name the columns, so that a writer can print a header */
        const char *names[64];
        int i, nc = ls_sqlite.sqlite3_column_count(st);
        for (i = 0; i < nc && i < 64; i++)
            names[i] = ls_sqlite.sqlite3_column_name(st, i);
        if (ls_db_rows_columns(rows, (size_t)(nc < 64 ? nc : 64), names) != LS_OK)
            status = ls_error_nomem(err);
    }
done:
    ls_sqlite.sqlite3_reset(st);
    ls_sqlite.sqlite3_clear_bindings(st);
    return status;
}

static ls_status sqlite_script(ls_db *base, const char *sql, ls_error *err)
{
    sqlite_db *db = (sqlite_db *)base;
    int rc = ls_sqlite.sqlite3_exec(db->conn, sql, NULL, NULL, NULL);

    return rc == SQLITE_OK ? LS_OK : fail(db, rc, "running SQL", err);
}

static ls_status sqlite_begin(ls_db *base, ls_error *err)
{
    /* IMMEDIATE takes the write lock now: two writers never deadlock on
     * upgrading a read lock, the second waits up to the busy timeout */
    return sqlite_script(base, "BEGIN IMMEDIATE", err);
}

static void sqlite_close(ls_db *base)
{
    sqlite_db *db = (sqlite_db *)base;
    size_t i;

    for (i = 0; i < db->cached; i++)
        ls_sqlite.sqlite3_finalize(db->cache[i]);
    ls_sqlite.sqlite3_close(db->conn);
    ls_free(db);
}

/* BUSY_TIMEOUT_MS, or LUOSHI_BUSY_MS from the environment (tests of the
 * busy path do not wait ten seconds). */
static int busy_timeout_ms(void)
{
    const char *env = getenv("LUOSHI_BUSY_MS");
    long ms = env ? strtol(env, NULL, 10) : 0;

    return ms > 0 && ms < 600000 ? (int)ms : BUSY_TIMEOUT_MS;
}

/* After the largest id of 'table': the write transaction (BEGIN IMMEDIATE)
 * keeps every other writer out until it ends, and SQLite gives a new row
 * the largest id plus one, so no other row takes these ids. */
static ls_status sqlite_reserve_ids(ls_db *base, const ls_db_ids *want, size_t n, ls_error *err)
{
    char sql[96];
    long long last;
    size_t k, i;
    ls_status st = LS_OK;

    for (k = 0; k < n; k++) {
        if (want[k].n == 0)
            continue;
        snprintf(sql, sizeof sql, "SELECT COALESCE(MAX(id), 0) FROM %s", want[k].table);
        LS_CHECK(ls_db_query_id(base, sql, NULL, 0, &last, err));
        for (i = 0; i < want[k].n; i++)
            want[k].ids[i] = last + 1 + (long long)i;
    }
done:
    return st;
}

/* No bulk copy: multi-row INSERTs of prepared statements are SQLite's
 * fastest way (batch.c). */
static const ls_db_ops sqlite_ops = {"sqlite",     sqlite_query,       sqlite_script, sqlite_begin,
                                     sqlite_close, sqlite_reserve_ids, NULL,
                                     NULL};

ls_status ls_db_open_sqlite(const char *path, ls_db **out, ls_error *err)
{
    static const char *const setup = "PRAGMA foreign_keys = ON;"
                                     "PRAGMA journal_mode = WAL;"
                                     "PRAGMA synchronous = FULL;";
    sqlite_db *db;
    int rc;
    ls_status loaded;

    *out = NULL;
    if ((loaded = ls_sqlite_load(err)) != LS_OK)
        return loaded;
    db = ls_calloc(1, sizeof *db);
    if (!db)
        return ls_error_nomem(err);
    db->base.ops = &sqlite_ops;
    rc = ls_sqlite.sqlite3_open_v2(path, &db->conn, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
    if (rc != SQLITE_OK) {
        ls_status st = ls_error_set(err, LS_EDB, LS_NO_OFFSET, 0, "cannot open store %s: %s",
                                    path, db->conn ? ls_sqlite.sqlite3_errmsg(db->conn) : "out of memory");
        sqlite_close(&db->base);
        return st;
    }
    ls_sqlite.sqlite3_busy_timeout(db->conn, busy_timeout_ms());
    rc = ls_sqlite.sqlite3_exec(db->conn, setup, NULL, NULL, NULL);
    if (rc != SQLITE_OK) {
        ls_status st = fail(db, rc, path, err);
        /* a store luoshi may not write (the file, or the folder where its
         * journal goes) is not a damaged one: say which it is */
        if (st == LS_EDB && ((rc & 0xff) == SQLITE_READONLY || (rc & 0xff) == SQLITE_CANTOPEN ||
                             (rc & 0xff) == SQLITE_PERM))
            st = ls_error_set(err, LS_EDB, LS_NO_OFFSET, 0,
                              "cannot write the store %s: the file or its folder is read-only "
                              "(%s)",
                              path, ls_sqlite.sqlite3_errmsg(db->conn));
        else if (st == LS_EDB)
            st = ls_error_set(err, LS_EDB, LS_NO_OFFSET, 0, "%s is not a luoshi store: %s", path,
                              ls_sqlite.sqlite3_errmsg(db->conn));
        sqlite_close(&db->base);
        return st;
    }
    *out = &db->base;
    return LS_OK;
}
