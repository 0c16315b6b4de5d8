/*
 * db.h — what a store back end provides: SQL with bound parameters, rows
 * read into memory, transactions. The ledger (ledger_*.c) is written once
 * over this; sqlite.c (and later pg.c) implement it.
 *
 * SQL is written with '?' placeholders; a back end whose dialect differs
 * (PostgreSQL's $1) rewrites them. Nothing above this file names SQLite.
 * Results are copied out of the back end, so a statement is finished
 * (finalized or reset) before ls_db_query() returns, on every path.
 */
#ifndef LS_STORE_DB_H
#define LS_STORE_DB_H

#include <stddef.h>

#include "luoshi.h"

/* LS_DB_BLOB: bytes (an evidence file): SQLite BLOB, PostgreSQL bytea. */
typedef enum { LS_DB_NULL = 0, LS_DB_INT, LS_DB_REAL, LS_DB_TEXT, LS_DB_BLOB } ls_db_type;

/* One bound parameter. Build them with the LS_P* macros below. */
typedef struct {
    ls_db_type type;
    long long i;
    double r;
    const char *s; /* NUL-terminated, for LS_DB_TEXT; NULL binds SQL NULL */
    size_t len;    /* the bytes at 's', for LS_DB_BLOB */
} ls_db_value;

#define LS_PT(str) ((ls_db_value){LS_DB_TEXT, 0, 0, (str), 0})
#define LS_PI(num) ((ls_db_value){LS_DB_INT, (long long)(num), 0, NULL, 0})
#define LS_PR(num) ((ls_db_value){LS_DB_REAL, 0, (double)(num), NULL, 0})
#define LS_PN ((ls_db_value){LS_DB_NULL, 0, 0, NULL, 0})
#define LS_PB(ptr, n) ((ls_db_value){LS_DB_BLOB, 0, 0, (ptr), (n)})

/* One result cell: its type, and its value as text (NULL for SQL NULL);
 * a blob's bytes are 'len' bytes at 'text' (followed by a NUL). */
typedef struct {
    ls_db_type type;
    char *text;
    size_t len; /* for LS_DB_BLOB */
} ls_db_cell;

/* The rows of one query, all in memory; free with ls_db_rows_free(). */
typedef struct {
    size_t ncols, nrows, cap;
    char **names;      /* ncols column names */
    ls_db_cell *cells; /* nrows * ncols, row by row */
} ls_db_rows;

typedef struct ls_db ls_db;

/* One table's part of ls_db_reserve_ids: 'n' ids into 'ids'. */
typedef struct ls_db_ids {
    const char *table; /* a plain table name */
    size_t n;
    long long *ids;
} ls_db_ids;

/* A back end. 'query' runs one statement with 'n' parameters and, when
 * 'rows' is not NULL, appends its result rows to it; 'script' runs several
 * statements without parameters (migrations). */
typedef struct {
    const char *dialect; /* "sqlite" or "postgresql": names the migration set */
    ls_status (*query)(ls_db *db, const char *sql, const ls_db_value *params, size_t n,
                       ls_db_rows *rows, ls_error *err);
    ls_status (*script)(ls_db *db, const char *sql, ls_error *err);
    ls_status (*begin)(ls_db *db, ls_error *err); /* a write transaction */
    void (*close)(ls_db *db);
    /* 'reserve_ids': for each of 'n' tables, its ids for new rows that no
     * other writer will use (inside the write transaction). */
    ls_status (*reserve_ids)(ls_db *db, const struct ls_db_ids *want, size_t n, ls_error *err);
    /* 'copy' (NULL when the back end has none): 'nrows' rows of 'ncols'
     * values appended to 'into' ("table (col, …)") by one bulk transfer. */
    ls_status (*copy)(ls_db *db, const char *into, const ls_db_value *vals, size_t nrows,
                      size_t ncols, ls_error *err);
    /* 'analyze' (NULL when the back end's planner keeps no statistics the
     * store must refresh): re-reads the statistics of 'tables'. */
    ls_status (*analyze)(ls_db *db, const char *tables, ls_error *err);
} ls_db_ops;

struct ls_db {
    const ls_db_ops *ops;
    int in_tx;
};

/* Opens the SQLite database file 'path' (created when missing) with
 * foreign keys on, WAL journal and a busy timeout. */
ls_status ls_db_open_sqlite(const char *path, ls_db **out, ls_error *err);

/* Connects to the PostgreSQL database of 'url' (a libpq connection URI). */
ls_status ls_db_open_pg(const char *url, ls_db **out, ls_error *err);

/* Runs 'sql' with 'n' parameters; '*out' (may be NULL) gets the rows,
 * free with ls_db_rows_free(). After a failure '*out' holds none (freeing
 * it again is harmless). */
ls_status ls_db_query(ls_db *db, const char *sql, const ls_db_value *params, size_t n,
                      ls_db_rows *out, ls_error *err);

/* Runs 'sql' for its effect only. */
ls_status ls_db_exec(ls_db *db, const char *sql, const ls_db_value *params, size_t n,
                     ls_error *err);

/* Runs 'sql' (an INSERT … RETURNING id, or a SELECT of one integer) and
 * puts the first column of the first row in '*id' (0 when no row). */
ls_status ls_db_query_id(ls_db *db, const char *sql, const ls_db_value *params, size_t n,
                         long long *id, ls_error *err);

/* Ids for new rows of each of the 'n' tables of 'want' (one round trip
 * for all on PostgreSQL): the caller sets them in its INSERTs, so that rows
 * referring to each other are sent without waiting for ids to come back.
 * Only inside a write transaction: no other writer takes them
 * (PostgreSQL: from each table's id sequence; SQLite: after its largest
 * id). */
ls_status ls_db_reserve_ids(ls_db *db, const ls_db_ids *want, size_t n, ls_error *err);

/* True when the back end appends many rows faster by one bulk transfer
 * (ls_db_copy) than by multi-row INSERTs. */
int ls_db_can_copy(const ls_db *db);
/* Appends 'nrows' rows of 'ncols' values (no blobs) to 'into' ("table
 * (col, …)") by one bulk transfer (PostgreSQL: COPY … FROM STDIN), with
 * the same checks as a query's parameters. Only when ls_db_can_copy(). */
ls_status ls_db_copy(ls_db *db, const char *into, const ls_db_value *vals, size_t nrows,
                     size_t ncols, ls_error *err);

/* Asks the planner to re-read its statistics of 'tables' ("a, b, …"),
 * outside a transaction, after a write that grew them many times over
 * (PostgreSQL: ANALYZE, which samples a fixed number of rows a table;
 * until autovacuum comes by, a table filled fast is planned as the small
 * table it was). Nothing on SQLite, whose planner has no such statistics
 * unless asked (ANALYZE) and plans the store's queries by its indexes. */
ls_status ls_db_refresh_statistics(ls_db *db, const char *tables, ls_error *err);

/* Transactions: begin takes the write lock at once (a second writer waits,
 * then gets LS_EBUSY), commit makes it durable, rollback undoes it. */
ls_status ls_db_begin(ls_db *db, ls_error *err);
ls_status ls_db_commit(ls_db *db, ls_error *err);
void ls_db_rollback(ls_db *db);

void ls_db_close(ls_db *db);

/* Rows: the cell at row 'r', column 'c'; text is NULL for SQL NULL. */
const char *ls_db_text(const ls_db_rows *rows, size_t r, size_t c);
long long ls_db_int(const ls_db_rows *rows, size_t r, size_t c);
double ls_db_real(const ls_db_rows *rows, size_t r, size_t c);
int ls_db_is_null(const ls_db_rows *rows, size_t r, size_t c);
/* The bytes of a blob cell and their number in '*len' (NULL for SQL NULL). */
const char *ls_db_blob(const ls_db_rows *rows, size_t r, size_t c, size_t *len);
void ls_db_rows_free(ls_db_rows *rows);

/* For back ends: set the column names (once) and append one row. */
ls_status ls_db_rows_columns(ls_db_rows *rows, size_t ncols, const char *const *names);
ls_status ls_db_rows_add(ls_db_rows *rows, const ls_db_cell *cells);

#endif
