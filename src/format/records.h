/*
 * records.h — the descriptors of the ledger's typed records (luoshi.h),
 * one for each shape a front end writes: the fields in the order JSON
 * gives them, with their types (record.h). The CLI and the server print a
 * record only through these, so a unit or a row is written the same way
 * by both, and a field is added in one place.
 */
#ifndef LS_FORMAT_RECORDS_H
#define LS_FORMAT_RECORDS_H

#include "luoshi.h"
#include "record.h"

extern const ls_rec_desc ls_unit_desc;
/* Users: as listed (with disabled_at), and as /api/v1/me shows who signed
 * in by a session (with its csrf) or by an API token (neither). */
extern const ls_rec_desc ls_user_desc, ls_session_user_desc, ls_token_user_desc;

/* Reports: one (with or without its text), the list of all (with its
 * count of rows), a stored outline and stored mentions. */
extern const ls_rec_desc ls_report_desc, ls_report_text_desc, ls_report_list_desc;
extern const ls_rec_desc ls_stored_heading_desc, ls_stored_mention_desc;

/* The change log of a row; progress reports, as listed (with their id)
 * and as the latest of a row (without). */
extern const ls_rec_desc ls_change_desc, ls_progress_entry_desc, ls_progress_latest_desc;
extern const ls_rec_desc ls_target_value_desc, ls_evidence_desc;

/* Ledger rows (with targets, baselines, co units, the latest progress and
 * the pace by name and code), target rows of `luoshi targets`, links. */
extern const ls_rec_desc ls_item_desc, ls_item_target_desc, ls_baseline_desc;
extern const ls_rec_desc ls_target_row_desc, ls_link_desc;

/* Comparison across reports: aliases, a comparison {metric, gov,
 * mentions, rates}, a commitment check {gov, year, targets, rates}, their
 * figures and rates; the _row descriptors add what tables show
 * (actual_text, actual_sentence, rate_shown). */
extern const ls_rec_desc ls_alias_desc, ls_comparison_desc, ls_commitment_list_desc;
extern const ls_rec_desc ls_compared_desc, ls_compared_row_desc, ls_commitment_row_desc;
extern const ls_rec_desc ls_commit_rate_desc, ls_commit_rate_row_desc;

/* What a report's ledger misses: {report, uncovered, vague}, and the rows
 * of each list. */
extern const ls_rec_desc ls_coverage_desc, ls_uncovered_desc, ls_vague_desc;

/* The names of the ledger's enums, as descriptors take them. */
const char *ls_rec_item_kind_name(int kind);
const char *ls_rec_pace_name(int pace);
const char *ls_rec_pace_code(int pace);

/* The status of a ledger, as `luoshi status --format json` and GET
 * /api/v1/status give it: {as_of, totals: {已完成: n, …} (the columns of
 * 'totals'), unassigned: n (未分工, in no total), items: [rows]}
 * ('as_of' NULL: null). */
void ls_status_json(ls_jw *w, const char *as_of, const ls_pace_totals *totals,
                    const ls_item_list *items);

/* A 分工方案 read against the ledger (ls_ledger_fengong_read), as `luoshi
 * assign --from F --dry-run --format json` and POST /api/v1/assignments
 * with dry_run give it: {report, file, matched, ambiguous, unmatched,
 * headings, unknown_units, lines: [{line, no, task, result, problem,
 * score, rows: [{item, score, text}], leads, co, others, leader, due_text,
 * due, clears_due}], units: [{name, unit, alias}]}. */
void ls_fengong_json(ls_jw *w, const ls_fengong *fg);

#endif
