/*
 * pages_users.c — the accounts of the web app, for the office (admin):
 *
 *   GET  /users    the users with their role and unit, and a form to add
 *                  one (name, role, unit for a unit user, password)
 *   POST /users    (admin) ls_store_user_add, 303 back to /users
 *   POST /users/enabled  (admin) name, enabled=0|1: disables a user (staff
 *                  who left: no sign-in, sessions end) or enables it again
 *
 * A refused account shows the form again with the message and what was
 * typed, except the password, which never goes back out. The same
 * accounts can be made with `luoshi user add` and POST /api/v1/users.
 */
#include <stdio.h>
#include <string.h>

#include "pages.h"

/* The role of a user in the words of the page. */
static const char *role_name(const char *role)
{
    if (!role)
        return "";
    if (strcmp(role, "admin") == 0)
        return "管理员（督查室）";
    if (strcmp(role, "unit") == 0)
        return "责任单位";
    if (strcmp(role, "viewer") == 0)
        return "只读";
    return role;
}

/* The button that disables or enables user 'u' (none on one's own row). */
static void enable_button(ls_req *r, const ls_user *u)
{
    const char *name = u->name, *me = r->user->name;
    int disabled = u->disabled_at != NULL;

    if (!disabled && strcmp(name, me) == 0)
        return;
    PUT(r, "<form class=\"inline\" method=\"post\" action=\"/users/enabled\">");
    ls_page_csrf(r);
    PUT(r, "<input type=\"hidden\" name=\"name\" value=\"");
    ls_res_text(r, name ? name : "");
    ls_buf_printf(&r->out,
                  "\"><input type=\"hidden\" name=\"enabled\" value=\"%d\">"
                  "<button type=\"submit\">%s</button></form>",
                  disabled, disabled ? "启用" : "停用");
}

static void user_row(ls_req *r, const ls_user *u)
{
    const char *unit = u->unit, *disabled = u->disabled_at;

    PUT(r, "<tr><td>");
    ls_res_text(r, u->name);
    PUT(r, "</td><td>");
    ls_res_text(r, role_name(u->role));
    PUT(r, "</td><td>");
    if (unit) {
        PUT(r, "<a href=\"/tasks?unit=");
        ls_res_url(r, unit);
        PUT(r, "\">");
        ls_res_text(r, unit);
        PUT(r, "</a>");
    } else {
        PUT(r, "—");
    }
    PUT(r, "</td><td>");
    if (disabled) {
        PUT(r, "<span class=\"status st-overdue\">已停用</span> <small class=\"muted\">");
        ls_res_text(r, disabled);
        PUT(r, "</small>");
    } else {
        PUT(r, "<span class=\"status st-done\">正常</span>");
    }
    PUT(r, "</td><td>");
    enable_button(r, u);
    PUT(r, "</td></tr>");
}

static void role_option(ls_req *r, const char *role, const char *selected)
{
    ls_buf_printf(&r->out, "<option value=\"%s\"%s>%s</option>", role,
                  selected && strcmp(selected, role) == 0 ? " selected" : "", role_name(role));
}

static void user_form(ls_req *r, const char *name, const char *role, const char *unit)
{
    PUT(r, "<form class=\"stack\" method=\"post\" action=\"/users\">");
    ls_page_csrf(r);
    PUT(r, "<label>用户名 <input name=\"name\" required maxlength=\"100\" "
           "autocomplete=\"off\" value=\"");
    ls_res_text(r, name ? name : "");
    PUT(r, "\"></label><label>角色 <select name=\"role\">");
    role_option(r, "unit", role ? role : "unit");
    role_option(r, "viewer", role);
    role_option(r, "admin", role);
    PUT(r, "</select></label><label>所属单位（责任单位账户必填） <select name=\"unit\">");
    ls_page_unit_options(r, unit, "（无）");
    PUT(r, "</select></label><label>初始密码（至少 8 位） <input type=\"password\" "
           "name=\"password\" required minlength=\"8\" autocomplete=\"new-password\">"
           "</label><button type=\"submit\">添加账户</button></form>");
}

/* The users page with HTTP 'status'; after a refused POST, 'msg' and the
 * fields typed show the form again. */
static void users_page(ls_req *r, int status, const char *msg, const char *name,
                       const char *role, const char *unit)
{
    ls_user_list users;
    ls_error err;
    size_t i;

    if (ls_store_users(r->store, &users, &err) != LS_OK) {
        ls_page_error(r, 500, err.message);
        return;
    }
    r->status = status;
    ls_page_begin(r, "账户");
    ls_buf_printf(&r->out,
                  "<h1>账户</h1><p class=\"muted\">共 %zu 个账户。责任单位账户只能报送本单位"
                  "牵头或配合事项的进展；只读账户只能查看。人员离岗时停用其账户：不能再登录，"
                  "已登录的会话立即失效，记录全部保留。</p>",
                  users.n);
    PUT(r, "<section class=\"panel\"><h2>添加账户</h2>");
    if (msg)
        ls_page_notice(r, "error", msg);
    user_form(r, name, role, unit);
    PUT(r, "</section>");
    ls_page_table(r, "<th>用户名</th><th>角色</th><th>单位</th><th>状态</th><th></th>",
                  LS_TABLE_SORT);
    for (i = 0; i < users.n; i++)
        user_row(r, &users.at[i]);
    ls_page_table_end(r);
    ls_page_end(r);
    ls_mem_free(users.mem);
}

void h_users_page(ls_req *r)
{
    users_page(r, 200, NULL, NULL, NULL, NULL);
}

void h_user_add_page(ls_req *r)
{
    const char *name = ls_req_form(r, "name"), *role = ls_req_form(r, "role");
    const char *unit = ls_req_form(r, "unit"), *password = ls_req_form(r, "password");
    const char *msg = NULL;
    ls_error err;
    ls_status st;

    if (unit && !*unit)
        unit = NULL;
    if (!name || !*name)
        msg = "请填写用户名";
    else if (!role || (strcmp(role, "admin") && strcmp(role, "unit") && strcmp(role, "viewer")))
        msg = "请选择角色";
    else if (strcmp(role, "unit") == 0 && !unit)
        msg = "责任单位账户须选择所属单位";
    else if (!password || strlen(password) < 8)
        msg = "密码至少 8 位";
    if (msg) {
        users_page(r, 400, msg, name, role, unit);
        return;
    }
    st = ls_store_user_add(r->store, name, role, strcmp(role, "unit") == 0 ? unit : NULL,
                           password, &err);
    if (st == LS_OK)
        ls_res_redirect(r, "/users");
    else if (st == LS_EEXIST)
        users_page(r, 409, "该用户名已存在", name, role, unit);
    else if (st == LS_ENOTFOUND)
        users_page(r, 400, "没有这个单位", name, role, unit);
    else if (st == LS_EINVAL)
        users_page(r, 400, err.message, name, role, unit);
    else
        ls_page_error(r, st == LS_EBUSY ? 503 : 500, err.message);
}

void h_user_enable_page(ls_req *r)
{
    const char *name = ls_req_form(r, "name"), *enabled = ls_req_form(r, "enabled");
    const char *me = r->user->name;
    int enable = enabled && strcmp(enabled, "1") == 0;
    ls_error err;
    ls_status st;

    if (!name || !*name || !enabled || (strcmp(enabled, "0") && strcmp(enabled, "1"))) {
        users_page(r, 400, "请选择要停用或启用的账户", NULL, NULL, NULL);
        return;
    }
    if (!enable && me && strcmp(me, name) == 0) {
        users_page(r, 400, "不能停用自己的账户", NULL, NULL, NULL);
        return;
    }
    st = ls_store_user_set_enabled(r->store, name, enable, &err);
    if (st == LS_OK)
        ls_res_redirect(r, "/users");
    else if (st == LS_ENOTFOUND)
        users_page(r, 404, "没有这个账户", NULL, NULL, NULL);
    else if (st == LS_EINVAL)
        users_page(r, 400, "至少保留一个可用的管理员账户", NULL, NULL, NULL);
    else
        ls_page_error(r, st == LS_EBUSY ? 503 : 500, err.message);
}
