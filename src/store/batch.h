/*
 * batch.h — many rows of one table written by few statements: the rows
 * are kept (their text copied) and sent, inside the caller's transaction,
 * by one bulk transfer where the back end has one (PostgreSQL's COPY), or
 * as multi-row INSERTs of up to LS_BATCH_ROWS rows, so that an import pays
 * a round trip per batch on PostgreSQL, not one per row. Rows carry their
 * ids (ls_db_reserve_ids): nothing comes back.
 */
#ifndef LS_STORE_BATCH_H
#define LS_STORE_BATCH_H

#include "buf.h"
#include "db.h"

/* The most rows one INSERT carries (fewer when the table has many
 * columns: at most LS_BATCH_PARAMS parameters a statement). */
#define LS_BATCH_ROWS 64
#define LS_BATCH_PARAMS 900
/* A bulk copy is sent when it holds this many rows or text bytes: memory
 * stays bounded however long the report. */
#define LS_BATCH_COPY_ROWS 8192
#define LS_BATCH_COPY_TEXT (4u << 20)

typedef struct {
    ls_db *db;
    const char *into; /* "mentions (id, report_id, seq, …)" */
    size_t ncols, most, nrows, cap;
    int copy;          /* sent by ls_db_copy */
    ls_db_value *vals; /* cap rows of ncols values */
    size_t *text_at;   /* per value: where a text value's copy starts in 'text' */
    ls_buf text;
} ls_batch;

/* Starts a batch of rows of 'ncols' values into 'into' (table and
 * columns, as an INSERT names them). Free with ls_batch_free. */
void ls_batch_init(ls_batch *b, ls_db *db, const char *into, size_t ncols);
/* Adds one row of 'ncols' values (text is copied; no blobs), sending the
 * rows kept when the batch is full. */
ls_status ls_batch_add(ls_batch *b, const ls_db_value *row, ls_error *err);
/* Sends the rows kept (INSERTs of a power of two rows each, so that a
 * back end sees few distinct statements). */
ls_status ls_batch_flush(ls_batch *b, ls_error *err);
void ls_batch_free(ls_batch *b);

#endif
