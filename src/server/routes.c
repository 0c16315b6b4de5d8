/*
 * routes.c — the route table of the web app and its JSON API: method,
 * path pattern (":id" matches a number), the least role that may use it,
 * and the handler. Every route is checked here, before its handler runs:
 *
 *   - the role: a page sends a visitor to /login, the API answers 401;
 *     too low a role is 403;
 *   - CSRF: a state-changing request (any method but GET and HEAD) is
 *     refused when a browser's Origin names another site, sign-in
 *     included; from a browser session it must carry the session's CSRF
 *     token (form field "csrf" or header X-CSRF-Token); scripts signed in
 *     with an API token need none (the sign-in form has a token of its
 *     own, auth.c);
 *   - the body: no body is read before the role is checked
 *     (ls_route_admit, called by server.c when the headers are in), and
 *     each route says how large a body it takes;
 *   - the body: an API request that says it sends JSON must send an
 *     object, and the fields of a form (files aside) must be UTF-8, or it
 *     is 400 before any handler reads it.
 */
#include <stdio.h>
#include <string.h>

#include <sodium.h>

#include "handlers.h"
#include "loop_web.h"

typedef struct {
    const char *method;
    const char *pattern;
    ls_role least;
    ls_body body; /* what it may send: nothing, a form, JSON, an upload */
    ls_handler handler;
} route;

/* ORDER: more specific patterns first where two could match. */
static const route routes[] = {
    {"GET", "/login", ROLE_NONE, BODY_NONE, h_login_page},
    {"POST", "/login", ROLE_NONE, BODY_SIGNIN, h_login},
    {"POST", "/logout", ROLE_VIEWER, BODY_SIGNIN, h_logout},
    {"GET", "/static/:name", ROLE_NONE, BODY_NONE, h_asset},
    {"GET", "/", ROLE_VIEWER, BODY_NONE, h_dashboard},
    {"POST", "/api/v1/login", ROLE_NONE, BODY_SIGNIN, h_api_login},
    {"POST", "/api/v1/logout", ROLE_VIEWER, BODY_SIGNIN, h_api_logout},
    {"GET", "/api/v1/me", ROLE_VIEWER, BODY_NONE, h_api_me},
    {"GET", "/api/v1/reports", ROLE_VIEWER, BODY_NONE, h_api_reports},
    {"POST", "/api/v1/reports", ROLE_ADMIN, BODY_UPLOAD, h_api_import},
    {"GET", "/api/v1/reports/:id", ROLE_VIEWER, BODY_NONE, h_api_report},
    {"GET", "/api/v1/reports/:id/outline", ROLE_VIEWER, BODY_NONE, h_api_report_outline},
    {"GET", "/api/v1/reports/:id/coverage", ROLE_VIEWER, BODY_NONE, h_api_report_coverage},
    {"GET", "/api/v1/reports/:id/mentions", ROLE_VIEWER, BODY_NONE, h_api_report_mentions},
    {"GET", "/api/v1/links", ROLE_VIEWER, BODY_NONE, h_api_links},
    {"POST", "/api/v1/units/remove", ROLE_ADMIN, BODY_DATA, h_api_unit_remove},
    {"GET", "/api/v1/users", ROLE_ADMIN, BODY_NONE, h_api_users},
    {"POST", "/api/v1/users", ROLE_ADMIN, BODY_DATA, h_api_user_add},
    {"POST", "/api/v1/users/disable", ROLE_ADMIN, BODY_DATA, h_api_user_disable},
    {"POST", "/api/v1/users/enable", ROLE_ADMIN, BODY_DATA, h_api_user_enable},
    {"POST", "/api/v1/tokens", ROLE_VIEWER, BODY_DATA, h_api_token_new},
    {"POST", "/api/v1/tokens/revoke", ROLE_VIEWER, BODY_DATA, h_api_token_revoke},
    {"GET", "/api/v1/tasks", ROLE_VIEWER, BODY_NONE, h_api_tasks},
    {"GET", "/api/v1/tasks/:id", ROLE_VIEWER, BODY_NONE, h_api_task},
    {"GET", "/api/v1/tasks/:id/history", ROLE_VIEWER, BODY_NONE, h_api_task_history},
    {"POST", "/api/v1/tasks/:id/assign", ROLE_ADMIN, BODY_DATA, h_api_assign},
    {"POST", "/api/v1/tasks/:id/remove", ROLE_ADMIN, BODY_DATA, h_api_item_remove},
    {"POST", "/api/v1/tasks/:id/restore", ROLE_ADMIN, BODY_DATA, h_api_item_restore},
    {"POST", "/api/v1/tasks/:id/progress", ROLE_UNIT, BODY_UPLOAD, h_api_progress},
    {"POST", "/api/v1/tasks/:id/finish", ROLE_UNIT, BODY_UPLOAD, h_api_finish},
    {"POST", "/api/v1/tasks/:id/review", ROLE_ADMIN, BODY_DATA, h_api_review},
    {"GET", "/api/v1/tasks/:id/evidence", ROLE_VIEWER, BODY_NONE, h_api_evidence_list},
    {"POST", "/api/v1/tasks/:id/evidence", ROLE_UNIT, BODY_UPLOAD, h_api_evidence_add},
    {"GET", "/api/v1/evidence/:id", ROLE_VIEWER, BODY_NONE, h_evidence_get},
    {"GET", "/api/v1/targets", ROLE_VIEWER, BODY_NONE, h_api_targets},
    {"GET", "/api/v1/units", ROLE_VIEWER, BODY_NONE, h_api_units},
    {"POST", "/api/v1/units", ROLE_ADMIN, BODY_DATA, h_api_unit_add},
    {"GET", "/api/v1/status", ROLE_VIEWER, BODY_NONE, h_api_status},
    {"GET", "/api/v1/bulletin", ROLE_VIEWER, BODY_NONE, h_api_bulletin},
    {"GET", "/api/v1/cycle", ROLE_VIEWER, BODY_NONE, h_api_cycle},
    {"POST", "/api/v1/cycle", ROLE_ADMIN, BODY_DATA, h_api_cycle_set},
    {"GET", "/api/v1/late", ROLE_VIEWER, BODY_NONE, h_api_late},
    {"GET", "/api/v1/rank", ROLE_VIEWER, BODY_NONE, h_api_rank},
    {"GET", "/api/v1/remind", ROLE_VIEWER, BODY_NONE, h_api_remind},
    {"GET", "/api/v1/todo", ROLE_UNIT, BODY_NONE, h_api_todo},
    {"GET", "/api/v1/export", ROLE_VIEWER, BODY_NONE, h_api_export},
    {"POST", "/api/v1/assignments", ROLE_ADMIN, BODY_UPLOAD, h_api_assignments},
    {"POST", "/api/v1/progress/import", ROLE_UNIT, BODY_UPLOAD, h_api_progress_import},
    {"GET", "/api/v1/compare", ROLE_VIEWER, BODY_NONE, h_api_compare},
    {"GET", "/api/v1/commitments", ROLE_VIEWER, BODY_NONE, h_api_commitments},
    {"GET", "/api/v1/aliases", ROLE_VIEWER, BODY_NONE, h_api_aliases},
    {"POST", "/api/v1/aliases", ROLE_ADMIN, BODY_DATA, h_api_alias_add},
    {"POST", "/api/v1/aliases/remove", ROLE_ADMIN, BODY_DATA, h_api_alias_remove},
    {"GET", "/compare", ROLE_VIEWER, BODY_NONE, h_compare_page},
    {"GET", "/reports", ROLE_VIEWER, BODY_NONE, h_reports_page},
    {"GET", "/reports/:id", ROLE_VIEWER, BODY_NONE, h_report_page},
    {"GET", "/tasks", ROLE_VIEWER, BODY_NONE, h_tasks_page},
    {"GET", "/tasks/:id", ROLE_VIEWER, BODY_NONE, h_task_page},
    {"POST", "/tasks/:id/assign", ROLE_ADMIN, BODY_DATA, h_task_assign},
    {"POST", "/tasks/:id/progress", ROLE_UNIT, BODY_UPLOAD, h_task_progress},
    {"POST", "/tasks/:id/evidence", ROLE_UNIT, BODY_UPLOAD, h_task_evidence},
    {"POST", "/tasks/:id/review", ROLE_ADMIN, BODY_DATA, h_task_review},
    {"GET", "/evidence/:id", ROLE_VIEWER, BODY_NONE, h_evidence_get},
    {"POST", "/tasks/batch", ROLE_ADMIN, BODY_DATA, h_tasks_batch},
    {"POST", "/tasks/:id/remove", ROLE_ADMIN, BODY_DATA, h_task_remove},
    {"POST", "/tasks/:id/restore", ROLE_ADMIN, BODY_DATA, h_task_restore},
    {"GET", "/targets", ROLE_VIEWER, BODY_NONE, h_targets_page},
    {"GET", "/bulletin", ROLE_VIEWER, BODY_NONE, h_bulletin_page},
    {"GET", "/late", ROLE_VIEWER, BODY_NONE, h_late_page},
    {"GET", "/remind", ROLE_VIEWER, BODY_NONE, h_remind_page},
    {"GET", "/todo", ROLE_UNIT, BODY_NONE, h_todo_page},
    {"GET", "/units", ROLE_VIEWER, BODY_NONE, h_units_page},
    {"POST", "/units", ROLE_ADMIN, BODY_DATA, h_unit_add_page},
    {"GET", "/import", ROLE_ADMIN, BODY_NONE, h_import_page},
    {"POST", "/import", ROLE_ADMIN, BODY_UPLOAD, h_import_post},
    {"GET", "/users", ROLE_ADMIN, BODY_NONE, h_users_page},
    {"POST", "/users", ROLE_ADMIN, BODY_DATA, h_user_add_page},
    {"POST", "/users/enabled", ROLE_ADMIN, BODY_DATA, h_user_enable_page},
};

/* Matches 'path' against 'pattern', filling the request's parameters.
 * ":id" takes a positive decimal number (/tasks/0 and /tasks/007 are no
 * rows), ":name" any one segment. */
static int match(const char *pattern, const char *path, ls_req *r)
{
    size_t np = 0;

    while (*pattern && *path) {
        if (*pattern == ':') {
            int number = strncmp(pattern, ":id", 3) == 0;
            size_t n = strcspn(path, "/");
            size_t i;
            if (n == 0 || n >= sizeof r->params[0] || np == LS_MAX_PARAMS)
                return 0;
            /* an id is a row's number: 1 to 18 digits, no leading zero */
            if (number && (path[0] == '0' || n > 18))
                return 0;
            for (i = 0; number && i < n; i++)
                if (path[i] < '0' || path[i] > '9')
                    return 0;
            memcpy(r->params[np], path, n);
            r->params[np++][n] = '\0';
            path += n;
            pattern += strcspn(pattern, "/");
            continue;
        }
        if (*pattern++ != *path++)
            return 0;
    }
    return *pattern == '\0' && (*path == '\0' || (path[0] == '/' && path[1] == '\0'));
}

static int is_api(const ls_req *r)
{
    return strncmp(r->path, "/api/", 5) == 0;
}

/* True when a POST from a session carries the session's CSRF token. */
static int csrf_ok(ls_req *r)
{
    const char *want = ls_csrf(r), *got;

    if (r->by_token || !r->user)
        return 1;
    got = ls_req_header(r, "X-CSRF-Token");
    if (!got)
        got = ls_req_form(r, "csrf");
    return got && *want && strlen(got) == strlen(want) &&
           sodium_memcmp(got, want, strlen(want)) == 0;
}

/* True when a browser says the request comes from a page of another site:
 * its Origin is not this server's (scheme aside, the host and port the
 * request was sent to), or "null". A request with no Origin (a script, an
 * older browser) is judged by the CSRF token alone. */
static int cross_site(ls_req *r)
{
    const char *origin = ls_req_header(r, "Origin"), *host = ls_req_header(r, "Host");
    const char *p;

    if (!origin)
        return 0;
    p = strstr(origin, "://");
    return !host || !p || strcmp(p + 3, host) != 0;
}

static void refuse(ls_req *r, int status, const char *code, const char *message)
{
    if (is_api(r)) {
        ls_res_error(r, status, code, message);
    } else if (status == 401) {
        ls_res_redirect(r, "/login");
    } else {
        ls_page_error(r, status, message);
    }
}

static int is_safe(const char *method)
{
    return strcmp(method, "GET") == 0 || strcmp(method, "HEAD") == 0;
}

/* True when an API request declares a JSON body that is not an object. */
static int bad_json(ls_req *r)
{
    const char *type = ls_req_header(r, "Content-Type");
    json_t *j;

    if (!is_api(r) || !type || strncmp(type, "application/json", 16) != 0 || r->body.len == 0)
        return 0;
    j = ls_req_json(r);
    json_decref(j);
    return j == NULL;
}

/* True when a field of the form is not valid UTF-8: its name, a file's
 * name (it is stored as the report's source), a value that is not a
 * file's bytes. */
static int bad_form(ls_req *r)
{
    size_t i;
    const ls_field *f;

    ls_req_form(r, "");
    for (i = 0; i < r->nfields; i++) {
        f = &r->fields[i];
        if (!ls_utf8_valid(f->name, strlen(f->name)) ||
            (f->filename && !ls_utf8_valid(f->filename, strlen(f->filename))) ||
            (!f->filename && !ls_utf8_valid(f->value, f->len)))
            return 1;
    }
    return 0;
}

/* The first check a request fails (role, CSRF, body) answered, or 0. */
static int refused(ls_req *r, ls_role least)
{
    if (least > ROLE_NONE && r->role == ROLE_NONE)
        refuse(r, 401, "unauthenticated", "请先登录 (sign in first)");
    else if (r->role < least)
        refuse(r, 403, "forbidden", "无权访问 (your role may not do this)");
    else if (!is_safe(r->method) && (cross_site(r) || !csrf_ok(r)))
        refuse(r, 403, "csrf", "CSRF token missing or wrong, or a form of another site");
    else if (bad_json(r))
        refuse(r, 400, "invalid_json", "the body is not a JSON object");
    else if (bad_form(r))
        refuse(r, 400, "invalid_utf8", "a form field is not valid UTF-8");
    else
        return 0;
    return 1;
}

/* The methods 'r->path' answers to, for the Allow header of a 405. */
static void allow_header(ls_req *r)
{
    char allow[64] = "";
    size_t i, n = 0;

    for (i = 0; i < sizeof routes / sizeof routes[0]; i++)
        if (n < sizeof allow && match(routes[i].pattern, r->path, r) &&
            !strstr(allow, routes[i].method))
            n += (size_t)snprintf(allow + n, sizeof allow - n, "%s%s", n ? ", " : "",
                                  routes[i].method);
    ls_res_header(r, "Allow", allow);
}

/* The route of 'r' (its parameters filled in), or NULL with '*path_known'
 * telling a known path asked with another method (405) from none (404). */
static const route *find_route(ls_req *r, int *path_known)
{
    size_t i;

    *path_known = 0;
    for (i = 0; i < sizeof routes / sizeof routes[0]; i++) {
        if (!match(routes[i].pattern, r->path, r))
            continue;
        *path_known = 1;
        if (strcmp(routes[i].method, r->method) == 0 ||
            (strcmp(r->method, "HEAD") == 0 && strcmp(routes[i].method, "GET") == 0))
            return &routes[i];
    }
    return NULL;
}

/* Answers a request that no route takes: 405 with Allow, or 404. */
static void no_route(ls_req *r, int path_known)
{
    if (path_known) {
        refuse(r, 405, "method_not_allowed", "method not allowed");
        allow_header(r);
    } else {
        refuse(r, 404, "not_found", "not found");
    }
}

static size_t limit_of(ls_body body)
{
    switch (body) {
    case BODY_SIGNIN: return LS_SIGNIN_LIMIT;
    case BODY_DATA: return LS_BODY_LIMIT;
    case BODY_UPLOAD: return LS_UPLOAD_LIMIT;
    case BODY_NONE: break;
    }
    return 0;
}

int ls_route_admit(ls_req *r)
{
    int path_known;
    const route *rt = find_route(r, &path_known);

    if (!rt) {
        no_route(r, path_known);
        return 0;
    }
    if (rt->least > ROLE_NONE && r->role == ROLE_NONE) {
        refuse(r, 401, "unauthenticated", "请先登录 (sign in first)");
        return 0;
    }
    if (r->role < rt->least) {
        refuse(r, 403, "forbidden", "无权访问 (your role may not do this)");
        return 0;
    }
    r->body_kind = rt->body;
    r->body_limit = limit_of(rt->body);
    return 1;
}

void ls_route(ls_req *r)
{
    int path_known;
    const route *rt = find_route(r, &path_known);

    if (!rt)
        no_route(r, path_known);
    else if (!refused(r, rt->least))
        rt->handler(r);
}
