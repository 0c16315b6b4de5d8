/*
 * pages_task.c — one ledger row: GET /tasks/:id shows its sentence and
 * heading path, its targets with baseline and change, its owners and
 * deadline, its status with the reason, every progress report (newest
 * first) and the change log; with the forms its reader may use:
 *
 *   POST /tasks/:id/assign     admins: lead unit, co units, leader, due
 *   POST /tasks/:id/progress   the lead or a co unit of the row, admins:
 *                              one progress report (报送)
 *
 * A POST that works is answered 303 back to the task page; one the store
 * refuses shows the page again with the message and what was typed. A
 * unit user may report only on its own unit's rows (403 here; the store
 * checks the unit against the row as well). Roles and CSRF are checked
 * before these handlers run (routes.c).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "loop_web.h"
#include "pages.h"
#include "pages_outcome.h"
#include "pages_loop.h"

/* The page being drawn: the row, and when a form is shown again, which
 * one ("assign" or "progress") with the message of its error. */
typedef struct {
    ls_req *r;
    const ls_item *item;
    const char *form;
    const char *msg;
    const ls_progress_list *progress; /* its reports, newest first */
} task_view;

/* True when both are strings and equal. */
static int same(const char *a, const char *b)
{
    return a && b && strcmp(a, b) == 0;
}

/* A form field, NULL when absent or empty. */
static const char *field(ls_req *r, const char *name)
{
    const char *v = ls_req_form(r, name);

    return v && *v ? v : NULL;
}

static long long task_id(ls_req *r)
{
    return strtoll(r->params[0], NULL, 10);
}

/* The row 'id', judged today, into 'rows' (a list of one); LS_ENOTFOUND
 * when there is none. */
static ls_status load_item(ls_req *r, long long id, ls_item_list *rows, ls_error *err)
{
    ls_item_filter f;
    ls_status st;

    memset(&f, 0, sizeof f);
    f.id = id;
    LS_CHECK(ls_ledger_items(r->store, &f, rows, err));
    if (rows->n == 0)
        st = LS_ENOTFOUND;
done:
    return st;
}

/* True when the signed-in user may report progress on 'item': an admin,
 * or a unit user whose unit leads it or helps with it. */
static int may_report(ls_req *r, const ls_item *item)
{
    const char *unit = r->user ? r->user->unit : NULL, *lead = item->lead;
    size_t i;

    if (r->role == ROLE_ADMIN)
        return 1;
    if (r->role != ROLE_UNIT || !unit)
        return 0;
    if (same(lead, unit))
        return 1;
    for (i = 0; i < item->nco; i++)
        if (same(item->co[i], unit))
            return 1;
    for (i = 0; i < item->njoint; i++) /* every lead of a row reports */
        if (same(item->joint[i], unit))
            return 1;
    return 0;
}

/* The value of field 'name' to show: what was posted when form 'which' is
 * shown again, else 'dflt'. */
static const char *shown(const task_view *v, const char *which, const char *name, const char *dflt)
{
    const char *posted;
    int again = v->form && (strcmp(v->form, which) == 0 ||
                            (strcmp(v->form, "confirm") == 0 && strcmp(which, "progress") == 0));

    if (!again)
        return dflt ? dflt : "";
    posted = ls_req_form(v->r, name);
    return posted ? posted : "";
}

/* ---- the parts of the page ---- */

/* The heading path as a trail: 2023年工作任务 › 坚持工业强市… › 做强能源产业. */
static void path_trail(ls_req *r, const char *path)
{
    const char *p = path ? path : "", *sep;

    PUT(r, "<p class=\"path\">");
    while ((sep = strstr(p, " / ")) != NULL) {
        ls_res_textn(r, p, (size_t)(sep - p));
        PUT(r, " <span class=\"muted\">›</span> ");
        p = sep + 3;
    }
    ls_res_text(r, p);
    PUT(r, "</p>");
}

static void head(const task_view *v)
{
    ls_req *r = v->r;
    const ls_item *it = v->item;
    long long id = it->id, report = it->report;

    ls_buf_printf(&r->out,
                  "<p class=\"crumbs\"><a href=\"/tasks?report=%lld\">任务台账</a> › "
                  "<a href=\"/reports/%lld#t-%lld\">",
                  report, report, id);
    ls_res_text(r, it->gov);
    ls_buf_printf(&r->out, " %lld 年政府工作报告</a></p><h1>%s %lld ", it->year,
                  it->kind == LS_ITEM_TARGET ? "指标" : "任务", id);
    ls_page_status(r, it->pace, it->reason);
    PUT(r, "</h1><p class=\"reason muted\">状态依据：");
    ls_res_text(r, it->reason);
    PUT(r, "</p><blockquote class=\"sentence\">");
    ls_res_text(r, it->text);
    PUT(r, "</blockquote>");
    path_trail(r, it->path);
}

/* One row of a definition list; 'value' escaped, "—" when empty. */
static void def(ls_req *r, const char *term, const char *value)
{
    ls_buf_printf(&r->out, "<dt>%s</dt><dd>", term);
    ls_res_text(r, value && *value ? value : "—");
    PUT(r, "</dd>");
}

static void owners(const task_view *v)
{
    ls_req *r = v->r;
    size_t i;

    PUT(r, "<section class=\"panel\"><h2>责任分工</h2><dl class=\"facts\">");
    /* several leads: the first is of record, all are shown */
    PUT(r, "<dt>牵头单位</dt><dd>");
    ls_res_text(r, v->item->lead ? v->item->lead : v->item->njoint ? "" : "—");
    for (i = 0; i < v->item->njoint; i++) {
        PUT(r, v->item->lead || i ? "、" : "");
        ls_res_text(r, v->item->joint[i]);
    }
    PUT(r, "</dd><dt>配合单位</dt><dd>");
    for (i = 0; i < v->item->nco; i++) {
        if (i)
            PUT(r, "、");
        ls_res_text(r, v->item->co[i]);
    }
    if (v->item->others) {
        PUT(r, v->item->nco ? "、" : "");
        ls_res_text(r, v->item->others);
    }
    if (v->item->nco == 0 && !v->item->others)
        PUT(r, "—");
    PUT(r, "</dd>");
    if (v->item->office_no)
        def(r, "方案序号", v->item->office_no);
    def(r, "分管领导", v->item->leader);
    def(r, "完成时限", v->item->due);
    def(r, "建议牵头", v->item->suggested_lead);
    def(r, "所属部分", ls_page_part_name(v->item->part));
    PUT(r, "</dl></section>");
}

/* The baseline of a target and the change from it. */
static void baseline_cells(ls_req *r, const ls_baseline *b)
{
    PUT(r, "<td>");
    if (b)
        ls_res_text(r, b->text);
    PUT(r, "</td><td class=\"num\">");
    if (b && b->has_change_abs) {
        PUT(r, b->change_abs > 0 ? "+" : "");
        ls_page_number(r, b->change_abs);
        PUT(r, " ");
        ls_res_text(r, b->unit);
    }
    if (b && b->has_change_pct)
        ls_buf_printf(&r->out, "<br>%+.1f%%", b->change_pct);
    PUT(r, "</td>");
}

static void targets(const task_view *v)
{
    ls_req *r = v->r;
    size_t i;

    PUT(r, "<section class=\"panel\"><h2>量化指标</h2>");
    if (v->item->ntargets == 0) {
        PUT(r, "<p class=\"muted\">本条没有量化指标。</p></section>");
        return;
    }
    ls_outcomes outcomes;

    memset(&outcomes, 0, sizeof outcomes);
    ls_page_table(r,
                  "<th>指标</th><th>目标</th><th>上年基数</th><th class=\"num\">变化</th>"
                  "<th>次年兑现</th>",
                  0);
    for (i = 0; i < v->item->ntargets; i++) {
        const ls_item_target *t = &v->item->targets[i];
        PUT(r, "<tr><td>");
        ls_res_text(r, t->metric);
        PUT(r, "</td><td>");
        ls_res_text(r, t->text);
        ls_buf_printf(&r->out, "<br><small class=\"muted\">%s", ls_op_words(t->op));
        ls_page_number(r, t->value);
        PUT(r, " ");
        ls_res_text(r, t->unit);
        PUT(r, "</small></td>");
        baseline_cells(r, t->baseline);
        PUT(r, "<td>");
        ls_page_outcome(r, &outcomes, v->item, t);
        PUT(r, "</td></tr>");
    }
    ls_outcomes_free(&outcomes);
    ls_page_table_end(r);
    PUT(r, "</section>");
}

/* Evidence as a link when it is a web address, else as text. */
static void evidence(ls_req *r, const char *e)
{
    if (e && (strncmp(e, "http://", 7) == 0 || strncmp(e, "https://", 8) == 0)) {
        PUT(r, "<a href=\"");
        ls_res_text(r, e);
        PUT(r, "\" rel=\"noopener noreferrer\">");
        ls_res_text(r, e);
        PUT(r, "</a>");
    } else {
        ls_res_text(r, e);
    }
}

static void progress_row(ls_req *r, const ls_progress_entry *p)
{
    PUT(r, "<tr><td>");
    ls_res_text(r, p->date);
    PUT(r, "</td><td>");
    ls_res_text(r, p->unit);
    PUT(r, "</td><td class=\"num\">");
    if (p->has_value)
        ls_page_number(r, p->value);
    for (size_t i = 0; i < p->nvalues; i++) {
        PUT(r, i ? "<br>" : "");
        ls_page_number(r, p->values[i].value);
    }
    PUT(r, "</td><td class=\"num\">");
    if (p->has_percent)
        ls_buf_printf(&r->out, "%.1f%%", p->percent);
    PUT(r, "</td><td class=\"long\">");
    ls_res_text(r, p->done_text);
    PUT(r, "</td><td class=\"long\">");
    ls_res_text(r, p->problems);
    PUT(r, "</td><td class=\"long\">");
    ls_res_text(r, p->next_steps);
    PUT(r, "</td><td>");
    evidence(r, p->evidence);
    PUT(r, "</td><td>");
    ls_res_text(r, p->by);
    PUT(r, "<br><small class=\"muted\">");
    ls_res_text(r, p->at);
    PUT(r, "</small></td></tr>");
}

static void progress_list(ls_req *r, const ls_progress_list *list)
{
    size_t i;

    ls_buf_printf(&r->out, "<h2 id=\"progress\">进展报送（%zu 次）</h2>", list->n);
    if (list->n == 0) {
        PUT(r, "<p class=\"muted\">尚无进展报送。</p>");
        return;
    }
    ls_page_table(r,
                  "<th>报送日期</th><th>报送单位</th><th class=\"num\">数值</th>"
                  "<th class=\"num\">完成比例</th><th>进展情况</th><th>存在问题</th>"
                  "<th>下一步措施</th><th>佐证材料</th><th>填报</th>",
                  LS_TABLE_WIDE);
    for (i = 0; i < list->n; i++)
        progress_row(r, &list->at[i]);
    ls_page_table_end(r);
}

/* The Chinese word for an action or field of the change log. */
static const char *log_word(const char *w)
{
    static const char *const words[][2] = {
        {"import", "导入"}, {"assign", "分工"},     {"progress", "报送进展"},
        {"add", "新增"},    {"remove", "删除"},     {"lead", "牵头单位"},
        {"co", "配合单位"}, {"leader", "分管领导"}, {"due", "完成时限"},
        {"finish", "申请办结"}, {"approve", "审核通过"}, {"return", "退回"},
        {"evidence", "佐证材料"}, {"replaces", "更正报送"}, {"restore", "恢复"}};
    size_t i;

    for (i = 0; w && i < sizeof words / sizeof words[0]; i++)
        if (strcmp(w, words[i][0]) == 0)
            return words[i][1];
    return w;
}

static void change_log(ls_req *r, const ls_change_list *log)
{
    size_t i, n = log->n;

    PUT(r, "<h2>变更记录</h2>");
    ls_page_table(r,
                  "<th>时间</th><th>操作人</th><th>操作</th><th>字段</th><th>原值</th>"
                  "<th>新值</th>",
                  LS_TABLE_WIDE);
    /* newest first, as the progress reports */
    for (i = n; i-- > 0;) {
        const ls_change_entry *c = &log->at[i];
        PUT(r, "<tr><td>");
        ls_res_text(r, c->at);
        PUT(r, "</td><td>");
        ls_res_text(r, c->actor);
        PUT(r, "</td><td>");
        ls_res_text(r, log_word(c->action));
        PUT(r, "</td><td>");
        ls_res_text(r, log_word(c->field));
        PUT(r, "</td><td>");
        ls_res_text(r, c->old_value);
        PUT(r, "</td><td>");
        ls_res_text(r, c->new_value);
        PUT(r, "</td></tr>");
    }
    ls_page_table_end(r);
}

/* ---- the forms ---- */

/* True when 'name' is among the co units to show checked. */
static int co_checked(const task_view *v, const char *name)
{
    size_t i;

    if (v->form && strcmp(v->form, "assign") == 0) {
        for (i = 0; i < v->r->nfields; i++)
            if (strcmp(v->r->fields[i].name, "co") == 0 && same(v->r->fields[i].value, name))
                return 1;
        return 0;
    }
    for (i = 0; i < v->item->nco; i++)
        if (same(v->item->co[i], name))
            return 1;
    return 0;
}

static void co_boxes(const task_view *v)
{
    ls_req *r = v->r;
    ls_unit_list units;
    ls_error err;
    size_t i;

    PUT(r, "<fieldset class=\"checks\"><legend>配合单位</legend>");
    if (ls_store_units(r->store, &units, &err) != LS_OK)
        memset(&units, 0, sizeof units);
    for (i = 0; i < units.n; i++) {
        const char *name = units.at[i].name;
        PUT(r, "<label class=\"check\"><input type=\"checkbox\" name=\"co\" value=\"");
        ls_res_text(r, name);
        PUT(r, co_checked(v, name) ? "\" checked> " : "\"> ");
        ls_res_text(r, name);
        PUT(r, "</label>");
    }
    if (units.n == 0)
        PUT(r, "<p class=\"muted\">尚无单位，请先在“单位”页添加。</p>");
    PUT(r, "</fieldset>");
    ls_mem_free(units.mem);
}

/* A text input of a form, with the value to show. */
static void input(ls_req *r, const char *label, const char *type, const char *name,
                  const char *value, const char *extra)
{
    ls_buf_printf(&r->out, "<label>%s <input type=\"%s\" name=\"%s\" value=\"", label, type, name);
    ls_res_text(r, value);
    ls_buf_printf(&r->out, "\"%s></label>", extra);
}

static void textarea(ls_req *r, const char *label, const char *name, const char *value,
                     const char *extra)
{
    ls_buf_printf(&r->out, "<label>%s <textarea name=\"%s\" rows=\"3\"%s>", label, name, extra);
    ls_res_text(r, value);
    PUT(r, "</textarea></label>");
}

static void assign_form(const task_view *v)
{
    ls_req *r = v->r;
    /* a row with no lead yet has the suggestion chosen: the office confirms it */
    const char *lead = shown(v, "assign", "lead",
                             v->item->lead ? v->item->lead : v->item->suggested_lead);

    ls_buf_printf(&r->out,
                  "<section class=\"panel\" id=\"assign\"><h2>分工</h2><form "
                  "class=\"stack\" method=\"post\" action=\"/tasks/%lld/assign\">",
                  v->item->id);
    if (v->form && strcmp(v->form, "assign") == 0)
        ls_page_notice(r, "error", v->msg);
    ls_page_csrf(r);
    PUT(r, "<label>牵头单位 <select name=\"lead\">");
    ls_page_unit_options(r, lead, "（未指定）");
    PUT(r, "</select></label>");
    if (v->item->suggested_lead) {
        PUT(r, "<p class=\"hint muted\">建议牵头单位：");
        ls_res_text(r, v->item->suggested_lead);
        PUT(r, v->item->lead ? "</p>" : "（已预选，提交即确认）</p>");
    }
    co_boxes(v);
    input(r, "分管领导", "text", "leader", shown(v, "assign", "leader", v->item->leader),
          "");
    input(r, "完成时限", "date", "due", shown(v, "assign", "due", v->item->due), "");
    PUT(r, "<button type=\"submit\">保存分工</button></form></section>");
}

/* The reporting unit: a unit user's own; an admin picks the lead or a
 * co unit of the row. */
static void reporting_unit(const task_view *v)
{
    ls_req *r = v->r;
    const char *chosen = shown(v, "progress", "unit", v->item->lead);
    size_t i;

    if (r->role != ROLE_ADMIN) {
        PUT(r, "<p class=\"hint\">报送单位：");
        ls_res_text(r, r->user->unit);
        PUT(r, "</p>");
        return;
    }
    PUT(r, "<label>报送单位 <select name=\"unit\" required>");
    if (v->item->lead) {
        PUT(r, "<option value=\"");
        ls_res_text(r, v->item->lead);
        PUT(r, "\">");
        ls_res_text(r, v->item->lead);
        PUT(r, "（牵头）</option>");
    }
    for (i = 0; i < v->item->njoint; i++) {
        PUT(r, "<option value=\"");
        ls_res_text(r, v->item->joint[i]);
        PUT(r, same(v->item->joint[i], chosen) ? "\" selected>" : "\">");
        ls_res_text(r, v->item->joint[i]);
        PUT(r, "（共同牵头）</option>");
    }
    for (i = 0; i < v->item->nco; i++) {
        PUT(r, "<option value=\"");
        ls_res_text(r, v->item->co[i]);
        PUT(r, same(v->item->co[i], chosen) ? "\" selected>" : "\">");
        ls_res_text(r, v->item->co[i]);
        PUT(r, "（配合）</option>");
    }
    PUT(r, "</select></label>");
}

/* The figure fields: one per target (a row of several), each with the
 * unit its target is shown in beside it (4 means 4万亩 against 8.03万亩). */
static void value_fields(const task_view *v)
{
    ls_req *r = v->r;
    const ls_item *it = v->item;
    char unit[64];
    size_t i, k = 0;

    if (it->ntargets == 0) {
        input(r, "完成数值", "text", "value", shown(v, "progress", "value", ""),
              " inputmode=\"decimal\"");
        return;
    }
    for (i = 0; i < it->ntargets; i++) {
        const ls_item_target *t = &it->targets[i];
        const char *posted = "";
        size_t j;
        ls_ledger_target_unit(t, unit, sizeof unit);
        /* the n-th "value" field posted, when the form is shown again */
        for (j = 0; v->form && j < r->nfields; j++)
            if (strcmp(r->fields[j].name, "value") == 0 && k++ == i) {
                posted = r->fields[j].value;
                break;
            }
        k = 0;
        PUT(r, "<label>完成数值（目标 ");
        ls_res_text(r, t->text);
        PUT(r, "） <input type=\"text\" name=\"value\" inputmode=\"decimal\" value=\"");
        ls_res_text(r, posted);
        PUT(r, "\"><span class=\"unit-of\">");
        ls_res_text(r, *unit ? unit : "（无单位）");
        PUT(r, "</span></label>");
    }
}

/* A report may correct an earlier one of the row (nothing is edited). */
static void replaces_field(const task_view *v)
{
    ls_req *r = v->r;
    const char *chosen = shown(v, "progress", "replaces", "");
    size_t i;

    if (!v->progress || v->progress->n == 0)
        return;
    PUT(r, "<label>更正以前的报送（可选） <select name=\"replaces\"><option value=\"\">"
           "（新的报送，不更正）</option>");
    for (i = 0; i < v->progress->n; i++) {
        const ls_progress_entry *p = &v->progress->at[i];
        char id[24];
        snprintf(id, sizeof id, "%lld", p->id);
        ls_buf_printf(&r->out, "<option value=\"%lld\"%s>第 %lld 次报送：", p->id,
                      same(chosen, id) ? " selected" : "", p->id);
        ls_res_text(r, p->date);
        PUT(r, " ");
        ls_res_text(r, p->unit);
        PUT(r, "</option>");
    }
    PUT(r, "</select></label>");
}

static void progress_form(const task_view *v)
{
    ls_req *r = v->r;
    char today[11];
    int confirm = v->form && strcmp(v->form, "confirm") == 0;

    ls_store_today(today);
    ls_buf_printf(&r->out, "<section class=\"panel\" id=\"report\"><h2>报送进展</h2>");
    if (!v->item->lead && v->item->nco == 0) {
        PUT(r, "<p class=\"muted\">本条尚未分工，分工后由牵头或配合单位报送进展。</p></section>");
        return;
    }
    ls_buf_printf(&r->out,
                  "<form class=\"stack\" method=\"post\" action=\"/tasks/%lld/progress\" "
                  "enctype=\"multipart/form-data\">",
                  v->item->id);
    if (v->form && (strcmp(v->form, "progress") == 0 || confirm))
        ls_page_notice(r, "error", v->msg);
    ls_page_csrf(r);
    reporting_unit(v);
    input(r, "报送日期", "date", "date", shown(v, "progress", "date", today), " required");
    PUT(r, "<div class=\"row\">");
    value_fields(v);
    input(r, "完成比例（%）", "number", "percent", shown(v, "progress", "percent", ""),
          " step=\"any\" min=\"0\" max=\"100\" inputmode=\"decimal\"");
    PUT(r, "</div>");
    if (confirm)
        PUT(r, "<label class=\"confirm\"><input type=\"checkbox\" name=\"confirm\" value=\"1\"> "
               "数值无误，确认提交（与目标相差很大；所附文件需重新选择）</label>");
    textarea(r, "进展情况", "done_text", shown(v, "progress", "done_text", ""), " required");
    textarea(r, "存在问题", "problems", shown(v, "progress", "problems", ""), "");
    textarea(r, "下一步措施", "next_steps", shown(v, "progress", "next_steps", ""), "");
    PUT(r, "<label>佐证材料（PDF、图片、Office 文件或 ZIP，每个不超过 20 MB） "
           "<input type=\"file\" name=\"evidence_file\" multiple "
           "accept=\".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.doc,.xls,.ppt,.wps,.et,.zip\">"
           "</label>");
    input(r, "佐证材料链接（可选）", "text", "evidence", shown(v, "progress", "evidence", ""), "");
    replaces_field(v);
    PUT(r, "<div class=\"row\"><button type=\"submit\" name=\"action\" value=\"report\">提交报送"
           "</button><button type=\"submit\" name=\"action\" value=\"finish\" "
           "class=\"secondary\">申请办结</button></div>"
           "<p class=\"hint muted\">申请办结后，本条为“待审核”，由督查室审核通过后销号。</p>"
           "</form></section>");
}

/* ---- the page ---- */

/* The notice at the top of a row removed from the ledger. */
static void removed_notice(ls_req *r, const char *removed_at)
{
    if (!removed_at)
        return;
    PUT(r, "<p class=\"notice error\">本条已于 ");
    ls_res_text(r, removed_at);
    PUT(r, " 移出台账：不计入总览、通报和下载，也不能报送进展。</p>");
}

/* Admins take a row of the draft that is no task out of the ledger, or
 * put a removed one back (POST /tasks/:id/remove, /restore). */
static void removal_form(const task_view *v, const char *removed_at)
{
    ls_req *r = v->r;
    long long id = v->item->id;

    if (r->role != ROLE_ADMIN)
        return;
    ls_buf_printf(&r->out, "<form class=\"inline\" method=\"post\" action=\"/tasks/%lld/%s\">",
                  id, removed_at ? "restore" : "remove");
    ls_page_csrf(r);
    PUT(r, removed_at ? "<button type=\"submit\">恢复到台账</button>"
                      : "<button type=\"submit\" class=\"secondary\">移出台账</button>"
                        "<span class=\"hint muted\"> 本条不是需要落实的任务（如形势分析、"
                        "引导语）时使用；可随时恢复。</span>");
    PUT(r, "</form>");
}

static void task_page(const task_view *v, const ls_progress_list *progress,
                      const ls_change_list *log)
{
    ls_req *r = v->r;
    const char *removed_at = v->item->removed_at;
    int assign = r->role == ROLE_ADMIN && !removed_at,
        report = may_report(r, v->item) && !removed_at;

    ls_page_begin(r, "任务详情");
    head(v);
    removed_notice(r, removed_at);
    ls_loop_review_notice(r, v->item);
    PUT(r, "<div class=\"grid2\">");
    owners(v);
    targets(v);
    PUT(r, "</div>");
    progress_list(r, progress);
    ls_loop_evidence_section(r, v->item, report);
    ls_loop_review_form(r, v->item);
    if (assign || report) {
        PUT(r, assign && report ? "<div class=\"grid2\">" : "<div>");
        if (assign)
            assign_form(v);
        if (report)
            progress_form(v);
        PUT(r, "</div>");
    }
    removal_form(v, removed_at);
    change_log(r, log);
    ls_page_end(r);
}

/* Draws the task page of the row in the URL; 'form' and 'msg' (may be
 * NULL) show a form again with its error, with HTTP 'status'. */
static void show(ls_req *r, int status, const char *form, const char *msg)
{
    task_view v = {r, NULL, form, msg, NULL};
    ls_item_list rows = {NULL, 0, NULL};
    ls_progress_list progress = {NULL, 0, NULL};
    ls_change_list log = {NULL, 0, NULL};
    ls_error err;
    ls_status st;

    LS_CHECK(load_item(r, task_id(r), &rows, &err));
    LS_CHECK(ls_store_progress_list(r->store, task_id(r), &progress, &err));
    LS_CHECK(ls_store_history(r->store, task_id(r), &log, &err));
done:
    if (st == LS_ENOTFOUND) {
        ls_page_error(r, 404, "台账中没有这一项");
    } else if (st != LS_OK) {
        ls_page_error(r, 500, err.message);
    } else {
        r->status = status;
        v.item = &rows.at[0];
        v.progress = &progress;
        task_page(&v, &progress, &log);
    }
    ls_mem_free(rows.mem);
    ls_mem_free(progress.mem);
    ls_mem_free(log.mem);
}

void h_task_page(ls_req *r)
{
    show(r, 200, NULL, NULL);
}

/* After a write: back to the task page, or the form again with the
 * store's message. */
static void answer(ls_req *r, ls_status st, const ls_error *err, const char *form)
{
    char location[64];

    if (st == LS_OK) {
        snprintf(location, sizeof location, "/tasks/%lld#%s", task_id(r),
                 strcmp(form, "assign") == 0 ? "assign" : "progress");
        ls_res_redirect(r, location);
    } else if (st == LS_EINVAL || st == LS_ENOTFOUND || st == LS_EEXIST) {
        show(r, st == LS_EEXIST ? 409 : 400, form, err->message);
    } else {
        ls_page_error(r, st == LS_EBUSY ? 503 : 500, err->message);
    }
}

void h_task_assign(ls_req *r)
{
    const char *co[64];
    ls_assignment a;
    ls_error err;
    long long id = task_id(r);
    size_t i;

    memset(&a, 0, sizeof a);
    a.lead = field(r, "lead");
    a.leader = ls_req_form(r, "leader");
    a.due = field(r, "due");
    /* the checkboxes are the whole list: none checked clears it */
    for (i = 0; i < r->nfields && a.co_count < 64; i++)
        if (strcmp(r->fields[i].name, "co") == 0)
            co[a.co_count++] = r->fields[i].value;
    a.co = co;
    a.set_co = 1;
    answer(r, ls_store_assign(r->store, &id, 1, &a, &err), &err, "assign");
}

/* POST /tasks/:id/progress (multipart): a report, or with action=finish
 * a 办结 request; a figure far from its target shows the form again with a
 * box to confirm it. */
void h_task_progress(ls_req *r)
{
    ls_item_list rows = {NULL, 0, NULL};
    ls_loop_in l;
    ls_error err;
    ls_status st = load_item(r, task_id(r), &rows, &err);
    int finish = same(ls_req_form(r, "action"), "finish");

    if (st == LS_ENOTFOUND) {
        ls_page_error(r, 404, "台账中没有这一项");
    } else if (st != LS_OK) {
        ls_page_error(r, 500, err.message);
    } else if (!may_report(r, &rows.at[0])) {
        ls_page_error(r, 403, "本单位不是这一项的牵头或配合单位，不能报送进展");
    } else if (!ls_loop_read(r, NULL, &l)) {
        show(r, 400, "progress", "完成比例应为数字，完成数值应为数字（可带单位，如 9.5万人）");
    } else {
        st = finish ? ls_ledger_finish(r->store, task_id(r), &l.in, NULL, &err)
                    : ls_ledger_report(r->store, task_id(r), &l.in, NULL, &err);
        char msg[LS_ERROR_MESSAGE_SIZE + 200];
        snprintf(msg, sizeof msg, "填报的数值与目标相差很大，请核对单位（%s）；确认无误请勾选"
                                  "“数值无误”后再次提交", err.message);
        if (st == LS_ECONFIRM)
            show(r, 409, "confirm", msg);
        else if (st == LS_ELIMIT)
            show(r, 413, "progress", err.message);
        else
            answer(r, st, &err, "progress");
    }
    ls_mem_free(rows.mem);
}

/* POST /tasks/:id/remove and /restore (admin): back to the row's page. */
static void set_removed(ls_req *r, int removed)
{
    char location[64];
    ls_error err;
    ls_status st = ls_store_item_set_removed(r->store, task_id(r), removed, &err);

    if (st == LS_OK) {
        snprintf(location, sizeof location, "/tasks/%lld", task_id(r));
        ls_res_redirect(r, location);
    } else if (st == LS_ENOTFOUND) {
        ls_page_error(r, 404, "台账中没有这一项");
    } else {
        ls_page_error(r, st == LS_EBUSY ? 503 : 500, err.message);
    }
}

void h_task_remove(ls_req *r)
{
    set_removed(r, 1);
}

void h_task_restore(ls_req *r)
{
    set_removed(r, 0);
}
