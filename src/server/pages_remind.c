/*
 * pages_remind.c — the pages of the closed loop of 督办, in Chinese:
 *
 *   GET /late?period=P          未按时报送: the units and rows with no report
 *                               by the due day of a period of the cycle
 *   GET /remind?as_of=D&within=N 催办: each unit's rows 红 / 黄 / 蓝, with the
 *                               催办单 to download (DOCX, HTML, Markdown)
 *   GET /todo[?unit=U]          a unit's 待办 (a unit user lands here)
 *
 * and the ranking panel of the dashboard (ls_page_rank_panel). The lists
 * are the ledger's (cycle.c, remind.c, todo.c), as the API gives them.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pages.h"

static const char *const alert_titles[] = {"", "临近完成时限", "低于序时进度", "逾期未完成"};

/* One row of a list: id, sentence, unit, deadline, status and colour. */
static void row(ls_req *r, const ls_item *it, ls_alert a, const char *extra)
{
    ls_buf_printf(&r->out, "<tr class=\"row-%s\"><td class=\"num\"><a href=\"/tasks/%lld\">%lld</a>"
                           "</td><td class=\"long\">",
                  ls_alert_code(a), it->id, it->id);
    ls_res_text(r, it->text);
    PUT(r, "</td><td>");
    ls_res_text(r, it->lead);
    PUT(r, "</td><td>");
    ls_res_text(r, it->due);
    PUT(r, "</td><td>");
    ls_page_status(r, it->pace, it->reason);
    if (a != LS_ALERT_NONE)
        ls_buf_printf(&r->out, " <span class=\"alert al-%s\" title=\"%s\">%s</span>",
                      ls_alert_code(a), alert_titles[a], ls_alert_name(a));
    PUT(r, "</td><td>");
    ls_res_text(r, extra ? extra : "");
    PUT(r, "</td></tr>");
}

static const char row_head[] = "<th class=\"num\">序号</th><th>任务</th><th>牵头单位</th>"
                               "<th>完成时限</th><th>状态</th><th>说明</th>";

/* The period of the query, else the last period whose reports are due. */
static const char *period_of(ls_req *r, char *buf, size_t size)
{
    const char *p = ls_req_query(r, "period");
    ls_cycle c;
    ls_error err;
    char today[11];

    if (p && *p)
        return p;
    ls_store_today(today);
    if (ls_store_cycle(r->store, &c, &err) != LS_OK ||
        !ls_ledger_period_of(&c, today, 1, buf, size))
        snprintf(buf, size, "%.4s", today);
    return buf;
}

void ls_page_rank_table(ls_req *r, const ls_cycle_period *p)
{
    size_t i;

    ls_page_table(r,
                  "<th class=\"num\">排名</th><th>牵头单位</th><th class=\"num\">按时报送率</th>"
                  "<th class=\"num\">达到序时进度</th><th class=\"num\">退回</th>",
                  LS_TABLE_SORT);
    for (i = 0; i < p->nunits; i++) {
        const ls_unit_rank *u = &p->units[i];
        ls_buf_printf(&r->out, "<tr><td class=\"num\">%zu</td><td>", u->rank);
        ls_res_text(r, u->unit);
        /* "—" where nothing was due or judged: 0 of 0 is no rate */
        if (u->expected)
            ls_buf_printf(&r->out, "</td><td class=\"num\">%.1f%%（%zu/%zu）", u->on_time_rate,
                          u->on_time, u->expected);
        else
            PUT(r, "</td><td class=\"num\">—");
        if (u->judged)
            ls_buf_printf(&r->out, "</td><td class=\"num\">%.1f%%（%zu/%zu）",
                          u->on_schedule_share, u->on_schedule, u->judged);
        else
            PUT(r, "</td><td class=\"num\">—");
        ls_buf_printf(&r->out, "</td><td class=\"num\">%zu</td></tr>", u->returned);
    }
    ls_page_table_end(r);
}

void ls_page_rank_panel(ls_req *r, const ls_item_filter *f)
{
    char buf[16];
    const char *period;
    ls_item_filter one = *f;
    ls_cycle_period p;
    ls_cycle c;
    ls_error err;

    one.status = NULL;
    if (ls_store_cycle(r->store, &c, &err) != LS_OK)
        return;
    if (!ls_ledger_period_of(&c, f->as_of ? f->as_of : "", 1, buf, sizeof buf))
        period = period_of(r, buf, sizeof buf);
    else
        period = buf;
    if (ls_ledger_cycle_period(r->store, &one, period, &p, &err) != LS_OK)
        return;
    PUT(r, "<section class=\"panel\"><h2>各单位排名（");
    ls_res_text(r, p.label);
    PUT(r, "）</h2>");
    ls_page_rank_table(r, &p);
    PUT(r, "<p><a href=\"/late?period=");
    ls_res_url(r, period);
    if (one.report)
        ls_buf_printf(&r->out, "&amp;report=%lld", one.report);
    PUT(r, "\">未按时报送情况 →</a> <a href=\"/remind\">催办 →</a></p></section>");
    ls_cycle_period_free(&p);
}

/* ---- GET /late ---- */

static void late_body(ls_req *r, const ls_cycle_period *p, const char *period)
{
    size_t i, late = 0;
    char extra[64];

    for (i = 0; i < p->nrows; i++)
        late += p->rows[i].reported != LS_REPORTED_ON_TIME;
    PUT(r, "<p>");
    ls_res_text(r, p->gov);
    PUT(r, " ");
    ls_res_text(r, p->label);
    ls_buf_printf(&r->out, "：报送时限 %s，应报送 %zu 项，未按时报送 %zu 项。</p>", p->due,
                  p->nrows, late);
    PUT(r, "<h2>各单位报送情况</h2>");
    ls_page_rank_table(r, p);
    PUT(r, "<h2>未按时报送的事项</h2>");
    ls_page_table(r, row_head, LS_TABLE_SORT | LS_TABLE_WIDE);
    for (i = 0; i < p->nrows; i++) {
        const ls_cycle_row *cr = &p->rows[i];
        if (cr->reported == LS_REPORTED_ON_TIME)
            continue;
        snprintf(extra, sizeof extra, "%s%s%.10s", ls_reported_name(cr->reported),
                 cr->reported_at ? " " : "", cr->reported_at ? cr->reported_at : "");
        row(r, cr->item, cr->reported == LS_REPORTED_NONE ? LS_ALERT_RED : LS_ALERT_YELLOW,
            extra);
    }
    ls_page_table_end(r);
    (void)period;
}

void h_late_page(ls_req *r)
{
    ls_item_filter f;
    ls_cycle_period p;
    char buf[16], msg[128];
    const char *period;
    ls_error err;
    ls_status st;

    if (!ls_page_filter(r, &f, msg, sizeof msg)) {
        ls_page_error(r, 400, msg);
        return;
    }
    period = period_of(r, buf, sizeof buf);
    st = ls_ledger_cycle_period(r->store, &f, period, &p, &err);
    if (st != LS_OK && st != LS_EINVAL) {
        ls_page_error(r, 500, err.message);
        return;
    }
    ls_page_begin(r, "未按时报送");
    PUT(r, "<h1>未按时报送情况</h1><form class=\"inline\" method=\"get\" action=\"/late\">"
           "<label>报送期间 <input name=\"period\" placeholder=\"2023-07 或 2023-Q3\" value=\"");
    ls_res_text(r, period);
    PUT(r, "\"></label><button type=\"submit\">查看</button></form>");
    if (st == LS_EINVAL)
        ls_page_notice(r, "error", "报送期间应为 YYYY-MM、YYYY-Qn、YYYY-Hn 或 YYYY");
    else
        late_body(r, &p, period);
    ls_page_end(r);
    ls_cycle_period_free(&p);
}

/* ---- GET /remind ---- */

/* The 'within' of the query, LS_ALERT_DAYS when absent; -1 if malformed. */
static int within_of(ls_req *r)
{
    const char *v = ls_req_query(r, "within");
    char *end;
    long n;

    if (!v || !*v)
        return LS_ALERT_DAYS;
    n = strtol(v, &end, 10);
    return *end == '\0' && n >= 0 && n <= 366 ? (int)n : -1;
}

/* The lists of one 催办单 per unit, and links to the documents. */
static void remind_body(ls_req *r, const ls_remind *rm)
{
    static const char *const formats[][2] = {{"docx", "Word"}, {"html", "HTML"}, {"md", "Markdown"}};
    size_t u, i;

    PUT(r, "<p>");
    for (i = 0; i < 3; i++) {
        ls_buf_printf(&r->out, "<a class=\"button\" href=\"/api/v1/remind?as_of=%s&amp;within=%d"
                               "&amp;format=%s\" download>下载催办单（%s）</a> ",
                      rm->as_of, rm->within, formats[i][0], formats[i][1]);
    }
    PUT(r, "</p>");
    if (rm->nunits == 0)
        ls_page_notice(r, "ok", "没有需要催办的事项。");
    for (u = 0; u < rm->nunits; u++) {
        const ls_remind_unit *ru = &rm->units[u];
        PUT(r, "<h2>");
        ls_res_text(r, ru->unit);
        ls_buf_printf(&r->out, "<small class=\"muted\">　红 %zu · 黄 %zu · 蓝 %zu</small></h2>",
                      ru->n[LS_ALERT_RED], ru->n[LS_ALERT_YELLOW], ru->n[LS_ALERT_BLUE]);
        ls_page_table(r, row_head, LS_TABLE_WIDE);
        for (i = 0; i < ru->nrows; i++)
            row(r, ru->rows[i], ru->alerts[i], alert_titles[ru->alerts[i]]);
        ls_page_table_end(r);
    }
}

void h_remind_page(ls_req *r)
{
    ls_item_filter f;
    ls_remind rm;
    char msg[128];
    int within = within_of(r);
    ls_error err;
    ls_status st = LS_EINVAL;

    if (!ls_page_filter(r, &f, msg, sizeof msg)) {
        ls_page_error(r, 400, msg);
        return;
    }
    memset(&rm, 0, sizeof rm);
    if (within >= 0)
        st = ls_ledger_remind(r->store, &f, f.as_of, within, &rm, &err);
    if (st != LS_OK && st != LS_EINVAL) {
        ls_page_error(r, 500, err.message);
        return;
    }
    ls_page_begin(r, "催办");
    PUT(r, "<h1>预警与催办</h1><form class=\"inline\" method=\"get\" action=\"/remind\">"
           "<label>截至日期 <input type=\"date\" name=\"as_of\" value=\"");
    ls_res_text(r, st == LS_OK ? rm.as_of : "");
    ls_buf_printf(&r->out, "\"></label><label>提前天数 <input type=\"number\" name=\"within\" "
                           "min=\"0\" max=\"366\" value=\"%d\"></label><button type=\"submit\">"
                           "查看</button></form><p class=\"muted\">红：逾期未完成；黄：低于序时"
                           "进度；蓝：%d 日内到达完成时限。</p>",
                  within >= 0 ? within : LS_ALERT_DAYS, within >= 0 ? within : LS_ALERT_DAYS);
    if (st != LS_OK)
        ls_page_notice(r, "error", "截至日期应为 YYYY-MM-DD，提前天数应为 0 至 366");
    else
        remind_body(r, &rm);
    ls_page_end(r);
    ls_remind_free(&rm);
}

/* ---- GET /todo ---- */

static void todo_body(ls_req *r, const ls_todo *t)
{
    size_t i, u, k = 0;

    ls_buf_printf(&r->out, "<h2>本期待报送（%s，报送时限 %s）</h2>", t->cycle.label, t->cycle.due);
    ls_page_table(r, row_head, LS_TABLE_WIDE);
    for (i = 0; i < t->cycle.nrows; i++)
        if (t->cycle.rows[i].reported != LS_REPORTED_ON_TIME &&
            strcmp(t->cycle.rows[i].item->lead, t->unit) == 0 && ++k)
            row(r, t->cycle.rows[i].item, LS_ALERT_NONE, "本期尚未报送");
    ls_page_table_end(r);
    if (k == 0)
        ls_page_notice(r, "ok", "本期事项均已报送。");
    PUT(r, "<h2>被退回的事项</h2>");
    if (t->nreturned == 0)
        PUT(r, "<p class=\"muted\">没有被退回的事项。</p>");
    else {
        ls_page_table(r, row_head, LS_TABLE_WIDE);
        for (i = 0; i < t->nreturned; i++)
            row(r, t->returned[i], LS_ALERT_NONE, "已退回，请重新报送");
        ls_page_table_end(r);
    }
    PUT(r, "<h2>预警事项</h2>");
    ls_page_table(r, row_head, LS_TABLE_WIDE);
    for (u = 0, k = 0; u < t->remind.nunits; u++)
        for (i = 0; strcmp(t->remind.units[u].unit, t->unit) == 0 && i < t->remind.units[u].nrows;
             i++, k++)
            row(r, t->remind.units[u].rows[i], t->remind.units[u].alerts[i],
                alert_titles[t->remind.units[u].alerts[i]]);
    ls_page_table_end(r);
    if (k == 0)
        ls_page_notice(r, "ok", "没有逾期、欠进度或临近时限的事项。");
}

void h_todo_page(ls_req *r)
{
    const char *unit = ls_req_query(r, "unit");
    ls_item_filter f;
    ls_todo t;
    char msg[128];
    ls_error err;

    if (!ls_page_filter(r, &f, msg, sizeof msg)) {
        ls_page_error(r, 400, msg);
        return;
    }
    if (r->role == ROLE_UNIT && r->user && r->user->unit)
        unit = r->user->unit;
    f.unit = NULL;
    ls_page_begin(r, "待办");
    PUT(r, "<h1>待办</h1><form class=\"inline\" method=\"get\" action=\"/todo\">"
           "<label>单位 <select name=\"unit\">");
    ls_page_unit_options(r, unit, "请选择单位");
    PUT(r, "</select></label><button type=\"submit\">查看</button></form>");
    if (!unit || !*unit) {
        ls_page_notice(r, "info", "请选择单位。");
    } else if (ls_ledger_todo(r->store, &f, unit, f.as_of, LS_ALERT_DAYS, &t, &err) != LS_OK) {
        ls_page_notice(r, "error", "无法读取待办事项。");
    } else {
        PUT(r, "<p class=\"muted\">");
        ls_res_text(r, t.unit);
        PUT(r, " 截至 ");
        ls_res_text(r, t.remind.as_of);
        PUT(r, "</p>");
        todo_body(r, &t);
        ls_todo_free(&t);
    }
    ls_page_end(r);
}
