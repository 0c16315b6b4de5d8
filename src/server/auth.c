/*
 * auth.c — signing in and out: the login page and form, the JSON login of
 * scripts, logout, and the current user. A session is a random token in
 * an HttpOnly, SameSite=Strict cookie; the store keeps only its hash, its
 * CSRF token and its expiry (ls_store_login). A failed sign-in says the
 * same thing for an unknown name and a wrong password.
 *
 * Password guessing is refused (429, Retry-After) before any password is
 * hashed: a name that failed LOGIN_NAME_FAILS times, or an address that
 * failed LOGIN_ADDRESS_FAILS times, within LOGIN_WINDOW seconds waits for
 * the end of that window (throttle.c). A good password clears its name.
 */
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "handlers.h"

const char *ls_csrf(ls_req *r)
{
    const char *c = r->user ? json_string_value(json_object_get(r->user, "csrf")) : NULL;

    return c ? c : "";
}

#define LOGIN_NAME_FAILS 10u
#define LOGIN_ADDRESS_FAILS 100u
#define LOGIN_WINDOW (15 * 60L)

/* The two keys a sign-in is counted under: its name and its address. */
typedef struct {
    char name[140];
    char address[80];
} login_keys;

static void keys_of(ls_req *r, const char *name, login_keys *k)
{
    char client[64];

    snprintf(k->name, sizeof k->name, "n:%.128s", name ? name : "");
    ls_req_client(r, client, sizeof client);
    snprintf(k->address, sizeof k->address, "a:%s", client);
}

/* Seconds to wait before a sign-in of 'k' is tried, 0 to go on. */
static long login_wait(ls_req *r, const login_keys *k)
{
    ls_throttle *t = ls_server_logins(r->srv);
    time_t now = time(NULL);
    long a = ls_throttle_wait(t, k->name, LOGIN_NAME_FAILS, now);
    long b = ls_throttle_wait(t, k->address, LOGIN_ADDRESS_FAILS, now);
    char retry[32];

    if (a < b)
        a = b;
    if (a > 0) {
        snprintf(retry, sizeof retry, "%ld", a);
        ls_res_header(r, "Retry-After", retry);
    }
    return a;
}

/* Counts the outcome 'st' of a sign-in of 'k'. */
static void login_counted(ls_req *r, const login_keys *k, ls_status st)
{
    ls_throttle *t = ls_server_logins(r->srv);
    time_t now = time(NULL);

    if (st == LS_OK) {
        ls_throttle_clear(t, k->name);
    } else if (st == LS_EINVAL) {
        ls_throttle_fail(t, k->name, LOGIN_WINDOW, now);
        ls_throttle_fail(t, k->address, LOGIN_WINDOW, now);
    }
}

static void set_session_cookie(ls_req *r, const char *token, long long seconds)
{
    char cookie[256];

    snprintf(cookie, sizeof cookie,
             "luoshi_session=%s; Path=/; HttpOnly; SameSite=Strict; Max-Age=%lld", token,
             seconds);
    ls_res_header(r, "Set-Cookie", cookie);
}

static void login_form(ls_req *r, const char *name, const char *message)
{
    ls_page_begin(r, "登录");
    ls_buf_puts(&r->out, "<section class=\"login\"><h1>落实 · 政府工作报告任务台账</h1>");
    if (message) {
        ls_buf_puts(&r->out, "<p class=\"error\" role=\"alert\">");
        ls_res_text(r, message);
        ls_buf_puts(&r->out, "</p>");
    }
    ls_buf_puts(&r->out, "<form method=\"post\" action=\"/login\"><label>用户名 <input "
                         "name=\"name\" autocomplete=\"username\" required value=\"");
    ls_res_text(r, name ? name : "");
    ls_buf_puts(&r->out, "\"></label><label>密码 <input name=\"password\" type=\"password\" "
                         "autocomplete=\"current-password\" required></label>"
                         "<button type=\"submit\">登录</button></form></section>");
    ls_page_end(r);
}

void h_login_page(ls_req *r)
{
    if (r->user) {
        ls_res_redirect(r, "/");
        return;
    }
    login_form(r, NULL, NULL);
}

void h_login(ls_req *r)
{
    const char *name = ls_req_form(r, "name"), *password = ls_req_form(r, "password");
    long long seconds = ls_server_session_seconds(r->srv);
    ls_session session;
    ls_error err;
    login_keys keys;
    long wait;
    ls_status st;
    char msg[96];

    keys_of(r, name, &keys);
    if ((wait = login_wait(r, &keys)) > 0) {
        snprintf(msg, sizeof msg, "登录失败次数过多，请 %ld 分钟后再试", (wait + 59) / 60);
        r->status = 429;
        login_form(r, name, msg);
        return;
    }
    st = ls_store_login(r->store, name ? name : "", password ? password : "", seconds, &session,
                        &err);
    login_counted(r, &keys, st);
    if (st == LS_EINVAL) {
        r->status = 401;
        login_form(r, name, "用户名或密码错误");
        return;
    }
    if (st != LS_OK) {
        ls_page_error(r, st == LS_EBUSY ? 503 : 500, err.message);
        return;
    }
    set_session_cookie(r, session.token, seconds);
    ls_res_redirect(r, "/");
}

void h_logout(ls_req *r)
{
    ls_error err;

    ls_store_logout(r->store, ls_req_cookie(r, "luoshi_session"), &err);
    set_session_cookie(r, "", 0);
    ls_res_redirect(r, "/login");
}

void h_api_login(ls_req *r)
{
    json_t *body = ls_req_json(r);
    const char *name = ls_req_param(r, body, "name");
    /* the password from the body only: a query is written to logs */
    const char *password = ls_req_form(r, "password");
    long long seconds = ls_server_session_seconds(r->srv);
    ls_session session;
    ls_error err;
    login_keys keys;
    ls_status st;

    if (!password)
        password = json_string_value(json_object_get(body, "password"));
    keys_of(r, name, &keys);
    if (login_wait(r, &keys) > 0) {
        ls_res_error(r, 429, "too_many_attempts",
                     "too many failed sign-ins: try again after Retry-After seconds");
        json_decref(body);
        return;
    }
    st = ls_store_login(r->store, name ? name : "", password ? password : "", seconds, &session,
                        &err);
    login_counted(r, &keys, st);
    if (st == LS_EINVAL) {
        ls_res_error(r, 401, "unauthenticated", "wrong name or password");
    } else if (st != LS_OK) {
        ls_res_store_error(r, st, &err);
    } else {
        set_session_cookie(r, session.token, seconds);
        ls_res_json(r, 200, json_pack("{s:s, s:s}", "name", name, "csrf", session.csrf));
    }
    json_decref(body);
}

void h_api_logout(ls_req *r)
{
    ls_error err;

    ls_store_logout(r->store, ls_req_cookie(r, "luoshi_session"), &err);
    set_session_cookie(r, "", 0);
    ls_res_json(r, 200, json_pack("{s:b}", "ok", 1));
}

void h_api_me(ls_req *r)
{
    ls_res_json(r, 200, json_deep_copy(r->user));
}
