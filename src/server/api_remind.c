/*
 * api_remind.c — the JSON API of the closed loop of 督办 (docs/api.md):
 *
 *   GET  /api/v1/cycle             the reporting cycle in force
 *   POST /api/v1/cycle             sets it {every, due_day} (admin)
 *   GET  /api/v1/late?period=P     rows and units with no report by the due day
 *   GET  /api/v1/rank?period=P     units ranked
 *   GET  /api/v1/remind?as_of=D&within=N[&format=json|md|html|docx]  催办单
 *   GET  /api/v1/todo[?unit=U]     a unit's 待办 (a unit user: its own)
 *
 * Each takes the filters of /api/v1/tasks (report, gov, year, unit). The
 * rules are the ledger's (cycle.c, remind.c, todo.c), the JSON
 * cycle_json.c's, the documents remind_out.c's. Presentation only.
 */
#include <stdlib.h>
#include <string.h>

#include "cycle_json.h"
#include "error.h"
#include "handlers.h"
#include "remind_out.h"

/* A JSON answer written by 'write' over 'data'. */
static void answer(ls_req *r, void (*write)(ls_jw *, const void *), const void *data)
{
    ls_jw w;

    r->status = 200;
    r->type = "application/json; charset=utf-8";
    ls_buf_release(&r->out);
    ls_jw_init(&w, NULL, NULL, 15);
    write(&w, data);
    if (!ls_jw_finish(&w))
        w.out.failed = 1;
    r->out = w.out;
}

static void write_cycle(ls_jw *w, const void *c)
{
    ls_cycle_json(w, c);
}

static void write_late(ls_jw *w, const void *p)
{
    ls_late_json(w, p);
}

static void write_rank(ls_jw *w, const void *p)
{
    ls_rank_json(w, p);
}

static void write_remind(ls_jw *w, const void *p)
{
    ls_remind_json(w, p);
}

static void write_todo(ls_jw *w, const void *p)
{
    ls_todo_json(w, p);
}

void h_api_cycle(ls_req *r)
{
    ls_cycle c;
    ls_error err;
    ls_status st = ls_store_cycle(r->store, &c, &err);

    if (st != LS_OK)
        ls_res_store_error(r, st, &err);
    else
        answer(r, write_cycle, &c);
}

void h_api_cycle_set(ls_req *r)
{
    json_t *body = ls_req_json(r);
    const char *every = ls_req_param(r, body, "every"), *day = ls_req_param(r, body, "due_day");
    json_t *n = body ? json_object_get(body, "due_day") : NULL;
    long long due_day = json_is_integer(n) ? json_integer_value(n) : day ? atoll(day) : 0;
    ls_cycle c;
    ls_error err;
    ls_status st;

    LS_CHECK(ls_store_cycle_set(r->store, every, (int)(due_day > 99 ? 99 : due_day), &err));
    LS_CHECK(ls_store_cycle(r->store, &c, &err));
done:
    if (st != LS_OK)
        ls_res_store_error(r, st, &err);
    else
        answer(r, write_cycle, &c);
    json_decref(body);
}

/* /late and /rank: one period, two views. */
static void period_answer(ls_req *r, void (*write)(ls_jw *, const void *))
{
    ls_item_filter f;
    ls_cycle_period p;
    ls_error err;
    ls_status st;

    if (!ls_api_filter(r, &f))
        return;
    st = ls_ledger_cycle_period(r->store, &f, ls_req_query(r, "period"), &p, &err);
    if (st != LS_OK)
        ls_res_store_error(r, st, &err);
    else
        answer(r, write, &p);
    ls_cycle_period_free(&p);
}

void h_api_late(ls_req *r)
{
    period_answer(r, write_late);
}

void h_api_rank(ls_req *r)
{
    period_answer(r, write_rank);
}

/* The 'within' of the query (15 when absent); -1 when malformed. */
static int within_of(ls_req *r)
{
    const char *v = ls_req_query(r, "within");
    char *end;
    long n;

    if (!v || !*v)
        return 15;
    n = strtol(v, &end, 10);
    return *end == '\0' && end != v && n >= 0 && n <= 366 ? (int)n : -1;
}

static const char *doc_type(const char *format)
{
    return strcmp(format, "docx") == 0
               ? "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
           : strcmp(format, "html") == 0 ? "text/html; charset=utf-8"
                                         : "text/markdown; charset=utf-8";
}

void h_api_remind(ls_req *r)
{
    const char *format = ls_req_query(r, "format");
    ls_item_filter f;
    ls_remind rm;
    char *text = NULL;
    size_t len = 0;
    ls_error err;
    ls_status st;

    if (!ls_api_filter(r, &f))
        return;
    LS_CHECK(ls_ledger_remind(r->store, &f, f.as_of, within_of(r), &rm, &err));
    if (format && strcmp(format, "json") != 0)
        LS_CHECK(ls_remind_text(&rm, format, ls_req_query(r, "issuer"),
                                ls_req_query(r, "signature"), &text, &len, &err));
done:
    if (st != LS_OK) {
        ls_res_store_error(r, st, &err);
    } else if (!text) {
        answer(r, write_remind, &rm);
    } else {
        r->status = 200;
        r->type = doc_type(format);
        ls_buf_append(&r->out, text, len);
        if (strcmp(format, "docx") == 0)
            ls_res_header(r, "Content-Disposition",
                          "attachment; filename=\"luoshi-cuibandan.docx\"; "
                          "filename*=UTF-8''%E5%82%AC%E5%8A%9E%E5%8D%95.docx");
    }
    ls_free(text);
    ls_remind_free(&rm);
}

void h_api_todo(ls_req *r)
{
    const char *unit = ls_req_query(r, "unit");
    ls_item_filter f;
    ls_todo t;
    ls_error err;
    ls_status st;

    if (!ls_api_filter(r, &f))
        return;
    /* a unit user sees its own 待办, whatever it asks for */
    if (r->user && r->user->unit && strcmp(r->user->role, "unit") == 0)
        unit = r->user->unit;
    if (!unit || !*unit) {
        ls_res_error(r, 400, "invalid", "unit is required");
        return;
    }
    f.unit = NULL;
    st = ls_ledger_todo(r->store, &f, unit, f.as_of, within_of(r), &t, &err);
    if (st != LS_OK)
        ls_res_store_error(r, st, &err);
    else
        answer(r, write_todo, &t);
    ls_todo_free(&t);
}
