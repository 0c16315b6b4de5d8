/*
 * pages.c — the frame of every page (head, navigation by role, footer),
 * the error page, and the small pieces the pages share (pages.h): the
 * ledger filter of a page's query, status badges, figures, selects. The
 * pages themselves are pages_dashboard.c, pages_report.c, pages_task.c,
 * pages_ledger.c and pages_admin.c. Pages are server-rendered Chinese
 * HTML; every text from the store goes through ls_res_text (escaped) or
 * ls_res_url (percent-encoded), never straight into the body.
 */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pages.h"
#include "pace.h"

/* ---- the frame ---- */

/* One link of the navigation, marked as the current page when the path
 * is 'href' or below it. */
static void nav_link(ls_req *r, const char *href, const char *label)
{
    size_t n = strlen(href);
    int here = strcmp(href, "/") == 0
                   ? strcmp(r->path, "/") == 0
                   : strncmp(r->path, href, n) == 0 && (r->path[n] == '\0' || r->path[n] == '/');

    ls_buf_printf(&r->out, "<a href=\"%s\"%s>%s</a>", href, here ? " aria-current=\"page\"" : "",
                  label);
}

static void nav(ls_req *r)
{
    const char *name = r->user->name, *unit = r->user->unit;

    PUT(r, "<nav>");
    if (r->role == ROLE_UNIT)
        nav_link(r, "/todo", "待办");
    nav_link(r, r->role == ROLE_UNIT ? "/?view=all" : "/", "总览");
    nav_link(r, "/tasks", "任务台账");
    nav_link(r, "/targets", "指标");
    nav_link(r, "/reports", "报告原文");
    nav_link(r, "/bulletin", "通报");
    nav_link(r, "/remind", "催办");
    nav_link(r, "/compare", "对比");
    nav_link(r, "/units", "单位");
    if (r->role == ROLE_ADMIN) {
        nav_link(r, "/import", "导入");
        nav_link(r, "/users", "账户");
    }
    PUT(r, "</nav><span class=\"who\">");
    ls_res_text(r, name);
    if (unit) {
        PUT(r, "（");
        ls_res_text(r, unit);
        PUT(r, "）");
    }
    PUT(r, "</span><form method=\"post\" action=\"/logout\">");
    ls_page_csrf(r);
    PUT(r, "<button type=\"submit\">退出</button></form>");
}

void ls_page_begin(ls_req *r, const char *title)
{
    r->type = "text/html; charset=utf-8";
    if (!r->status)
        r->status = 200;
    PUT(r, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
           "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
           "<link rel=\"icon\" href=\"data:,\"><title>");
    ls_res_text(r, title);
    PUT(r, " · 落实</title><link rel=\"stylesheet\" href=\"/static/style.css\">"
           "<script src=\"/static/app.js\" defer></script></head><body>"
           "<header class=\"top\"><a class=\"brand\" href=\"/\">落实</a>");
    if (r->user)
        nav(r);
    PUT(r, "</header><main>");
}

void ls_page_end(ls_req *r)
{
    PUT(r, "</main><footer>落实 luoshi · 政府工作报告任务台账</footer></body></html>\n");
}

void ls_page_error(ls_req *r, int status, const char *message)
{
    char title[32];

    ls_buf_release(&r->out);
    ls_buf_init(&r->out);
    r->status = status;
    snprintf(title, sizeof title, "错误 %d", status);
    ls_page_begin(r, title);
    ls_buf_printf(&r->out, "<h1>%s</h1><p class=\"error\">", title);
    ls_res_text(r, message);
    PUT(r, "</p><p><a href=\"/\">返回总览</a></p>");
    ls_page_end(r);
}

/* ---- the filter of a page ---- */

int ls_page_filter(ls_req *r, ls_item_filter *f, char *msg, size_t size)
{
    const char *name;

    switch (ls_req_item_filter(r, f, &name)) {
    case LS_FILTER_OK: return 1;
    case LS_FILTER_REPORT: snprintf(msg, size, "报告编号应为正整数"); break;
    case LS_FILTER_YEAR: snprintf(msg, size, "年份应为四位数字"); break;
    case LS_FILTER_STATUS: snprintf(msg, size, "未知的状态"); break;
    case LS_FILTER_DATE: snprintf(msg, size, "日期应为 YYYY-MM-DD 格式"); break;
    case LS_FILTER_NUMBER: snprintf(msg, size, "参数 %s 应为数字", name); break;
    }
    return 0;
}

/* One "name=value&amp;" pair of a link's query. */
static void pair(ls_req *r, const char *name, const char *value)
{
    if (!value)
        return;
    ls_buf_printf(&r->out, "%s=", name);
    ls_res_url(r, value);
    PUT(r, "&amp;");
}

void ls_page_filter_query(ls_req *r, const ls_item_filter *f)
{
    char n[32];

    pair(r, "unit", f->unit);
    pair(r, "status", f->status);
    pair(r, "part", f->part);
    pair(r, "kind", f->kind);
    pair(r, "heading", f->heading);
    pair(r, "text", f->text);
    pair(r, "q", f->search);
    pair(r, "due_before", f->due_before);
    pair(r, "as_of", f->as_of);
    pair(r, "gov", f->gov);
    if (f->report) {
        snprintf(n, sizeof n, "%lld", f->report);
        pair(r, "report", n);
    }
    if (f->year) {
        snprintf(n, sizeof n, "%d", f->year);
        pair(r, "year", n);
    }
    if (f->removed)
        pair(r, "removed", "1");
    if (f->drafts)
        pair(r, "drafts", "1");
}

/* ---- small pieces of HTML ---- */

void ls_page_csrf(ls_req *r)
{
    PUT(r, "<input type=\"hidden\" name=\"csrf\" value=\"");
    ls_res_text(r, ls_csrf(r));
    PUT(r, "\">");
}

void ls_page_status(ls_req *r, ls_pace pace, const char *reason)
{
    if (pace >= LS_PACE_COUNT)
        return;
    ls_buf_printf(&r->out, "<span class=\"status st-%s\" title=\"", ls_pace_code(pace));
    ls_res_text(r, reason);
    ls_buf_printf(&r->out, "\">%s</span>", ls_pace_name(pace));
}

void ls_page_alert(ls_req *r, const ls_item *it, const char *as_of, int within)
{
    static const char *const titles[] = {"", "临近完成时限", "低于序时进度", "逾期未完成"};
    char today[11];
    ls_alert a;

    if (!as_of) {
        ls_store_today(today);
        as_of = today;
    }
    a = it->lead ? ls_ledger_alert(it, as_of, within) : LS_ALERT_NONE;
    if (a != LS_ALERT_NONE)
        ls_buf_printf(&r->out, " <span class=\"alert al-%s\" title=\"%s\">%s</span>",
                      ls_alert_code(a), titles[a], ls_alert_name(a));
}

/* Whole numbers in groups of three digits: 160000000 → 160,000,000. */
static void grouped(ls_req *r, double v)
{
    char digits[32];
    int n = snprintf(digits, sizeof digits, "%.0f", fabs(v)), i;

    if (v < 0)
        PUT(r, "-");
    for (i = 0; i < n; i++) {
        if (i > 0 && (n - i) % 3 == 0)
            PUT(r, ",");
        ls_buf_append(&r->out, digits + i, 1);
    }
}

void ls_page_number(ls_req *r, double v)
{
    if (!isfinite(v))
        return;
    if (v == floor(v) && fabs(v) < 1e15)
        grouped(r, v);
    else
        ls_buf_printf(&r->out, "%.6g", v);
}

const char *ls_page_part_name(const char *part)
{
    static const char *const names[][2] = {{"review", "上年回顾"},
                                           {"requirements", "总体要求"},
                                           {"plan", "工作任务"},
                                           {"self", "政府自身建设"}};
    size_t i;

    for (i = 0; part && i < sizeof names / sizeof names[0]; i++)
        if (strcmp(part, names[i][0]) == 0)
            return names[i][1];
    return part ? part : "";
}

void ls_page_report_options(ls_req *r, long long selected, const char *none)
{
    ls_report_list reports;
    ls_error err;
    size_t i;

    if (none)
        ls_buf_printf(&r->out, "<option value=\"\">%s</option>", none);
    if (ls_store_reports(r->store, &reports, &err) != LS_OK)
        return;
    for (i = 0; i < reports.n; i++) {
        const ls_report *rep = &reports.at[i];
        ls_buf_printf(&r->out, "<option value=\"%lld\"%s>", rep->id,
                      rep->id == selected ? " selected" : "");
        ls_res_text(r, rep->gov);
        ls_buf_printf(&r->out, " %lld 年", rep->year);
        if (rep->version > 1)
            ls_buf_printf(&r->out, "（第 %lld 版）", rep->version);
        PUT(r, "</option>");
    }
    ls_mem_free(reports.mem);
}

void ls_page_unit_options(ls_req *r, const char *selected, const char *none)
{
    ls_unit_list units;
    ls_error err;
    size_t i;

    if (none) {
        PUT(r, "<option value=\"\">");
        ls_res_text(r, none);
        PUT(r, "</option>");
    }
    if (ls_store_units(r->store, &units, &err) != LS_OK)
        return;
    for (i = 0; i < units.n; i++) {
        const char *name = units.at[i].name;
        PUT(r, "<option value=\"");
        ls_res_text(r, name);
        PUT(r, selected && strcmp(name, selected) == 0 ? "\" selected>" : "\">");
        ls_res_text(r, name);
        PUT(r, "</option>");
    }
    ls_mem_free(units.mem);
}

void ls_page_table(ls_req *r, const char *head, unsigned flags)
{
    ls_buf_printf(
        &r->out, "<div class=\"scroll\"><table class=\"%s%s\"><thead><tr>%s</tr></thead><tbody>",
        flags & LS_TABLE_SORT ? "sortable " : "", flags & LS_TABLE_WIDE ? "wide" : "", head);
}

void ls_page_table_end(ls_req *r)
{
    PUT(r, "</tbody></table></div>");
}

void ls_page_notice(ls_req *r, const char *cls, const char *text)
{
    ls_buf_printf(&r->out, "<p class=\"notice %s\" role=\"%s\">", cls,
                  strcmp(cls, "error") == 0 ? "alert" : "status");
    ls_res_text(r, text);
    PUT(r, "</p>");
}
