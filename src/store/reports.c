/*
 * reports.c — the reports in the store, read back as typed records: one
 * report's facts and text, the list of all, a report's outline, and its
 * mentions with the ledger row each stands in. The web app draws the
 * document view from these; nothing here writes (the import is
 * src/ledger/draft.c).
 */
#include <string.h>

#include "error.h"
#include "store.h"

#define REPORT_COLUMNS                                                                        \
    "SELECT r.id, g.name, r.year, r.version, r.source_name, r.sha256, r.doc_id, r.encoding, " \
    "r.from_html, r.imported_at, r.imported_by"

/* What follows the columns of REPORT_COLUMNS in a row of reports. */
typedef struct {
    int with_text;  /* the text */
    int with_items; /* the count of live rows */
} report_extra;

static void report_row(const ls_db_rows *rows, size_t i, void *rec, ls_mem *m, void *ctx)
{
    const report_extra *x = ctx;
    ls_report *r = rec;

    r->id = ls_db_int(rows, i, 0);
    r->gov = ls_mem_str(m, ls_db_text(rows, i, 1));
    r->year = ls_db_int(rows, i, 2);
    r->version = ls_db_int(rows, i, 3);
    r->source = ls_mem_str(m, ls_db_text(rows, i, 4));
    r->sha256 = ls_mem_str(m, ls_db_text(rows, i, 5));
    r->doc_id = ls_mem_str(m, ls_db_text(rows, i, 6));
    r->encoding = ls_mem_str(m, ls_db_text(rows, i, 7));
    r->from_html = ls_db_int(rows, i, 8);
    r->imported_at = ls_mem_str(m, ls_db_text(rows, i, 9));
    r->imported_by = ls_mem_str(m, ls_db_text(rows, i, 10));
    if (x->with_text)
        r->text = ls_mem_str(m, ls_db_text(rows, i, 11));
    if (x->with_items)
        r->items = ls_db_int(rows, i, 11);
}

/* The reports 'sql' selects with 'n' parameters 'p': the columns of
 * REPORT_COLUMNS, then the text ('with_text') or the count of live rows
 * ('with_items'). */
static ls_status report_rows(ls_store *store, const char *sql, const ls_db_value *p, size_t n,
                             int with_text, int with_items, ls_report_list *out, ls_error *err)
{
    report_extra x = {with_text, with_items};
    void *at;
    ls_status st = ls_store_read_list(store, sql, p, n, sizeof *out->at, report_row, &x, &at,
                                      &out->n, &out->mem, err);

    out->at = at;
    return st;
}

ls_status ls_store_report(ls_store *store, long long id, int with_text, ls_report_list *out,
                          ls_error *err)
{
    ls_db_value p[1] = {LS_PI(id)};
    ls_status st;

    LS_CHECK(report_rows(store,
                         with_text ? REPORT_COLUMNS ", r.text FROM reports r JOIN "
                                                    "governments g ON g.id = "
                                                    "r.government_id WHERE r.id = ?"
                                   : REPORT_COLUMNS " FROM reports r JOIN governments g "
                                                    "ON g.id = r.government_id WHERE "
                                                    "r.id = ?",
                         p, 1, with_text, 0, out, err));
    if (out->n == 0) {
        /* no list for a report that is not there: nothing for the caller to free */
        ls_mem_free(out->mem);
        memset(out, 0, sizeof *out);
        LS_CHECK(ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "no report %lld", id));
    }
done:
    return st;
}

ls_status ls_store_reports(ls_store *store, ls_report_list *out, ls_error *err)
{
    return report_rows(store,
                       REPORT_COLUMNS ", (SELECT COUNT(*) FROM items i WHERE i.report_id = r.id "
                                      "AND i.removed_at IS NULL) FROM reports r JOIN "
                                      "governments g ON g.id = r.government_id ORDER BY r.id",
                       NULL, 0, 0, 1, out, err);
}

/* LS_OK when report 'id' is stored, else LS_ENOTFOUND. */
static ls_status report_exists(ls_store *store, long long id, ls_error *err)
{
    ls_db_value p[1] = {LS_PI(id)};
    long long found = 0;
    ls_status st;

    LS_CHECK(ls_db_query_id(store->db, "SELECT id FROM reports WHERE id = ?", p, 1, &found, err));
    if (found == 0)
        LS_CHECK(ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "no report %lld", id));
done:
    return st;
}

static void outline_row(const ls_db_rows *rows, size_t i, void *rec, ls_mem *m, void *ctx)
{
    ls_stored_heading *h = rec;

    (void)ctx;
    h->seq = ls_db_int(rows, i, 0);
    h->level = ls_db_int(rows, i, 1);
    h->title = ls_mem_str(m, ls_db_text(rows, i, 2));
    h->part = ls_mem_str(m, ls_db_text(rows, i, 3));
    h->start = ls_db_int(rows, i, 4);
    h->end = ls_db_int(rows, i, 5);
    h->has_parent = !ls_db_is_null(rows, i, 6);
    h->parent = h->has_parent ? ls_db_int(rows, i, 6) : 0;
}

ls_status ls_store_report_outline(ls_store *store, long long id, ls_stored_heading_list *out,
                                  ls_error *err)
{
    ls_db_value p[1] = {LS_PI(id)};
    void *at;
    ls_status st;

    memset(out, 0, sizeof *out);
    st = report_exists(store, id, err);
    if (st != LS_OK)
        return st;
    st = ls_store_read_list(store,
                            "SELECT h.seq, h.level, h.title, h.part, h.start_byte, h.end_byte, "
                            "p.seq FROM headings h LEFT JOIN headings p ON p.id = h.parent_id "
                            "WHERE h.report_id = ? ORDER BY h.seq",
                            p, 1, sizeof *out->at, outline_row, NULL, &at, &out->n, &out->mem,
                            err);
    out->at = at;
    return st;
}

static void mention_row(const ls_db_rows *rows, size_t i, void *rec, ls_mem *mem, void *ctx)
{
    ls_stored_mention *m = rec;

    (void)ctx;
    m->id = ls_db_int(rows, i, 0);
    m->start = ls_db_int(rows, i, 1);
    m->end = ls_db_int(rows, i, 2);
    m->text = ls_mem_str(mem, ls_db_text(rows, i, 3));
    m->value = ls_db_real(rows, i, 4);
    m->has_max = !ls_db_is_null(rows, i, 5);
    m->value_max = m->has_max ? ls_db_real(rows, i, 5) : 0;
    m->unit = ls_mem_str(mem, ls_db_text(rows, i, 6));
    m->kind = ls_mem_str(mem, ls_db_text(rows, i, 7));
    m->op = ls_mem_str(mem, ls_db_text(rows, i, 8));
    m->change = ls_mem_str(mem, ls_db_text(rows, i, 9));
    m->metric = ls_mem_str(mem, ls_db_text(rows, i, 10));
    m->part = ls_mem_str(mem, ls_db_text(rows, i, 11));
    m->has_item = !ls_db_is_null(rows, i, 12);
    m->item = m->has_item ? ls_db_int(rows, i, 12) : 0;
}

ls_status ls_store_report_mentions(ls_store *store, long long id, ls_stored_mention_list *out,
                                   ls_error *err)
{
    ls_db_value p[1] = {LS_PI(id)};
    void *at;
    ls_status st;

    memset(out, 0, sizeof *out);
    st = report_exists(store, id, err);
    if (st != LS_OK)
        return st;
    st = ls_store_read_list(
        store,
        "SELECT m.id, m.start_byte, m.end_byte, m.text, m.value, m.value_max, "
        "m.unit, m.kind, m.op, m.change, m.metric, m.part, "
        "(SELECT i.id FROM items i WHERE i.removed_at IS NULL AND (i.mention_id = "
        "m.id OR (m.task_id IS NOT NULL AND i.task_id = m.task_id)) LIMIT 1) "
        "FROM mentions m WHERE m.report_id = ? ORDER BY m.seq",
        p, 1, sizeof *out->at, mention_row, NULL, &at, &out->n, &out->mem, err);
    out->at = at;
    return st;
}
