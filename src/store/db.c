/*
 * db.c — the part of the back-end interface that does not depend on the
 * back end: result rows in memory, typed accessors, transactions that
 * know whether they are open.
 *
 * Every cell's text is a separate allocation (ls_malloc), so that a failed
 * allocation is reported (LS_ENOMEM) and never half a row.
 */
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "db.h"
#include "error.h"
#include "input.h"

/* Every text stored is UTF-8: a listing or a page that reads it back must
 * never meet bytes it cannot show (luoshi units add $'\xff'). */
static ls_status check_params(const ls_db_value *params, size_t n, ls_error *err)
{
    size_t i, len, bad;

    for (i = 0; i < n; i++) {
        if (params[i].type != LS_DB_TEXT || !params[i].s)
            continue;
        len = strlen(params[i].s);
        bad = ls_utf8_valid_prefix(params[i].s, len);
        if (bad < len)
            return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                                "text is not valid UTF-8 at byte %zu: '%.*s…'", bad, (int)bad,
                                params[i].s);
    }
    return LS_OK;
}

ls_status ls_db_query(ls_db *db, const char *sql, const ls_db_value *params, size_t n,
                      ls_db_rows *out, ls_error *err)
{
    ls_status st = check_params(params, n, err);

    if (out)
        memset(out, 0, sizeof *out);
    if (st != LS_OK)
        return st;
    st = db->ops->query(db, sql, params, n, out, err);
    /* a statement that fails after some rows (a step of SQLite, memory)
     * leaves none: no caller frees rows after a failure */
    if (st != LS_OK)
        ls_db_rows_free(out);
    return st;
}

ls_status ls_db_exec(ls_db *db, const char *sql, const ls_db_value *params, size_t n,
                     ls_error *err)
{
    return ls_db_query(db, sql, params, n, NULL, err);
}

ls_status ls_db_query_id(ls_db *db, const char *sql, const ls_db_value *params, size_t n,
                         long long *id, ls_error *err)
{
    ls_db_rows rows = {0};
    ls_status st;

    *id = 0;
    LS_CHECK(ls_db_query(db, sql, params, n, &rows, err));
    if (rows.nrows > 0 && rows.ncols > 0)
        *id = ls_db_int(&rows, 0, 0);
done:
    ls_db_rows_free(&rows);
    return st;
}

/* A table name: lower-case ASCII letters and '_' only (it is written into
 * the SQL of the back end that reserves ids). */
static int plain_name(const char *s)
{
    if (!*s)
        return 0;
    for (; *s; s++)
        if (!((*s >= 'a' && *s <= 'z') || *s == '_'))
            return 0;
    return 1;
}

ls_status ls_db_reserve_ids(ls_db *db, const ls_db_ids *want, size_t n, ls_error *err)
{
    size_t i;

    for (i = 0; i < n; i++)
        if (!db->in_tx || !plain_name(want[i].table))
            return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                                "ids reserved outside a write transaction or for a table named "
                                "'%s'",
                                want[i].table);
    return db->ops->reserve_ids(db, want, n, err);
}

int ls_db_can_copy(const ls_db *db)
{
    return db->ops->copy != NULL;
}

ls_status ls_db_copy(ls_db *db, const char *into, const ls_db_value *vals, size_t nrows,
                     size_t ncols, ls_error *err)
{
    ls_status st;

    if (!db->ops->copy)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0, "the store has no bulk copy");
    if (nrows == 0)
        return LS_OK;
    LS_CHECK(check_params(vals, nrows * ncols, err));
    st = db->ops->copy(db, into, vals, nrows, ncols, err);
done:
    return st;
}

ls_status ls_db_refresh_statistics(ls_db *db, const char *tables, ls_error *err)
{
    if (!db->ops->analyze)
        return LS_OK;
    if (db->in_tx)
        return ls_error_set(err, LS_EINVAL, LS_NO_OFFSET, 0,
                            "statistics are refreshed outside a transaction");
    return db->ops->analyze(db, tables, err);
}

ls_status ls_db_begin(ls_db *db, ls_error *err)
{
    ls_status st = db->ops->begin(db, err);

    if (st == LS_OK)
        db->in_tx = 1;
    return st;
}

ls_status ls_db_commit(ls_db *db, ls_error *err)
{
    ls_status st = db->ops->script(db, "COMMIT", err);

    if (st == LS_OK)
        db->in_tx = 0;
    return st;
}

void ls_db_rollback(ls_db *db)
{
    if (db && db->in_tx) {
        db->ops->script(db, "ROLLBACK", NULL);
        db->in_tx = 0;
    }
}

void ls_db_close(ls_db *db)
{
    if (!db)
        return;
    ls_db_rollback(db);
    db->ops->close(db);
}

const char *ls_db_text(const ls_db_rows *rows, size_t r, size_t c)
{
    return rows->cells[r * rows->ncols + c].text;
}

long long ls_db_int(const ls_db_rows *rows, size_t r, size_t c)
{
    const char *t = ls_db_text(rows, r, c);

    return t ? strtoll(t, NULL, 10) : 0;
}

double ls_db_real(const ls_db_rows *rows, size_t r, size_t c)
{
    const char *t = ls_db_text(rows, r, c);

    return t ? strtod(t, NULL) : 0;
}

int ls_db_is_null(const ls_db_rows *rows, size_t r, size_t c)
{
    return ls_db_text(rows, r, c) == NULL;
}

const char *ls_db_blob(const ls_db_rows *rows, size_t r, size_t c, size_t *len)
{
    const ls_db_cell *cell = &rows->cells[r * rows->ncols + c];

    *len = !cell->text ? 0 : cell->type == LS_DB_BLOB ? cell->len : strlen(cell->text);
    return cell->text;
}

void ls_db_rows_free(ls_db_rows *rows)
{
    size_t i;

    if (!rows)
        return;
    for (i = 0; i < rows->ncols; i++)
        ls_free(rows->names[i]);
    for (i = 0; i < rows->nrows * rows->ncols; i++)
        ls_free(rows->cells[i].text);
    ls_free(rows->names);
    ls_free(rows->cells);
    memset(rows, 0, sizeof *rows);
}

/* A copy of the 'n' bytes at 's', NUL-terminated. */
static char *dup_bytes(const char *s, size_t n)
{
    char *d = ls_malloc(n + 1);

    if (d) {
        memcpy(d, s, n);
        d[n] = '\0';
    }
    return d;
}

static char *dup_text(const char *s)
{
    return dup_bytes(s, strlen(s));
}

ls_status ls_db_rows_columns(ls_db_rows *rows, size_t ncols, const char *const *names)
{
    size_t i;

    if (rows->names)
        return LS_OK;
    rows->names = ls_calloc(ncols ? ncols : 1, sizeof *rows->names);
    if (!rows->names)
        return LS_ENOMEM;
    rows->ncols = ncols;
    for (i = 0; i < ncols; i++)
        if (!(rows->names[i] = dup_text(names[i])))
            return LS_ENOMEM;
    return LS_OK;
}

ls_status ls_db_rows_add(ls_db_rows *rows, const ls_db_cell *cells)
{
    size_t i, base;

    if (rows->nrows == rows->cap) {
        size_t cap = rows->cap ? rows->cap * 2 : 16;
        ls_db_cell *grown;
        if (cap > (size_t)-1 / sizeof *grown / (rows->ncols ? rows->ncols : 1))
            return LS_ENOMEM;
        grown = ls_realloc(rows->cells, cap * (rows->ncols ? rows->ncols : 1) * sizeof *grown);
        if (!grown)
            return LS_ENOMEM;
        rows->cells = grown;
        rows->cap = cap;
    }
    base = rows->nrows * rows->ncols;
    for (i = 0; i < rows->ncols; i++) {
        rows->cells[base + i].type = cells[i].type;
        rows->cells[base + i].text = NULL;
        rows->cells[base + i].len = cells[i].type == LS_DB_BLOB ? cells[i].len : 0;
    }
    rows->nrows++;
    for (i = 0; i < rows->ncols; i++) {
        const ls_db_cell *c = &cells[i];
        if (c->text && !(rows->cells[base + i].text = c->type == LS_DB_BLOB
                                                           ? dup_bytes(c->text, c->len)
                                                           : dup_text(c->text)))
            return LS_ENOMEM;
    }
    return LS_OK;
}
