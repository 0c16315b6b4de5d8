/*
 * api.c — the JSON API under /api/v1 (docs/api.md). Each handler reads
 * its parameters (query, JSON body or form), calls the store as the
 * command line does, and answers the same JSON: `luoshi tasks --format
 * json` and GET /api/v1/tasks give the same records for the same filter.
 * Errors are {"error": {"code", "message"}} with the status of
 * ls_res_store_error. Lists are paged with limit/offset; the total before
 * paging is in the X-Total-Count header.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "bulletin_out.h"
#include "error.h"
#include "handlers.h"

/* Parses a whole decimal number; 0 if 'text' is not one. */
static int parse_ll(const char *text, long long *out)
{
    char *end;

    if (!text || !*text)
        return 0;
    *out = strtoll(text, &end, 10);
    return *end == '\0';
}


static long long id_param(ls_req *r)
{
    return strtoll(r->params[0], NULL, 10);
}

int ls_api_filter(ls_req *r, ls_item_filter *f)
{
    const char *name;
    char msg[96];

    if (ls_req_item_filter(r, f, &name) == LS_FILTER_OK)
        return 1;
    snprintf(msg, sizeof msg, "the parameter '%s' is malformed", name);
    ls_res_error(r, 400, "invalid", msg);
    return 0;
}

/* The limit and offset of the query of 'r' (0: none); 0 and a 400
 * response when one is not a whole number within range. */
static int paging(ls_req *r, size_t *limit, size_t *offset)
{
    const char *l = ls_req_query(r, "limit"), *o = ls_req_query(r, "offset");
    long long n = 0, m = 0;

    if ((l && !(parse_ll(l, &n) && n >= 0 && n <= 100000)) ||
        (o && !(parse_ll(o, &m) && m >= 0))) {
        ls_res_error(r, 400, "invalid", "limit is 0..100000 and offset a number >= 0");
        return 0;
    }
    *limit = (size_t)n;
    *offset = (size_t)m;
    return 1;
}

/* Answers the records [offset, offset + limit) of the 'n' records of 'd'
 * at 'at' (limit 0: to the end), with 'n' in X-Total-Count; or the
 * store's error. */
static void page_records(ls_req *r, ls_status st, const ls_error *err, const ls_rec_desc *d,
                         const void *at, size_t n, size_t limit, size_t offset)
{
    char total[32];

    if (st != LS_OK) {
        ls_res_store_error(r, st, err);
        return;
    }
    snprintf(total, sizeof total, "%zu", n);
    if (offset > n)
        offset = n;
    if (!limit || limit > n - offset)
        limit = n - offset;
    ls_res_records(r, 200, d, (const char *)at + offset * d->size, limit);
    ls_res_header(r, "X-Total-Count", total);
}

void ls_api_records(ls_req *r, ls_status st, const ls_error *err, const ls_rec_desc *d,
                    const void *at, size_t n)
{
    size_t limit, offset;

    if (st != LS_OK)
        ls_res_store_error(r, st, err);
    else if (paging(r, &limit, &offset))
        page_records(r, st, err, d, at, n, limit, offset);
}

void h_api_reports(ls_req *r)
{
    ls_report_list reports;
    ls_error err;
    ls_status st = ls_store_reports(r->store, &reports, &err);

    ls_api_records(r, st, &err, &ls_report_list_desc, reports.at, reports.n);
    ls_mem_free(reports.mem);
}

/* GET /api/v1/reports/:id[?text=0]: the report, with its text unless
 * text=0. */
void h_api_report(ls_req *r)
{
    const char *text = ls_req_query(r, "text");
    int with_text = !text || strcmp(text, "1") == 0;
    ls_report_list report;
    ls_error err;
    ls_status st;

    if (text && strcmp(text, "0") != 0 && strcmp(text, "1") != 0) {
        ls_res_error(r, 400, "invalid", "text is 0 or 1");
        return;
    }
    st = ls_store_report(r->store, id_param(r), with_text, &report, &err);
    if (st != LS_OK)
        ls_res_store_error(r, st, &err);
    else
        ls_res_record(r, 200, with_text ? &ls_report_text_desc : &ls_report_desc, report.at);
    ls_mem_free(report.mem);
}

void h_api_report_mentions(ls_req *r)
{
    ls_stored_mention_list mentions;
    ls_error err;
    ls_status st = ls_store_report_mentions(r->store, id_param(r), &mentions, &err);

    ls_api_records(r, st, &err, &ls_stored_mention_desc, mentions.at, mentions.n);
    ls_mem_free(mentions.mem);
}

/* GET /api/v1/links[?report=ID]: targets beside their baselines. */
void h_api_links(ls_req *r)
{
    const char *v = ls_req_query(r, "report");
    long long report = 0;
    ls_stored_link_list links;
    ls_error err;
    ls_status st;

    if (v && !(parse_ll(v, &report) && report > 0)) {
        ls_res_error(r, 400, "invalid", "report is a report id");
        return;
    }
    st = ls_store_links(r->store, report, &links, &err);
    ls_api_records(r, st, &err, &ls_link_desc, links.at, links.n);
    ls_mem_free(links.mem);
}

void h_api_report_outline(ls_req *r)
{
    ls_stored_heading_list outline;
    ls_error err;
    ls_status st = ls_store_report_outline(r->store, id_param(r), &outline, &err);

    if (st != LS_OK)
        ls_res_store_error(r, st, &err);
    else
        ls_res_records(r, 200, &ls_stored_heading_desc, outline.at, outline.n);
    ls_mem_free(outline.mem);
}

void h_api_report_coverage(ls_req *r)
{
    ls_coverage cov;
    ls_error err;
    ls_status st = ls_store_coverage(r->store, id_param(r), &cov, &err);

    if (st != LS_OK)
        ls_res_store_error(r, st, &err);
    else
        ls_res_record(r, 200, &ls_coverage_desc, &cov);
    ls_mem_free(cov.mem);
}

/* POST /api/v1/reports?gov=…&year=…[&source=…]: the body is the report
 * (as bytes, or the "file" field of a multipart form). */
void h_api_import(ls_req *r)
{
    const ls_field *file = ls_req_file(r, "file");
    const char *gov = ls_req_param(r, NULL, "gov"), *year = ls_req_param(r, NULL, "year");
    const char *source = ls_req_param(r, NULL, "source");
    const char *bytes = file ? file->value : r->body.data ? r->body.data : "";
    size_t len = file ? file->len : r->body.len;
    ls_import_result res;
    long long y = 0;
    ls_error err;
    ls_status st;

    if (!gov || !parse_ll(year, &y)) {
        ls_res_error(r, 400, "invalid", "give gov and year");
        return;
    }
    st = ls_store_import(r->store, bytes, len,
                         source ? source : file && file->filename ? file->filename : "upload",
                         gov, (int)y, &res, &err);
    if (st != LS_OK) {
        ls_res_store_error(r, st, &err);
        return;
    }
    LS_RES_FIELDS(r, res.created ? 201 : 200, NULL, LS_RI("report", res.report_id),
                  LS_RB("created", res.created), LS_RI("version", res.version),
                  LS_RI("tasks", res.tasks), LS_RI("targets", res.targets));
}

/* The rows that pass the query's filter, paged by its limit and offset
 * with the total before paging in X-Total-Count. */
void h_api_tasks(ls_req *r)
{
    ls_item_filter f;
    ls_item_list items;
    size_t limit, offset;
    ls_error err;
    ls_status st;

    if (!ls_api_filter(r, &f))
        return;
    limit = f.limit;
    offset = f.offset;
    f.limit = f.offset = 0;
    st = ls_ledger_items(r->store, &f, &items, &err);
    page_records(r, st, &err, &ls_item_desc, items.at, items.n, limit, offset);
    ls_mem_free(items.mem);
}

void h_api_task(ls_req *r)
{
    ls_item_filter f;
    ls_item_list items;
    ls_error err;
    ls_status st;

    if (!ls_api_filter(r, &f))
        return;
    memset(&f, 0, sizeof f);
    f.id = id_param(r);
    f.as_of = ls_req_query(r, "as_of");
    st = ls_ledger_items(r->store, &f, &items, &err);
    if (st != LS_OK)
        ls_res_store_error(r, st, &err);
    else if (items.n == 0)
        ls_res_error(r, 404, "not_found", "no such ledger row");
    else
        ls_res_record(r, 200, &ls_item_desc, &items.at[0]);
    ls_mem_free(items.mem);
}

void h_api_task_history(ls_req *r)
{
    ls_change_list log;
    ls_error err;
    ls_status st = ls_store_history(r->store, id_param(r), &log, &err);

    ls_api_records(r, st, &err, &ls_change_desc, log.at, log.n);
    ls_mem_free(log.mem);
}

/* The records of `luoshi targets`, paged over targets. */
void h_api_targets(ls_req *r)
{
    ls_item_filter f;
    ls_target_list targets;
    size_t limit, offset;
    ls_error err;
    ls_status st;

    if (!ls_api_filter(r, &f))
        return;
    limit = f.limit;
    offset = f.offset;
    f.limit = f.offset = 0;
    st = ls_store_targets(r->store, &f, &targets, &err);
    page_records(r, st, &err, &ls_target_row_desc, targets.at, targets.n, limit, offset);
    ls_mem_free(targets.mem);
}

void h_api_units(ls_req *r)
{
    ls_unit_list units;
    ls_error err;
    ls_status st = ls_store_units(r->store, &units, &err);

    ls_api_records(r, st, &err, &ls_unit_desc, units.at, units.n);
    ls_mem_free(units.mem);
}

void h_api_unit_add(ls_req *r)
{
    json_t *body = ls_req_json(r);
    const char *name = ls_req_param(r, body, "name");
    ls_error err;
    ls_status st = ls_store_unit_add(r->store, name ? name : "", &err);

    if (st == LS_OK)
        LS_RES_FIELDS(r, 201, NULL, LS_RT("name", name));
    else
        ls_res_store_error(r, st, &err);
    json_decref(body);
}

/* POST /api/v1/units/remove {"name"}: marks the unit removed (logged). */
void h_api_unit_remove(ls_req *r)
{
    json_t *body = ls_req_json(r);
    const char *name = ls_req_param(r, body, "name");
    ls_error err;
    ls_status st = name && *name ? ls_store_unit_remove(r->store, name, &err)
                                 : ls_error_set(&err, LS_EINVAL, LS_NO_OFFSET, 0,
                                                "give the name of the unit to remove");

    if (st == LS_OK)
        LS_RES_FIELDS(r, 200, NULL, LS_RT("name", name), LS_RB("removed", 1));
    else
        ls_res_store_error(r, st, &err);
    json_decref(body);
}

/* The co units of a JSON body (an array) or a form ("X、Y" or repeated). */
static size_t co_units(ls_req *r, json_t *body, const char **co, size_t max, int *given)
{
    json_t *arr = body ? json_object_get(body, "co") : NULL, *v;
    size_t i, n = 0;

    *given = 0;
    if (json_is_array(arr)) {
        *given = 1;
        json_array_foreach(arr, i, v) if (json_is_string(v) && n < max) co[n++] =
            json_string_value(v);
        return n;
    }
    for (i = 0; i < r->nfields && n < max; i++)
        if (strcmp(r->fields[i].name, "co") == 0) {
            *given = 1;
            if (*r->fields[i].value)
                co[n++] = r->fields[i].value;
        }
    return n;
}

/* POST /api/v1/tasks/:id/remove and /restore: a row of the draft that is
 * no task out of the ledger, and back; answers the row. */
static void set_removed(ls_req *r, int removed)
{
    long long item = id_param(r);
    ls_item_filter f;
    ls_item_list items = {NULL, 0, NULL};
    ls_error err = {0};
    ls_status st;

    LS_CHECK(ls_store_item_set_removed(r->store, item, removed, &err));
    memset(&f, 0, sizeof f);
    f.id = item;
    LS_CHECK(ls_store_items(r->store, &f, &items, &err));
done:
    if (st == LS_OK && items.n == 1)
        ls_res_record(r, 200, &ls_item_desc, &items.at[0]);
    else
        ls_res_store_error(r, st == LS_OK ? LS_ENOTFOUND : st, &err);
    ls_mem_free(items.mem);
}

void h_api_item_remove(ls_req *r)
{
    set_removed(r, 1);
}

void h_api_item_restore(ls_req *r)
{
    set_removed(r, 0);
}

void h_api_assign(ls_req *r)
{
    json_t *body = ls_req_json(r);
    const char *co[32];
    long long item = id_param(r);
    ls_assignment a;
    ls_error err;
    ls_status st;
    int given;

    memset(&a, 0, sizeof a);
    a.lead = ls_req_param(r, body, "lead");
    a.leader = ls_req_param(r, body, "leader");
    a.due = ls_req_param(r, body, "due");
    a.co_count = co_units(r, body, co, 32, &given);
    a.co = co;
    a.set_co = given;
    if (a.lead && !*a.lead)
        a.lead = NULL;
    if (a.due && !*a.due)
        a.due = NULL;
    if (!a.lead && !a.set_co && !a.leader && !a.due) {
        json_decref(body);
        ls_res_error(r, 400, "invalid", "give lead, co, leader or due");
        return;
    }
    st = ls_store_assign(r->store, &item, 1, &a, &err);
    json_decref(body);
    if (st != LS_OK) {
        ls_res_store_error(r, st, &err);
        return;
    }
    h_api_task(r);
}

/* A unit user may report only on rows its unit leads or helps with; the
 * store checks the unit against the row, this checks the user's unit. */
void h_api_status(ls_req *r)
{
    ls_item_filter f;
    ls_item_list items = {NULL, 0, NULL};
    ls_pace_totals totals;
    ls_error err;
    ls_status st;

    memset(&totals, 0, sizeof totals);
    if (!ls_api_filter(r, &f))
        return;
    LS_CHECK(ls_store_items(r->store, &f, &items, &err));
    LS_CHECK(ls_ledger_totals(items.at, items.n, &totals, &err));
done:
    if (st != LS_OK)
        ls_res_store_error(r, st, &err);
    else
        ls_res_status(r, f.as_of, &totals, &items);
    ls_mem_free(totals.mem);
    ls_mem_free(items.mem);
}

void h_api_bulletin(ls_req *r)
{
    ls_item_filter f;
    const char *period = ls_req_query(r, "period"), *format = ls_req_query(r, "format");
    ls_bulletin bl;
    char *text = NULL;
    size_t len = 0;
    ls_error err;
    ls_status st;

    if (!ls_api_filter(r, &f))
        return;
    char today[11];

    if (!format)
        format = "md";
    ls_store_today(today);
    LS_CHECK(ls_ledger_bulletin(r->store, &f, period, &bl, &err));
    /* the head and foot of the document, as `luoshi bulletin` takes them */
    bl.issuer = ls_req_query(r, "issuer");
    bl.number = ls_req_query(r, "number");
    bl.signature = ls_req_query(r, "signature") ? ls_req_query(r, "signature") : bl.issuer;
    bl.date = ls_req_query(r, "date") ? ls_req_query(r, "date") : today;
    LS_CHECK(ls_bulletin_text(&bl, format, &text, &len, &err));
    r->status = 200;
    r->type = strcmp(format, "html") == 0   ? "text/html; charset=utf-8"
              : strcmp(format, "docx") == 0 ? "application/vnd.openxmlformats-officedocument."
                                              "wordprocessingml.document"
                                            : "text/markdown; charset=utf-8";
    if (strcmp(format, "docx") == 0)
        ls_res_header(r, "Content-Disposition",
                      "attachment; filename=\"luoshi-tongbao.docx\"; "
                      "filename*=UTF-8''%E9%80%9A%E6%8A%A5.docx");
    ls_buf_append(&r->out, text, len);
done:
    ls_bulletin_free(&bl);
    if (st != LS_OK)
        ls_res_store_error(r, st, &err);
    ls_free(text);
}
