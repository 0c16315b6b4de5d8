/*
 * sqlite_api.h — the functions of SQLite that the store's SQLite back end
 * (sqlite.c) calls, in a table filled on first use (lazylib.h): luoshi
 * loads libsqlite3 (built to bind all its symbols at load) only when a
 * command opens a store, not at the start of every command. It says
 * nothing of the store.
 */
#ifndef LS_STORE_SQLITE_API_H
#define LS_STORE_SQLITE_API_H

#include <sqlite3.h>

#include "lazylib.h"
#include "luoshi.h"

#define LS_SQLITE_FUNCTIONS(X)                                                                \
    X(int, sqlite3_open_v2, (const char *, sqlite3 **, int, const char *))                    \
    X(int, sqlite3_close, (sqlite3 *))                                                        \
    X(int, sqlite3_busy_timeout, (sqlite3 *, int))                                            \
    X(int, sqlite3_exec,                                                                      \
      (sqlite3 *, const char *, int (*)(void *, int, char **, char **), void *, char **))     \
    X(const char *, sqlite3_errmsg, (sqlite3 *))                                              \
    X(int, sqlite3_prepare_v2, (sqlite3 *, const char *, int, sqlite3_stmt **, const char **)) \
    X(int, sqlite3_step, (sqlite3_stmt *))                                                    \
    X(int, sqlite3_reset, (sqlite3_stmt *))                                                   \
    X(int, sqlite3_clear_bindings, (sqlite3_stmt *))                                          \
    X(int, sqlite3_finalize, (sqlite3_stmt *))                                                \
    X(const char *, sqlite3_sql, (sqlite3_stmt *))                                            \
    X(int, sqlite3_bind_null, (sqlite3_stmt *, int))                                          \
    X(int, sqlite3_bind_int64, (sqlite3_stmt *, int, sqlite3_int64))                          \
    X(int, sqlite3_bind_double, (sqlite3_stmt *, int, double))                                \
    X(int, sqlite3_bind_text, (sqlite3_stmt *, int, const char *, int, void (*)(void *)))     \
    X(int, sqlite3_bind_blob64,                                                               \
      (sqlite3_stmt *, int, const void *, sqlite3_uint64, void (*)(void *)))                  \
    X(int, sqlite3_bind_zeroblob, (sqlite3_stmt *, int, int))                                 \
    X(int, sqlite3_column_count, (sqlite3_stmt *))                                            \
    X(const char *, sqlite3_column_name, (sqlite3_stmt *, int))                               \
    X(int, sqlite3_column_type, (sqlite3_stmt *, int))                                        \
    X(const unsigned char *, sqlite3_column_text, (sqlite3_stmt *, int))                      \
    X(int, sqlite3_column_bytes, (sqlite3_stmt *, int))                                       \
    X(const void *, sqlite3_column_blob, (sqlite3_stmt *, int))

typedef struct {
    LS_SQLITE_FUNCTIONS(LS_LAZY_FIELD)
} ls_sqlite_api;

/* The table. Read it only after ls_sqlite_load succeeded (every database
 * is opened after it). */
extern ls_sqlite_api ls_sqlite;

/* Loads libsqlite3 once; LS_OK, or LS_EDB with the reason in 'err'. */
ls_status ls_sqlite_load(ls_error *err);

#endif
