/*
 * api_sheets.c — the tables offices exchange, in the JSON API
 * (docs/api.md): GET /api/v1/export (分工方案, 主要指标分解表, 报送表 as
 * XLSX, CSV or JSON, downloaded as an attachment), POST /api/v1/assignments
 * (a 分工方案 uploaded as CSV or XLSX: bulk assignment) and POST
 * /api/v1/progress/import (a filled-in 报送表 merged as progress). The
 * rules of the tables are the ledger's (ls_ledger_export,
 * ls_ledger_fengong_read and _apply: a preview of every line, then only
 * the matched or picked lines; ls_store_progress_sheet, docs/ledger.md).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "error.h"
#include "handlers.h"
#include "jsonw.h"
#include "records.h"
#include "sheet.h"

/* ORDER LAYOUTS: ls_store_export's layouts, and the names offices know
 * their files by. */
static const struct {
    const char *layout, *title;
} names[] = {
    {"fengong", "重点任务分工方案"},
    {"zhibiao", "主要指标分解表"},
    {"baosong", "重点任务进展报送表"},
};

static const char *content_type(const char *format)
{
    return strcmp(format, "xlsx") == 0
               ? "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
           : strcmp(format, "csv") == 0 ? "text/csv; charset=utf-8"
                                        : "application/json; charset=utf-8";
}

/* Content-Disposition: an ASCII name for old clients and the Chinese one
 * percent-encoded (RFC 6266 filename*): luoshi-fengong.xlsx and
 * 重点任务分工方案.xlsx. */
static void attachment(ls_req *r, const char *layout, const char *format)
{
    static const char hex[] = "0123456789ABCDEF";
    char value[384];
    const unsigned char *p;
    size_t i, n;

    for (i = 0; i < sizeof names / sizeof names[0]; i++)
        if (strcmp(names[i].layout, layout) == 0)
            break;
    if (i == sizeof names / sizeof names[0])
        return;
    n = (size_t)snprintf(value, sizeof value,
                         "attachment; filename=\"luoshi-%s.%s\"; filename*=UTF-8''", layout,
                         format);
    /* every byte of the title is outside ASCII: each becomes %XX */
    for (p = (const unsigned char *)names[i].title; *p && n + 4 < sizeof value; p++) {
        value[n++] = '%';
        value[n++] = hex[*p >> 4];
        value[n++] = hex[*p & 15];
    }
    snprintf(value + n, sizeof value - n, ".%s", format);
    ls_res_header(r, "Content-Disposition", value);
}

/* GET /api/v1/export?format=xlsx|csv|json&layout=fengong|zhibiao|baosong
 * and the filters of /api/v1/tasks (all rows: no paging). */
void h_api_export(ls_req *r)
{
    const char *format = ls_req_query(r, "format"), *layout = ls_req_query(r, "layout");
    ls_item_filter f;
    ls_sheet sheet = {NULL, NULL, 0, NULL, 0, NULL};
    char *data = NULL;
    size_t len = 0;
    ls_error err;
    ls_status st;

    if (!ls_api_filter(r, &f))
        return;
    f.limit = f.offset = 0;
    if (!format)
        format = "xlsx";
    if (!layout)
        layout = "fengong";
    LS_CHECK(ls_sheet_format_ok(format, &err));
    LS_CHECK(ls_ledger_export(r->store, &f, layout, &sheet, &err));
    LS_CHECK(ls_sheet_write(&sheet, format, &data, &len, &err));
    r->status = 200;
    r->type = content_type(format);
    ls_buf_append(&r->out, data, len);
    attachment(r, layout, format);
done:
    ls_mem_free(sheet.mem);
    if (st != LS_OK)
        ls_res_store_error(r, st, &err);
    ls_free(data);
}

/* The uploaded file of field "file"; 0 and a 400 when there is none. */
static const ls_field *upload(ls_req *r, const char *what)
{
    const ls_field *file = ls_req_file(r, "file");
    char message[160];

    if (file && file->filename && file->len > 0)
        return file;
    snprintf(message, sizeof message,
             "send the %s as the file field \"file\" of a multipart/form-data body", what);
    ls_res_error(r, 400, "invalid", message);
    return NULL;
}

/* An error in an uploaded table is the client's (400), whatever the
 * store calls it; a busy store or a failure stays what it is. */
static void sheet_error(ls_req *r, ls_status st, const ls_error *err)
{
    ls_res_store_error(r, st == LS_ENOTFOUND ? LS_EINVAL : st, err);
}

/* Reads "picks" ("0:9,1:16": line index ':' row id, the checkboxes of the
 * preview) into a new array '*out' (ls_free) of '*n'; 0 when malformed. */
static int read_picks(const char *text, ls_fg_pick **out, size_t *n)
{
    size_t cap = 1;
    const char *p;
    ls_fg_pick *picks;

    *out = NULL;
    *n = 0;
    for (p = text; *p; p++)
        cap += *p == ',';
    picks = ls_malloc(cap * sizeof *picks);
    if (!picks)
        return 0;
    for (p = text; *p;) {
        char *end;
        unsigned long long at = strtoull(p, &end, 10);
        long long item;
        if (end == p || *end != ':')
            break;
        p = end + 1;
        item = strtoll(p, &end, 10);
        if (end == p || item <= 0 || (*end && *end != ','))
            break;
        picks[(*n)++] = (ls_fg_pick){(size_t)at, item};
        p = *end ? end + 1 : end;
    }
    if (*p) {
        ls_free(picks);
        *n = 0;
        return 0;
    }
    *out = picks;
    return 1;
}

static int flag(ls_req *r, const char *name)
{
    const char *v = ls_req_param(r, NULL, name);

    return v && (strcmp(v, "1") == 0 || strcmp(v, "true") == 0 || strcmp(v, "on") == 0);
}

/* The answer: {dry_run, assigned, applied_lines, preview}. */
static void assignments_answer(ls_req *r, const ls_fengong *fg, int dry_run, size_t rows,
                               size_t lines)
{
    ls_jw w;

    r->status = 200;
    r->type = "application/json; charset=utf-8";
    ls_buf_release(&r->out);
    ls_jw_init(&w, NULL, NULL, 0);
    ls_jw_object(&w);
    ls_jw_key(&w, "dry_run");
    ls_jw_bool(&w, dry_run);
    ls_jw_key(&w, "assigned");
    ls_jw_int(&w, (long long)rows);
    ls_jw_key(&w, "applied_lines");
    ls_jw_int(&w, (long long)lines);
    ls_jw_key(&w, "preview");
    ls_fengong_json(&w, fg);
    ls_jw_end(&w);
    if (!ls_jw_finish(&w))
        w.out.failed = 1;
    r->out = w.out;
}

/* POST /api/v1/assignments: multipart "file" (a 分工方案: XLSX, CSV, or
 * text or a web page in the bracket form), "report" (the report whose
 * rows it assigns), "dry_run" (1: the preview only), "create_units" (1:
 * add the units the file names) and "picks" (the lines and rows to apply,
 * "0:9,1:16"; without it every matched line). */
void h_api_assignments(ls_req *r)
{
    const ls_field *file = upload(r, "分工方案 (XLSX, CSV, or text in the bracket form)");
    const char *report = file ? ls_req_param(r, NULL, "report") : NULL;
    const char *picks_text = file ? ls_req_param(r, NULL, "picks") : NULL;
    ls_fengong fg;
    ls_fg_pick *picks = NULL;
    size_t npicks = 0, rows = 0, lines = 0;
    long long id = 0;
    char *end = NULL;
    int dry_run;
    ls_error err;
    ls_status st;

    if (!file)
        return;
    if (report)
        id = strtoll(report, &end, 10);
    if (!report || !*report || *end || id <= 0) {
        ls_res_error(r, 400, "invalid", "give report, the id of the report the rows are of");
        return;
    }
    if (picks_text && !read_picks(picks_text, &picks, &npicks)) {
        ls_res_error(r, 400, "invalid", "picks is a list of LINE:ROW, such as 0:9,1:16");
        return;
    }
    dry_run = flag(r, "dry_run");
    LS_CHECK(
        ls_ledger_fengong_read(r->store, id, file->value, file->len, file->filename, &fg, &err));
    if (!dry_run)
        LS_CHECK(ls_ledger_fengong_apply(r->store, &fg, picks_text ? picks : NULL, npicks,
                                         flag(r, "create_units"), &rows, &lines, &err));
done:
    if (st == LS_OK)
        assignments_answer(r, &fg, dry_run, rows, lines);
    else if (st == LS_ENOTFOUND && !fg.mem)
        ls_res_store_error(r, st, &err); /* no such report */
    else
        sheet_error(r, st, &err);
    ls_free(picks);
    ls_mem_free(fg.mem);
}

/* POST /api/v1/progress/import: multipart "file", a 报送表 filled in by
 * the units (from GET /api/v1/export?layout=baosong). */
void h_api_progress_import(ls_req *r)
{
    const ls_field *file = upload(r, "报送表 (XLSX or CSV)");
    size_t n = 0;
    ls_error err;
    ls_status st;

    if (!file)
        return;
    /* a unit sends its own 报送表: its lines only, the file kept as evidence */
    st = r->role == ROLE_UNIT ? ls_ledger_progress_sheet_by(r->store, file->value, file->len,
                                                            file->filename, r->user->unit, &n,
                                                            &err)
                              : ls_store_progress_sheet(r->store, file->value, file->len,
                                                        file->filename, &n, &err);
    if (st != LS_OK) {
        sheet_error(r, st, &err);
        return;
    }
    LS_RES_FIELDS(r, 200, NULL, LS_RI("added", n), LS_RT("file", file->filename));
}
