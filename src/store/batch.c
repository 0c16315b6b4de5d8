/*
 * batch.c — rows of one table sent by few statements (batch.h). On a back
 * end with a bulk copy the rows are kept until LS_BATCH_COPY_ROWS of them
 * or LS_BATCH_COPY_TEXT bytes of text, and sent by one ls_db_copy. Else
 * they are kept until the batch holds 'most' of them (a power of two,
 * LS_BATCH_ROWS at most, fewer for wide tables) and sent as one INSERT;
 * the rest is sent at flush in statements of a power of two rows, so a
 * table is written by at most log2(LS_BATCH_ROWS) + 1 distinct
 * statements, which both back ends keep prepared. It does not open or end
 * the transaction (the caller's).
 */
#include <assert.h>
#include <string.h>

#include "alloc.h"
#include "batch.h"
#include "error.h"

void ls_batch_init(ls_batch *b, ls_db *db, const char *into, size_t ncols)
{
    assert(ncols > 0 && ncols <= LS_BATCH_PARAMS);
    memset(b, 0, sizeof *b);
    b->db = db;
    b->into = into;
    b->ncols = ncols;
    b->copy = ls_db_can_copy(db);
    if (b->copy) {
        b->most = LS_BATCH_COPY_ROWS;
    } else {
        b->most = 1;
        while (b->most * 2 <= LS_BATCH_ROWS && b->most * 2 * ncols <= LS_BATCH_PARAMS)
            b->most *= 2;
    }
    ls_buf_init(&b->text);
}

/* The statement for 'n' rows into 'sql'. */
static void statement(const ls_batch *b, size_t n, ls_buf *sql)
{
    size_t r, c;

    ls_buf_printf(sql, "INSERT INTO %s VALUES ", b->into);
    for (r = 0; r < n; r++) {
        ls_buf_puts(sql, r ? ", (" : "(");
        for (c = 0; c < b->ncols; c++)
            ls_buf_puts(sql, c ? ", ?" : "?");
        ls_buf_puts(sql, ")");
    }
}

/* Sends 'n' rows from row 'first' as one INSERT. */
static ls_status send_rows(ls_batch *b, size_t first, size_t n, ls_error *err)
{
    ls_buf sql;
    ls_status st;

    ls_buf_init(&sql);
    statement(b, n, &sql);
    if (sql.failed)
        LS_CHECK(ls_error_nomem(err));
    LS_CHECK(ls_db_exec(b->db, sql.data, b->vals + first * b->ncols, n * b->ncols, err));
done:
    ls_buf_release(&sql);
    return st;
}

ls_status ls_batch_flush(ls_batch *b, ls_error *err)
{
    size_t i, sent = 0, n = b->nrows * b->ncols, chunk;
    ls_status st = LS_OK;

    if (b->text.failed) {
        /* the rows are dropped with the batch: an add after this starts
         * from an empty batch */
        b->nrows = 0;
        return ls_error_nomem(err);
    }
    /* the copies are in place now: point the values at them */
    for (i = 0; i < n; i++)
        if (b->vals[i].type == LS_DB_TEXT && b->vals[i].s)
            b->vals[i].s = b->text.data + b->text_at[i];
    if (b->copy) {
        LS_CHECK(ls_db_copy(b->db, b->into, b->vals, b->nrows, b->ncols, err));
        goto done;
    }
    for (chunk = b->most; sent < b->nrows; chunk /= 2)
        while (b->nrows - sent >= chunk) {
            LS_CHECK(send_rows(b, sent, chunk, err));
            sent += chunk;
        }
done:
    b->nrows = 0;
    b->text.len = 0;
    return st;
}

/* Room for one more row (the arrays grow up to 'most' rows). */
static ls_status make_room(ls_batch *b, ls_error *err)
{
    size_t cap = b->cap ? b->cap * 2 : 64;
    ls_db_value *vals;
    size_t *text_at;

    if (b->nrows < b->cap)
        return LS_OK;
    if (cap > b->most)
        cap = b->most;
    vals = ls_realloc(b->vals, cap * b->ncols * sizeof *vals);
    if (vals)
        b->vals = vals;
    text_at = vals ? ls_realloc(b->text_at, cap * b->ncols * sizeof *text_at) : NULL;
    if (!text_at)
        return ls_error_nomem(err);
    b->text_at = text_at;
    b->cap = cap;
    return LS_OK;
}

ls_status ls_batch_add(ls_batch *b, const ls_db_value *row, ls_error *err)
{
    size_t c, at;
    ls_status st = make_room(b, err);

    if (st != LS_OK)
        return st;
    at = b->nrows * b->ncols;
    for (c = 0; c < b->ncols; c++) {
        assert(row[c].type != LS_DB_BLOB);
        b->vals[at + c] = row[c];
        if (row[c].type == LS_DB_TEXT && row[c].s) {
            /* the text is copied: the caller's buffer may go after this call */
            b->text_at[at + c] = b->text.len;
            ls_buf_append(&b->text, row[c].s, strlen(row[c].s) + 1);
        }
    }
    b->nrows++;
    return b->nrows == b->most || (b->copy && b->text.len >= LS_BATCH_COPY_TEXT)
               ? ls_batch_flush(b, err)
               : LS_OK;
}

void ls_batch_free(ls_batch *b)
{
    ls_buf_release(&b->text);
    ls_free(b->vals);
    ls_free(b->text_at);
    b->vals = NULL;
    b->text_at = NULL;
    b->nrows = b->cap = 0;
}
