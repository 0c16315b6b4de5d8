/*
 * pages_dashboard.c — GET /: the dashboard over the ledger of one report
 * or all (?report=ID) at a date (?as_of=YYYY-MM-DD, default today): totals
 * by status, a bar chart of the areas of the plan split by status, units
 * ranked by rows behind and overdue, and the key targets with their
 * baseline and latest progress. It only reads: every figure is counted
 * here from ls_store_items, with the status the store judged.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "alloc.h"
#include "pages.h"
#include "pace.h"

#define MAX_AREAS 64
#define MAX_UNITS 256
#define LABEL_CHARS 20
#define KEY_TARGETS 30

/* The rows of one area or unit, counted by status. */
typedef struct {
    char name[256];
    size_t n[LS_PACE_COUNT], total;
} group;

/* The group called 'name' in 'g' (added when new; the last one when
 * 'max' are taken). */
static group *group_of(group *g, size_t *ng, size_t max, const char *name)
{
    size_t i;

    for (i = 0; i < *ng; i++)
        if (strcmp(g[i].name, name) == 0)
            return &g[i];
    if (*ng == max)
        return &g[max - 1];
    memset(&g[*ng], 0, sizeof g[*ng]);
    snprintf(g[*ng].name, sizeof g[*ng].name, "%s", name);
    return &g[(*ng)++];
}

static void count(group *g, ls_pace s)
{
    g->n[s]++;
    g->total++;
}

/* The area of a row: the second part of its heading path, or the first
 * ("2023年工作任务 / 坚持工业强市… / 做强能源产业" → 坚持工业强市…). */
static void area_of(const char *path, char *out, size_t size)
{
    const char *sep = path ? strstr(path, " / ") : NULL, *end = NULL;

    if (!path)
        path = "";
    if (sep) {
        path = sep + 3;
        end = strstr(path, " / ");
    }
    snprintf(out, size, "%.*s", end ? (int)(end - path) : (int)strlen(path), path);
}

/* Appends 's' escaped, cut after 'max' characters (UTF-8) with "…". */
static void text_cut(ls_req *r, const char *s, size_t max)
{
    size_t i = 0, chars = 0;

    while (s[i] && chars < max) {
        i++;
        while ((s[i] & 0xC0) == 0x80)
            i++;
        chars++;
    }
    ls_res_textn(r, s, i);
    if (s[i])
        PUT(r, "…");
}

/* Stacked bars, one per group split by status, each under its label so
 * that the chart stays legible when a phone scales it down. */
static void bars(ls_req *r, const group *g, size_t n, const char *label)
{
    size_t i, max = 1;
    int s;

    for (i = 0; i < n; i++)
        max = g[i].total > max ? g[i].total : max;
    ls_buf_printf(&r->out,
                  "<svg class=\"chart\" role=\"img\" aria-label=\"%s\" viewBox=\"0 0 360 %zu\">",
                  label, n * 42 + 4);
    for (i = 0; i < n; i++) {
        double x = 0;
        ls_buf_printf(&r->out, "<text x=\"0\" y=\"%zu\" font-size=\"14\"><title>", i * 42 + 15);
        ls_res_text(r, g[i].name);
        PUT(r, "</title>");
        text_cut(r, g[i].name, LABEL_CHARS);
        PUT(r, "</text>");
        for (s = 0; s < LS_PACE_COUNT; s++) {
            double w = 310.0 * (double)g[i].n[s] / (double)max;
            if (g[i].n[s])
                ls_buf_printf(&r->out,
                              "<rect class=\"st-%s\" x=\"%.1f\" y=\"%zu\" width=\"%.1f\" "
                              "height=\"14\"><title>%s %zu</title></rect>",
                              ls_pace_code((ls_pace)s), x, i * 42 + 21, w,
                              ls_pace_name((ls_pace)s), g[i].n[s]);
            x += w;
        }
        ls_buf_printf(&r->out, "<text x=\"%.1f\" y=\"%zu\" font-size=\"13\">%zu</text>", x + 5,
                      i * 42 + 33, g[i].total);
    }
    PUT(r, "</svg>");
}

static void legend(ls_req *r)
{
    int s;

    PUT(r, "<ul class=\"legend\">");
    for (s = 0; s < LS_PACE_COUNT; s++)
        ls_buf_printf(&r->out, "<li><i class=\"st-%s\"></i>%s</li>",
                      ls_pace_code((ls_pace)s),
                      ls_pace_name((ls_pace)s));
    PUT(r, "</ul>");
}

/* The report selector and the as-of date. */
static void choose_form(ls_req *r, const ls_item_filter *f)
{
    PUT(r,
        "<form class=\"inline\" method=\"get\" action=\"/\"><label>报告 <select name=\"report\">");
    ls_page_report_options(r, f->report, "全部报告");
    PUT(r, "</select></label><label>截至日期 <input type=\"date\" name=\"as_of\" value=\"");
    ls_res_text(r, f->as_of ? f->as_of : "");
    PUT(r, "\"></label><button type=\"submit\">查看</button></form>");
}

/* The cards of the totals by status, each a link to its rows. */
static void cards(ls_req *r, const group *all, const ls_item_filter *f)
{
    int s;

    PUT(r, "<div class=\"cards\">");
    for (s = 0; s < LS_PACE_COUNT; s++) {
        ls_item_filter one = *f;
        one.status = ls_pace_code((ls_pace)s);
        PUT(r, "<a class=\"card\" href=\"/tasks?");
        ls_page_filter_query(r, &one);
        ls_buf_printf(&r->out,
                      "\"><div class=\"n\">%zu</div><div class=\"label\"><span class=\"status "
                      "st-%s\">%s</span></div></a>",
                      all->n[s], ls_pace_code((ls_pace)s),
                      ls_pace_name((ls_pace)s));
    }
    PUT(r, "</div>");
}

static size_t behind(const group *g)
{
    return g->n[LS_PACE_BEHIND] + g->n[LS_PACE_OVERDUE];
}

/* Most rows behind or overdue first, then most rows. */
static int by_behind(const void *a, const void *b)
{
    const group *x = a, *y = b;

    if (behind(x) != behind(y))
        return behind(x) < behind(y) ? 1 : -1;
    return x->total < y->total ? 1 : x->total > y->total ? -1 : 0;
}

static void unit_table(ls_req *r, group *units, size_t n, const ls_item_filter *f)
{
    size_t i;

    qsort(units, n, sizeof *units, by_behind);
    ls_page_table(r,
                  "<th>牵头单位</th><th class=\"num\">事项</th><th class=\"num\">欠进度</th>"
                  "<th class=\"num\">逾期</th>",
                  LS_TABLE_SORT);
    for (i = 0; i < n; i++) {
        ls_item_filter one = *f;
        one.unit = units[i].name;
        PUT(r, "<tr><td>");
        if (units[i].name[0] != '(' && strncmp(units[i].name, "（", 3) != 0) {
            PUT(r, "<a href=\"/tasks?");
            ls_page_filter_query(r, &one);
            PUT(r, "\">");
            ls_res_text(r, units[i].name);
            PUT(r, "</a>");
        } else {
            ls_res_text(r, units[i].name);
        }
        ls_buf_printf(&r->out,
                      "</td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
                      "<td class=\"num\">%zu</td></tr>",
                      units[i].total, units[i].n[LS_PACE_BEHIND], units[i].n[LS_PACE_OVERDUE]);
    }
    ls_page_table_end(r);
}

/* One target of a row: metric, target, baseline and change, the row's
 * latest progress and status. */
static void target_row(ls_req *r, const json_t *it, const json_t *t)
{
    const json_t *b = json_object_get(t, "baseline"), *p = json_object_get(it, "progress");

    ls_buf_printf(&r->out, "<tr><td class=\"num\"><a href=\"/tasks/%lld\">%lld</a></td><td>",
                  ls_jint(it, "id"), ls_jint(it, "id"));
    ls_res_text(r, ls_jstr(t, "metric"));
    PUT(r, "</td><td>");
    ls_res_text(r, ls_jstr(t, "text"));
    PUT(r, "</td><td>");
    if (json_is_object(b)) {
        ls_res_text(r, ls_jstr(b, "text"));
        if (json_is_number(json_object_get(b, "change_pct")))
            ls_buf_printf(&r->out, "<br><small class=\"muted\">较基数 %+.1f%%</small>",
                          json_number_value(json_object_get(b, "change_pct")));
    }
    PUT(r, "</td><td>");
    if (json_is_object(p)) {
        ls_res_text(r, ls_jstr(p, "date"));
        PUT(r, " ");
        ls_res_text(r, ls_jstr(p, "done_text"));
    }
    PUT(r, "</td><td>");
    ls_page_status(r, it);
    PUT(r, "</td></tr>");
}

static void key_targets(ls_req *r, json_t *items, const ls_item_filter *f)
{
    size_t i, j, shown = 0;
    json_t *it, *t;

    PUT(r, "<h2>重点指标</h2>");
    ls_page_table(r,
                  "<th>序号</th><th>指标</th><th>目标</th><th>上年基数</th><th>最新进展</th>"
                  "<th>状态</th>",
                  LS_TABLE_SORT | LS_TABLE_WIDE);
    json_array_foreach(items, i, it)
    {
        json_array_foreach(json_object_get(it, "targets"), j, t)
        {
            if (shown++ < KEY_TARGETS)
                target_row(r, it, t);
        }
    }
    ls_page_table_end(r);
    if (shown > KEY_TARGETS) {
        ls_buf_printf(&r->out, "<p><a href=\"/targets?");
        ls_page_filter_query(r, f);
        ls_buf_printf(&r->out, "\">全部 %zu 项指标 →</a></p>", shown);
    }
}

/* Counts the rows by status, area and lead unit. */
static void tally(json_t *items, group *all, group *areas, size_t *na, group *units, size_t *nu)
{
    char area[256];
    size_t i;
    json_t *it;

    memset(all, 0, sizeof *all);
    json_array_foreach(items, i, it)
    {
        const char *name = ls_jstr(it, "status"), *lead = ls_jstr(it, "lead");
        ls_pace s = name ? ls_pace_parse(name) : LS_PACE_COUNT;
        if (s >= LS_PACE_COUNT)
            continue;
        count(all, s);
        area_of(ls_jstr(it, "path"), area, sizeof area);
        count(group_of(areas, na, MAX_AREAS, area[0] ? area : "（其他）"), s);
        count(group_of(units, nu, MAX_UNITS, lead ? lead : "（未明确牵头单位）"), s);
    }
}

static void dashboard(ls_req *r, const ls_item_filter *f, json_t *items, group *areas, group *units)
{
    size_t na = 0, nu = 0;
    char today[11];
    group all;

    tally(items, &all, areas, &na, units, &nu);
    ls_page_begin(r, "总览");
    PUT(r, "<h1>任务推进总览</h1>");
    choose_form(r, f);
    ls_store_today(today);
    PUT(r, "<p class=\"muted\">截至 ");
    ls_res_text(r, f->as_of ? f->as_of : today);
    ls_buf_printf(&r->out, "，台账共 %zu 项。</p>", all.total);
    cards(r, &all, f);
    PUT(r, "<div class=\"grid2\"><section class=\"panel\"><h2>各领域推进情况</h2>");
    legend(r);
    bars(r, areas, na, "各领域事项状态");
    PUT(r, "</section><section class=\"panel\"><h2>各单位欠进度、逾期事项</h2>");
    unit_table(r, units, nu, f);
    PUT(r, "</section></div>");
    key_targets(r, items, f);
    ls_page_end(r);
}

void h_dashboard(ls_req *r)
{
    group *areas = ls_calloc(MAX_AREAS, sizeof *areas);
    group *units = ls_calloc(MAX_UNITS, sizeof *units);
    ls_item_filter f;
    json_t *items = NULL;
    char msg[128];
    ls_error err;

    if (!areas || !units)
        ls_page_error(r, 500, "out of memory");
    else if (!ls_page_filter(r, &f, msg, sizeof msg))
        ls_page_error(r, 400, msg);
    else if (ls_store_items(r->store, &f, &items, &err) != LS_OK)
        ls_page_error(r, 500, err.message);
    else
        dashboard(r, &f, items, areas, units);
    json_decref(items);
    ls_free(areas);
    ls_free(units);
}
