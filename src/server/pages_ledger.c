/*
 * pages_ledger.c — the ledger as tables, and the bulletin:
 *
 *   GET /tasks      the rows that pass a filter (unit, status, part,
 *                   heading, text, due before, as of, report), sortable,
 *                   LS_PAGE_ROWS a page; downloads of the same rows as
 *                   XLSX/CSV (/api/v1/export) and, for admins, the bulk
 *                   assignment upload (/api/v1/assignments)
 *   GET /targets    one line per quantified target: baseline, change,
 *                   latest progress, status
 *   GET /bulletin   the 通报 of a period (quarter, half, month, year of
 *                   the reports' years) inside the page, and its Markdown
 *
 * The export and upload routes belong to the JSON API (api_sheets.c);
 * these pages only link and post to them. Sorting is by column in the
 * browser (web/app.js), over the rows of the page shown.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "bulletin_out.h"
#include "error.h"
#include "loop_web.h"
#include "pages.h"
#include "pages_outcome.h"
#include "pace.h"

/* ---- the filter form ---- */

static void text_input(ls_req *r, const char *label, const char *type, const char *name,
                       const char *value)
{
    ls_buf_printf(&r->out, "<label>%s <input type=\"%s\" name=\"%s\" value=\"", label, type, name);
    ls_res_text(r, value ? value : "");
    PUT(r, "\"></label>");
}

static void status_select(ls_req *r, const char *chosen)
{
    ls_pace want = chosen ? ls_pace_parse(chosen) : LS_PACE_COUNT;
    int s;

    PUT(r, "<label>状态 <select name=\"status\"><option value=\"\">全部</option>");
    for (s = 0; s < LS_PACE_COUNT; s++)
        ls_buf_printf(&r->out, "<option value=\"%s\"%s>%s</option>",
                      ls_pace_code((ls_pace)s), (int)want == s ? " selected" : "",
                      ls_pace_name((ls_pace)s));
    PUT(r, "</select></label>");
}

static void part_select(ls_req *r, const char *chosen)
{
    static const char *const parts[] = {"plan", "requirements", "self", NULL};
    size_t i;

    PUT(r, "<label>部分 <select name=\"part\"><option value=\"\">全部</option>");
    for (i = 0; parts[i]; i++)
        ls_buf_printf(&r->out, "<option value=\"%s\"%s>%s</option>", parts[i],
                      chosen && strcmp(chosen, parts[i]) == 0 ? " selected" : "",
                      ls_page_part_name(parts[i]));
    PUT(r, "</select></label>");
}

/* The filter form of /tasks and /targets ('action'), filled with 'f'. */
static void filter_form(ls_req *r, const char *action, const ls_item_filter *f)
{
    ls_buf_printf(&r->out,
                  "<form class=\"filters\" method=\"get\" action=\"%s\">"
                  "<label>报告 <select name=\"report\">",
                  action);
    ls_page_report_options(r, f->report, "全部报告");
    PUT(r, "</select></label>");
    text_input(r, "搜索（任务、领域、牵头单位、分管领导）", "search", "q", f->search);
    PUT(r, "<label>单位 <select name=\"unit\">");
    ls_page_unit_options(r, f->unit, "全部");
    PUT(r, "</select></label>");
    status_select(r, f->status);
    part_select(r, f->part);
    text_input(r, "标题含", "search", "heading", f->heading);
    text_input(r, "任务含", "search", "text", f->text);
    text_input(r, "时限早于", "date", "due_before", f->due_before);
    text_input(r, "截至日期", "date", "as_of", f->as_of);
    ls_buf_printf(&r->out,
                  "<div class=\"buttons\"><button type=\"submit\">筛选</button>"
                  "<a href=\"%s\">清除</a></div></form>",
                  action);
}

/* ---- paging ---- */

/* The page number of the query (1 when absent or malformed). */
static size_t page_of(ls_req *r)
{
    const char *v = ls_req_query(r, "page");
    long long n = v ? strtoll(v, NULL, 10) : 1;

    return n < 1 || n > 1000000 ? 1 : (size_t)n;
}

/* "共 N 项" and the links to the previous and next pages. */
static void pager(ls_req *r, const char *action, const ls_item_filter *f, size_t page, size_t total,
                  const char *what)
{
    size_t pages = total ? (total + LS_PAGE_ROWS - 1) / LS_PAGE_ROWS : 1;

    ls_buf_printf(&r->out, "<p class=\"pager\">共 %zu %s，第 %zu / %zu 页", total, what, page,
                  pages);
    if (page > 1) {
        ls_buf_printf(&r->out, " <a rel=\"prev\" href=\"%s?", action);
        ls_page_filter_query(r, f);
        ls_buf_printf(&r->out, "page=%zu\">上一页</a>", page - 1);
    }
    if (page < pages) {
        ls_buf_printf(&r->out, " <a rel=\"next\" href=\"%s?", action);
        ls_page_filter_query(r, f);
        ls_buf_printf(&r->out, "page=%zu\">下一页</a>", page + 1);
    }
    PUT(r, "</p>");
}

/* ---- GET /tasks ---- */

/* The last part of a heading path (the area or sub-area of a row). */
static const char *last_heading(const char *path)
{
    const char *p = path ? path : "", *sep;

    while ((sep = strstr(p, " / ")) != NULL)
        p = sep + 3;
    return p;
}

static void latest(ls_req *r, const ls_progress_entry *p)
{
    if (!p)
        return;
    ls_res_text(r, p->date);
    if (p->has_percent)
        ls_buf_printf(&r->out, " · %.0f%%", p->percent);
    PUT(r, "<br>");
    ls_res_text(r, p->done_text);
}

static void task_row(ls_req *r, const ls_item *it, const char *as_of)
{
    size_t i;

    /* admins select rows for the batch form below the table */
    if (r->role == ROLE_ADMIN)
        ls_buf_printf(&r->out,
                      "<tr><td><input type=\"checkbox\" name=\"id\" value=\"%lld\" "
                      "form=\"batch\" aria-label=\"选择第 %lld 项\"></td>",
                      it->id, it->id);
    else
        PUT(r, "<tr>");
    ls_buf_printf(&r->out,
                  "<td class=\"num\"><a href=\"/tasks/%lld\">%lld</a></td>"
                  "<td class=\"long\"><a class=\"plain\" href=\"/tasks/%lld\">",
                  it->id, it->id, it->id);
    ls_res_text(r, it->text);
    PUT(r, "</a></td><td>");
    ls_res_text(r, last_heading(it->path));
    PUT(r, "</td><td>");
    ls_res_text(r, it->lead);
    if (!it->lead && it->suggested_lead) { /* not assigned yet: the suggestion, marked */
        PUT(r, "<span class=\"muted\" title=\"建议牵头单位，尚未分工\">");
        ls_res_text(r, it->suggested_lead);
        PUT(r, "（建议）</span>");
    }
    for (i = 0; i < it->njoint; i++) { /* joint leads after the lead of record */
        PUT(r, it->lead || i ? "、" : "");
        ls_res_text(r, it->joint[i]);
    }
    PUT(r, "</td><td>");
    for (i = 0; i < it->nco; i++) {
        if (i)
            PUT(r, "、");
        ls_res_text(r, it->co[i]);
    }
    if (it->others) {
        PUT(r, it->nco ? "、" : "");
        ls_res_text(r, it->others);
    }
    PUT(r, "</td><td>");
    ls_res_text(r, it->due);
    PUT(r, "</td><td>");
    ls_page_status(r, it->pace, it->reason);
    ls_page_alert(r, it, as_of, LS_ALERT_DAYS);
    PUT(r, "</td><td class=\"long\">");
    latest(r, it->progress);
    PUT(r, "</td></tr>");
}

/* Links to the export of the rows shown, in each format and layout. */
static void downloads(ls_req *r, const ls_item_filter *f)
{
    static const char *const layouts[][2] = {
        {"fengong", "分工方案"}, {"zhibiao", "主要指标分解表"}, {"baosong", "报送表"}};
    size_t i;

    PUT(r, "<section class=\"panel\"><h2>下载</h2><ul class=\"downloads\">");
    for (i = 0; i < sizeof layouts / sizeof layouts[0]; i++) {
        ls_buf_printf(&r->out, "<li>%s：<a href=\"/api/v1/export?", layouts[i][1]);
        ls_page_filter_query(r, f);
        ls_buf_printf(&r->out, "format=xlsx&amp;layout=%s\">XLSX</a> · <a href=\"/api/v1/export?",
                      layouts[i][0]);
        ls_page_filter_query(r, f);
        ls_buf_printf(&r->out, "format=csv&amp;layout=%s\">CSV</a></li>", layouts[i][0]);
    }
    PUT(r, "</ul></section>");
}

/* Admins: an office's 分工方案 (XLSX, CSV, Word, or text, a PDF or a web page in the
 * bracket form) that assigns many rows at once, previewed line by line
 * with checkboxes before it is applied (web/app.js, form.fengong), and a
 * 报送表 filled in by the units (form.api). Both post to the JSON API. */
static void bulk_forms(ls_req *r, const ls_item_filter *f)
{
    PUT(r, "<section class=\"panel\"><h2>批量分工与报送</h2><form class=\"stack fengong\" "
           "method=\"post\" action=\"/api/v1/assignments\" enctype=\"multipart/form-data\">");
    ls_page_csrf(r);
    PUT(r, "<label>报告 <select name=\"report\" required>");
    ls_page_report_options(r, f->report, "请选择报告");
    PUT(r, "</select></label><label>分工方案（XLSX、CSV、Word，或“〔××牵头，××按职责分工负责〕”形式的"
           "文本、网页、PDF）<input type=\"file\" name=\"file\" "
           "accept=\".csv,.xlsx,.docx,.txt,.html,.htm,.pdf\" required></label>"
           "<label class=\"check\"><input type=\"checkbox\" name=\"create_units\" value=\"1\">"
           " 方案中的单位尚未登记的，自动新建</label>"
           "<button type=\"submit\">上传并预览</button></form><form class=\"stack api\" "
           "method=\"post\" action=\"/api/v1/progress/import\" "
           "enctype=\"multipart/form-data\" data-done=\"已导入 {added} 条进展报送\">");
    ls_page_csrf(r);
    PUT(r, "<label>报送表（各单位填报后的“报送表”，XLSX 或 CSV）<input type=\"file\" "
           "name=\"file\" accept=\".csv,.xlsx\" required></label><button type=\"submit\">"
           "导入报送表</button></form></section>");
}

/* Admins: the rows checked in the table (form="batch") assigned, removed
 * or restored at once (POST /tasks/batch). */
static void batch_form(ls_req *r, const ls_item_filter *f)
{
    PUT(r, "<form id=\"batch\" class=\"panel batch\" method=\"post\" action=\"/tasks/batch\">");
    ls_page_csrf(r);
    PUT(r, "<label>对勾选的事项 <select name=\"action\">"
           "<option value=\"assign\">分工</option>");
    PUT(r, f->removed ? "<option value=\"restore\">恢复到台账</option>"
                      : "<option value=\"remove\">移出台账</option>");
    PUT(r, "</select></label><label>牵头单位 <select name=\"lead\">");
    ls_page_unit_options(r, NULL, "（不变）");
    PUT(r, "</select></label><label>配合单位 <select name=\"co\">");
    ls_page_unit_options(r, NULL, "（不变）");
    PUT(r, "</select></label>");
    text_input(r, "分管领导", "text", "leader", "");
    text_input(r, "完成时限", "date", "due", "");
    PUT(r, "<button type=\"submit\">执行</button></form>");
}

/* A unit: its own filled-in 报送表 (its lines only), kept as evidence of
 * the rows it reports on (/api/v1/progress/import, issue 14). */
static void unit_sheet_form(ls_req *r)
{
    PUT(r, "<section class=\"panel\"><h2>上传本单位报送表</h2><form class=\"stack api\" "
           "method=\"post\" action=\"/api/v1/progress/import\" enctype=\"multipart/form-data\" "
           "data-done=\"已导入 {added} 条进展报送，报送表已作为佐证材料保存\">");
    ls_page_csrf(r);
    PUT(r, "<label>报送表（下载本单位的“报送表”XLSX，填写后上传；只含本单位的行）<input "
           "type=\"file\" name=\"file\" accept=\".xlsx,.csv\" required></label><button "
           "type=\"submit\">上传报送表</button></form></section>");
}

static void tasks_page(ls_req *r, const ls_item_filter *f, const ls_item_list *items,
                       const char *msg)
{
    size_t page = page_of(r), total = items->n, i;

    ls_page_begin(r, "任务台账");
    PUT(r, f->removed ? "<h1>已移出台账的事项</h1><p class=\"muted\"><a href=\"/tasks\">返回任务台账</a>"
                        "。这些条目不计入总览、通报和下载，可在各条页面恢复。</p>"
                      : "<h1>任务台账</h1>");
    filter_form(r, "/tasks", f);
    if (msg)
        ls_page_notice(r, "error", msg);
    pager(r, "/tasks", f, page, total, "项");
    if (r->role == ROLE_ADMIN)
        PUT(r, "<p class=\"muted\">勾选多项后，可在表格下方一次分工、移出或恢复。</p>");
    ls_page_table(r,
                  r->role == ROLE_ADMIN
                      ? "<th><input type=\"checkbox\" id=\"select-all\" aria-label=\"全选\">"
                        "</th><th class=\"num\">序号</th><th>任务</th><th>所属领域</th>"
                        "<th>牵头单位</th><th>配合单位</th><th>完成时限</th><th>状态</th>"
                        "<th>最新进展</th>"
                      : "<th class=\"num\">序号</th><th>任务</th><th>所属领域</th><th>牵头单位</th>"
                  "<th>配合单位</th><th>完成时限</th><th>状态</th><th>最新进展</th>",
                  LS_TABLE_SORT | LS_TABLE_WIDE);
    for (i = (page - 1) * LS_PAGE_ROWS; i < total && i < page * LS_PAGE_ROWS; i++)
        task_row(r, &items->at[i], f->as_of);
    ls_page_table_end(r);
    if (r->role == ROLE_ADMIN)
        batch_form(r, f);
    pager(r, "/tasks", f, page, total, "项");
    if (!f->removed)
        PUT(r, "<p class=\"muted\"><a href=\"/tasks?removed=1\">已移出台账的事项</a></p>");
    PUT(r, "<div class=\"grid2\">");
    downloads(r, f);
    if (r->role == ROLE_ADMIN)
        bulk_forms(r, f);
    else if (r->role == ROLE_UNIT)
        unit_sheet_form(r);
    PUT(r, "</div>");
    ls_page_end(r);
}

/* Reads the filter and the rows of a ledger page into 'items'; on a bad
 * filter, the page shows the message over no rows. Returns 0 after an
 * error page. */
static int rows_of(ls_req *r, ls_item_filter *f, ls_item_list *items, char *msg, size_t size)
{
    ls_error err;
    ls_status st;

    memset(items, 0, sizeof *items);
    if (!ls_page_filter(r, f, msg, size)) {
        ls_item_filter bad = *f;
        memset(f, 0, sizeof *f);
        f->report = bad.report;
        return 1;
    }
    msg[0] = '\0';
    st = ls_ledger_items(r->store, f, items, &err);
    if (st == LS_EINVAL) {
        snprintf(msg, size, "%s", err.message);
        return 1;
    }
    if (st != LS_OK) {
        ls_page_error(r, 500, err.message);
        return 0;
    }
    return 1;
}

void h_tasks_page(ls_req *r)
{
    ls_item_filter f;
    ls_item_list items;
    char msg[256];

    if (rows_of(r, &f, &items, msg, sizeof msg))
        tasks_page(r, &f, &items, msg[0] ? msg : NULL);
    ls_mem_free(items.mem);
}

/* ---- GET /targets ---- */

static void target_line(ls_req *r, ls_outcomes *o, const ls_item *it, const ls_item_target *t)
{
    const ls_baseline *b = t->baseline;

    ls_buf_printf(&r->out, "<tr><td class=\"num\"><a href=\"/tasks/%lld\">%lld</a></td><td>",
                  it->id, it->id);
    ls_res_text(r, t->metric);
    PUT(r, "</td><td>");
    ls_res_text(r, t->text);
    PUT(r, "</td><td>");
    if (b)
        ls_res_text(r, b->text);
    PUT(r, "</td><td class=\"num\">");
    if (b && b->has_change_pct)
        ls_buf_printf(&r->out, "%+.1f%%", b->change_pct);
    PUT(r, "</td><td>");
    ls_page_outcome(r, o, it, t);
    PUT(r, "</td><td>");
    ls_res_text(r, it->lead);
    PUT(r, "</td><td>");
    ls_res_text(r, it->due);
    PUT(r, "</td><td class=\"long\">");
    latest(r, it->progress);
    PUT(r, "</td><td>");
    ls_page_status(r, it->pace, it->reason);
    PUT(r, "</td></tr>");
}

static void targets_page(ls_req *r, const ls_item_filter *f, const ls_item_list *items,
                         const char *msg)
{
    size_t page = page_of(r), first = (page - 1) * LS_PAGE_ROWS, n = 0, i, j;
    ls_outcomes outcomes;

    for (i = 0; i < items->n; i++)
        n += items->at[i].ntargets;
    ls_page_begin(r, "指标");
    PUT(r, "<h1>量化指标</h1><p "
           "class=\"muted\">每行一个量化目标，附上年基数、变化、次年报告中的兑现情况和所在任务的最新进展。"
           "</p>");
    filter_form(r, "/targets", f);
    if (msg)
        ls_page_notice(r, "error", msg);
    pager(r, "/targets", f, page, n, "个指标");
    ls_page_table(r,
                  "<th class=\"num\">任务</th><th>指标</th><th>目标</th><th>上年基数</th>"
                  "<th class=\"num\">变化</th><th>次年兑现</th><th>牵头单位</th><th>完成时限</th>"
                  "<th>最新进展</th><th>状态</th>",
                  LS_TABLE_SORT | LS_TABLE_WIDE);
    n = 0;
    memset(&outcomes, 0, sizeof outcomes);
    for (i = 0; i < items->n; i++)
        for (j = 0; j < items->at[i].ntargets; j++, n++)
            if (n >= first && n < first + LS_PAGE_ROWS)
                target_line(r, &outcomes, &items->at[i], &items->at[i].targets[j]);
    ls_outcomes_free(&outcomes);
    ls_page_table_end(r);
    pager(r, "/targets", f, page, n, "个指标");
    ls_page_end(r);
}

void h_targets_page(ls_req *r)
{
    ls_item_filter f;
    ls_item_list items;
    char msg[256];

    if (rows_of(r, &f, &items, msg, sizeof msg))
        targets_page(r, &f, &items, msg[0] ? msg : NULL);
    ls_mem_free(items.mem);
}

/* ---- GET /bulletin ---- */

/* The years of the reports in the store, ascending, at most 'max'. */
static size_t report_years(ls_req *r, int *years, size_t max)
{
    ls_report_list reports;
    ls_error err;
    size_t i, k, n = 0;

    if (ls_store_reports(r->store, &reports, &err) != LS_OK)
        return 0;
    for (i = 0; i < reports.n; i++) {
        int y = (int)reports.at[i].year;
        for (k = 0; k < n && years[k] != y; k++)
            ;
        if (k == n && n < max)
            years[n++] = y;
    }
    ls_mem_free(reports.mem);
    for (i = 1; i < n; i++)
        for (k = i; k > 0 && years[k - 1] > years[k]; k--) {
            int t = years[k];
            years[k] = years[k - 1];
            years[k - 1] = t;
        }
    return n;
}

/* The default period: today's quarter when today is in a report year,
 * else the last quarter of the latest report year. */
static void default_period(const int *years, size_t n, char *out, size_t size)
{
    char today[11];
    int y, m;
    size_t i;

    ls_store_today(today);
    y = atoi(today);
    m = atoi(today + 5);
    for (i = 0; i < n && years[i] != y; i++)
        ;
    if (i < n)
        snprintf(out, size, "%d-Q%d", y, (m - 1) / 3 + 1);
    else
        snprintf(out, size, "%d-Q4", n ? years[n - 1] : y);
}

static void period_option(ls_req *r, const char *value, const char *label, const char *chosen)
{
    ls_buf_printf(&r->out, "<option value=\"%s\"%s>%s</option>", value,
                  strcmp(value, chosen) == 0 ? " selected" : "", label);
}

/* The periods of one year: 全年, 上/下半年, four quarters, twelve months. */
static void year_periods(ls_req *r, int y, const char *chosen)
{
    char value[16], label[32];
    int k;

    ls_buf_printf(&r->out, "<optgroup label=\"%d 年\">", y);
    snprintf(value, sizeof value, "%d", y);
    snprintf(label, sizeof label, "%d 年全年", y);
    period_option(r, value, label, chosen);
    for (k = 1; k <= 2; k++) {
        snprintf(value, sizeof value, "%d-H%d", y, k);
        snprintf(label, sizeof label, "%d 年%s半年", y, k == 1 ? "上" : "下");
        period_option(r, value, label, chosen);
    }
    for (k = 1; k <= 4; k++) {
        snprintf(value, sizeof value, "%d-Q%d", y, k);
        snprintf(label, sizeof label, "%d 年第%s季度", y,
                 k == 1   ? "一"
                 : k == 2 ? "二"
                 : k == 3 ? "三"
                          : "四");
        period_option(r, value, label, chosen);
    }
    for (k = 1; k <= 12; k++) {
        snprintf(value, sizeof value, "%d-%02d", y, k);
        snprintf(label, sizeof label, "%d 年 %d 月", y, k);
        period_option(r, value, label, chosen);
    }
    PUT(r, "</optgroup>");
}

static void period_form(ls_req *r, const int *years, size_t n, const char *chosen, long long report)
{
    size_t i;

    PUT(r, "<form class=\"inline\" method=\"get\" action=\"/bulletin\"><label>报告 "
           "<select name=\"report\">");
    ls_page_report_options(r, report, "最新报告");
    PUT(r, "</select></label><label>通报期间 <select name=\"period\">");
    for (i = 0; i < n; i++)
        year_periods(r, years[i], chosen);
    PUT(r, "</select></label><button type=\"submit\">生成通报</button></form>");
}

/* The part of a bulletin's HTML document between <body> and </body>. */
static void bulletin_body(ls_req *r, const char *html, size_t len)
{
    const char *body = strstr(html, "<body>"), *end;

    body = body ? body + 6 : html;
    end = strstr(body, "</body>");
    ls_buf_append(&r->out, body, end ? (size_t)(end - body) : len - (size_t)(body - html));
}

static void bulletin_page(ls_req *r, const ls_item_filter *f, const char *period, const int *years,
                          size_t ny)
{
    char *html = NULL;
    size_t len = 0;
    ls_bulletin bl;
    ls_error err;
    ls_status st;

    LS_CHECK(ls_ledger_bulletin(r->store, f, period, &bl, &err));
    LS_CHECK(ls_bulletin_text(&bl, "html", &html, &len, &err));
done:
    ls_bulletin_free(&bl);
    if (st != LS_OK && st != LS_EINVAL) {
        ls_page_error(r, 500, err.message);
        return;
    }
    ls_page_begin(r, "通报");
    PUT(r, "<h1>推进情况通报</h1>");
    period_form(r, years, ny, period, f->report);
    if (st == LS_EINVAL) {
        ls_page_notice(r, "error", "通报期间应为 YYYY、YYYY-Hn、YYYY-Qn 或 YYYY-MM");
    } else {
        static const char *const formats[][2] = {
            {"docx", "下载 Word"}, {"html", "打印版（HTML）"}, {"md", "下载 Markdown"}};
        size_t i;
        PUT(r, "<p>");
        for (i = 0; i < 3; i++) {
            PUT(r, "<a class=\"button\" href=\"/api/v1/bulletin?period=");
            ls_res_url(r, period);
            if (f->report)
                ls_buf_printf(&r->out, "&amp;report=%lld", f->report);
            ls_buf_printf(&r->out, "&amp;format=%s\" download>%s</a> ", formats[i][0],
                          formats[i][1]);
        }
        PUT(r, "</p><article class=\"bulletin\">");
        bulletin_body(r, html, len);
        PUT(r, "</article>");
    }
    ls_page_end(r);
    ls_free(html);
}

void h_bulletin_page(ls_req *r)
{
    const char *period = ls_req_query(r, "period");
    int years[64];
    size_t ny = report_years(r, years, 64);
    char dflt[16], msg[128];
    ls_item_filter f;

    if (!ls_page_filter(r, &f, msg, sizeof msg)) {
        ls_page_error(r, 400, msg);
        return;
    }
    if (!period || !*period) {
        default_period(years, ny, dflt, sizeof dflt);
        period = dflt;
    }
    bulletin_page(r, &f, period, years, ny);
}

/* ---- POST /tasks/batch ---- */

/* The rows checked (fields "id"), at most 'max', into 'ids'; 0 when one
 * is not a row number. */
static int checked_ids(ls_req *r, long long *ids, size_t max, size_t *n)
{
    size_t i;
    char *end;

    *n = 0;
    ls_req_form(r, "");
    for (i = 0; i < r->nfields; i++) {
        if (strcmp(r->fields[i].name, "id") != 0)
            continue;
        if (*n == max)
            return 0;
        ids[*n] = strtoll(r->fields[i].value, &end, 10);
        if (*end || ids[*n] <= 0)
            return 0;
        (*n)++;
    }
    return 1;
}

void h_tasks_batch(ls_req *r)
{
    long long ids[LS_MAX_FIELDS];
    const char *action = ls_req_form(r, "action"), *co = ls_req_form(r, "co");
    ls_assignment a;
    ls_error err;
    ls_status st = LS_OK;
    size_t n = 0;

    memset(&a, 0, sizeof a);
    if (!checked_ids(r, ids, LS_MAX_FIELDS, &n) || n == 0) {
        ls_page_error(r, 400, "请先勾选要处理的事项（一次最多一页 50 项）");
        return;
    }
    if (action && strcmp(action, "assign") == 0) {
        a.lead = ls_req_form(r, "lead");
        a.leader = ls_req_form(r, "leader");
        a.due = ls_req_form(r, "due");
        a.lead = a.lead && *a.lead ? a.lead : NULL;
        a.leader = a.leader && *a.leader ? a.leader : NULL;
        a.due = a.due && *a.due ? a.due : NULL;
        if (co && *co) {
            a.co = &co;
            a.co_count = 1;
            a.set_co = 1;
        }
        st = ls_store_assign(r->store, ids, n, &a, &err);
    } else if (action && (strcmp(action, "remove") == 0 || strcmp(action, "restore") == 0)) {
        st = ls_store_items_set_removed(r->store, ids, n, strcmp(action, "remove") == 0, &err);
    } else {
        ls_page_error(r, 400, "未知的批量操作");
        return;
    }
    if (st == LS_OK)
        ls_res_redirect(r, "/tasks");
    else
        ls_page_error(r, st == LS_EINVAL || st == LS_ENOTFOUND ? 400 : 500, err.message);
}
