/*
 * pg.c — the PostgreSQL back end of the store (libpq), for many users and
 * many governments in one database. The ledger's SQL is written once with
 * '?' placeholders; this file numbers them ($1, $2 …) outside string
 * literals, prepares each statement once per connection, and types result
 * cells from their column types, so the ledger reads the same rows as
 * from SQLite.
 *
 * Writers take one transaction-scoped advisory lock, as SQLite's BEGIN
 * IMMEDIATE does: one writer at a time, readers never wait. A writer that
 * waits longer than the lock timeout gets LS_EBUSY ("retry"), as do
 * serialization failures and deadlocks. Only this file and watch.c (the
 * server's LISTEN connection) call libpq, through the table of pq_api.h
 * (loaded on the first connection).
 */
#include "pq_api.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "db.h"
#include "error.h"

#define STMT_CACHE_SIZE 64
/* The advisory lock of writers ("luoshi" in ASCII digits, truncated). */
#define WRITER_LOCK 108117111

typedef struct {
    char *sql;  /* as the ledger wrote it */
    char name[16];
} prepared;

typedef struct {
    ls_db base;
    PGconn *conn;
    prepared cache[STMT_CACHE_SIZE];
    size_t cached, next_evict, serial;
    int copy_unread; /* a COPY's rows sent inside a transaction, its result not read yet */
} pg_db;

static void ignore_notice(void *arg, const char *message)
{
    (void)arg;
    (void)message;
}

/* Maps a failed result to a status: lock waits, serialization failures
 * and deadlocks are "busy, retry"; the rest is a store error. */
static ls_status fail(pg_db *db, PGresult *res, const char *what, ls_error *err)
{
    const char *state = res ? ls_pq.PQresultErrorField(res, PG_DIAG_SQLSTATE) : NULL;
    const char *msg = res ? ls_pq.PQresultErrorMessage(res) : ls_pq.PQerrorMessage(db->conn);
    char clean[200];
    size_t n;

    if (state && (strcmp(state, "55P03") == 0 || strcmp(state, "40001") == 0 ||
                  strcmp(state, "40P01") == 0))
        return ls_error_set(err, LS_EBUSY, LS_NO_OFFSET, 0,
                            "store busy: another process is writing; retry");
    snprintf(clean, sizeof clean, "%s", msg && *msg ? msg : "no connection");
    n = strcspn(clean, "\n");
    clean[n] = '\0';
    return ls_error_set(err, LS_EDB, LS_NO_OFFSET, 0, "%s: %s", what, clean);
}

/* 'sql' with each '?' outside a string literal numbered $1, $2, … (NULL
 * when out of memory). */
static char *numbered(const char *sql)
{
    ls_buf b;
    int in_string = 0, n = 0;

    ls_buf_init(&b);
    for (; *sql; sql++) {
        if (*sql == '\'')
            in_string = !in_string;
        if (*sql == '?' && !in_string)
            ls_buf_printf(&b, "$%d", ++n);
        else
            ls_buf_append(&b, sql, 1);
    }
    /* a buffer that failed holds a truncated statement: none at all */
    if (b.failed) {
        ls_buf_release(&b);
        return NULL;
    }
    return ls_buf_detach(&b, NULL);
}

/* Keeps 'sql' (copied) as prepared under 'name', evicting the oldest
 * statement when the cache is full. 0 when out of memory (the statement
 * is then prepared but not cached: harmless). */
static int remember(pg_db *db, const char *sql, const char *name)
{
    char *copy = ls_malloc(strlen(sql) + 1);
    prepared *slot;

    if (!copy)
        return 0;
    strcpy(copy, sql);
    if (db->cached < STMT_CACHE_SIZE) {
        slot = &db->cache[db->cached++];
    } else {
        char drop[40];
        slot = &db->cache[db->next_evict];
        db->next_evict = (db->next_evict + 1) % STMT_CACHE_SIZE;
        snprintf(drop, sizeof drop, "DEALLOCATE %s", slot->name);
        ls_pq.PQclear(ls_pq.PQexec(db->conn, drop));
        ls_free(slot->sql);
    }
    slot->sql = copy;
    snprintf(slot->name, sizeof slot->name, "%s", name);
    return 1;
}

/* The name of the prepared statement for 'sql' (in 'name', 16 bytes),
 * preparing it if new. */
static ls_status statement(pg_db *db, const char *sql, char name[16], ls_error *err)
{
    PGresult *res;
    char *text;
    size_t i;

    for (i = 0; i < db->cached; i++)
        if (strcmp(db->cache[i].sql, sql) == 0) {
            memcpy(name, db->cache[i].name, 16);
            return LS_OK;
        }
    snprintf(name, 16, "ls%zu", ++db->serial);
    text = numbered(sql);
    if (!text)
        return ls_error_nomem(err);
    res = ls_pq.PQprepare(db->conn, name, text, 0, NULL);
    ls_free(text);
    if (ls_pq.PQresultStatus(res) != PGRES_COMMAND_OK) {
        ls_status st = fail(db, res, "preparing a statement", err);
        ls_pq.PQclear(res);
        return st;
    }
    ls_pq.PQclear(res);
    if (!remember(db, sql, name)) {
        char drop[40];
        snprintf(drop, sizeof drop, "DEALLOCATE %s", name);
        ls_pq.PQclear(ls_pq.PQexec(db->conn, drop));
        return ls_error_nomem(err);
    }
    return LS_OK;
}

static ls_db_type cell_type(Oid t)
{
    switch (t) {
    case 16: /* bool */
    case 20: /* int8 */
    case 21: /* int2 */
    case 23: /* int4 */
    case 26: return LS_DB_INT;
    case 700:
    case 701:
    case 1700: return LS_DB_REAL;
    case 17: return LS_DB_BLOB; /* bytea */
    default: return LS_DB_TEXT;
    }
}

static ls_status copy_rows(PGresult *res, ls_db_rows *rows)
{
    int r, c, nc = ls_pq.PQnfields(res), nr = ls_pq.PQntuples(res);
    const char *names[64];
    ls_db_cell cells[64];
    static char one[] = "1", zero[] = "0";

    if (nc > 64)
        return LS_EINVAL;
    for (c = 0; c < nc; c++)
        names[c] = ls_pq.PQfname(res, c);
    if (ls_db_rows_columns(rows, (size_t)nc, names) != LS_OK)
        return LS_ENOMEM;
    for (r = 0; r < nr; r++) {
        unsigned char *bytes[64];
        ls_status st;
        for (c = 0; c < nc; c++) {
            int null = ls_pq.PQgetisnull(res, r, c);
            bytes[c] = NULL;
            cells[c].type = null ? LS_DB_NULL : cell_type(ls_pq.PQftype(res, c));
            cells[c].text = null ? NULL : ls_pq.PQgetvalue(res, r, c);
            cells[c].len = 0;
            if (cells[c].type == LS_DB_INT && ls_pq.PQftype(res, c) == 16)
                cells[c].text = cells[c].text[0] == 't' ? one : zero;
            /* bytea comes as text (\x…): its bytes, unescaped by libpq */
            if (cells[c].type == LS_DB_BLOB) {
                bytes[c] = ls_pq.PQunescapeBytea((const unsigned char *)cells[c].text, &cells[c].len);
                cells[c].text = bytes[c] ? (char *)bytes[c] : NULL;
                if (!bytes[c])
                    cells[c].type = LS_DB_NULL;
            }
        }
        st = ls_db_rows_add(rows, cells);
        for (c = 0; c < nc; c++)
            if (bytes[c])
                ls_pq.PQfreemem(bytes[c]);
        if (st != LS_OK)
            return LS_ENOMEM;
    }
    return LS_OK;
}

/* The parameters of one statement as libpq takes them: text (numbers
 * printed into 'numbers', 40 bytes each), blobs in binary with their
 * length. Fails on a blob past 2 GB. */
static ls_status bind_params(const ls_db_value *params, size_t n, const char **values,
                             int *lengths, int *formats, char *numbers, ls_error *err)
{
    size_t i;

    for (i = 0; i < n; i++) {
        char *number = numbers + 40 * i;
        lengths[i] = formats[i] = 0;
        switch (params[i].type) {
        case LS_DB_NULL: values[i] = NULL; break;
        case LS_DB_BLOB:
            if (params[i].len > (size_t)0x7fffffff)
                return ls_error_set(err, LS_ELIMIT, LS_NO_OFFSET, 0, "a blob past 2 GB");
            values[i] = params[i].s ? params[i].s : NULL;
            lengths[i] = (int)params[i].len;
            formats[i] = 1;
            break;
        case LS_DB_INT:
            snprintf(number, 40, "%lld", params[i].i);
            values[i] = number;
            break;
        case LS_DB_REAL:
            snprintf(number, 40, "%.17g", params[i].r);
            values[i] = number;
            break;
        case LS_DB_TEXT: values[i] = params[i].s; break;
        }
    }
    return LS_OK;
}

/* Reads the results of the statement sent until there are none: the
 * first failure into 'err' (LS_OK when none failed). */
static ls_status drain(pg_db *db, const char *what, ls_error *err)
{
    PGresult *res;
    ls_status st = LS_OK;

    while ((res = ls_pq.PQgetResult(db->conn)) != NULL) {
        if (st == LS_OK && ls_pq.PQresultStatus(res) != PGRES_COMMAND_OK)
            st = fail(db, res, what, err);
        ls_pq.PQclear(res);
    }
    return st;
}

/* Reads the result of a COPY that pg_copy left unread: its failure, or
 * LS_OK. Every other call on the connection reads it first, so a failed
 * copy fails the next statement of its transaction, COMMIT at the latest
 * (COMMIT of a failed transaction is never run: PostgreSQL would answer
 * it with a ROLLBACK that looks like success). */
static ls_status settle(pg_db *db, ls_error *err)
{
    if (!db->copy_unread)
        return LS_OK;
    db->copy_unread = 0;
    return drain(db, "copying rows", err);
}

/* Most statements have a few parameters, kept on the stack; a multi-row
 * INSERT (batch.c) has up to LS_BATCH_PARAMS, allocated. */
#define STACK_PARAMS 32

static ls_status pg_query(ls_db *base, const char *sql, const ls_db_value *params, size_t n,
                          ls_db_rows *rows, ls_error *err)
{
    pg_db *db = (pg_db *)base;
    const char *values_s[STACK_PARAMS], **values = values_s;
    int lengths_s[STACK_PARAMS], formats_s[STACK_PARAMS], *lengths = lengths_s,
        *formats = formats_s;
    char numbers_s[STACK_PARAMS * 40], *numbers = numbers_s;
    char name[16];
    PGresult *res;
    ls_status st;

    if (n > 65535)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "too many parameters");
    st = settle(db, err);
    if (st != LS_OK)
        return st;
    if (n > STACK_PARAMS) {
        values = ls_malloc(n * sizeof *values);
        lengths = ls_malloc(n * sizeof *lengths);
        formats = ls_malloc(n * sizeof *formats);
        numbers = ls_malloc(n * 40);
        if (!values || !lengths || !formats || !numbers) {
            st = ls_error_nomem(err);
            goto done;
        }
    }
    LS_CHECK(statement(db, sql, name, err));
    LS_CHECK(bind_params(params, n, values, lengths, formats, numbers, err));
    res = ls_pq.PQexecPrepared(db->conn, name, (int)n, values, lengths, formats, 0);
    if (ls_pq.PQresultStatus(res) != PGRES_TUPLES_OK && ls_pq.PQresultStatus(res) != PGRES_COMMAND_OK)
        st = fail(db, res, "running a statement", err);
    else if (rows && copy_rows(res, rows) != LS_OK)
        st = ls_error_nomem(err);
    ls_pq.PQclear(res);
done:
    if (n > STACK_PARAMS) {
        ls_free(values);
        ls_free(lengths);
        ls_free(formats);
        ls_free(numbers);
    }
    return st;
}

static ls_status pg_script(ls_db *base, const char *sql, ls_error *err)
{
    pg_db *db = (pg_db *)base;
    PGresult *res;
    ls_status st = settle(db, err);

    /* after a failed copy only a ROLLBACK runs (it ends the transaction
     * the failure aborted); COMMIT and the rest fail with the copy */
    if (st != LS_OK && strcmp(sql, "ROLLBACK") != 0)
        return st;
    res = ls_pq.PQexec(db->conn, sql);
    if (ls_pq.PQresultStatus(res) != PGRES_COMMAND_OK && ls_pq.PQresultStatus(res) != PGRES_TUPLES_OK)
        st = st != LS_OK ? st : fail(db, res, "running SQL", err);
    ls_pq.PQclear(res);
    return st;
}

/* How long a writer waits for another (LUOSHI_BUSY_MS for tests). */
static long busy_timeout_ms(void)
{
    const char *env = getenv("LUOSHI_BUSY_MS");
    long ms = env ? strtol(env, NULL, 10) : 0;

    return ms > 0 && ms < 600000 ? ms : 10000;
}

static ls_status pg_begin(ls_db *base, ls_error *err)
{
    char sql[160];
    ls_status st;

    snprintf(sql, sizeof sql,
             "BEGIN; SET LOCAL lock_timeout = %ld; SELECT pg_advisory_xact_lock(%d)",
             busy_timeout_ms(), WRITER_LOCK);
    st = pg_script(base, sql, err);
    if (st != LS_OK)
        pg_script(base, "ROLLBACK", NULL);
    return st;
}

static void pg_close(ls_db *base)
{
    pg_db *db = (pg_db *)base;
    size_t i;

    settle(db, NULL);
    for (i = 0; i < db->cached; i++)
        ls_free(db->cache[i].sql);
    ls_pq.PQfinish(db->conn);
    ls_free(db);
}

/* From the sequence of each table's id column (TABLE_id_seq, the name
 * PostgreSQL gives an identity column's), all in one statement: nextval
 * never hands an id out twice, whatever other sessions do. Each row names
 * its table by its place in 'want'. */
static ls_status pg_reserve_ids(ls_db *base, const ls_db_ids *want, size_t n, ls_error *err)
{
    enum { MOST = 8 };
    char seq[MOST][96];
    ls_db_value p[2 * MOST];
    size_t got[MOST] = {0}, k, r, np = 0;
    ls_db_rows rows = {0};
    ls_buf sql;
    ls_status st = LS_OK;

    if (n > MOST)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "ids of %zu tables at once", n);
    ls_buf_init(&sql);
    for (k = 0; k < n; k++) {
        if (want[k].n == 0)
            continue;
        snprintf(seq[k], sizeof seq[k], "%s_id_seq", want[k].table);
        p[np++] = LS_PT(seq[k]);
        p[np++] = LS_PI(want[k].n);
        ls_buf_printf(&sql,
                      "%sSELECT %zu, nextval(?::regclass) FROM generate_series(1, ?::bigint)",
                      np > 2 ? " UNION ALL " : "", k);
    }
    if (np == 0)
        goto done;
    if (sql.failed)
        LS_CHECK(ls_error_nomem(err));
    LS_CHECK(pg_query(base, sql.data, p, np, &rows, err));
    for (r = 0; r < rows.nrows; r++) {
        k = (size_t)ls_db_int(&rows, r, 0);
        if (k >= n || got[k] >= want[k].n)
            break;
        want[k].ids[got[k]++] = ls_db_int(&rows, r, 1);
    }
    for (k = 0; k < n; k++)
        if (got[k] != want[k].n)
            LS_CHECK(ls_error_set(err, LS_EDB, LS_NO_OFFSET, 0,
                                  "%zu ids of %s reserved, not %zu", got[k], want[k].table,
                                  want[k].n));
done:
    ls_db_rows_free(&rows);
    ls_buf_release(&sql);
    return st;
}

/* 'n' bytes of 'v' in network order (big-endian), as COPY's binary
 * format writes every number. */
static void copy_be(ls_buf *b, unsigned long long v, size_t n)
{
    char bytes[8];
    size_t i;

    for (i = 0; i < n; i++)
        bytes[i] = (char)(v >> (8 * (n - 1 - i)));
    ls_buf_append(b, bytes, n);
}

/* One field in COPY's binary format: its length (-1 for NULL) and its
 * bytes: an integer as int8, a real as float8 (bit for bit), text as its
 * UTF-8 bytes. So every integer column an import copies into is BIGINT,
 * every real one DOUBLE PRECISION (the schema's rule); another type is
 * refused by the server, never stored wrong. */
static void copy_field(ls_buf *b, const ls_db_value *v)
{
    unsigned long long bits;
    size_t len;

    switch (v->type) {
    case LS_DB_INT:
        copy_be(b, 8, 4);
        copy_be(b, (unsigned long long)v->i, 8);
        return;
    case LS_DB_REAL:
        memcpy(&bits, &v->r, sizeof bits);
        copy_be(b, 8, 4);
        copy_be(b, bits, 8);
        return;
    case LS_DB_TEXT:
        if (!v->s)
            break;
        len = strlen(v->s);
        if (len > 0x7fffffff) {
            b->failed = 1; /* the caller's limit is far below */
            return;
        }
        copy_be(b, len, 4);
        ls_buf_append(b, v->s, len);
        return;
    case LS_DB_NULL:
    case LS_DB_BLOB: break; /* ls_db_copy takes no blobs */
    }
    copy_be(b, 0xffffffffULL, 4);
}

/* The rows of 'vals' in COPY's binary format, into 'data': a signature,
 * then per row its number of fields and the fields, then -1. */
static void copy_rows_binary(ls_buf *data, const ls_db_value *vals, size_t nrows, size_t ncols)
{
    size_t r, c;

    ls_buf_append(data, "PGCOPY\n\377\r\n\0", 11);
    copy_be(data, 0, 4); /* flags */
    copy_be(data, 0, 4); /* no header extension */
    for (r = 0; r < nrows; r++) {
        copy_be(data, ncols, 2);
        for (c = 0; c < ncols; c++)
            copy_field(data, &vals[r * ncols + c]);
    }
    copy_be(data, 0xffff, 2); /* the end */
}

/* COPY … FROM STDIN of the rows in binary format: two round trips for any
 * number of rows (the first while the rows are put in the format), the
 * server's bulk insert path, and no text to split or numbers to parse on
 * either side. A failure ends the copy (PQputCopyEnd with a message) and
 * reads every result, so the connection stays usable. Inside a
 * transaction the server's answer is read by the next call (settle): the
 * caller puts the next rows together while the server stores these. */
static ls_status pg_copy(ls_db *base, const char *into, const ls_db_value *vals, size_t nrows,
                         size_t ncols, ls_error *err)
{
    enum { CHUNK = 1 << 20 };
    pg_db *db = (pg_db *)base;
    ls_buf data, sql;
    PGresult *res;
    size_t sent;
    int sent_ok = 1;
    ls_status st = LS_OK;

    if (ncols > 1600) /* PostgreSQL's most columns a table has */
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "a copy of %zu columns", ncols);
    ls_buf_init(&data);
    ls_buf_init(&sql);
    LS_CHECK(settle(db, err));
    ls_buf_printf(&sql, "COPY %s FROM STDIN (FORMAT binary)", into);
    if (sql.failed)
        LS_CHECK(ls_error_nomem(err));
    if (!ls_pq.PQsendQuery(db->conn, sql.data))
        LS_CHECK(fail(db, NULL, "starting a copy", err));
    /* the rows are put in COPY's format while the server answers */
    copy_rows_binary(&data, vals, nrows, ncols);
    res = ls_pq.PQgetResult(db->conn);
    if (ls_pq.PQresultStatus(res) != PGRES_COPY_IN) {
        st = fail(db, res, "starting a copy", err);
        ls_pq.PQclear(res);
        drain(db, "starting a copy", NULL);
        goto done;
    }
    ls_pq.PQclear(res);
    if (data.failed) {
        ls_pq.PQputCopyEnd(db->conn, "the client ran out of memory");
        drain(db, "copying rows", NULL);
        LS_CHECK(ls_error_nomem(err));
    }
    for (sent = 0; sent < data.len && sent_ok; sent += CHUNK) {
        size_t n = data.len - sent < CHUNK ? data.len - sent : CHUNK;
        sent_ok = ls_pq.PQputCopyData(db->conn, data.data + sent, (int)n) == 1;
    }
    if (ls_pq.PQputCopyEnd(db->conn, sent_ok ? NULL : "the client could not send the rows") != 1)
        sent_ok = 0;
    if (sent_ok && db->base.in_tx) {
        db->copy_unread = 1; /* sent and flushed (a blocking connection) */
        goto done;
    }
    st = drain(db, "copying rows", err);
    if (st == LS_OK && !sent_ok)
        st = fail(db, NULL, "copying rows", err);
done:
    ls_buf_release(&data);
    ls_buf_release(&sql);
    return st;
}

/* ANALYZE of a sample of 3,000 rows a table (statistics target 10, for
 * this statement only: one query string is one transaction): enough to
 * plan by; autovacuum refines them later at the server's own target.
 * Measured on 10,000 reports: 0.17 s, where the default target's 30,000
 * rows took 1.4 s. */
static ls_status pg_analyze(ls_db *db, const char *tables, ls_error *err)
{
    ls_buf sql;
    ls_status st;

    ls_buf_init(&sql);
    ls_buf_printf(&sql, "SET LOCAL default_statistics_target = 10; ANALYZE %s", tables);
    st = sql.failed ? ls_error_nomem(err) : pg_script(db, sql.data, err);
    ls_buf_release(&sql);
    return st;
}

static const ls_db_ops pg_ops = {"postgresql", pg_query,       pg_script, pg_begin,
                                 pg_close,     pg_reserve_ids, pg_copy,   pg_analyze};

ls_status ls_db_open_pg(const char *url, ls_db **out, ls_error *err)
{
    pg_db *db;
    ls_status st;

    *out = NULL;
    st = ls_pq_load(err);
    if (st != LS_OK)
        return st;
    db = ls_calloc(1, sizeof *db);
    if (!db)
        return ls_error_nomem(err);
    db->base.ops = &pg_ops;
    db->conn = ls_pq.PQconnectdb(url);
    if (!db->conn || ls_pq.PQstatus(db->conn) != CONNECTION_OK) {
        char msg[200];
        snprintf(msg, sizeof msg, "%s", db->conn ? ls_pq.PQerrorMessage(db->conn) : "out of memory");
        msg[strcspn(msg, "\n")] = '\0';
        pg_close(&db->base);
        return ls_error_set(err, LS_EDB, LS_NO_OFFSET, 0, "cannot connect to PostgreSQL: %s",
                            msg);
    }
    ls_pq.PQsetNoticeProcessor(db->conn, ignore_notice, NULL);
    st = pg_script(&db->base, "SET TIME ZONE 'UTC'; SET client_min_messages = warning", err);
    if (st != LS_OK) {
        pg_close(&db->base);
        return st;
    }
    *out = &db->base;
    return LS_OK;
}
