/*
 * reports.c — a stored report read back for display: its text and
 * facts, its outline, and its mentions with the ledger row each stands in.
 * The web app draws the document view from these; nothing here writes.
 */
#include "error.h"
#include "store.h"

/* Runs 'sql' with the one parameter 'id' and gives the rows as JSON. */
static ls_status rows_of(ls_store *store, const char *sql, long long id, json_t **out,
                         ls_error *err)
{
    ls_db_value p[1] = {LS_PI(id)};

    return ls_store_query_json(store, sql, p, 1, out, err);
}

ls_status ls_store_report(ls_store *store, long long id, int with_text, json_t **out, ls_error *err)
{
    json_t *rows = NULL;
    ls_status st =
        rows_of(store,
                with_text ? "SELECT r.id, g.name AS gov, r.year, r.version, r.source_name "
                            "AS source, r.sha256, r.doc_id, r.encoding, r.from_html, "
                            "r.imported_at, r.imported_by, r.text FROM reports r JOIN "
                            "governments g ON g.id = r.government_id WHERE r.id = ?"
                          : "SELECT r.id, g.name AS gov, r.year, r.version, r.source_name "
                            "AS source, r.sha256, r.doc_id, r.encoding, r.from_html, "
                            "r.imported_at, r.imported_by FROM reports r JOIN "
                            "governments g ON g.id = r.government_id WHERE r.id = ?",
                id, &rows, err);

    *out = NULL;
    if (st == LS_OK && json_array_size(rows) == 0)
        st = ls_error_set(err, LS_ENOTFOUND, LS_NO_OFFSET, 0, "no report %lld", id);
    if (st == LS_OK)
        *out = json_incref(json_array_get(rows, 0));
    json_decref(rows);
    return st;
}

ls_status ls_store_report_outline(ls_store *store, long long id, json_t **out, ls_error *err)
{
    json_t *check = NULL;
    ls_status st = ls_store_report(store, id, 0, &check, err);

    json_decref(check);
    if (st != LS_OK) {
        *out = NULL;
        return st;
    }
    return rows_of(store,
                   "SELECT h.seq, h.level, h.title, h.part, h.start_byte AS start, h.end_byte "
                   "AS end, p.seq AS parent FROM headings h LEFT JOIN headings p ON p.id = "
                   "h.parent_id WHERE h.report_id = ? ORDER BY h.seq",
                   id, out, err);
}

ls_status ls_store_report_mentions(ls_store *store, long long id, json_t **out, ls_error *err)
{
    json_t *check = NULL;
    ls_status st = ls_store_report(store, id, 0, &check, err);

    json_decref(check);
    if (st != LS_OK) {
        *out = NULL;
        return st;
    }
    return rows_of(store,
                   "SELECT m.id, m.start_byte AS start, m.end_byte AS end, m.text, m.value, "
                   "m.value_max, m.unit, m.kind, m.op, m.change, m.metric, m.part, "
                   "(SELECT i.id FROM items i WHERE i.removed_at IS NULL AND (i.mention_id = "
                   "m.id OR (m.task_id IS NOT NULL AND i.task_id = m.task_id)) LIMIT 1) AS item "
                   "FROM mentions m WHERE m.report_id = ? ORDER BY m.seq",
                   id, out, err);
}
