/*
 * copy.c — `luoshi migrate --from A --to B`: copies a whole ledger from one
 * store to another (SQLite to PostgreSQL, or back), ids, change log and
 * accounts included, in one transaction on the target, then verifies that
 * every table holds as many rows on both sides.
 *
 * Tables are copied parents first (ORDER TABLES: the foreign keys of
 * 001_ledger.sql and 002_accounts.sql), rows in id order, in pages, so a
 * ledger of many reports is never all in memory. The target must be
 * empty: a copy never merges into, or overwrites, a ledger. Then the
 * target's planner statistics are refreshed (ls_db_refresh_statistics).
 */
#include <stdio.h>
#include <string.h>

#include "alloc.h"
#include "buf.h"
#include "error.h"
#include "store.h"

#define PAGE 500

typedef struct {
    const char *name;
    const char *key; /* the column rows are paged by (unique, increasing) */
    int page;        /* rows a page (0: PAGE); files of evidence a few at a time */
} table;

/* ORDER TABLES: parents before children. */
static const table tables[] = {
    {"governments", "id", 0},    {"reports", "id", 0},         {"headings", "id", 0},
    {"tasks", "id", 0},          {"mentions", "id", 0},        {"links", "id", 0},
    {"units", "id", 0},          {"items", "id", 0},           {"item_co_units", NULL, 0},
    {"progress", "id", 0},       {"progress_values", NULL, 0}, {"evidence", "id", 4},
    {"reviews", "id", 0},        {"changes", "id", 0},         {"users", "id", 0},
    {"sessions", NULL, 0},       {"api_tokens", NULL, 0},      {"metric_aliases", NULL, 0},
    {"cycles", "id", 0},
    {NULL, NULL, 0}};

static ls_status count_rows(ls_store *store, const char *name, long long *n, ls_error *err)
{
    char sql[128];

    snprintf(sql, sizeof sql, "SELECT COUNT(*) FROM %s", name);
    return ls_db_query_id(store->db, sql, NULL, 0, n, err);
}

/* INSERT INTO name (columns) VALUES (?, …) for the columns of 'rows'. */
static char *insert_sql(const char *name, const ls_db_rows *rows)
{
    ls_buf b;
    size_t c;

    ls_buf_init(&b);
    ls_buf_printf(&b, "INSERT INTO %s (", name);
    for (c = 0; c < rows->ncols; c++)
        ls_buf_printf(&b, "%s%s", c ? ", " : "", rows->names[c]);
    ls_buf_puts(&b, ") VALUES (");
    for (c = 0; c < rows->ncols; c++)
        ls_buf_puts(&b, c ? ", ?" : "?");
    ls_buf_puts(&b, ")");
    return ls_buf_detach(&b, NULL);
}

/* The widest table a copy takes (the schema's widest has about 20). */
#define COPY_COLUMNS_MAX 64

/* Inserts every row of 'rows' into table 'name' of 'to'. */
static ls_status insert_rows(ls_store *to, const char *name, const ls_db_rows *rows,
                             ls_error *err)
{
    ls_db_value params[COPY_COLUMNS_MAX];
    char *sql = NULL;
    ls_status st = LS_OK;
    size_t r, c;

    /* every table of the schema is narrower; a wider one is refused, not
     * read past the parameters */
    if (rows->ncols > COPY_COLUMNS_MAX)
        LS_CHECK(ls_error_set(err, LS_ELIMIT, LS_NO_OFFSET, 0,
                              "table %s has %zu columns, more than the %d a copy takes", name,
                              rows->ncols, COPY_COLUMNS_MAX));
    if (!(sql = insert_sql(name, rows)))
        LS_CHECK(ls_error_nomem(err));
    for (r = 0; r < rows->nrows; r++) {
        for (c = 0; c < rows->ncols; c++) {
            const ls_db_cell *cell = &rows->cells[r * rows->ncols + c];
            if (!cell->text)
                params[c] = LS_PN;
            else if (cell->type == LS_DB_INT)
                params[c] = LS_PI(ls_db_int(rows, r, c));
            else if (cell->type == LS_DB_REAL)
                params[c] = LS_PR(ls_db_real(rows, r, c));
            else if (cell->type == LS_DB_BLOB)
                params[c] = LS_PB(cell->text, cell->len);
            else
                params[c] = LS_PT(cell->text);
        }
        LS_CHECK(ls_db_exec(to->db, sql, params, rows->ncols, err));
    }
done:
    ls_free(sql);
    return st;
}

/* Copies table 't', a page of rows at a time when it has a key. */
static ls_status copy_table(ls_store *from, ls_store *to, const table *t, ls_error *err)
{
    char sql[160];
    long long last = -1;
    ls_db_rows rows = {0};
    ls_status st;

    if (!t->key) {
        snprintf(sql, sizeof sql, "SELECT * FROM %s", t->name);
        LS_CHECK(ls_db_query(from->db, sql, NULL, 0, &rows, err));
        LS_CHECK(insert_rows(to, t->name, &rows, err));
        goto done;
    }
    snprintf(sql, sizeof sql, "SELECT * FROM %s WHERE %s > ? ORDER BY %s LIMIT %d", t->name,
             t->key, t->key, t->page ? t->page : PAGE);
    for (;;) {
        ls_db_value p[1] = {LS_PI(last)};
        LS_CHECK(ls_db_query(from->db, sql, p, 1, &rows, err));
        LS_CHECK(insert_rows(to, t->name, &rows, err));
        if (rows.nrows > 0)
            last = ls_db_int(&rows, rows.nrows - 1, 0);
        if (rows.nrows < (size_t)(t->page ? t->page : PAGE))
            goto done;
        ls_db_rows_free(&rows);
    }
done:
    ls_db_rows_free(&rows);
    return st;
}

/* PostgreSQL hands out ids from sequences: move each past the copied ids. */
static ls_status advance_sequences(ls_store *to, ls_error *err)
{
    char sql[256];
    size_t i;
    ls_status st = LS_OK;

    if (strcmp(to->db->ops->dialect, "postgresql") != 0)
        return LS_OK;
    for (i = 0; tables[i].name; i++) {
        if (!tables[i].key || strcmp(tables[i].key, "id") != 0)
            continue;
        snprintf(sql, sizeof sql,
                 "SELECT setval(pg_get_serial_sequence('%s', 'id'), "
                 "COALESCE((SELECT MAX(id) FROM %s), 0) + 1, false)",
                 tables[i].name, tables[i].name);
        LS_CHECK(ls_db_exec(to->db, sql, NULL, 0, err));
    }
done:
    return st;
}

static ls_status check_empty(ls_store *to, ls_error *err)
{
    long long n = 0;
    size_t i;
    ls_status st = LS_OK;

    for (i = 0; tables[i].name; i++) {
        LS_CHECK(count_rows(to, tables[i].name, &n, err));
        if (n > 0)
            LS_CHECK(ls_error_set(err, LS_EEXIST, LS_NO_OFFSET, 0,
                                  "the target store is not empty (%s has %lld rows): a copy "
                                  "never merges into a ledger",
                                  tables[i].name, n));
    }
done:
    return st;
}

/* Copies every table into 'to', which must be empty, inside its open
 * transaction, and moves its sequences past the copied ids. */
static ls_status copy_tables(ls_store *from, ls_store *to, ls_error *err)
{
    size_t i;
    ls_status st;

    LS_CHECK(check_empty(to, err));
    for (i = 0; tables[i].name; i++)
        LS_CHECK(copy_table(from, to, &tables[i], err));
    LS_CHECK(advance_sequences(to, err));
done:
    return st;
}

/* The planner of the copy told what its tables now hold: filled in one
 * transaction, they would be planned as empty until autovacuum came by. */
static ls_status refresh_statistics(ls_store *to, ls_error *err)
{
    ls_buf names;
    ls_status st;
    size_t i;

    ls_buf_init(&names);
    for (i = 0; tables[i].name; i++)
        ls_buf_printf(&names, "%s%s", i ? ", " : "", tables[i].name);
    st = names.failed ? ls_error_nomem(err) : ls_db_refresh_statistics(to->db, names.data, err);
    ls_buf_release(&names);
    return st;
}

ls_status ls_store_copy(ls_store *from, ls_store *to, ls_table_count_list *counts,
                        ls_error *err)
{
    long long a = 0, b = 0;
    void *at = NULL;
    size_t i, ntables = 0;
    ls_status st;

    memset(counts, 0, sizeof *counts);
    LS_CHECK(ls_db_begin(to->db, err));
    LS_CHECK(ls_store_finish(to, copy_tables(from, to, err), err));
    /* verify, after the commit, from what each store now says */
    while (tables[ntables].name)
        ntables++;
    LS_CHECK(ls_store_list_new(ntables, sizeof *counts->at, &at, &counts->mem, err));
    counts->at = at;
    for (i = 0; i < ntables; i++) {
        LS_CHECK(count_rows(from, tables[i].name, &a, err));
        LS_CHECK(count_rows(to, tables[i].name, &b, err));
        counts->at[counts->n++] = (ls_table_count){tables[i].name, a, b};
        if (a != b)
            LS_CHECK(ls_error_set(err, LS_EDB, LS_NO_OFFSET, 0,
                                  "table %s: %lld rows in the source, %lld in the copy",
                                  tables[i].name, a, b));
    }
    LS_CHECK(refresh_statistics(to, err));
done:
    st = ls_store_list_end(st, &counts->mem, err);
    if (st != LS_OK)
        memset(counts, 0, sizeof *counts);
    return st;
}
