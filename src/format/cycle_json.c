/*
 * cycle_json.c — JSON of the closed loop's lists (cycle_json.h): the
 * cycle, late reports, the ranking and the reminders. Field by field with
 * the streaming writer; what they hold is the ledger's (cycle.c,
 * remind.c).
 */
#include "cycle_json.h"

#include <string.h>

/* The names of the closed loop's enums (luoshi.h), where the writers that
 * show them are: ORDER ls_reported, ORDER ls_alert. */
static const char *const reported_names[] = {"按时报送", "逾期报送", "未报送"};
static const char *const reported_codes[] = {"on_time", "late", "missing"};
static const char *const alert_names[] = {"", "蓝", "黄", "红"};
static const char *const alert_codes[] = {"", "blue", "yellow", "red"};

const char *ls_reported_name(ls_reported r)
{
    return r <= LS_REPORTED_NONE ? reported_names[r] : "";
}

const char *ls_reported_code(ls_reported r)
{
    return r <= LS_REPORTED_NONE ? reported_codes[r] : "";
}

const char *ls_alert_name(ls_alert a)
{
    return a <= LS_ALERT_RED ? alert_names[a] : "";
}

const char *ls_alert_code(ls_alert a)
{
    return a <= LS_ALERT_RED ? alert_codes[a] : "";
}

static void key_str(ls_jw *w, const char *k, const char *v)
{
    ls_jw_key(w, k);
    if (v)
        ls_jw_str(w, v);
    else
        ls_jw_null(w);
}

static void key_int(ls_jw *w, const char *k, long long v)
{
    ls_jw_key(w, k);
    ls_jw_int(w, v);
}

void ls_cycle_json(ls_jw *w, const ls_cycle *c)
{
    ls_jw_object(w);
    key_str(w, "every", c->is_set ? c->every : "quarter");
    key_int(w, "due_day", c->is_set ? c->due_day : 10);
    ls_jw_key(w, "set");
    ls_jw_bool(w, c->is_set);
    key_str(w, "set_at", c->is_set ? c->set_at : NULL);
    key_str(w, "set_by", c->is_set ? c->set_by : NULL);
    ls_jw_end(w);
}

/* The keys every period answer opens with. */
static void period_head(ls_jw *w, const ls_cycle_period *p)
{
    key_str(w, "gov", p->gov);
    key_str(w, "label", p->label);
    key_str(w, "start", p->start);
    key_str(w, "end", p->end);
    key_str(w, "due", p->due);
    key_str(w, "every", p->cycle.is_set ? p->cycle.every : "quarter");
    key_int(w, "due_day", p->cycle.is_set ? p->cycle.due_day : 10);
}

void ls_late_json(ls_jw *w, const ls_cycle_period *p)
{
    size_t i, on_time = 0;

    for (i = 0; i < p->nrows; i++)
        on_time += p->rows[i].reported == LS_REPORTED_ON_TIME;
    ls_jw_object(w);
    period_head(w, p);
    key_int(w, "expected", (long long)p->nrows);
    key_int(w, "on_time", (long long)on_time);
    ls_jw_key(w, "units");
    ls_jw_array(w);
    for (i = 0; i < p->nunits; i++) {
        const ls_unit_rank *u = &p->units[i];
        if (u->late + u->missing == 0)
            continue;
        ls_jw_object(w);
        key_str(w, "unit", u->unit);
        key_int(w, "expected", (long long)u->expected);
        key_int(w, "on_time", (long long)u->on_time);
        key_int(w, "late", (long long)u->late);
        key_int(w, "missing", (long long)u->missing);
        ls_jw_end(w);
    }
    ls_jw_end(w);
    ls_jw_key(w, "rows");
    ls_jw_array(w);
    for (i = 0; i < p->nrows; i++) {
        const ls_cycle_row *r = &p->rows[i];
        if (r->reported == LS_REPORTED_ON_TIME)
            continue;
        ls_jw_object(w);
        key_int(w, "id", r->item->id);
        key_str(w, "text", r->item->text);
        key_str(w, "lead", r->item->lead);
        key_str(w, "due", r->item->due);
        key_str(w, "reported", ls_reported_name(r->reported));
        key_str(w, "reported_code", ls_reported_code(r->reported));
        key_str(w, "reported_at", r->reported_at);
        ls_jw_end(w);
    }
    ls_jw_end(w);
    ls_jw_end(w);
}

void ls_rank_json(ls_jw *w, const ls_cycle_period *p)
{
    size_t i;

    ls_jw_object(w);
    period_head(w, p);
    ls_jw_key(w, "units");
    ls_jw_array(w);
    for (i = 0; i < p->nunits; i++) {
        const ls_unit_rank *u = &p->units[i];
        ls_jw_object(w);
        key_int(w, "rank", (long long)u->rank);
        key_str(w, "unit", u->unit);
        key_int(w, "expected", (long long)u->expected);
        key_int(w, "on_time", (long long)u->on_time);
        key_int(w, "late", (long long)u->late);
        key_int(w, "missing", (long long)u->missing);
        ls_jw_key(w, "on_time_rate");
        ls_jw_real(w, u->on_time_rate);
        key_int(w, "judged", (long long)u->judged);
        key_int(w, "on_schedule", (long long)u->on_schedule);
        ls_jw_key(w, "on_schedule_share");
        ls_jw_real(w, u->on_schedule_share);
        key_int(w, "returned", (long long)u->returned);
        ls_jw_end(w);
    }
    ls_jw_end(w);
    ls_jw_end(w);
}

void ls_remind_json(ls_jw *w, const ls_remind *r)
{
    size_t u, i;

    ls_jw_object(w);
    key_str(w, "gov", r->gov);
    key_str(w, "as_of", r->as_of);
    key_int(w, "within", r->within);
    ls_jw_key(w, "units");
    ls_jw_array(w);
    for (u = 0; u < r->nunits; u++) {
        const ls_remind_unit *ru = &r->units[u];
        ls_jw_object(w);
        key_str(w, "unit", ru->unit);
        key_int(w, "red", (long long)ru->n[LS_ALERT_RED]);
        key_int(w, "yellow", (long long)ru->n[LS_ALERT_YELLOW]);
        key_int(w, "blue", (long long)ru->n[LS_ALERT_BLUE]);
        ls_jw_key(w, "rows");
        ls_jw_array(w);
        for (i = 0; i < ru->nrows; i++) {
            const ls_item *it = ru->rows[i];
            ls_jw_object(w);
            key_int(w, "id", it->id);
            key_str(w, "text", it->text);
            key_str(w, "lead", it->lead);
            key_str(w, "due", it->due);
            key_str(w, "status", ls_pace_name(it->pace));
            key_str(w, "reason", it->reason);
            key_str(w, "alert", ls_alert_name(ru->alerts[i]));
            key_str(w, "alert_code", ls_alert_code(ru->alerts[i]));
            ls_jw_end(w);
        }
        ls_jw_end(w);
        ls_jw_end(w);
    }
    ls_jw_end(w);
    ls_jw_end(w);
}

/* {id, text, lead, due, status, reason} of a row, and 'alert' when not
 * LS_ALERT_NONE. */
static void todo_row(ls_jw *w, const ls_item *it, ls_alert a)
{
    ls_jw_object(w);
    key_int(w, "id", it->id);
    key_str(w, "text", it->text);
    key_str(w, "lead", it->lead);
    key_str(w, "due", it->due);
    key_str(w, "status", ls_pace_name(it->pace));
    key_str(w, "reason", it->reason);
    if (a != LS_ALERT_NONE) {
        key_str(w, "alert", ls_alert_name(a));
        key_str(w, "alert_code", ls_alert_code(a));
    }
    ls_jw_end(w);
}

void ls_todo_json(ls_jw *w, const ls_todo *t)
{
    size_t i, u;

    ls_jw_object(w);
    key_str(w, "unit", t->unit);
    key_str(w, "as_of", t->remind.as_of);
    key_str(w, "period", t->period);
    key_str(w, "label", t->cycle.label);
    key_str(w, "due", t->cycle.due);
    ls_jw_key(w, "to_report");
    ls_jw_array(w);
    for (i = 0; i < t->cycle.nrows; i++)
        if (t->cycle.rows[i].reported != LS_REPORTED_ON_TIME &&
            strcmp(t->cycle.rows[i].item->lead, t->unit) == 0)
            todo_row(w, t->cycle.rows[i].item, LS_ALERT_NONE);
    ls_jw_end(w);
    ls_jw_key(w, "returned");
    ls_jw_array(w);
    for (i = 0; i < t->nreturned; i++)
        todo_row(w, t->returned[i], LS_ALERT_NONE);
    ls_jw_end(w);
    ls_jw_key(w, "alerts");
    ls_jw_array(w);
    for (u = 0; u < t->remind.nunits; u++)
        for (i = 0; strcmp(t->remind.units[u].unit, t->unit) == 0 && i < t->remind.units[u].nrows;
             i++)
            todo_row(w, t->remind.units[u].rows[i], t->remind.units[u].alerts[i]);
    ls_jw_end(w);
    ls_jw_end(w);
}
