/*
 * batch.h — many rows of one table written by few statements: the rows
 * are kept (their text copied) and sent as multi-row INSERTs of up to
 * LS_BATCH_ROWS rows, inside the caller's transaction, so that an import
 * pays a round trip per batch on PostgreSQL, not one per row.
 */
#ifndef LS_STORE_BATCH_H
#define LS_STORE_BATCH_H

#include "buf.h"
#include "db.h"

/* The most rows one statement carries (fewer when the table has many
 * columns: at most LS_BATCH_PARAMS parameters a statement). */
#define LS_BATCH_ROWS 64
#define LS_BATCH_PARAMS 900

/* Called with each row a statement RETURNs ('rows', row 'r'). */
typedef ls_status (*ls_batch_returned)(void *ctx, const ls_db_rows *rows, size_t r, ls_error *err);

typedef struct {
    ls_db *db;
    const char *into;      /* "mentions (report_id, seq, …)" */
    const char *returning; /* "id, seq", or NULL */
    ls_batch_returned on_row;
    void *ctx;
    size_t ncols, most, nrows;
    ls_db_value vals[LS_BATCH_PARAMS];
    size_t text_at[LS_BATCH_PARAMS]; /* where a text value's copy starts in 'text' */
    ls_buf text;
} ls_batch;

/* Starts a batch of rows of 'ncols' values into 'into' (table and
 * columns, as an INSERT names them); with 'returning' (may be NULL), each
 * row returned is given to 'on_row' with 'ctx'. Free with ls_batch_free. */
void ls_batch_init(ls_batch *b, ls_db *db, const char *into, size_t ncols, const char *returning,
                   ls_batch_returned on_row, void *ctx);
/* Adds one row of 'ncols' values (text is copied; no blobs), sending the
 * rows kept when the batch is full. */
ls_status ls_batch_add(ls_batch *b, const ls_db_value *row, ls_error *err);
/* Sends the rows kept (in statements of a power of two rows each, so that
 * a back end sees few distinct statements). */
ls_status ls_batch_flush(ls_batch *b, ls_error *err);
void ls_batch_free(ls_batch *b);

#endif
