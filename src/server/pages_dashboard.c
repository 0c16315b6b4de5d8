/*
 * pages_dashboard.c — GET /: the dashboard over the ledger of one report
 * (?report=ID; by default the latest of one government,
 * ls_ledger_latest_report) at a date (?as_of=YYYY-MM-DD, default today): totals
 * by status, a bar chart of the areas of the plan split by status, units
 * ranked by rows behind and overdue, and the key targets with their
 * baseline and latest progress. It only reads: the figures are the
 * ledger's totals (ls_ledger_totals, ls_ledger_area_totals) of the rows
 * the store judged, the chart chart.c's.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "pages.h"
#include "pages_outcome.h"
#include "pace.h"

#define KEY_TARGETS 30

static void legend(ls_req *r, const ls_pace_totals *t)
{
    size_t s;

    PUT(r, "<ul class=\"legend\">");
    for (s = 0; s < t->ncols; s++)
        ls_buf_printf(&r->out, "<li><i class=\"st-%s\"></i>%s</li>", ls_pace_code(t->cols[s]),
                      ls_pace_name(t->cols[s]));
    PUT(r, "</ul>");
}

/* The report selector and the as-of date. */
static void choose_form(ls_req *r, const ls_item_filter *f)
{
    PUT(r,
        "<form class=\"inline\" method=\"get\" action=\"/\"><label>报告 <select name=\"report\">");
    ls_page_report_options(r, f->report, NULL);
    PUT(r, "</select></label><label>截至日期 <input type=\"date\" name=\"as_of\" value=\"");
    ls_res_text(r, f->as_of ? f->as_of : "");
    PUT(r, "\"></label><button type=\"submit\">查看</button></form>");
}

/* One card: a count and its status, a link to its rows. */
static void card(ls_req *r, size_t n, ls_pace s, const ls_item_filter *f)
{
    ls_item_filter one = *f;

    one.status = ls_pace_code(s);
    PUT(r, "<a class=\"card\" href=\"/tasks?");
    ls_page_filter_query(r, &one);
    ls_buf_printf(&r->out,
                  "\"><div class=\"n\">%zu</div><div class=\"label\"><span class=\"status "
                  "st-%s\">%s</span></div></a>",
                  n, ls_pace_code(s), ls_pace_name(s));
}

/* The cards of the totals by status, then 未分工 apart (in no total). */
static void cards(ls_req *r, const ls_pace_totals *t, const ls_item_filter *f)
{
    size_t s;

    PUT(r, "<div class=\"cards\">");
    for (s = 0; s < t->ncols; s++)
        card(r, t->all.n[t->cols[s]], t->cols[s], f);
    if (t->unassigned)
        card(r, t->unassigned, LS_PACE_UNASSIGNED, f);
    PUT(r, "</div>");
}

static size_t behind(const ls_pace_tally *g)
{
    return g->n[LS_PACE_BEHIND] + g->n[LS_PACE_OVERDUE];
}

/* Most rows behind or overdue first, then most rows. */
static int by_behind(const void *a, const void *b)
{
    const ls_pace_tally *x = a, *y = b;

    if (behind(x) != behind(y))
        return behind(x) < behind(y) ? 1 : -1;
    return x->total < y->total ? 1 : x->total > y->total ? -1 : 0;
}

static void unit_table(ls_req *r, ls_pace_tally *units, size_t n, const ls_item_filter *f)
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
static void target_row(ls_req *r, const ls_item *it, const ls_item_target *t)
{
    const ls_baseline *b = t->baseline;
    const ls_progress_entry *p = it->progress;

    ls_buf_printf(&r->out, "<tr><td class=\"num\"><a href=\"/tasks/%lld\">%lld</a></td><td>",
                  it->id, it->id);
    ls_res_text(r, t->metric);
    PUT(r, "</td><td>");
    ls_res_text(r, t->text);
    PUT(r, "</td><td>");
    if (b) {
        ls_res_text(r, b->text);
        if (b->has_change_pct)
            ls_buf_printf(&r->out, "<br><small class=\"muted\">较基数 %+.1f%%</small>",
                          b->change_pct);
    }
    PUT(r, "</td><td>");
    if (p) {
        ls_res_text(r, p->date);
        PUT(r, " ");
        ls_res_text(r, p->done_text);
    }
    PUT(r, "</td><td>");
    ls_page_status(r, it->pace, it->reason);
    PUT(r, "</td></tr>");
}

static void key_targets(ls_req *r, const ls_item_list *items, const ls_item_filter *f)
{
    size_t i, j, shown = 0;

    PUT(r, "<h2>重点指标</h2>");
    ls_page_table(r,
                  "<th>序号</th><th>指标</th><th>目标</th><th>上年基数</th><th>最新进展</th>"
                  "<th>状态</th>",
                  LS_TABLE_SORT | LS_TABLE_WIDE);
    for (i = 0; i < items->n; i++)
        for (j = 0; j < items->at[i].ntargets; j++)
            if (shown++ < KEY_TARGETS)
                target_row(r, &items->at[i], &items->at[i].targets[j]);
    ls_page_table_end(r);
    if (shown > KEY_TARGETS) {
        ls_buf_printf(&r->out, "<p><a href=\"/targets?");
        ls_page_filter_query(r, f);
        ls_buf_printf(&r->out, "\">全部 %zu 项指标 →</a></p>", shown);
    }
}

static void dashboard(ls_req *r, const ls_item_filter *f, const ls_item_list *items,
                      ls_pace_totals *areas, ls_pace_totals *units)
{
    char today[11];
    ls_outcomes outcomes;

    memset(&outcomes, 0, sizeof outcomes);
    ls_page_begin(r, "总览");
    PUT(r, "<h1>任务推进总览</h1>");
    choose_form(r, f);
    ls_store_today(today);
    PUT(r, "<p class=\"muted\">截至 ");
    ls_res_text(r, f->as_of ? f->as_of : today);
    ls_buf_printf(&r->out, "，台账共 %zu 项", units->all.total);
    if (units->unassigned)
        ls_buf_printf(&r->out, "（另有未分工 %zu 项，不计入统计）", units->unassigned);
    PUT(r, "。</p>");
    cards(r, units, f);
    ls_page_outcome_cards(r, &outcomes, items);
    ls_outcomes_free(&outcomes);
    PUT(r, "<div class=\"grid2\"><section class=\"panel\"><h2>各领域推进情况</h2>");
    legend(r, units);
    ls_chart_pace_stacked(&r->out, areas->units, areas->nunits, "各领域事项状态",
                          LS_CHART_NARROW);
    PUT(r, "</section><section class=\"panel\"><h2>各单位欠进度、逾期事项</h2>");
    unit_table(r, units->units, units->nunits, f);
    PUT(r, "</section></div><div class=\"grid2\">");
    ls_page_rank_panel(r, f);
    PUT(r, "</div>");
    key_targets(r, items, f);
    ls_page_end(r);
}

void h_dashboard(ls_req *r)
{
    ls_item_filter f;
    ls_item_list items = {NULL, 0, NULL};
    ls_pace_totals areas, units;
    char msg[128];
    ls_error err;

    memset(&areas, 0, sizeof areas);
    memset(&units, 0, sizeof units);
    /* a unit lands on its own 待办, not on the city's dashboard */
    if (r->role == ROLE_UNIT && !ls_req_query(r, "view") && !ls_req_query(r, "report")) {
        ls_res_redirect(r, "/todo");
        return;
    }
    if (!ls_page_filter(r, &f, msg, sizeof msg))
        ls_page_error(r, 400, msg);
    else if (!f.report && ls_ledger_latest_report(r->store, f.gov, f.year, &f.report, &err))
        ls_page_error(r, 500, err.message);
    else if (ls_store_items(r->store, &f, &items, &err) != LS_OK ||
             ls_ledger_area_totals(items.at, items.n, &areas, &err) != LS_OK ||
             ls_ledger_totals(items.at, items.n, &units, &err) != LS_OK)
        ls_page_error(r, 500, err.message);
    else
        dashboard(r, &f, &items, &areas, &units);
    ls_mem_free(items.mem);
    ls_mem_free(areas.mem);
    ls_mem_free(units.mem);
}
