/*
 * pages_admin.c — the units and the import of reports:
 *
 *   GET  /units    the units with the rows they lead and help with; for
 *                  admins a form to add one
 *   POST /units    (admin) adds the unit, 303 back to /units
 *   GET  /import   (admin) the upload form: a report file, government, year
 *   POST /import   (admin) ls_store_import, 303 to the report's document
 *
 * A write the store refuses shows its form again with the message and
 * what was typed. Users are added on /users (pages_users.c); API tokens
 * through the JSON API and the command line (api_accounts.c, luoshi user).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pages.h"

/* ---- /units ---- */

static void unit_row(ls_req *r, const ls_unit *u)
{
    PUT(r, "<tr><td><a href=\"/tasks?unit=");
    ls_res_url(r, u->name);
    PUT(r, "\">");
    ls_res_text(r, u->name);
    ls_buf_printf(&r->out, "</a></td><td class=\"num\">%lld</td><td class=\"num\">%lld</td></tr>",
                  u->lead, u->co);
}

static void unit_form(ls_req *r, const char *name, const char *msg)
{
    PUT(r, "<section class=\"panel\"><h2>添加单位</h2>");
    if (msg)
        ls_page_notice(r, "error", msg);
    PUT(r, "<form class=\"inline\" method=\"post\" action=\"/units\">");
    ls_page_csrf(r);
    PUT(r, "<label>单位名称 <input name=\"name\" required maxlength=\"100\" value=\"");
    ls_res_text(r, name ? name : "");
    PUT(r, "\"></label><button type=\"submit\">添加</button></form></section>");
}

/* The units page with HTTP 'status'; 'name' and 'msg' show the add form
 * again after an error. */
static void units_page(ls_req *r, int status, const char *name, const char *msg)
{
    ls_unit_list units;
    ls_error err;
    size_t i;

    if (ls_store_units(r->store, &units, &err) != LS_OK) {
        ls_page_error(r, 500, err.message);
        return;
    }
    r->status = status;
    ls_page_begin(r, "单位");
    ls_buf_printf(&r->out, "<h1>责任单位</h1><p class=\"muted\">共 %zu 个单位。</p>", units.n);
    if (r->role == ROLE_ADMIN)
        unit_form(r, name, msg);
    ls_page_table(r, "<th>单位</th><th class=\"num\">牵头事项</th><th class=\"num\">配合事项</th>",
                  LS_TABLE_SORT);
    for (i = 0; i < units.n; i++)
        unit_row(r, &units.at[i]);
    ls_page_table_end(r);
    ls_page_end(r);
    ls_mem_free(units.mem);
}

void h_units_page(ls_req *r)
{
    units_page(r, 200, NULL, NULL);
}

void h_unit_add_page(ls_req *r)
{
    const char *name = ls_req_form(r, "name");
    ls_error err;
    ls_status st;

    if (!name || !*name) {
        units_page(r, 400, name, "请填写单位名称");
        return;
    }
    st = ls_store_unit_add(r->store, name, &err);
    if (st == LS_OK)
        ls_res_redirect(r, "/units");
    else if (st == LS_EEXIST)
        units_page(r, 409, name, "该单位已存在");
    else if (st == LS_EINVAL)
        units_page(r, 400, name, err.message);
    else
        ls_page_error(r, st == LS_EBUSY ? 503 : 500, err.message);
}

/* ---- /import ---- */

static void import_form(ls_req *r, const char *gov, const char *year, const char *msg)
{
    ls_page_begin(r, "导入报告");
    PUT(r, "<h1>导入政府工作报告</h1><p class=\"muted\">支持 UTF-8、GB18030/GBK 文本、Markdown、"
           "政府网站保存的 HTML 页面、Word 文档（.docx）和带文字层的 PDF，最大 16 MB。"
           "同一文件重复导入不会改变台账。</p>");
    if (msg)
        ls_page_notice(r, "error", msg);
    PUT(r, "<form class=\"stack panel\" method=\"post\" action=\"/import\" "
           "enctype=\"multipart/form-data\">");
    ls_page_csrf(r);
    PUT(r, "<label>报告文件 <input type=\"file\" name=\"file\" required "
           "accept=\".txt,.md,.html,.htm,.docx,.pdf\"></label><label>政府名称 <input name=\"gov\" required "
           "placeholder=\"如 大同市\" value=\"");
    ls_res_text(r, gov ? gov : "");
    PUT(r, "\"></label><label>年份 <input type=\"number\" name=\"year\" required min=\"1949\" "
           "max=\"2200\" value=\"");
    ls_res_text(r, year ? year : "");
    PUT(r, "\"></label><button type=\"submit\">导入</button></form>");
    ls_page_end(r);
}

void h_import_page(ls_req *r)
{
    import_form(r, NULL, NULL, NULL);
}

/* The message of a refused import, in the words of the page, into 'out':
 * what is wrong in Chinese, and the reader's own words (which name the
 * file and the limit) after it. */
static void import_message(ls_status st, const ls_error *err, char *out, size_t size)
{
    static const struct {
        const char *key, *says;
    } known[] = {
        {"no text layer", "这个 PDF 没有文字层（可能是扫描件），请上传带文字的 PDF、Word 或文本版本"},
        {"PDF is encrypted", "PDF 已加密，请去掉密码另存后再导入"},
        {"encrypted Word", "Word 文档已加密，请去掉密码另存后再导入"},
        {"Word 97-2003", "这是 Word 97-2003 格式（.doc），请另存为 .docx 后再导入"},
        {"not a readable PDF", "PDF 文件已损坏，无法读取"},
        {"(the limit)", "文件超出读取限制（过大，或是压缩炸弹）"},
        {"Word document", "Word 文档已损坏或不是 .docx 文件"},
        {"DOCX", "Word 文档已损坏或不是 .docx 文件"},
    };
    size_t i;

    if (st == LS_EUTF8) {
        snprintf(out, size, "文件编码无法识别（既不是 UTF-8 也不是 GB18030）");
        return;
    }
    if (st == LS_EBINARY) {
        snprintf(out, size, "这不是文本文件");
        return;
    }
    for (i = 0; i < sizeof known / sizeof known[0]; i++)
        if (strstr(err->message, known[i].key)) {
            snprintf(out, size, "%s（%s）", known[i].says, err->message);
            return;
        }
    snprintf(out, size, "%s", err->message[0] ? err->message : ls_status_str(st));
}

void h_import_post(ls_req *r)
{
    const ls_field *file = ls_req_file(r, "file");
    const char *gov = ls_req_form(r, "gov"), *year = ls_req_form(r, "year");
    long long y = year ? strtoll(year, NULL, 10) : 0;
    char location[64], msg[LS_ERROR_MESSAGE_SIZE + 256];
    ls_import_result res;
    ls_error err;
    ls_status st;

    if (!file || file->len == 0 || !gov || !*gov || y <= 0) {
        r->status = 400;
        import_form(r, gov, year, "请选择文件并填写政府名称和年份");
        return;
    }
    st = ls_store_import(r->store, file->value, file->len,
                         file->filename && *file->filename ? file->filename : "upload", gov, (int)y,
                         &res, &err);
    if (st == LS_OK) {
        snprintf(location, sizeof location, "/reports/%lld", res.report_id);
        ls_res_redirect(r, location);
    } else if (st == LS_EINVAL || st == LS_EUTF8 || st == LS_EBINARY || st == LS_ELIMIT) {
        r->status = st == LS_ELIMIT ? 413 : 400;
        import_message(st, &err, msg, sizeof msg);
        import_form(r, gov, year, msg);
    } else {
        ls_page_error(r, st == LS_EBUSY ? 503 : 500, err.message);
    }
}
