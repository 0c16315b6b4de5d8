/*
 * records.c — the descriptors of records.h. The order of the fields is the
 * order of the keys in the JSON that the API and `--format json` have
 * always written (tests/snapshots hold it): change it only with them.
 */
#include "records.h"

static const ls_rec_field unit_fields[] = {
    LS_F_INT(ls_unit, "id", id), LS_F_TEXT(ls_unit, "name", name),
    LS_F_INT(ls_unit, "lead", lead), LS_F_INT(ls_unit, "co", co), LS_F_END};
const ls_rec_desc ls_unit_desc = {sizeof(ls_unit), unit_fields};

#define USER_FIELDS                                                                          \
    LS_F_INT(ls_user, "id", id), LS_F_TEXT(ls_user, "name", name),                           \
        LS_F_TEXT(ls_user, "role", role), LS_F_TEXT(ls_user, "unit", unit)
static const ls_rec_field user_fields[] = {USER_FIELDS,
                                           LS_F_TEXT(ls_user, "disabled_at", disabled_at),
                                           LS_F_END};
static const ls_rec_field session_user_fields[] = {USER_FIELDS, LS_F_TEXT(ls_user, "csrf", csrf),
                                                   LS_F_END};
static const ls_rec_field token_user_fields[] = {USER_FIELDS, LS_F_END};
const ls_rec_desc ls_user_desc = {sizeof(ls_user), user_fields};
const ls_rec_desc ls_session_user_desc = {sizeof(ls_user), session_user_fields};
const ls_rec_desc ls_token_user_desc = {sizeof(ls_user), token_user_fields};

#define REPORT_HEAD                                                                          \
    LS_F_INT(ls_report, "id", id), LS_F_TEXT(ls_report, "gov", gov),                         \
        LS_F_INT(ls_report, "year", year), LS_F_INT(ls_report, "version", version),          \
        LS_F_TEXT(ls_report, "source", source), LS_F_TEXT(ls_report, "sha256", sha256)
#define REPORT_DONE                                                                          \
    LS_F_TEXT(ls_report, "imported_at", imported_at),                                        \
        LS_F_TEXT(ls_report, "imported_by", imported_by)
static const ls_rec_field report_fields[] = {
    REPORT_HEAD, LS_F_TEXT(ls_report, "doc_id", doc_id), LS_F_TEXT(ls_report, "encoding", encoding),
    LS_F_INT(ls_report, "from_html", from_html), REPORT_DONE, LS_F_END};
static const ls_rec_field report_text_fields[] = {
    REPORT_HEAD, LS_F_TEXT(ls_report, "doc_id", doc_id), LS_F_TEXT(ls_report, "encoding", encoding),
    LS_F_INT(ls_report, "from_html", from_html), REPORT_DONE, LS_F_TEXT(ls_report, "text", text),
    LS_F_END};
static const ls_rec_field report_list_fields[] = {
    REPORT_HEAD, LS_F_TEXT(ls_report, "encoding", encoding), REPORT_DONE,
    LS_F_INT(ls_report, "items", items), LS_F_END};
const ls_rec_desc ls_report_desc = {sizeof(ls_report), report_fields};
const ls_rec_desc ls_report_text_desc = {sizeof(ls_report), report_text_fields};
const ls_rec_desc ls_report_list_desc = {sizeof(ls_report), report_list_fields};

static const ls_rec_field stored_heading_fields[] = {
    LS_F_INT(ls_stored_heading, "seq", seq), LS_F_INT(ls_stored_heading, "level", level),
    LS_F_TEXT(ls_stored_heading, "title", title), LS_F_TEXT(ls_stored_heading, "part", part),
    LS_F_INT(ls_stored_heading, "start", start), LS_F_INT(ls_stored_heading, "end", end),
    LS_F_INTN(ls_stored_heading, "parent", parent, has_parent), LS_F_END};
const ls_rec_desc ls_stored_heading_desc = {sizeof(ls_stored_heading), stored_heading_fields};

static const ls_rec_field stored_mention_fields[] = {
    LS_F_INT(ls_stored_mention, "id", id),
    LS_F_INT(ls_stored_mention, "start", start),
    LS_F_INT(ls_stored_mention, "end", end),
    LS_F_TEXT(ls_stored_mention, "text", text),
    LS_F_REAL(ls_stored_mention, "value", value),
    LS_F_REALN(ls_stored_mention, "value_max", value_max, has_max),
    LS_F_TEXT(ls_stored_mention, "unit", unit),
    LS_F_TEXT(ls_stored_mention, "kind", kind),
    LS_F_TEXT(ls_stored_mention, "op", op),
    LS_F_TEXT(ls_stored_mention, "change", change),
    LS_F_TEXT(ls_stored_mention, "metric", metric),
    LS_F_TEXT(ls_stored_mention, "part", part),
    LS_F_INTN(ls_stored_mention, "item", item, has_item),
    LS_F_END};
const ls_rec_desc ls_stored_mention_desc = {sizeof(ls_stored_mention), stored_mention_fields};

static const ls_rec_field change_fields[] = {
    LS_F_TEXT(ls_change_entry, "at", at),         LS_F_TEXT(ls_change_entry, "actor", actor),
    LS_F_TEXT(ls_change_entry, "action", action), LS_F_TEXT(ls_change_entry, "field", field),
    LS_F_TEXT(ls_change_entry, "old", old_value), LS_F_TEXT(ls_change_entry, "new", new_value),
    LS_F_END};
const ls_rec_desc ls_change_desc = {sizeof(ls_change_entry), change_fields};

#define PROGRESS_FIELDS                                                                      \
    LS_F_TEXT(ls_progress_entry, "date", date),                                              \
        LS_F_REALN(ls_progress_entry, "value", value, has_value),                            \
        LS_F_REALN(ls_progress_entry, "percent", percent, has_percent),                      \
        LS_F_TEXT(ls_progress_entry, "done_text", done_text),                                \
        LS_F_TEXT(ls_progress_entry, "problems", problems),                                  \
        LS_F_TEXT(ls_progress_entry, "next_steps", next_steps),                              \
        LS_F_TEXT(ls_progress_entry, "evidence", evidence),                                  \
        LS_F_TEXT(ls_progress_entry, "unit", unit), LS_F_TEXT(ls_progress_entry, "at", at),  \
        LS_F_TEXT(ls_progress_entry, "by", by), LS_F_INT(ls_progress_entry, "replaces", replaces), \
        LS_F_ARRAY(ls_progress_entry, "values", values, nvalues, &ls_target_value_desc)
static const ls_rec_field target_value_fields[] = {
    LS_F_INT(ls_target_value, "target", target), LS_F_REAL(ls_target_value, "value", value),
    LS_F_END};
const ls_rec_desc ls_target_value_desc = {sizeof(ls_target_value), target_value_fields};
static const ls_rec_field evidence_fields[] = {
    LS_F_INT(ls_evidence, "id", id),         LS_F_INT(ls_evidence, "item", item),
    LS_F_INT(ls_evidence, "progress", progress), LS_F_TEXT(ls_evidence, "name", name),
    LS_F_TEXT(ls_evidence, "type", type),    LS_F_INT(ls_evidence, "size", size),
    LS_F_TEXT(ls_evidence, "sha256", sha256), LS_F_TEXT(ls_evidence, "unit", unit),
    LS_F_TEXT(ls_evidence, "at", at),        LS_F_TEXT(ls_evidence, "by", by),
    LS_F_END};
const ls_rec_desc ls_evidence_desc = {sizeof(ls_evidence), evidence_fields};
static const ls_rec_field progress_entry_fields[] = {LS_F_INT(ls_progress_entry, "id", id),
                                                     PROGRESS_FIELDS, LS_F_END};
static const ls_rec_field progress_latest_fields[] = {PROGRESS_FIELDS, LS_F_END};
const ls_rec_desc ls_progress_entry_desc = {sizeof(ls_progress_entry), progress_entry_fields};
const ls_rec_desc ls_progress_latest_desc = {sizeof(ls_progress_entry), progress_latest_fields};

const char *ls_rec_item_kind_name(int v)
{
    return ls_item_kind_name((ls_item_kind)v);
}

const char *ls_rec_pace_name(int v)
{
    return ls_pace_name((ls_pace)v);
}

const char *ls_rec_pace_code(int v)
{
    return ls_pace_code((ls_pace)v);
}

static const ls_rec_field baseline_fields[] = {
    LS_F_TEXT(ls_baseline, "text", text),
    LS_F_REAL(ls_baseline, "value", value),
    LS_F_TEXT(ls_baseline, "unit", unit),
    LS_F_REALN(ls_baseline, "change_abs", change_abs, has_change_abs),
    LS_F_REALN(ls_baseline, "change_pct", change_pct, has_change_pct),
    LS_F_END};
const ls_rec_desc ls_baseline_desc = {sizeof(ls_baseline), baseline_fields};

#define TARGET_FIELDS(T, p)                                                                  \
    LS_F_INT(T, "id", p id), LS_F_TEXT(T, "text", p text), LS_F_TEXT(T, "metric", p metric), \
        LS_F_TEXT(T, "op", p op), LS_F_REAL(T, "value", p value),                            \
        LS_F_REALN(T, "value_max", p value_max, p has_max), LS_F_TEXT(T, "unit", p unit),    \
        LS_F_TEXT(T, "change", p change),                                                    \
        LS_F_OBJECT(T, "baseline", p baseline, &ls_baseline_desc)
static const ls_rec_field item_target_fields[] = {TARGET_FIELDS(ls_item_target, ), LS_F_END};
const ls_rec_desc ls_item_target_desc = {sizeof(ls_item_target), item_target_fields};

static const ls_rec_field item_fields[] = {
    LS_F_INT(ls_item, "id", id),
    LS_F_INT(ls_item, "report", report),
    LS_F_TEXT(ls_item, "gov", gov),
    LS_F_INT(ls_item, "year", year),
    LS_F_INT(ls_item, "seq", seq),
    LS_F_ENUM(ls_item, "kind", kind, ls_rec_item_kind_name),
    LS_F_TEXT(ls_item, "part", part),
    LS_F_TEXT(ls_item, "path", path),
    LS_F_TEXT(ls_item, "text", text),
    LS_F_INT(ls_item, "start", start),
    LS_F_INT(ls_item, "end", end),
    LS_F_TEXT(ls_item, "suggested_lead", suggested_lead),
    LS_F_TEXT(ls_item, "lead", lead),
    LS_F_TEXT(ls_item, "leader", leader),
    LS_F_TEXT(ls_item, "due", due),
    LS_F_TEXT(ls_item, "removed_at", removed_at),
    LS_F_ARRAY(ls_item, "targets", targets, ntargets, &ls_item_target_desc),
    LS_F_TEXTS(ls_item, "co", co, nco),
    LS_F_TEXTS(ls_item, "joint", joint, njoint),
    LS_F_TEXT(ls_item, "others", others),
    LS_F_TEXT(ls_item, "office_no", office_no),
    LS_F_OBJECT(ls_item, "progress", progress, &ls_progress_latest_desc),
    LS_F_ENUM(ls_item, "status", pace, ls_rec_pace_name),
    LS_F_ENUM(ls_item, "status_code", pace, ls_rec_pace_code),
    LS_F_TEXT(ls_item, "reason", reason),
    LS_F_TEXT(ls_item, "review", review),
    LS_F_TEXT(ls_item, "review_reason", review_reason),
    LS_F_TEXT(ls_item, "review_at", review_at),
    LS_F_END};
const ls_rec_desc ls_item_desc = {sizeof(ls_item), item_fields};

static const ls_rec_field target_row_fields[] = {
    TARGET_FIELDS(ls_target_row, target.),
    LS_F_INT(ls_target_row, "item", item),
    LS_F_ENUM(ls_target_row, "status", pace, ls_rec_pace_name),
    LS_F_TEXT(ls_target_row, "lead", lead),
    LS_F_TEXT(ls_target_row, "suggested_lead", suggested_lead),
    LS_F_TEXT(ls_target_row, "due", due),
    LS_F_TEXT(ls_target_row, "gov", gov),
    LS_F_INT(ls_target_row, "year", year),
    LS_F_TEXT(ls_target_row, "baseline_text", baseline_text),
    LS_F_REALN(ls_target_row, "change_pct", change_pct, has_change_pct),
    LS_F_END};
const ls_rec_desc ls_target_row_desc = {sizeof(ls_target_row), target_row_fields};

static const ls_rec_field link_target_fields[] = {
    LS_F_INT(ls_link_end, "id", id),       LS_F_TEXT(ls_link_end, "text", text),
    LS_F_TEXT(ls_link_end, "metric", metric), LS_F_TEXT(ls_link_end, "op", op),
    LS_F_REAL(ls_link_end, "value", value),
    LS_F_REALN(ls_link_end, "value_max", value_max, has_max),
    LS_F_TEXT(ls_link_end, "unit", unit), LS_F_TEXT(ls_link_end, "change", change),
    LS_F_TEXT(ls_link_end, "part", part), LS_F_INT(ls_link_end, "start", start),
    LS_F_INT(ls_link_end, "end", end),     LS_F_END};
static const ls_rec_desc link_target_desc = {sizeof(ls_link_end), link_target_fields};
static const ls_rec_field link_baseline_fields[] = {
    LS_F_INT(ls_link_end, "id", id),       LS_F_TEXT(ls_link_end, "text", text),
    LS_F_TEXT(ls_link_end, "metric", metric), LS_F_REAL(ls_link_end, "value", value),
    LS_F_TEXT(ls_link_end, "unit", unit), LS_F_INT(ls_link_end, "start", start),
    LS_F_INT(ls_link_end, "end", end),     LS_F_END};
static const ls_rec_desc link_baseline_desc = {sizeof(ls_link_end), link_baseline_fields};

/* A link's two ends are structs inside it (LS_F_EMBED). */
static const ls_rec_field link_fields[] = {
    LS_F_INT(ls_stored_link, "id", id),
    LS_F_INT(ls_stored_link, "report", report),
    LS_F_INTN(ls_stored_link, "item", item, has_item),
    LS_F_REAL(ls_stored_link, "similarity", similarity),
    LS_F_REALN(ls_stored_link, "change_abs", change_abs, has_change_abs),
    LS_F_REALN(ls_stored_link, "change_pct", change_pct, has_change_pct),
    LS_F_EMBED(ls_stored_link, "target", target, &link_target_desc),
    LS_F_EMBED(ls_stored_link, "baseline", baseline, &link_baseline_desc),
    LS_F_END};
const ls_rec_desc ls_link_desc = {sizeof(ls_stored_link), link_fields};

void ls_status_json(ls_jw *w, const char *as_of, const ls_pace_totals *totals,
                    const ls_item_list *items)
{
    size_t c;

    ls_jw_object(w);
    ls_jw_key(w, "as_of");
    ls_jw_str(w, as_of);
    ls_jw_key(w, "totals");
    ls_jw_object(w);
    for (c = 0; c < totals->ncols; c++) {
        ls_jw_key(w, ls_pace_name(totals->cols[c]));
        ls_jw_int(w, (long long)totals->all.n[totals->cols[c]]);
    }
    ls_jw_end(w);
    ls_jw_key(w, "unassigned");
    ls_jw_int(w, (long long)totals->unassigned);
    ls_jw_key(w, "items");
    ls_rec_json_array(w, &ls_item_desc, items->at, items->n);
    ls_jw_end(w);
}

/* ---- what a report's ledger misses (coverage) ---- */

static const ls_rec_field uncovered_fields[] = {
    LS_F_INT(ls_uncovered, "start", start), LS_F_INT(ls_uncovered, "end", end),
    LS_F_TEXT(ls_uncovered, "part", part),  LS_F_TEXT(ls_uncovered, "path", path),
    LS_F_TEXT(ls_uncovered, "text", text),  LS_F_TEXTS(ls_uncovered, "why", why, nwhy),
    LS_F_END};
const ls_rec_desc ls_uncovered_desc = {sizeof(ls_uncovered), uncovered_fields};

static const ls_rec_field vague_fields[] = {
    LS_F_INT(ls_vague, "id", id), LS_F_TEXT(ls_vague, "text", text),
    LS_F_TEXTS(ls_vague, "missing", missing, nmissing), LS_F_END};
const ls_rec_desc ls_vague_desc = {sizeof(ls_vague), vague_fields};

static const ls_rec_field coverage_fields[] = {
    LS_F_INT(ls_coverage, "report", report),
    LS_F_ARRAY(ls_coverage, "uncovered", uncovered, nuncovered, &ls_uncovered_desc),
    LS_F_ARRAY(ls_coverage, "vague", vague, nvague, &ls_vague_desc), LS_F_END};
const ls_rec_desc ls_coverage_desc = {sizeof(ls_coverage), coverage_fields};

/* ---- comparison across reports (compare, commitments, aliases) ---- */

static const ls_rec_field alias_fields[] = {
    LS_F_TEXT(ls_alias, "alias", alias), LS_F_TEXT(ls_alias, "canonical", canonical),
    LS_F_TEXT(ls_alias, "created_at", created_at), LS_F_TEXT(ls_alias, "created_by", created_by),
    LS_F_END};
const ls_rec_desc ls_alias_desc = {sizeof(ls_alias), alias_fields};

#define COMPARED_FIELDS                                                                      \
    LS_F_INT(ls_compared, "id", id), LS_F_TEXT(ls_compared, "gov", gov),                     \
        LS_F_INT(ls_compared, "year", year), LS_F_INT(ls_compared, "for_year", for_year),    \
        LS_F_INT(ls_compared, "report", report), LS_F_TEXT(ls_compared, "kind", kind),       \
        LS_F_TEXT(ls_compared, "part", part), LS_F_TEXT(ls_compared, "metric", metric),      \
        LS_F_TEXT(ls_compared, "text", text), LS_F_REAL(ls_compared, "value", value),        \
        LS_F_REALN(ls_compared, "value_max", value_max, has_max),                            \
        LS_F_TEXT(ls_compared, "unit", unit), LS_F_TEXT(ls_compared, "op", op),              \
        LS_F_TEXT(ls_compared, "change", change), LS_F_INT(ls_compared, "start", start),     \
        LS_F_INT(ls_compared, "end", end),                                                   \
        LS_F_TEXT_IF(ls_compared, "outcome", outcome, is_target),                            \
        LS_F_OBJECT_IF(ls_compared, "actual", actual, &ls_compared_desc, is_target),         \
        LS_F_REAL_IF(ls_compared, "actual_in_target_unit", actual_in_target_unit, has_actual), \
        LS_F_REAL_IF(ls_compared, "match", match, has_actual),                               \
        LS_F_TEXT_IF(ls_compared, "sentence", sentence, has_sentence)
static const ls_rec_field compared_fields[] = {COMPARED_FIELDS, LS_F_END};
const ls_rec_desc ls_compared_desc = {sizeof(ls_compared), compared_fields};
static const ls_rec_field compared_row_fields[] = {
    COMPARED_FIELDS, LS_F_TEXT_IF(ls_compared, "actual_text", actual_text, has_actual), LS_F_END};
const ls_rec_desc ls_compared_row_desc = {sizeof(ls_compared), compared_row_fields};
static const ls_rec_field commitment_row_fields[] = {
    COMPARED_FIELDS, LS_F_TEXT_IF(ls_compared, "actual_text", actual_text, has_actual),
    LS_F_TEXT_IF(ls_compared, "actual_sentence", actual_sentence, has_actual), LS_F_END};
const ls_rec_desc ls_commitment_row_desc = {sizeof(ls_compared), commitment_row_fields};

#define RATE_FIELDS                                                                          \
    LS_F_TEXT(ls_commit_rate, "gov", gov), LS_F_INT(ls_commit_rate, "year", year),           \
        LS_F_INT(ls_commit_rate, "met", met), LS_F_INT(ls_commit_rate, "missed", missed),    \
        LS_F_INT(ls_commit_rate, "not_mentioned", not_mentioned),                            \
        LS_F_REALN(ls_commit_rate, "rate", rate, has_rate),                                  \
        LS_F_REALN(ls_commit_rate, "rate_all", rate_all, has_rate_all)
static const ls_rec_field commit_rate_fields[] = {RATE_FIELDS, LS_F_END};
const ls_rec_desc ls_commit_rate_desc = {sizeof(ls_commit_rate), commit_rate_fields};
static const ls_rec_field commit_rate_row_fields[] = {
    RATE_FIELDS, LS_F_TEXT(ls_commit_rate, "rate_shown", rate_shown), LS_F_END};
const ls_rec_desc ls_commit_rate_row_desc = {sizeof(ls_commit_rate), commit_rate_row_fields};

static const ls_rec_field comparison_fields[] = {
    LS_F_TEXT(ls_comparison, "metric", metric), LS_F_TEXT(ls_comparison, "gov", gov),
    LS_F_ARRAY(ls_comparison, "mentions", mentions, nmentions, &ls_compared_desc),
    LS_F_ARRAY(ls_comparison, "rates", rates, nrates, &ls_commit_rate_desc), LS_F_END};
const ls_rec_desc ls_comparison_desc = {sizeof(ls_comparison), comparison_fields};

static const ls_rec_field commitment_list_fields[] = {
    LS_F_TEXT(ls_commitment_list, "gov", gov), LS_F_INT(ls_commitment_list, "year", year),
    LS_F_ARRAY(ls_commitment_list, "targets", targets, ntargets, &ls_compared_desc),
    LS_F_ARRAY(ls_commitment_list, "rates", rates, nrates, &ls_commit_rate_desc), LS_F_END};
const ls_rec_desc ls_commitment_list_desc = {sizeof(ls_commitment_list), commitment_list_fields};
/* ---- an office's 分工方案, read against the ledger (the preview) ---- */

/* ORDER LS_FG_RESULT, LS_FG_PROBLEM (luoshi.h) */
static const char *fg_result_name(int v)
{
    static const char *const names[] = {"matched", "ambiguous", "unmatched", "heading"};

    return v >= 0 && v < 4 ? names[v] : NULL;
}

static const char *fg_problem_name(int v)
{
    static const char *const names[] = {NULL, "unknown_unit", "bad_date"};

    return v >= 0 && v < 3 ? names[v] : NULL;
}

static const ls_rec_field fg_row_fields[] = {
    LS_F_INT(ls_fg_row, "item", item), LS_F_REAL(ls_fg_row, "score", score),
    LS_F_TEXT(ls_fg_row, "text", text), LS_F_END};
static const ls_rec_desc fg_row_desc = {sizeof(ls_fg_row), fg_row_fields};

static const ls_rec_field fg_line_fields[] = {
    LS_F_INT(ls_fg_line, "line", line),
    LS_F_TEXT(ls_fg_line, "no", no),
    LS_F_TEXT(ls_fg_line, "task", task),
    LS_F_ENUM(ls_fg_line, "result", result, fg_result_name),
    LS_F_ENUM(ls_fg_line, "problem", problem, fg_problem_name),
    LS_F_REAL(ls_fg_line, "score", score),
    LS_F_ARRAY(ls_fg_line, "rows", rows, nrows, &fg_row_desc),
    LS_F_TEXTS(ls_fg_line, "leads", leads, nleads),
    LS_F_TEXTS(ls_fg_line, "co", co, nco),
    LS_F_TEXT(ls_fg_line, "others", others),
    LS_F_TEXT(ls_fg_line, "leader", leader),
    LS_F_TEXT(ls_fg_line, "due_text", due_text),
    LS_F_TEXT(ls_fg_line, "due", due),
    LS_F_BOOL(ls_fg_line, "clears_due", clears_due),
    LS_F_END};
static const ls_rec_desc fg_line_desc = {sizeof(ls_fg_line), fg_line_fields};

static const ls_rec_field fg_unit_fields[] = {
    LS_F_TEXT(ls_fg_unit, "name", name), LS_F_TEXT(ls_fg_unit, "unit", unit),
    LS_F_BOOL(ls_fg_unit, "alias", alias), LS_F_END};
static const ls_rec_desc fg_unit_desc = {sizeof(ls_fg_unit), fg_unit_fields};

static void count_field(ls_jw *w, const char *key, size_t n)
{
    ls_jw_key(w, key);
    ls_jw_int(w, (long long)n);
}

void ls_fengong_json(ls_jw *w, const ls_fengong *fg)
{
    ls_jw_object(w);
    count_field(w, "report", (size_t)fg->report);
    ls_jw_key(w, "file");
    ls_jw_str(w, fg->name);
    count_field(w, "matched", fg->matched);
    count_field(w, "ambiguous", fg->ambiguous);
    count_field(w, "unmatched", fg->unmatched);
    count_field(w, "headings", fg->headings);
    count_field(w, "unknown_units", fg->unknown_units);
    ls_jw_key(w, "lines");
    ls_rec_json_array(w, &fg_line_desc, fg->lines, fg->nlines);
    ls_jw_key(w, "units");
    ls_rec_json_array(w, &fg_unit_desc, fg->units, fg->nunits);
    ls_jw_end(w);
}
