/*
 * cycle_json.h — the reporting cycle, a period's late reports and ranking,
 * and the reminders of a day as JSON (cycle_json.c), written once for
 * `luoshi cycle|late|rank|remind --format json` and the API alike.
 */
#ifndef LS_FORMAT_CYCLE_JSON_H
#define LS_FORMAT_CYCLE_JSON_H

#include "jsonw.h"
#include "luoshi.h"

/* {every, due_day, set, set_at, set_by}: the cycle in force. */
void ls_cycle_json(ls_jw *w, const ls_cycle *c);
/* {gov, label, start, end, due, every, due_day, expected, on_time,
 * units: [{unit, expected, on_time, late, missing}] (the units with a row
 * not on time), rows: [{id, text, lead, due, reported, reported_code,
 * reported_at}] (the rows not reported on time)}. */
void ls_late_json(ls_jw *w, const ls_cycle_period *p);
/* {gov, label, start, end, due, units: [{rank, unit, expected, on_time,
 * late, missing, on_time_rate, judged, on_schedule, on_schedule_share,
 * returned}]} in rank order. */
void ls_rank_json(ls_jw *w, const ls_cycle_period *p);
/* {gov, as_of, within, units: [{unit, red, yellow, blue, rows: [{id, text,
 * lead, due, status, reason, alert, alert_code}]}]}. */
void ls_remind_json(ls_jw *w, const ls_remind *r);
/* {unit, as_of, period, label, due, to_report: [rows it leads not reported
 * on time this period], returned: [rows], alerts: [rows with alert and
 * alert_code]}: a unit's 待办. */
void ls_todo_json(ls_jw *w, const ls_todo *t);

#endif
