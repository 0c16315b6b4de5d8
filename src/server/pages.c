/*
 * pages.c — the frame of every page (head, navigation by role, footer),
 * the error page, and the dashboard: totals by status, a chart per area
 * of the plan, units ranked by rows behind, and the key targets with their
 * baseline and latest progress. Pages are server-rendered Chinese HTML;
 * every text from the store goes through ls_res_text (escaped).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "handlers.h"
#include "status.h"

void ls_page_begin(ls_req *r, const char *title)
{
    const char *name = r->user ? json_string_value(json_object_get(r->user, "name")) : NULL;

    r->type = "text/html; charset=utf-8";
    if (!r->status)
        r->status = 200;
    ls_buf_puts(&r->out, "<!DOCTYPE html>\n<html lang=\"zh-CN\"><head><meta charset=\"utf-8\">"
                         "<meta name=\"viewport\" content=\"width=device-width, "
                         "initial-scale=1\"><title>");
    ls_res_text(r, title);
    ls_buf_puts(&r->out, " · 落实</title><link rel=\"stylesheet\" href=\"/static/style.css\">"
                         "<script src=\"/static/app.js\" defer></script></head><body>"
                         "<header class=\"top\"><a class=\"brand\" href=\"/\">落实</a>");
    if (r->user) {
        ls_buf_puts(&r->out, "<nav><a href=\"/\">总览</a><a href=\"/tasks\">任务台账</a>"
                             "<a href=\"/targets\">指标</a><a href=\"/reports\">报告原文</a>"
                             "<a href=\"/bulletin\">通报</a><a href=\"/compare\">对比</a>");
        if (r->role == ROLE_ADMIN)
            ls_buf_puts(&r->out, "<a href=\"/units\">单位</a><a href=\"/import\">导入</a>");
        ls_buf_puts(&r->out, "</nav><span>");
        ls_res_text(r, name);
        ls_buf_puts(&r->out, "</span><form method=\"post\" action=\"/logout\"><input "
                             "type=\"hidden\" name=\"csrf\" value=\"");
        ls_res_text(r, ls_csrf(r));
        ls_buf_puts(&r->out, "\"><button type=\"submit\">退出</button></form>");
    }
    ls_buf_puts(&r->out, "</header><main>");
}

void ls_page_end(ls_req *r)
{
    ls_buf_puts(&r->out, "</main><footer>落实 luoshi · 政府工作报告任务台账</footer>"
                         "</body></html>\n");
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
    ls_buf_puts(&r->out, "</p><p><a href=\"/\">返回总览</a></p>");
    ls_page_end(r);
}

/* ---- the dashboard ---- */

static const char *const status_vars[LS_ST_COUNT] = {"done",   "ahead",      "ontrack",
                                                     "behind", "notstarted", "overdue"};

typedef struct {
    char name[192];
    size_t n[LS_ST_COUNT], total;
} group;

static size_t group_of(group *g, size_t *ng, size_t max, const char *name)
{
    size_t i;

    for (i = 0; i < *ng; i++)
        if (strcmp(g[i].name, name) == 0)
            return i;
    if (*ng == max)
        return max - 1;
    memset(&g[*ng], 0, sizeof g[*ng]);
    snprintf(g[*ng].name, sizeof g[*ng].name, "%s", name);
    return (*ng)++;
}

/* The area of a row: the second part of its heading path, or the first. */
static void area_of(const char *path, char *out, size_t size)
{
    const char *sep = strstr(path, " / "), *end;

    if (sep) {
        path = sep + 3;
        end = strstr(path, " / ");
    } else {
        end = NULL;
    }
    snprintf(out, size, "%.*s", end ? (int)(end - path) : (int)strlen(path), path);
}

/* Stacked bars: one per group, split by status. */
static void bars(ls_req *r, const group *g, size_t n, const char *label)
{
    size_t i, max = 1;
    int s;

    for (i = 0; i < n; i++)
        if (g[i].total > max)
            max = g[i].total;
    ls_buf_printf(&r->out,
                  "<svg class=\"chart\" role=\"img\" aria-label=\"%s\" viewBox=\"0 0 640 %zu\">",
                  label, n * 28 + 10);
    for (i = 0; i < n; i++) {
        double x = 230;
        ls_buf_printf(&r->out, "<text x=\"0\" y=\"%zu\" font-size=\"13\">", i * 28 + 19);
        ls_res_textn(r, g[i].name, strlen(g[i].name) > 45 ? 45 : strlen(g[i].name));
        ls_buf_puts(&r->out, "</text>");
        for (s = 0; s < LS_ST_COUNT; s++) {
            double w = 360.0 * (double)g[i].n[s] / (double)max;
            if (g[i].n[s])
                ls_buf_printf(&r->out,
                              "<rect x=\"%.1f\" y=\"%zu\" width=\"%.1f\" height=\"20\" "
                              "style=\"fill:var(--%s)\"><title>%s %zu</title></rect>",
                              x, i * 28 + 4, w, status_vars[s],
                              ls_item_status_name((ls_item_status)s), g[i].n[s]);
            x += w;
        }
        ls_buf_printf(&r->out, "<text x=\"%.1f\" y=\"%zu\" font-size=\"12\">%zu</text>", x + 5,
                      i * 28 + 19, g[i].total);
    }
    ls_buf_puts(&r->out, "</svg>");
}

static void status_badge(ls_req *r, json_t *item)
{
    ls_buf_printf(&r->out, "<span class=\"status st-%s\">%s</span>",
                  json_string_value(json_object_get(item, "status_code")),
                  json_string_value(json_object_get(item, "status")));
}

static void key_targets(ls_req *r, json_t *items)
{
    size_t i, j, shown = 0;
    json_t *it, *t;

    ls_buf_puts(&r->out, "<h2>重点指标</h2><table class=\"sortable\"><thead><tr><th>序号</th>"
                         "<th>指标</th><th>目标</th><th class=\"wide-only\">上年实际</th>"
                         "<th>最新进展</th><th>状态</th></tr></thead><tbody>");
    json_array_foreach(items, i, it)
    {
        json_array_foreach(json_object_get(it, "targets"), j, t)
        {
            json_t *b = json_object_get(t, "baseline"), *p = json_object_get(it, "progress");
            if (shown >= 30)
                break;
            shown++;
            ls_buf_printf(&r->out, "<tr><td class=\"num\"><a href=\"/tasks/%lld\">%lld</a></td><td>",
                          (long long)json_integer_value(json_object_get(it, "id")),
                          (long long)json_integer_value(json_object_get(it, "id")));
            ls_res_text(r, json_string_value(json_object_get(t, "metric")));
            ls_buf_puts(&r->out, "</td><td>");
            ls_res_text(r, json_string_value(json_object_get(t, "text")));
            ls_buf_puts(&r->out, "</td><td class=\"wide-only\">");
            ls_res_text(r, json_is_object(b) ? json_string_value(json_object_get(b, "text")) : "");
            ls_buf_puts(&r->out, "</td><td>");
            if (json_is_object(p)) {
                ls_res_text(r, json_string_value(json_object_get(p, "date")));
                ls_buf_puts(&r->out, " ");
                ls_res_text(r, json_string_value(json_object_get(p, "done_text")));
            }
            ls_buf_puts(&r->out, "</td><td>");
            status_badge(r, it);
            ls_buf_puts(&r->out, "</td></tr>");
        }
    }
    ls_buf_puts(&r->out, "</tbody></table>");
}

void h_dashboard(ls_req *r)
{
    group *areas = calloc(64, sizeof *areas), *units = calloc(256, sizeof *units);
    group all;
    size_t na = 0, nu = 0, i, k;
    ls_item_filter f;
    json_t *items = NULL, *it;
    ls_error err;
    ls_status st;
    char area[192];

    if (!areas || !units || !ls_api_filter(r, &f)) {
        if (!areas || !units)
            ls_page_error(r, 500, "out of memory");
        goto done;
    }
    st = ls_store_items(r->store, &f, &items, &err);
    if (st != LS_OK) {
        ls_page_error(r, 500, err.message);
        goto done;
    }
    memset(&all, 0, sizeof all);
    json_array_foreach(items, i, it)
    {
        ls_item_status s = ls_item_status_parse(json_string_value(json_object_get(it, "status")));
        const char *lead = json_string_value(json_object_get(it, "lead"));
        if (s >= LS_ST_COUNT)
            continue;
        all.n[s]++;
        all.total++;
        area_of(json_string_value(json_object_get(it, "path")), area, sizeof area);
        k = group_of(areas, &na, 64, area[0] ? area : "（其他）");
        areas[k].n[s]++;
        areas[k].total++;
        k = group_of(units, &nu, 256, lead ? lead : "（未明确牵头单位）");
        units[k].n[s]++;
        units[k].total++;
    }
    ls_page_begin(r, "总览");
    ls_buf_printf(&r->out, "<h1>任务推进总览</h1><p class=\"muted\">截至%s，台账共 %zu 项。</p>"
                           "<div class=\"cards\">",
                  f.as_of ? f.as_of : "今日", all.total);
    for (i = 0; i < LS_ST_COUNT; i++)
        ls_buf_printf(&r->out,
                      "<a class=\"card\" href=\"/tasks?status=%s\"><div class=\"n\">%zu</div>"
                      "<div class=\"label\"><span class=\"status st-%s\">%s</span></div></a>",
                      ls_item_status_code((ls_item_status)i), all.n[i],
                      ls_item_status_code((ls_item_status)i), ls_item_status_name((ls_item_status)i));
    ls_buf_puts(&r->out, "</div><div class=\"grid2\"><section class=\"panel\"><h2>各领域推进情况</h2>");
    bars(r, areas, na, "各领域事项状态");
    ls_buf_puts(&r->out, "</section><section class=\"panel\"><h2>各单位欠进度、逾期事项</h2>"
                         "<table class=\"sortable\"><thead><tr><th>牵头单位</th><th class=\"num\">"
                         "事项</th><th class=\"num\">欠进度</th><th class=\"num\">逾期</th></tr>"
                         "</thead><tbody>");
    /* ranked by rows behind and overdue */
    for (i = 0; i < nu; i++)
        for (k = i + 1; k < nu; k++)
            if (units[k].n[LS_ST_BEHIND] + units[k].n[LS_ST_OVERDUE] >
                units[i].n[LS_ST_BEHIND] + units[i].n[LS_ST_OVERDUE]) {
                group t = units[i];
                units[i] = units[k];
                units[k] = t;
            }
    for (i = 0; i < nu; i++) {
        ls_buf_puts(&r->out, "<tr><td><a href=\"/tasks?unit=");
        ls_res_url(r, units[i].name);
        ls_buf_puts(&r->out, "\">");
        ls_res_text(r, units[i].name);
        ls_buf_printf(&r->out, "</a></td><td class=\"num\">%zu</td><td class=\"num\">%zu</td>"
                               "<td class=\"num\">%zu</td></tr>",
                      units[i].total, units[i].n[LS_ST_BEHIND], units[i].n[LS_ST_OVERDUE]);
    }
    ls_buf_puts(&r->out, "</tbody></table></section></div>");
    key_targets(r, items);
    ls_page_end(r);
done:
    json_decref(items);
    free(areas);
    free(units);
}
