/*
 * api_loop.c — the closed loop of 督办 in the JSON API (docs/api.md):
 *
 *   POST /api/v1/tasks/:id/progress   a report: figures as written, files
 *   POST /api/v1/tasks/:id/finish     a unit asks for 办结 (then 待审核)
 *   POST /api/v1/tasks/:id/review     the office: approve, or return + reason
 *   GET  /api/v1/tasks/:id/evidence   the files of a row (records)
 *   POST /api/v1/tasks/:id/evidence   multipart "file" fields
 *   GET  /api/v1/evidence/:id, GET /evidence/:id   a file's bytes
 *
 * The rules are the ledger's (src/ledger/review.c, evidence.c, figure.c);
 * this file reads requests and writes answers. A unit user speaks for its
 * own unit only and reads only the files of its own rows; a figure far from
 * its target is 422 {"error": {"code": "confirm", "field": "value"}} until
 * sent again with "confirm": true. Roles and CSRF are checked before these
 * handlers run (routes.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "loop_web.h"

#define MAX_VALUES LS_LOOP_MAX_VALUES

static long long id_param(ls_req *r)
{
    return strtoll(r->params[0], NULL, 10);
}

static int is_api(const ls_req *r)
{
    return strncmp(r->path, "/api/", 5) == 0;
}

/* A JSON value of a figure as text: a string as it is, a number written
 * back ("9.5"); NULL for anything else. */
static const char *figure_text(json_t *v, char buf[40])
{
    if (json_is_string(v))
        return json_string_value(v);
    if (json_is_number(v)) {
        snprintf(buf, 40, "%.15g", json_number_value(v));
        return buf;
    }
    return NULL;
}

/* True for "1", "true", "on", "yes" or JSON true. */
static int truthy(ls_req *r, json_t *body, const char *name)
{
    json_t *j = body ? json_object_get(body, name) : NULL;
    const char *v = j ? NULL : ls_req_param(r, body, name);

    if (j)
        return json_is_true(j);
    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0 ||
                 strcmp(v, "yes") == 0);
}

/* The figures of the request: JSON "value" (string or number) or "values"
 * (an array), or the form's "value" fields (empty ones left out). */
static int read_values(ls_req *r, json_t *body, ls_loop_in *l)
{
    json_t *one = body ? json_object_get(body, "value") : NULL;
    json_t *all = body ? json_object_get(body, "values") : NULL;
    size_t i;

    if (json_is_array(all)) {
        for (i = 0; i < json_array_size(all) && l->nvalues < MAX_VALUES; i++, l->nvalues++)
            if (!(l->values[l->nvalues] = figure_text(json_array_get(all, i), l->buf[l->nvalues])))
                return 0;
    } else if (one && !json_is_null(one)) {
        if (!(l->values[0] = figure_text(one, l->buf[0])))
            return 0;
        l->nvalues = 1;
    } else if (!body) {
        ls_req_form(r, "");
        for (i = 0; i < r->nfields && l->nvalues < MAX_VALUES; i++)
            if (strcmp(r->fields[i].name, "value") == 0 && !r->fields[i].filename &&
                r->fields[i].len)
                l->values[l->nvalues++] = r->fields[i].value;
    }
    return 1;
}

/* The files of the request: multipart fields "file" (or "evidence_file")
 * that carry bytes. */
static void read_files(ls_req *r, ls_loop_in *l)
{
    size_t i;

    ls_req_form(r, "");
    for (i = 0; i < r->nfields && l->nfiles < LS_LOOP_MAX_FILES; i++) {
        const ls_field *f = &r->fields[i];
        if (f->filename && f->len &&
            (strcmp(f->name, "file") == 0 || strcmp(f->name, "evidence_file") == 0))
            l->files[l->nfiles++] = (ls_evidence_file){f->filename, f->value, f->len};
    }
}

int ls_loop_read(ls_req *r, json_t *body, ls_loop_in *l)
{
    ls_progress *p = &l->in.report;
    json_t *jp = body ? json_object_get(body, "percent") : NULL;
    const char *percent = ls_req_param(r, body, "percent"), *replaces;
    char *end;

    memset(l, 0, sizeof *l);
    p->unit = r->role == ROLE_UNIT ? r->user->unit : ls_req_param(r, body, "unit");
    p->date = ls_req_param(r, body, "date");
    p->done_text = ls_req_param(r, body, "done_text");
    p->problems = ls_req_param(r, body, "problems");
    p->next_steps = ls_req_param(r, body, "next_steps");
    p->evidence = ls_req_param(r, body, "evidence");
    if (p->problems && !*p->problems)
        p->problems = NULL;
    if (p->next_steps && !*p->next_steps)
        p->next_steps = NULL;
    if (p->evidence && !*p->evidence)
        p->evidence = NULL;
    if (json_is_number(jp)) {
        p->has_percent = 1;
        p->percent = json_number_value(jp);
    } else if (percent && *percent) {
        p->percent = strtod(percent, &end);
        if (*end)
            return 0;
        p->has_percent = 1;
    }
    replaces = ls_req_param(r, body, "replaces");
    if (body && json_is_integer(json_object_get(body, "replaces")))
        l->in.replaces = json_integer_value(json_object_get(body, "replaces"));
    else if (replaces && *replaces && (l->in.replaces = strtoll(replaces, &end, 10)) <= 0)
        return 0;
    l->in.confirm = truthy(r, body, "confirm");
    if (!read_values(r, body, l))
        return 0;
    l->in.values = l->values;
    l->in.nvalues = l->nvalues;
    if (!body)
        read_files(r, l);
    l->in.files = l->files;
    l->in.nfiles = l->nfiles;
    return 1;
}

/* A failed report in the API: a unit not the row's is 403, a figure to
 * confirm 422 with its field, the rest as the store says. */
static void report_error(ls_req *r, ls_status st, const ls_error *err)
{
    if (st == LS_ECONFIRM)
        LS_RES_FIELDS(r, 422, "error", LS_RT("code", "confirm"), LS_RT("field", "value"),
                      LS_RT("message", err->message));
    else if (st == LS_EINVAL && strstr(err->message, "neither lead nor co"))
        ls_res_error(r, 403, "forbidden", err->message);
    else
        ls_res_store_error(r, st, err);
}

/* POST …/progress and …/finish: one report, or a 办结 request. */
static void report(ls_req *r, int finish)
{
    json_t *body = ls_req_json(r);
    ls_loop_in l;
    ls_error err;
    ls_status st;
    long long pid = 0;

    if (!ls_loop_read(r, body, &l)) {
        json_decref(body);
        ls_res_error(r, 400, "invalid",
                     "percent is a number, value a figure, replaces a report id");
        return;
    }
    st = finish ? ls_ledger_finish(r->store, id_param(r), &l.in, &pid, &err)
                : ls_ledger_report(r->store, id_param(r), &l.in, &pid, &err);
    json_decref(body);
    if (st != LS_OK) {
        report_error(r, st, &err);
        return;
    }
    h_api_task(r);
    r->status = 201;
}

void h_api_progress(ls_req *r)
{
    report(r, 0);
}

void h_api_finish(ls_req *r)
{
    report(r, 1);
}

/* POST /api/v1/tasks/:id/review: {"approve": true} or {"return": REASON}. */
void h_api_review(ls_req *r)
{
    json_t *body = ls_req_json(r);
    const char *reason = ls_req_param(r, body, "return");
    int approve = truthy(r, body, "approve");
    ls_error err;
    ls_status st;

    if (approve == (reason != NULL && *reason)) {
        json_decref(body);
        ls_res_error(r, 400, "invalid", "send approve: true, or return: the reason");
        return;
    }
    st = ls_ledger_review(r->store, id_param(r), approve, approve ? NULL : reason, &err);
    json_decref(body);
    if (st != LS_OK) {
        ls_res_store_error(r, st, &err);
        return;
    }
    h_api_task(r);
}

int ls_loop_may_read(ls_req *r, long long item)
{
    int owns = 0;

    if (r->role != ROLE_UNIT)
        return r->role >= ROLE_VIEWER;
    return ls_ledger_unit_owns(r->store, item, r->user->unit, &owns, NULL) == LS_OK && owns;
}

void h_api_evidence_list(ls_req *r)
{
    ls_evidence_list l = {NULL, 0, NULL};
    ls_error err;
    ls_status st;

    if (!ls_loop_may_read(r, id_param(r))) {
        ls_res_error(r, 403, "forbidden", "a unit reads the evidence of its own rows only");
        return;
    }
    st = ls_ledger_evidence_list(r->store, id_param(r), &l, &err);
    ls_api_records(r, st, &err, &ls_evidence_desc, l.at, l.n);
    ls_mem_free(l.mem);
}

void h_api_evidence_add(ls_req *r)
{
    const char *unit = r->role == ROLE_UNIT ? r->user->unit : ls_req_form(r, "unit");
    ls_evidence_list l = {NULL, 0, NULL};
    ls_loop_in in;
    ls_error err;
    ls_status st = LS_OK;
    size_t i;

    memset(&in, 0, sizeof in);
    if (r->role == ROLE_UNIT && !unit) {
        ls_res_error(r, 403, "forbidden", "a unit account names its unit");
        return;
    }
    read_files(r, &in);
    if (in.nfiles == 0) {
        ls_res_error(r, 400, "invalid",
                     "send the files as \"file\" fields of a multipart/form-data body");
        return;
    }
    if (unit && !*unit)
        unit = NULL;
    for (i = 0; st == LS_OK && i < in.nfiles; i++)
        st = ls_ledger_evidence_add(r->store, id_param(r), unit, &in.files[i], NULL, &err);
    if (st != LS_OK) {
        report_error(r, st, &err);
        return;
    }
    st = ls_ledger_evidence_list(r->store, id_param(r), &l, &err);
    ls_api_records(r, st, &err, &ls_evidence_desc, l.at, l.n);
    if (st == LS_OK)
        r->status = 201;
    ls_mem_free(l.mem);
}

/* Content-Disposition: attachment, the name in ASCII (others as _) and
 * as RFC 5987 UTF-8 (filename*=UTF-8''…). */
static void disposition(ls_req *r, const char *name)
{
    static const char hex[] = "0123456789ABCDEF";
    ls_buf b;
    const unsigned char *p;

    ls_buf_init(&b);
    ls_buf_puts(&b, "attachment; filename=\"");
    for (p = (const unsigned char *)name; *p; p++) {
        char c = *p < 0x80 && *p >= 0x20 && *p != '"' && *p != '\\' ? (char)*p : '_';
        if (*p >= 0x80 && (*p & 0xc0) == 0x80)
            continue; /* one _ per character */
        ls_buf_append(&b, &c, 1);
    }
    ls_buf_puts(&b, "\"; filename*=UTF-8''");
    for (p = (const unsigned char *)name; *p; p++) {
        if ((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') ||
            strchr("!#$&+-.^_`|~", *p)) {
            ls_buf_append(&b, (const char *)p, 1);
        } else {
            char esc[3] = {'%', hex[*p >> 4], hex[*p & 15]};
            ls_buf_append(&b, esc, 3);
        }
    }
    if (!b.failed)
        ls_res_header(r, "Content-Disposition", b.data);
    ls_buf_release(&b);
}

/* GET /api/v1/evidence/:id and /evidence/:id: the file, as an attachment,
 * to a user who may read its row. */
void h_evidence_get(ls_req *r)
{
    ls_evidence_list e = {NULL, 0, NULL};
    char *data = NULL;
    size_t len = 0;
    ls_error err;
    ls_status st = ls_ledger_evidence_get(r->store, id_param(r), &e, &data, &len, &err);

    if (st == LS_OK && !ls_loop_may_read(r, e.at[0].item)) {
        if (is_api(r))
            ls_res_error(r, 403, "forbidden", "a unit reads the evidence of its own rows only");
        else
            ls_page_error(r, 403, "本单位不是这一项的牵头或配合单位，不能下载其佐证材料");
    } else if (st != LS_OK && is_api(r)) {
        ls_res_store_error(r, st, &err);
    } else if (st != LS_OK) {
        ls_page_error(r, st == LS_ENOTFOUND ? 404 : 500,
                      st == LS_ENOTFOUND ? "没有这份佐证材料" : err.message);
    } else {
        r->status = 200;
        /* the type read from the bytes when kept; never rendered inline */
        r->type = ls_evidence_mime(e.at[0].type);
        ls_buf_release(&r->out);
        ls_buf_init(&r->out);
        ls_buf_append(&r->out, data, len);
        disposition(r, e.at[0].name);
        ls_res_header(r, "Content-Security-Policy", "sandbox; default-src 'none'");
    }
    ls_free(data);
    ls_mem_free(e.mem);
}
