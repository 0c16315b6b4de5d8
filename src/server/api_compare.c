/*
 * api_compare.c — the comparison routes of the JSON API and their page:
 * GET /api/v1/compare?metric=&gov=&years=, GET /api/v1/commitments?gov=&year=,
 * GET/POST /api/v1/aliases, POST /api/v1/aliases/remove, and GET /compare
 * (a metric across governments and years, charted as inline SVG).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "chart.h"
#include "handlers.h"
#include "records.h"

/* "2019-2025" or "2023" into 'from' and 'to'; both 0 when absent. */
static int years_of(const char *text, int *from, int *to)
{
    char *end;

    *from = *to = 0;
    if (!text || !*text)
        return 1;
    *from = (int)strtol(text, &end, 10);
    *to = *from;
    if (*end == '-')
        *to = (int)strtol(end + 1, &end, 10);
    return *end == '\0' && *from > 1900 && *to >= *from;
}

void h_api_compare(ls_req *r)
{
    const char *metric = ls_req_query(r, "metric"), *gov = ls_req_query(r, "gov");
    ls_comparison out;
    int from, to;
    ls_error err;
    ls_status st;

    if (!years_of(ls_req_query(r, "years"), &from, &to)) {
        ls_res_error(r, 400, "invalid", "years is YYYY or YYYY-YYYY");
        return;
    }
    st = ls_store_compare(r->store, metric && *metric ? metric : NULL, gov && *gov ? gov : NULL,
                          from, to, &out, &err);
    if (st != LS_OK)
        ls_res_store_error(r, st, &err);
    else
        ls_res_record(r, 200, &ls_comparison_desc, &out);
    ls_mem_free(out.mem);
}

void h_api_commitments(ls_req *r)
{
    const char *gov = ls_req_query(r, "gov"), *year = ls_req_query(r, "year");
    ls_commitment_list out;
    ls_error err;
    ls_status st = ls_store_commitments(r->store, gov, year ? atoi(year) : 0, &out, &err);

    if (st != LS_OK)
        ls_res_store_error(r, st, &err);
    else
        ls_res_record(r, 200, &ls_commitment_list_desc, &out);
    ls_mem_free(out.mem);
}

void h_api_aliases(ls_req *r)
{
    ls_alias_list out;
    ls_error err;
    ls_status st = ls_store_aliases(r->store, &out, &err);

    if (st != LS_OK)
        ls_res_store_error(r, st, &err);
    else
        ls_res_records(r, 200, &ls_alias_desc, out.at, out.n);
    ls_mem_free(out.mem);
}

void h_api_alias_add(ls_req *r)
{
    json_t *body = ls_req_json(r);
    const char *alias = ls_req_param(r, body, "alias");
    const char *canonical = ls_req_param(r, body, "canonical");
    ls_error err;
    ls_status st = ls_store_alias_add(r->store, alias, canonical, &err);

    if (st != LS_OK)
        ls_res_store_error(r, st, &err);
    else
        LS_RES_FIELDS(r, 201, NULL, LS_RT("alias", alias), LS_RT("canonical", canonical));
    json_decref(body);
}

void h_api_alias_remove(ls_req *r)
{
    json_t *body = ls_req_json(r);
    const char *alias = ls_req_param(r, body, "alias");
    ls_error err;
    ls_status st = ls_store_alias_remove(r->store, alias ? alias : "", &err);

    if (st != LS_OK)
        ls_res_store_error(r, st, &err);
    else
        LS_RES_FIELDS(r, 200, NULL, LS_RB("ok", 1));
    json_decref(body);
}

/* ---- the page ---- */


static void outcome_cell(ls_req *r, const ls_compared *m)
{
    const char *o = m->outcome;
    const char *shown = !o ? "" : strcmp(o, "met") == 0 ? "已兑现" : strcmp(o, "missed") == 0
                                                                    ? "未兑现"
                                                                : strcmp(o, "pending") == 0
                                                                    ? "待次年报告"
                                                                    : "未再提及";
    ls_buf_puts(&r->out, "<td>");
    ls_res_text(r, shown);
    ls_buf_puts(&r->out, "</td>");
}

static void mention_rows(ls_req *r, const ls_comparison *cmp)
{
    size_t i;

    ls_buf_puts(&r->out, "<div class=\"scroll\"><table class=\"sortable\"><thead><tr><th>政府</th>"
                         "<th>所指年份</th><th>类型</th><th>指标</th><th>原文</th><th>兑现</th>"
                         "<th>次年实际</th></tr></thead><tbody>");
    for (i = 0; i < cmp->nmentions; i++) {
        const ls_compared *m = &cmp->mentions[i];
        int target = strcmp(m->kind, "target") == 0;
        ls_buf_puts(&r->out, "<tr><td>");
        ls_res_text(r, m->gov);
        ls_buf_printf(&r->out, "</td><td class=\"num\">%lld</td><td>%s</td><td>", m->for_year,
                      target ? "目标" : "实际");
        ls_res_text(r, m->metric);
        ls_buf_puts(&r->out, "</td><td>");
        ls_res_text(r, m->text);
        ls_buf_puts(&r->out, "</td>");
        if (target)
            outcome_cell(r, m);
        else
            ls_buf_puts(&r->out, "<td></td>");
        ls_buf_puts(&r->out, "<td>");
        if (m->actual)
            ls_res_text(r, m->actual->text);
        ls_buf_puts(&r->out, "</td></tr>");
    }
    ls_buf_puts(&r->out, "</tbody></table></div>");
}

static void rate_rows(ls_req *r, const ls_comparison *cmp)
{
    size_t i;

    ls_buf_puts(&r->out, "<h2>兑现情况</h2><table><thead><tr><th>政府</th><th>年份</th>"
                         "<th class=\"num\">兑现</th><th class=\"num\">未兑现</th>"
                         "<th class=\"num\">未再提及</th><th class=\"num\">兑现率</th></tr>"
                         "</thead><tbody>");
    for (i = 0; i < cmp->nrates; i++) {
        const ls_commit_rate *x = &cmp->rates[i];
        ls_buf_puts(&r->out, "<tr><td>");
        ls_res_text(r, x->gov);
        ls_buf_printf(&r->out,
                      "</td><td class=\"num\">%lld</td><td class=\"num\">%lld</td><td "
                      "class=\"num\">%lld</td><td class=\"num\">%lld</td>",
                      x->year, x->met, x->missed, x->not_mentioned);
        if (x->has_rate)
            ls_buf_printf(&r->out, "<td class=\"num\">%.1f%%</td></tr>", 100 * x->rate);
        else
            ls_buf_puts(&r->out, "<td class=\"num\">—</td></tr>");
    }
    ls_buf_puts(&r->out, "</tbody></table>");
}

static void compare_form(ls_req *r, const char *metric, const char *gov, const char *years)
{
    ls_buf_puts(&r->out, "<form class=\"inline\" method=\"get\" action=\"/compare\"><label>指标 "
                         "<input name=\"metric\" value=\"");
    ls_res_text(r, metric ? metric : "");
    ls_buf_puts(&r->out, "\" placeholder=\"如 地区生产总值\"></label><label>政府 <input name=\"gov\" "
                         "value=\"");
    ls_res_text(r, gov ? gov : "");
    ls_buf_puts(&r->out, "\"></label><label>年份 <input name=\"years\" value=\"");
    ls_res_text(r, years ? years : "");
    ls_buf_puts(&r->out, "\" placeholder=\"2019-2025\"></label><button type=\"submit\">对比"
                         "</button></form>");
}

void h_compare_page(ls_req *r)
{
    const char *metric = ls_req_query(r, "metric"), *gov = ls_req_query(r, "gov");
    const char *years = ls_req_query(r, "years");
    ls_comparison out = {0};
    int from, to, lo = 0, hi = 0, have = 0;
    size_t i;
    ls_error err;

    if (metric && !*metric)
        metric = NULL;
    if (gov && !*gov)
        gov = NULL;
    if (!years_of(years, &from, &to)) {
        ls_page_error(r, 400, "年份格式为 YYYY 或 YYYY-YYYY");
        return;
    }
    if (metric || gov) {
        if (ls_store_compare(r->store, metric, gov, from, to, &out, &err) != LS_OK) {
            ls_page_error(r, 400, err.message);
            return;
        }
        have = 1;
    }
    ls_page_begin(r, "跨年度对比");
    ls_buf_puts(&r->out, "<h1>跨年度、跨地区对比</h1>");
    compare_form(r, metric, gov, years);
    if (have) {
        for (i = 0; i < out.nmentions; i++) {
            int y = (int)out.mentions[i].for_year;
            lo = !lo || y < lo ? y : lo;
            hi = y > hi ? y : hi;
        }
        if (metric)
            ls_chart_compare(&r->out, &out, lo, hi);
        rate_rows(r, &out);
        ls_buf_printf(&r->out, "<h2>目标与实际（%zu 条）</h2>", out.nmentions);
        mention_rows(r, &out);
    } else {
        ls_buf_puts(&r->out, "<p class=\"muted\">输入指标名称（如 地区生产总值、旅游收入）或政府名称。"
                             "每年的目标与次年报告回顾中的实际对照，规则见 docs/linking.md。</p>");
    }
    ls_page_end(r);
    ls_mem_free(out.mem);
}
