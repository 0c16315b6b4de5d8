/*
 * pages_loop.c — the closed loop of 督办 on a row's page (pages_task.c
 * draws the rest of it):
 *
 *   - where its 办结 stands: 待审核, 已退回 with the office's reason (the
 *     unit sees it on its page), 已办结;
 *   - its files of evidence, each a download for whoever may read the row
 *     (GET /evidence/:id, api_loop.c), and an upload form for its units;
 *   - the office's review: approve (销号) or return with a reason.
 *
 *   POST /tasks/:id/evidence   multipart "evidence_file" fields (its units, admins)
 *   POST /tasks/:id/review     action=approve, or action=return and reason (admins)
 *
 * The rules are the ledger's (src/ledger/review.c, evidence.c). A POST that
 * works is answered 303 back to the row; one refused shows the message on
 * an error page that links back.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "error.h"
#include "loop_web.h"
#include "pages.h"
#include "pages_loop.h"

static long long task_id(ls_req *r)
{
    return strtoll(r->params[0], NULL, 10);
}

void ls_loop_review_notice(ls_req *r, const ls_item *it)
{
    if (!it->review)
        return;
    if (strcmp(it->review, "pending") == 0) {
        PUT(r, "<p class=\"notice\">已申请办结，待督查室审核（");
        ls_res_text(r, it->review_at);
        PUT(r, "）。</p>");
    } else if (strcmp(it->review, "returned") == 0) {
        PUT(r, "<p class=\"notice error\" id=\"returned\">办结申请已退回：");
        ls_res_text(r, it->review_reason);
        PUT(r, "（");
        ls_res_text(r, it->review_at);
        PUT(r, "）。请按要求补充后重新报送或再次申请办结。</p>");
    } else {
        PUT(r, "<p class=\"notice ok\">已办结（销号，");
        ls_res_text(r, it->review_at);
        PUT(r, "）。</p>");
    }
}

/* A size in words: 254 B, 12.3 KB, 4.5 MB. */
static void size_words(ls_req *r, long long n)
{
    if (n < 1024)
        ls_buf_printf(&r->out, "%lld B", n);
    else if (n < 1024 * 1024)
        ls_buf_printf(&r->out, "%.1f KB", n / 1024.0);
    else
        ls_buf_printf(&r->out, "%.1f MB", n / 1048576.0);
}

static void evidence_table(ls_req *r, const ls_evidence_list *l)
{
    size_t i;

    ls_page_table(r,
                  "<th>文件</th><th>类型</th><th class=\"num\">大小</th><th>报送单位</th>"
                  "<th>上传</th><th>SHA-256</th>",
                  LS_TABLE_WIDE);
    for (i = 0; i < l->n; i++) {
        const ls_evidence *e = &l->at[i];
        ls_buf_printf(&r->out, "<tr><td><a href=\"/evidence/%lld\" download>", e->id);
        ls_res_text(r, e->name);
        PUT(r, "</a></td><td>");
        ls_res_text(r, e->type);
        PUT(r, "</td><td class=\"num\">");
        size_words(r, e->size);
        PUT(r, "</td><td>");
        ls_res_text(r, e->unit ? e->unit : "督查室");
        PUT(r, "</td><td>");
        ls_res_text(r, e->by);
        PUT(r, "<br><small class=\"muted\">");
        ls_res_text(r, e->at);
        PUT(r, "</small></td><td><small class=\"muted\">");
        ls_res_textn(r, e->sha256, 16);
        PUT(r, "…</small></td></tr>");
    }
    ls_page_table_end(r);
}

void ls_loop_evidence_section(ls_req *r, const ls_item *it, int may_upload)
{
    ls_evidence_list l = {NULL, 0, NULL};
    ls_error err;

    PUT(r, "<section id=\"evidence\"><h2>佐证材料</h2>");
    if (!ls_loop_may_read(r, it->id)) {
        PUT(r, "<p class=\"muted\">佐证材料仅本条的牵头、配合单位和督查室可见。</p></section>");
        return;
    }
    if (ls_ledger_evidence_list(r->store, it->id, &l, &err) != LS_OK)
        ls_page_notice(r, "error", err.message);
    else if (l.n == 0)
        PUT(r, "<p class=\"muted\">尚无佐证材料。</p>");
    else
        evidence_table(r, &l);
    ls_mem_free(l.mem);
    if (may_upload) {
        ls_buf_printf(&r->out,
                      "<form class=\"inline\" method=\"post\" action=\"/tasks/%lld/evidence\" "
                      "enctype=\"multipart/form-data\">",
                      it->id);
        ls_page_csrf(r);
        PUT(r, "<label>上传佐证材料 <input type=\"file\" name=\"evidence_file\" multiple required "
               "accept=\".pdf,.png,.jpg,.jpeg,.gif,.webp,.docx,.xlsx,.pptx,.doc,.xls,.ppt,.wps,"
               ".et,.zip\"></label> <button type=\"submit\">上传</button>"
               "<span class=\"muted\"> PDF、图片、Office 文件或 ZIP，每个不超过 20 MB</span>"
               "</form>");
    }
    PUT(r, "</section>");
}

void ls_loop_review_form(ls_req *r, const ls_item *it)
{
    if (r->role != ROLE_ADMIN || !it->review || strcmp(it->review, "pending") != 0)
        return;
    ls_buf_printf(&r->out,
                  "<section class=\"panel\" id=\"review\"><h2>办结审核</h2>"
                  "<form class=\"stack\" method=\"post\" action=\"/tasks/%lld/review\">",
                  it->id);
    ls_page_csrf(r);
    PUT(r, "<label>退回理由（退回时必填） <textarea name=\"reason\" rows=\"2\"></textarea></label>"
           "<div class=\"row\"><button type=\"submit\" name=\"action\" value=\"approve\">审核通过，"
           "办结销号</button><button type=\"submit\" name=\"action\" value=\"return\" "
           "class=\"secondary\">退回</button></div></form></section>");
}

/* Back to the row, at 'anchor'; or the error of 'st' as a page. */
static void back(ls_req *r, ls_status st, const ls_error *err, const char *anchor)
{
    char location[64];

    if (st == LS_OK) {
        snprintf(location, sizeof location, "/tasks/%lld#%s", task_id(r), anchor);
        ls_res_redirect(r, location);
    } else if (st == LS_ENOTFOUND) {
        ls_page_error(r, 404, err->message);
    } else if (st == LS_EINVAL || st == LS_ELIMIT) {
        ls_page_error(r, st == LS_ELIMIT ? 413 : 400, err->message);
    } else {
        ls_page_error(r, st == LS_EBUSY ? 503 : 500, err->message);
    }
}

void h_task_evidence(ls_req *r)
{
    const char *unit = r->role == ROLE_UNIT ? r->user->unit : NULL;
    ls_error err;
    ls_status st = LS_OK;
    size_t i, n = 0;

    ls_req_form(r, "");
    if (r->role == ROLE_UNIT && (!unit || !ls_loop_may_read(r, task_id(r)))) {
        ls_page_error(r, 403, "本单位不是这一项的牵头或配合单位，不能上传佐证材料");
        return;
    }
    for (i = 0; i < r->nfields; i++) {
        const ls_field *f = &r->fields[i];
        ls_evidence_file file = {f->filename, f->value, f->len};
        if (!f->filename || !f->len || strcmp(f->name, "evidence_file") != 0)
            continue;
        LS_CHECK(ls_ledger_evidence_add(r->store, task_id(r), unit, &file, NULL, &err));
        n++;
    }
    if (n == 0) {
        ls_page_error(r, 400, "请选择要上传的文件");
        return;
    }
done:
    back(r, st, &err, "evidence");
}

void h_task_review(ls_req *r)
{
    const char *action = ls_req_form(r, "action"), *reason = ls_req_form(r, "reason");
    int approve = action && strcmp(action, "approve") == 0;
    ls_error err;
    ls_status st;

    if (!approve && (!reason || !*reason)) {
        ls_page_error(r, 400, "退回时请填写退回理由");
        return;
    }
    st = ls_ledger_review(r->store, task_id(r), approve, approve ? NULL : reason, &err);
    back(r, st, &err, "review");
}
